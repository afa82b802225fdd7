package dev.mpt.flasher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small in-memory STM32-style DfuSe bootloader behind the {@link Transport} interface, for
 * fast unit tests: the DFU 1.1 state table, DfuSe commands, NOR flash semantics (programming
 * only clears bits), poll timeouts on a virtual clock, a request log and injected faults.
 */
final class DfuseDeviceModel implements Transport, DfuSession.Pause {
    static final int TRANSFER = 2048;
    static final String LAYOUT = "@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg";

    /** The memory of each alternate setting; one address space, as on an STM32. */
    final List<MemoryLayout> memories = new ArrayList<>();
    final List<byte[]> contents = new ArrayList<>();
    /** The first memory (alternate setting 0, the internal flash) and what it holds. */
    final MemoryLayout layout;
    final byte[] flash;
    final List<String> log = new ArrayList<>();
    int earlyPolls;
    long clock;
    int erases;
    int massErases;
    int programmedBlocks;
    boolean gone;
    boolean readProtected;
    int unprotects;
    int powerOns;

    private DfuState state = DfuState.DFU_IDLE;
    private DfuStatus status = DfuStatus.OK;
    private long pointer;
    private Runnable pending;
    private DfuStatus pendingResult = DfuStatus.OK;
    private int pendingTime;
    private long busyUntil;
    private final Map<String, Integer> counts = new HashMap<>();
    private final Map<String, String> faults = new HashMap<>();

    DfuseDeviceModel() {
        this(LAYOUT);
    }

    /** A device with a memory per alternate setting, described by DfuSe layout strings. */
    DfuseDeviceModel(String... layouts) {
        for (String l : layouts) {
            MemoryLayout m = MemoryLayout.parse(l);
            byte[] b = new byte[(int) m.size()];
            Arrays.fill(b, (byte) 0xFF);
            memories.add(m);
            contents.add(b);
        }
        layout = memories.get(0);
        flash = contents.get(0);
        pointer = layout.start();
    }

    private java.util.Optional<Sector> sectorAt(long address) {
        return memories.stream().map(m -> m.sectorAt(address)).flatMap(java.util.Optional::stream).findFirst();
    }

    /** The memory holding an address (known to be in one). */
    private int memoryAt(long address) {
        for (int i = 0; i < memories.size(); i++) {
            if (memories.get(i).sectorAt(address).isPresent()) {
                return i;
            }
        }
        throw new IllegalArgumentException(Long.toHexString(address));
    }

    private long memoryEnd(long address) {
        MemoryLayout m = memories.get(memoryAt(address));
        return m.start() + m.size();
    }

    /** The bytes at an address of any memory. */
    byte[] bytesAt(long address, int length) {
        int m = memoryAt(address);
        int o = (int) (address - memories.get(m).start());
        return Arrays.copyOfRange(contents.get(m), o, o + length);
    }

    /** Injects a fault: kind "stall", "disconnect" or a status name, on the n-th event. */
    DfuseDeviceModel fault(String event, int n, String kind) {
        faults.put(event + ":" + n, kind);
        return this;
    }

    DfuState state() {
        return state;
    }

    /** The device starts again (after a reset or a replug): in dfuIDLE, on the bus. */
    void powerOn() {
        gone = false;
        state = DfuState.DFU_IDLE;
        status = DfuStatus.OK;
        pointer = layout.start();
        powerOns++;
    }

    @Override
    public void pause(long ms) {
        clock += ms;
    }

    private String fire(String... events) {
        String kind = null;
        for (String e : events) {
            int n = counts.merge(e, 1, Integer::sum);
            String k = faults.remove(e + ":" + n);
            if (k != null) {
                kind = k;
            }
        }
        if ("disconnect".equals(kind)) {
            gone = true;
            throw new TransportException(TransportException.Kind.NO_DEVICE, "device disconnected");
        }
        return kind;
    }

    private TransportException stall(DfuStatus why) {
        state = DfuState.DFU_ERROR;
        status = why;
        return new TransportException(TransportException.Kind.STALL, "stall");
    }

    private void checkPresent() {
        if (gone) {
            throw new TransportException(TransportException.Kind.NO_DEVICE, "no device");
        }
    }

    @Override
    public void controlOut(int request, int value, byte[] data, int timeoutMs) {
        checkPresent();
        DfuRequest r = DfuRequest.of(request);
        log.add(r + " " + value + " " + data.length + " in " + state.name());
        switch (r) {
            case DNLOAD -> dnload(value, data);
            case CLRSTATUS -> {
                String k = fire("clrstatus", "any");
                if (k != null || state != DfuState.DFU_ERROR) {
                    throw stall(DfuStatus.ERR_STALLEDPKT);
                }
                state = DfuState.DFU_IDLE;
                status = DfuStatus.OK;
            }
            case ABORT -> {
                if (fire("abort", "any") != null) {
                    throw stall(DfuStatus.ERR_STALLEDPKT);
                }
                if (state == DfuState.DFU_ERROR || state == DfuState.DFU_DNBUSY || state == DfuState.DFU_DNLOAD_SYNC) {
                    throw stall(DfuStatus.ERR_STALLEDPKT);
                }
                state = DfuState.DFU_IDLE;
            }
            default -> throw stall(DfuStatus.ERR_STALLEDPKT);
        }
    }

    private void dnload(int block, byte[] data) {
        String kind;
        String op;
        if (data.length == 0) {
            op = "leave";
        } else if (block >= 2) {
            op = "write";
        } else if (block == 0 && data[0] == 0x21 && data.length == 5) {
            op = "setaddr";
        } else if (block == 0 && data[0] == 0x41) {
            op = data.length == 1 ? "masserase" : "erase";
        } else if (block == 0 && data[0] == (byte) 0x92 && data.length == 1) {
            op = "unprotect";
        } else {
            op = "other";
        }
        kind = fire("dnload", "any", op);
        if (kind != null && kind.equals("stall")) {
            throw stall(DfuStatus.ERR_STALLEDPKT);
        }
        if (state != DfuState.DFU_IDLE && state != DfuState.DFU_DNLOAD_IDLE) {
            throw stall(DfuStatus.ERR_STALLEDPKT);
        }
        if (data.length > TRANSFER || op.equals("other")) {
            throw stall(DfuStatus.ERR_STALLEDPKT);
        }
        pendingResult = kind == null ? DfuStatus.OK : statusNamed(kind);
        pendingTime = 0;
        if (op.equals("leave")) {
            state = DfuState.DFU_MANIFEST_SYNC;
            return;
        }
        if (op.equals("unprotect")) {
            // the chip erases itself, drops read protection and resets at once
            Arrays.fill(flash, (byte) 0xFF);
            readProtected = false;
            unprotects++;
            gone = true;
            return;
        }
        long address = op.equals("write") ? pointer + (long) (block - 2) * TRANSFER
                : op.equals("masserase") ? -1 : addressOf(data);
        pending = switch (op) {
            case "setaddr" -> () -> {
                if (sectorAt(address).isEmpty()) {
                    pendingResult = DfuStatus.ERR_TARGET;
                } else {
                    pointer = address;
                }
            };
            case "erase" -> () -> {
                Sector s = sectorAt(address).orElse(null);
                if (s == null || !s.erasable()) {
                    pendingResult = DfuStatus.ERR_TARGET;
                    return;
                }
                int m = memoryAt(address);
                long base = memories.get(m).start();
                Arrays.fill(contents.get(m), (int) (s.start() - base), (int) (s.end() - base), (byte) 0xFF);
                pendingTime = (int) (s.size() / 1024 * 8);
                erases++;
            };
            case "masserase" -> () -> {
                Arrays.fill(flash, (byte) 0xFF);
                pendingTime = 8000;
                massErases++;
            };
            default -> () -> program(address, data);
        };
        state = DfuState.DFU_DNLOAD_SYNC;
    }

    private void program(long address, byte[] data) {
        if (readProtected) {
            pendingResult = DfuStatus.ERR_VENDOR;
            return;
        }
        if (sectorAt(address).isEmpty()) {
            pendingResult = DfuStatus.ERR_TARGET;
            return;
        }
        if (address + data.length > memoryEnd(address)) {
            pendingResult = DfuStatus.ERR_ADDRESS;
            return;
        }
        byte[] memory = contents.get(memoryAt(address));
        boolean ok = true;
        for (int i = 0; i < data.length; i++) {
            int o = offset(address) + i;
            byte now = (byte) (memory[o] & data[i]);
            memory[o] = now;
            ok &= now == data[i];
        }
        programmedBlocks++;
        pendingTime = 9;
        if (!ok) {
            pendingResult = DfuStatus.ERR_VERIFY;
        }
    }

    private static DfuStatus statusNamed(String name) {
        for (DfuStatus s : DfuStatus.values()) {
            if (s.specName().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** Where an address is in its memory's contents. */
    private int offset(long address) {
        return (int) (address - memories.get(memoryAt(address)).start());
    }

    private static long addressOf(byte[] d) {
        return (d[1] & 0xFFL) | (d[2] & 0xFFL) << 8 | (d[3] & 0xFFL) << 16 | (d[4] & 0xFFL) << 24;
    }

    @Override
    public byte[] controlIn(int request, int value, int length, int timeoutMs) {
        checkPresent();
        DfuRequest r = DfuRequest.of(request);
        log.add(r + " " + value + " " + length + " in " + state.name());
        switch (r) {
            case GETSTATUS -> {
                String k = fire("getstatus", "any");
                if ("stall".equals(k)) {
                    throw stall(DfuStatus.ERR_STALLEDPKT);
                }
                return getStatus();
            }
            case GETSTATE -> {
                fire("getstate", "any");
                return new byte[] {(byte) state.code()};
            }
            case UPLOAD -> {
                String k = fire("upload", "any");
                if (k != null || (state != DfuState.DFU_IDLE && state != DfuState.DFU_UPLOAD_IDLE) || length > TRANSFER
                        || value == 1) {
                    throw stall(DfuStatus.ERR_STALLEDPKT);
                }
                if (value == 0) {
                    return new byte[] {0x00, 0x21, 0x41, (byte) 0x92};
                }
                if (readProtected) {
                    throw stall(DfuStatus.ERR_VENDOR);
                }
                long address = pointer + (long) (value - 2) * TRANSFER;
                if (sectorAt(address).isEmpty()) {
                    throw stall(DfuStatus.ERR_TARGET);
                }
                int n = (int) Math.min(length, memoryEnd(address) - address);
                state = n < length ? DfuState.DFU_IDLE : DfuState.DFU_UPLOAD_IDLE;
                return bytesAt(address, n);
            }
            default -> throw stall(DfuStatus.ERR_STALLEDPKT);
        }
    }

    private byte[] getStatus() {
        int poll = 0;
        switch (state) {
            case DFU_DNLOAD_SYNC -> {
                if (pendingResult == DfuStatus.OK) {
                    pending.run();
                }
                pending = null;
                state = DfuState.DFU_DNBUSY;
                poll = pendingTime;
                busyUntil = clock + pendingTime;
            }
            case DFU_DNBUSY -> {
                if (clock < busyUntil) {
                    earlyPolls++;
                }
                if (pendingResult != DfuStatus.OK) {
                    state = DfuState.DFU_ERROR;
                    status = pendingResult;
                } else {
                    state = DfuState.DFU_DNLOAD_IDLE;
                }
            }
            case DFU_MANIFEST_SYNC -> {
                state = DfuState.DFU_MANIFEST;
                byte[] answer = new StatusReport(status, 0, state, 0).encode();
                gone = true;
                return answer;
            }
            default -> { }
        }
        clock += 1;
        return new StatusReport(status, poll, state, 0).encode();
    }

    @Override
    public void close() {}
}
