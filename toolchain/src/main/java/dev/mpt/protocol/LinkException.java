package dev.mpt.protocol;

import java.io.IOException;

/** A link failed: it timed out, it was closed, or the channel beneath it broke. */
public class LinkException extends IOException {
    public LinkException(String message) {
        super(message);
    }

    public LinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
