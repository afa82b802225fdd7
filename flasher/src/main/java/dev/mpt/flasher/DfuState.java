package dev.mpt.flasher;

/** The states of DFU 1.1 (section 6.1.2), with what each means for someone flashing. */
public enum DfuState {
    APP_IDLE(0, "appIDLE", "the device runs its application and can be told to detach into DFU mode"),
    APP_DETACH(1, "appDETACH", "the device got DETACH and waits for a USB reset to enter DFU mode"),
    DFU_IDLE(2, "dfuIDLE", "DFU mode, waiting for a download or upload"),
    DFU_DNLOAD_SYNC(3, "dfuDNLOAD-SYNC", "a download block arrived; the host must ask for status"),
    DFU_DNBUSY(4, "dfuDNBUSY", "the device is erasing or programming"),
    DFU_DNLOAD_IDLE(5, "dfuDNLOAD-IDLE", "a download is under way, waiting for the next block"),
    DFU_MANIFEST_SYNC(6, "dfuMANIFEST-SYNC", "the last block arrived; the host must ask for status to start manifestation"),
    DFU_MANIFEST(7, "dfuMANIFEST", "the device is installing the new firmware"),
    DFU_MANIFEST_WAIT_RESET(8, "dfuMANIFEST-WAIT-RESET", "the firmware is installed; the device waits for a USB reset"),
    DFU_UPLOAD_IDLE(9, "dfuUPLOAD-IDLE", "an upload is under way"),
    DFU_ERROR(10, "dfuERROR", "an error occurred; the host must clear it with CLRSTATUS");

    private static final DfuState[] BY_CODE = values();

    private final int code;
    private final String specName;
    private final String meaning;

    DfuState(int code, String specName, String meaning) {
        this.code = code;
        this.specName = specName;
        this.meaning = meaning;
    }

    /** bState as sent on the wire. */
    public int code() {
        return code;
    }

    /** The name the specification uses, e.g. dfuDNLOAD-IDLE. */
    public String specName() {
        return specName;
    }

    /** What the state means, for people. */
    public String meaning() {
        return meaning;
    }

    /** The state with a code; a code outside the specification is a protocol error. */
    public static DfuState of(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new DfuProtocolException("device reported bState " + code + ", which DFU 1.1 does not define");
        }
        return BY_CODE[code];
    }

    @Override
    public String toString() {
        return specName;
    }
}
