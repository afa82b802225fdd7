package dev.mpt.bytecode;

import java.io.IOException;

/**
 * A .mpy file that cannot be read: truncated, not a .mpy file, another version, or with
 * contents that point outside their tables. The message is one line meant for the user,
 * e.g. {@code incompatible .mpy file: version 5, mpt reads 6}.
 */
public class MpyFormatException extends IOException {
    private final long offset;

    public MpyFormatException(String message) {
        this(message, -1);
    }

    public MpyFormatException(String message, long offset) {
        super(message);
        this.offset = offset;
    }

    /** Byte offset in the file where the problem was found, or -1 when not tied to one. */
    public long offset() {
        return offset;
    }
}
