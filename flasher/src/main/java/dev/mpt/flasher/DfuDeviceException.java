package dev.mpt.flasher;

/** The device reported an error status while doing something for us. */
public class DfuDeviceException extends FlasherException {
    private final DfuStatus status;

    public DfuDeviceException(String doing, DfuStatus status) {
        super(doing + " failed: device reports " + status.specName() + " (" + status.meaning() + ")");
        this.status = status;
    }

    /** The status the device reported. */
    public DfuStatus status() {
        return status;
    }
}
