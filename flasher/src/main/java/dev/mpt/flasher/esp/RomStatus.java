package dev.mpt.flasher.esp;

import java.util.Map;

/**
 * The ROM loader's error codes (the second status byte of an answer whose first status byte
 * is 1), as Espressif's serial-protocol documentation names them.
 */
public final class RomStatus {
    private RomStatus() {}

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0x05, "invalid message (the chip did not understand the command)"),
            Map.entry(0x06, "failed to act on the message"),
            Map.entry(0x07, "invalid checksum (the data was damaged on the line)"),
            Map.entry(0x08, "flash write error (the read-back check after writing failed)"),
            Map.entry(0x09, "flash read error"),
            Map.entry(0x0A, "invalid length for a flash read"),
            Map.entry(0x0B, "deflate error (the compressed data is invalid)"),
            Map.entry(0x0C, "deflate error (Adler-32 checksum of the inflated data is wrong)"),
            Map.entry(0x0D, "deflate error (parameters)"),
            Map.entry(0x0E, "invalid RAM binary size"),
            Map.entry(0x0F, "invalid RAM binary address"),
            Map.entry(0x01, "invalid parameter (a value out of range)"));

    /** "0x07 invalid checksum (…)", or "0x2a (an undocumented code)". */
    public static String describe(int code) {
        String name = NAMES.get(code);
        return String.format("0x%02x %s", code, name == null ? "(an undocumented code)" : name);
    }
}
