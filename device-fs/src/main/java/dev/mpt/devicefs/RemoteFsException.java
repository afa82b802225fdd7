package dev.mpt.devicefs;

import java.io.IOException;

/** A file operation on the board failed; the message is one line naming the path and why. */
public class RemoteFsException extends IOException {
    private final String errnoName;

    public RemoteFsException(String message) {
        this(message, "");
    }

    public RemoteFsException(String message, String errnoName) {
        super(message);
        this.errnoName = errnoName;
    }

    /** The board's errno name (ENOENT, EEXIST, ENOSPC…), or "" when the failure had none. */
    public String errnoName() {
        return errnoName;
    }

    /** The same failure told of {@code shown} when it happened to {@code actual} (its temporary file). */
    RemoteFsException reportedAs(String actual, String shown) {
        String m = getMessage();
        if (!m.startsWith(actual + ": ")) {
            return this;
        }
        RemoteFsException e = new RemoteFsException(shown + m.substring(actual.length()), errnoName);
        e.setStackTrace(getStackTrace());
        return e;
    }
}
