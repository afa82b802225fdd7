package dev.mpt.cli;

import java.security.MessageDigest;
import java.util.HexFormat;

/** Small helpers for the end-to-end tests. */
final class MountTestSupport {
    private MountTestSupport() {}

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
