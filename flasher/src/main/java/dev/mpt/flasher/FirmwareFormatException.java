package dev.mpt.flasher;

/** A firmware file that cannot be read as the format it claims to be; the message says why. */
public class FirmwareFormatException extends FlasherException {
    public FirmwareFormatException(String message) {
        super(message);
    }
}
