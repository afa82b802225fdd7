package dev.mpt.flasher;

/**
 * The six bytes of a DFU_GETSTATUS answer.
 *
 * @param pollTimeoutMs bwPollTimeout: how long the host must wait before the next GETSTATUS
 */
public record StatusReport(DfuStatus status, int pollTimeoutMs, DfuState state, int iString) {
    /** Decodes a GETSTATUS answer. */
    public static StatusReport decode(byte[] b) {
        if (b.length != 6) {
            throw new DfuProtocolException("GETSTATUS answered " + b.length + " bytes instead of 6");
        }
        int poll = (b[1] & 0xFF) | (b[2] & 0xFF) << 8 | (b[3] & 0xFF) << 16;
        return new StatusReport(DfuStatus.of(b[0] & 0xFF), poll, DfuState.of(b[4] & 0xFF), b[5] & 0xFF);
    }

    /** Encodes this answer as the device sends it. */
    public byte[] encode() {
        return new byte[] {(byte) status.code(), (byte) pollTimeoutMs, (byte) (pollTimeoutMs >> 8),
            (byte) (pollTimeoutMs >> 16), (byte) state.code(), (byte) iString};
    }
}
