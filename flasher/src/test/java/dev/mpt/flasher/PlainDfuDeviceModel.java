package dev.mpt.flasher;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain DFU 1.1 device (no DfuSe): firmware arrives in numbered blocks from 0, a zero-length
 * DNLOAD ends the download and starts manifestation; UPLOAD reads the firmware back. Either
 * manifestation tolerant (back to dfuIDLE) or not (waits for a reset and drops off the bus).
 */
final class PlainDfuDeviceModel implements Transport, DfuSession.Pause {
    static final int TRANSFER = 1024;

    final boolean manifestationTolerant;
    final List<String> log = new ArrayList<>();
    byte[] firmware = new byte[0];
    int earlyPolls;
    boolean gone;

    private final ByteArrayOutputStream incoming = new ByteArrayOutputStream();
    private DfuState state = DfuState.DFU_IDLE;
    private DfuStatus status = DfuStatus.OK;
    private int expectedBlock;
    private long clock;
    private long busyUntil;

    PlainDfuDeviceModel(boolean manifestationTolerant) {
        this.manifestationTolerant = manifestationTolerant;
    }

    @Override
    public void pause(long ms) {
        clock += ms;
    }

    private TransportException stall() {
        state = DfuState.DFU_ERROR;
        status = DfuStatus.ERR_STALLEDPKT;
        return new TransportException(TransportException.Kind.STALL, "stall");
    }

    @Override
    public void controlOut(int request, int value, byte[] data, int timeoutMs) {
        if (gone) {
            throw new TransportException(TransportException.Kind.NO_DEVICE, "gone");
        }
        DfuRequest r = DfuRequest.of(request);
        log.add(r + " " + value + " " + data.length + " in " + state.name());
        switch (r) {
            case DNLOAD -> {
                if (!DfuStateTable.allows(state, r, data.length) || data.length > TRANSFER) {
                    throw stall();
                }
                if (data.length == 0) {
                    state = DfuState.DFU_MANIFEST_SYNC;
                    return;
                }
                if (state == DfuState.DFU_IDLE) {
                    incoming.reset();
                    expectedBlock = 0;
                }
                if (value != expectedBlock) {
                    throw stall();
                }
                expectedBlock++;
                incoming.writeBytes(data);
                state = DfuState.DFU_DNLOAD_SYNC;
            }
            case CLRSTATUS -> {
                if (state != DfuState.DFU_ERROR) {
                    throw stall();
                }
                state = DfuState.DFU_IDLE;
                status = DfuStatus.OK;
            }
            case ABORT -> {
                if (!DfuStateTable.allows(state, r, 0)) {
                    throw stall();
                }
                state = DfuState.DFU_IDLE;
            }
            default -> throw stall();
        }
    }

    @Override
    public byte[] controlIn(int request, int value, int length, int timeoutMs) {
        if (gone) {
            throw new TransportException(TransportException.Kind.NO_DEVICE, "gone");
        }
        DfuRequest r = DfuRequest.of(request);
        log.add(r + " " + value + " " + length + " in " + state.name());
        switch (r) {
            case GETSTATUS -> {
                int poll = 0;
                if (clock < busyUntil) {
                    earlyPolls++;
                }
                switch (state) {
                    case DFU_DNLOAD_SYNC -> {
                        state = DfuState.DFU_DNBUSY;
                        poll = 5;
                    }
                    case DFU_DNBUSY -> state = DfuState.DFU_DNLOAD_IDLE;
                    case DFU_MANIFEST_SYNC -> {
                        firmware = incoming.toByteArray();
                        state = DfuState.DFU_MANIFEST;
                        poll = 20;
                    }
                    case DFU_MANIFEST -> {
                        if (manifestationTolerant) {
                            state = DfuState.DFU_IDLE;
                        } else {
                            state = DfuState.DFU_MANIFEST_WAIT_RESET;
                            gone = true; // it resets itself into the new firmware
                            throw new TransportException(TransportException.Kind.IO, "device reset");
                        }
                    }
                    default -> { }
                }
                busyUntil = clock + poll;
                return new StatusReport(status, poll, state, 0).encode();
            }
            case GETSTATE -> {
                return new byte[] {(byte) state.code()};
            }
            case UPLOAD -> {
                if (!DfuStateTable.allows(state, r, length) || length > TRANSFER) {
                    throw stall();
                }
                int from = Math.min(firmware.length, value * TRANSFER);
                int to = Math.min(firmware.length, from + length);
                state = to - from < length ? DfuState.DFU_IDLE : DfuState.DFU_UPLOAD_IDLE;
                return Arrays.copyOfRange(firmware, from, to);
            }
            default -> throw stall();
        }
    }

    @Override
    public void close() {}
}
