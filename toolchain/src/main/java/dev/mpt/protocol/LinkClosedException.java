package dev.mpt.protocol;

/** The other end of a link went away (end of stream, closed socket, exited process) or the link was closed. */
public class LinkClosedException extends LinkException {
    public LinkClosedException(String message) {
        super(message);
    }

    public LinkClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
