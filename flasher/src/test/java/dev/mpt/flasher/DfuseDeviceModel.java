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

    final MemoryLayout layout = MemoryLayout.parse(LAYOUT);
    final byte[] flash = new byte[(int) layout.size()];
    final List<String> log = new ArrayList<>();
    int earlyPolls;
    long clock;
    int erases;
    int massErases;
    int programmedBlocks;
    boolean gone;
    boolean readProtected;

    private DfuState state = DfuState.DFU_IDLE;
    private DfuStatus status = DfuStatus.OK;
    private long pointer = 0x0800_0000L;
    private Runnable pending;
    private DfuStatus pendingResult = DfuStatus.OK;
    private int pendingTime;
    private long busyUntil;
    private final Map<String, Integer> counts = new HashMap<>();
    private final Map<String, String> faults = new HashMap<>();

    DfuseDeviceModel() {
        Arrays.fill(flash, (byte) 0xFF);
    }

    /** Injects a fault: kind "stall", "disconnect" or a status name, on the n-th event. */
    DfuseDeviceModel fault(String event, int n, String kind) {
        faults.put(event + ":" + n, kind);
        return this;
    }

    DfuState state() {
        return state;
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
        long address = op.equals("write") ? pointer + (long) (block - 2) * TRANSFER
                : op.equals("masserase") ? -1 : addressOf(data);
        pending = switch (op) {
            case "setaddr" -> () -> {
                if (layout.sectorAt(address).isEmpty()) {
                    pendingResult = DfuStatus.ERR_TARGET;
                } else {
                    pointer = address;
                }
            };
            case "erase" -> () -> {
                Sector s = layout.sectorAt(address).orElse(null);
                if (s == null || !s.erasable()) {
                    pendingResult = DfuStatus.ERR_TARGET;
                    return;
                }
                Arrays.fill(flash, offset(s.start()), offset(s.end()), (byte) 0xFF);
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
        if (layout.sectorAt(address).isEmpty()) {
            pendingResult = DfuStatus.ERR_TARGET;
            return;
        }
        if (address + data.length > layout.start() + layout.size()) {
            pendingResult = DfuStatus.ERR_ADDRESS;
            return;
        }
        boolean ok = true;
        for (int i = 0; i < data.length; i++) {
            int o = offset(address) + i;
            byte now = (byte) (flash[o] & data[i]);
            flash[o] = now;
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

    private int offset(long address) {
        return (int) (address - layout.start());
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
                if (layout.sectorAt(address).isEmpty()) {
                    throw stall(DfuStatus.ERR_TARGET);
                }
                int n = (int) Math.min(length, layout.start() + layout.size() - address);
                state = n < length ? DfuState.DFU_IDLE : DfuState.DFU_UPLOAD_IDLE;
                return Arrays.copyOfRange(flash, offset(address), offset(address) + n);
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
