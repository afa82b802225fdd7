package dev.mpt.protocol;

/** No byte arrived on a link within the time a read was allowed to wait. */
public class LinkTimeoutException extends LinkException {
    public LinkTimeoutException(String message) {
        super(message);
    }
}
