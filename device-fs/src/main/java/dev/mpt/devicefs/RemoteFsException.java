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
}
