package dev.mpt.flasher;

/**
 * A failure the user can act on: a bad firmware file, a missing or misbehaving device, an
 * image that does not fit. The message is one line meant to be shown as it stands.
 */
public class FlasherException extends RuntimeException {
    public FlasherException(String message) {
        super(message);
    }

    public FlasherException(String message, Throwable cause) {
        super(message, cause);
    }
}
