package dev.mpt.devicefs.mip;

import java.io.IOException;

/** A package that cannot be installed: one line for the user. */
public final class MipException extends IOException {
    public MipException(String message) {
        super(message);
    }
}
