package dev.mpt.flasher.cli;

import dev.mpt.flasher.FlasherException;

/** Addresses and lengths as users type them: 0x08000000, 134217728, 1024K, 1M. */
final class Numbers {
    private Numbers() {}

    static long parse(String what, String s) {
        String t = s.strip();
        long scale = 1;
        if (t.endsWith("K") || t.endsWith("k")) {
            scale = 1024;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("M") || t.endsWith("m")) {
            scale = 1024 * 1024;
            t = t.substring(0, t.length() - 1);
        }
        try {
            long v = t.startsWith("0x") || t.startsWith("0X") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
            v *= scale;
            if (v < 0 || v > 0xFFFF_FFFFL) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new FlasherException(what + " \"" + s + "\" is not a 32-bit number (write 0x08000000 or 134217728)");
        }
    }
}
