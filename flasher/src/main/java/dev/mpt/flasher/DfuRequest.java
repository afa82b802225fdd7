package dev.mpt.flasher;

/** The class-specific requests of DFU 1.1 (section 3), by bRequest. */
public enum DfuRequest {
    DETACH(0),
    DNLOAD(1),
    UPLOAD(2),
    GETSTATUS(3),
    CLRSTATUS(4),
    GETSTATE(5),
    ABORT(6);

    private final int code;

    DfuRequest(int code) {
        this.code = code;
    }

    /** bRequest on the wire. */
    public int code() {
        return code;
    }

    /** The request with a code, or null. */
    public static DfuRequest of(int code) {
        return code >= 0 && code < values().length ? values()[code] : null;
    }
}
