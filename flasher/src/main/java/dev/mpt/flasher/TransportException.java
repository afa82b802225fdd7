package dev.mpt.flasher;

/** A control transfer that did not complete. */
public class TransportException extends FlasherException {
    /** How a transfer failed. */
    public enum Kind {
        /** The device answered STALL: it refused the request. */
        STALL,
        /** The device is gone (unplugged, reset, or it left DFU mode). */
        NO_DEVICE,
        /** The device did not answer in time. */
        TIMEOUT,
        /** The operating system refused access to the device. */
        ACCESS,
        /** Any other I/O failure. */
        IO
    }

    private final Kind kind;

    public TransportException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
