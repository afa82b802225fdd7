package dev.mpt.flasher;

/** The device answered something DFU does not allow (a state, a length, a missing answer). */
public class DfuProtocolException extends FlasherException {
    public DfuProtocolException(String message) {
        super(message);
    }
}
