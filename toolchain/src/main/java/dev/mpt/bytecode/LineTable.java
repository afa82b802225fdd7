package dev.mpt.bytecode;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The line-number table of a bytecode prelude: a run of (bytecode increment, line
 * increment) pairs, each in one byte {@code 0LLBBBBB} or two bytes {@code 1LLLBBBB LLLLLLLL}.
 * Lines start at 1 and bytecode offsets at 0 (relative to the first opcode).
 */
public final class LineTable {
    /** One step: from bytecode offset {@code bcOffset} on, the source line is {@code line}. */
    public record Entry(int bcOffset, int line) {}

    private final List<Entry> entries;

    private LineTable(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Decodes {@code data[start..end)}. */
    public static LineTable decode(byte[] data, int start, int end) throws MpyFormatException {
        List<Entry> out = new ArrayList<>();
        int bc = 0;
        int line = 1;
        int p = start;
        while (p < end) {
            int c = data[p] & 0xff;
            int bcInc;
            int lineInc;
            if ((c & 0x80) == 0) {
                bcInc = c & 0x1f;
                lineInc = c >> 5;
                p += 1;
            } else {
                if (p + 1 >= end) {
                    throw new MpyFormatException("corrupt .mpy file: line-number table ends mid-entry");
                }
                bcInc = c & 0xf;
                lineInc = ((c << 4) & 0x700) | (data[p + 1] & 0xff);
                p += 2;
            }
            bc += bcInc;
            line += lineInc;
            out.add(new Entry(bc, line));
        }
        return new LineTable(out);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The source line of the opcode at {@code bcOffset} (relative to the first opcode). */
    public int lineOf(int bcOffset) {
        int line = 1;
        for (Entry e : entries) {
            if (bcOffset < e.bcOffset()) {
                break;
            }
            line = e.line();
        }
        return line;
    }

    /**
     * Appends the entries for a step of {@code bytesToSkip} bytecode bytes and
     * {@code linesToSkip} lines, split as MicroPython's emitter splits them: the one-byte form
     * while at most 6 lines remain or more than 15 bytes do (lines move only once all bytes
     * have), otherwise the two-byte form.
     */
    public static void encodeStep(ByteArrayOutputStream out, int bytesToSkip, int linesToSkip) {
        while (bytesToSkip > 0 || linesToSkip > 0) {
            int b;
            int l;
            if (linesToSkip <= 6 || bytesToSkip > 0xf) {
                b = Math.min(bytesToSkip, 0x1f);
                l = b < bytesToSkip ? 0 : Math.min(linesToSkip, 3);
                out.write(b | l << 5);
            } else {
                b = Math.min(bytesToSkip, 0xf);
                l = Math.min(linesToSkip, 0x7ff);
                out.write(0x80 | b | ((l >> 4) & 0x70));
                out.write(l & 0xff);
            }
            bytesToSkip -= b;
            linesToSkip -= l;
        }
    }
}
