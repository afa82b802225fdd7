package dev.mpt.flasher;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Intel HEX (I8HEX/I16HEX/I32HEX): records of data, end of file, extended segment and
 * extended linear addresses. Adjacent data records are merged into one element each.
 */
public final class IntelHex {
    private IntelHex() {}

    private record Chunk(long address, byte[] data, int line) {}

    /** Whether the text looks like Intel HEX (first non-blank character is ':'). */
    public static boolean looksLike(byte[] file) {
        for (byte c : file) {
            if (c == ':') {
                return true;
            }
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != (byte) 0xEF && c != (byte) 0xBB && c != (byte) 0xBF) {
                return false;
            }
        }
        return false;
    }

    /**
     * Parses Intel HEX text.
     *
     * @throws FirmwareFormatException naming the line that is wrong
     */
    public static FirmwareImage parse(byte[] file) {
        String text = new String(file, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r?\n|\r", -1);
        long base = 0;
        boolean sawEnd = false;
        List<Chunk> chunks = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (sawEnd) {
                throw new FirmwareFormatException("hex line " + lineNo + ": data after the end-of-file record");
            }
            if (line.charAt(0) != ':') {
                throw new FirmwareFormatException("hex line " + lineNo + ": does not start with ':'");
            }
            byte[] rec = decodeHex(line.substring(1), lineNo);
            if (rec.length < 5) {
                throw new FirmwareFormatException("hex line " + lineNo + ": record too short");
            }
            int count = rec[0] & 0xFF;
            if (rec.length != count + 5) {
                throw new FirmwareFormatException("hex line " + lineNo + ": byte count says " + count
                        + " data bytes, the record has " + (rec.length - 5));
            }
            int sum = 0;
            for (byte x : rec) {
                sum += x & 0xFF;
            }
            if ((sum & 0xFF) != 0) {
                int expect = (-(sum - (rec[rec.length - 1] & 0xFF))) & 0xFF;
                throw new FirmwareFormatException(String.format(
                        "hex line %d: checksum is 0x%02x, expected 0x%02x", lineNo, rec[rec.length - 1] & 0xFF, expect));
            }
            int offset = ((rec[1] & 0xFF) << 8) | (rec[2] & 0xFF);
            int type = rec[3] & 0xFF;
            byte[] data = java.util.Arrays.copyOfRange(rec, 4, 4 + count);
            switch (type) {
                case 0x00 -> {
                    if (count > 0) {
                        chunks.add(new Chunk(base + offset, data, lineNo));
                    }
                }
                case 0x01 -> sawEnd = true;
                case 0x02 -> base = ((long) word(data, lineNo, type)) << 4;
                case 0x04 -> base = ((long) word(data, lineNo, type)) << 16;
                case 0x03, 0x05 -> {
                    // start address: where execution begins, not part of the memory image
                }
                default -> throw new FirmwareFormatException(String.format(
                        "hex line %d: unknown record type 0x%02x", lineNo, type));
            }
        }
        if (!sawEnd) {
            throw new FirmwareFormatException("hex file has no end-of-file record (truncated?)");
        }
        return FirmwareImage.of(FirmwareImage.Format.HEX, merge(chunks), Optional.empty(), true);
    }

    private static int word(byte[] data, int lineNo, int type) {
        if (data.length != 2) {
            throw new FirmwareFormatException(String.format(
                    "hex line %d: record type 0x%02x needs 2 data bytes, has %d", lineNo, type, data.length));
        }
        return ((data[0] & 0xFF) << 8) | (data[1] & 0xFF);
    }

    private static List<Element> merge(List<Chunk> chunks) {
        List<Chunk> sorted = new ArrayList<>(chunks);
        sorted.sort(Comparator.comparingLong(Chunk::address));
        List<Element> out = new ArrayList<>();
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        long runStart = -1;
        long runEnd = -1;
        int runLine = 0;
        for (Chunk c : sorted) {
            if (runStart >= 0 && c.address() < runEnd) {
                throw new FirmwareFormatException(String.format(
                        "hex line %d: data at 0x%08x overlaps data from line %d", c.line(), c.address(), runLine));
            }
            if (runStart < 0 || c.address() != runEnd) {
                if (runStart >= 0) {
                    out.add(new Element(runStart, run.toByteArray()));
                }
                run.reset();
                runStart = c.address();
            }
            run.writeBytes(c.data());
            runEnd = c.address() + c.data().length;
            runLine = c.line();
        }
        if (runStart >= 0) {
            out.add(new Element(runStart, run.toByteArray()));
        }
        return out;
    }

    private static byte[] decodeHex(String s, int lineNo) {
        if (s.length() % 2 != 0) {
            throw new FirmwareFormatException("hex line " + lineNo + ": odd number of hex digits");
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16);
            int lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new FirmwareFormatException("hex line " + lineNo + ": '" + s.substring(2 * i, 2 * i + 2)
                        + "' is not a hex byte");
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }
}
