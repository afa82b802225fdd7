package dev.mpt.protocol;

/**
 * The conversation with a board failed: it did not answer in time, answered with something
 * the protocol does not allow, reset in the middle, or went away. The message is one line
 * a user can read; {@link #kind()} tells callers which.
 */
public class BoardException extends LinkException {

    public enum Kind {
        /** Nothing (or not the expected answer) within the time allowed. */
        TIMEOUT,
        /** Bytes the protocol does not allow at that point (noise, wrong baud rate, not MicroPython). */
        PROTOCOL,
        /** The board rebooted while a command was running. */
        RESET,
        /** The link is closed: unplugged, socket closed, process exited. */
        DISCONNECTED
    }

    private final Kind kind;

    public BoardException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public BoardException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
