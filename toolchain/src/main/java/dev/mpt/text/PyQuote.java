package dev.mpt.text;

/**
 * Python string and bytes literals written the way MicroPython's {@code repr()} writes
 * them: single quotes unless the text holds a single quote and no double quote; the quote
 * and backslash escaped; {@code \n}, {@code \r}, {@code \t} by name; other control
 * characters and DEL as {@code \xNN}. The result is always a valid literal with no raw
 * control character in it, so it can also be pasted into code sent to a board.
 *
 * <p>A str's characters beyond ASCII are escaped as MicroPython does ({@code \xNN},
 * <code>&#92;uNNNN</code>, <code>&#92;UNNNNNNNN</code>) or, with {@link Unicode#KEEP}, written as they are
 * (shorter, and readable in a listing). Either way a lone surrogate U+DC80..U+DCFF — how a
 * byte that was not valid UTF-8 is held in a Java string — is written as the byte {@code \xNN}.
 */
public final class PyQuote {
    private PyQuote() {}

    /** What becomes of a str's characters beyond ASCII. */
    public enum Unicode {
        /** {@code \xNN}, <code>&#92;uNNNN</code> or <code>&#92;UNNNNNNNN</code>, as MicroPython's repr. */
        ESCAPE,
        /** Written as they are. */
        KEEP
    }

    /** MicroPython's repr of a str. */
    public static String str(CharSequence s) {
        return str(s, Unicode.ESCAPE);
    }

    /** A str literal, characters beyond ASCII escaped or kept. */
    public static String str(CharSequence s, Unicode unicode) {
        char q = quote(s);
        StringBuilder sb = new StringBuilder(s.length() + 2).append(q);
        s.codePoints().forEach(cp -> {
            if (cp < 0x80) {
                ascii(sb, cp, q);
            } else if (cp >= 0xdc80 && cp <= 0xdcff) {
                hex(sb, "\\x", cp & 0xff, 2);
            } else if (unicode == Unicode.KEEP) {
                sb.appendCodePoint(cp);
            } else if (cp < 0x100) {
                hex(sb, "\\x", cp, 2);
            } else if (cp < 0x10000) {
                hex(sb, "\\u", cp, 4);
            } else {
                hex(sb, "\\U", cp, 8);
            }
        });
        return sb.append(q).toString();
    }

    /** MicroPython's repr of a bytes object: {@code b'...'}. */
    public static String bytes(byte[] data) {
        return bytes(data, 0, data.length);
    }

    /** MicroPython's repr of {@code data[off..off+len)} as a bytes object: {@code b'...'}. */
    public static String bytes(byte[] data, int off, int len) {
        char q = '\'';
        boolean single = false;
        for (int i = off; i < off + len; i++) {
            if (data[i] == '"') {
                single = false;
                break;
            }
            single |= data[i] == '\'';
        }
        if (single) {
            q = '"';
        }
        StringBuilder sb = new StringBuilder(len + 3).append('b').append(q);
        for (int i = off; i < off + len; i++) {
            int b = data[i] & 0xff;
            if (b < 0x80) {
                ascii(sb, b, q);
            } else {
                hex(sb, "\\x", b, 2);
            }
        }
        return sb.append(q).toString();
    }

    /** The quote MicroPython picks: ' unless the text holds ' and no ". */
    private static char quote(CharSequence s) {
        boolean single = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                return '\'';
            }
            single |= c == '\'';
        }
        return single ? '"' : '\'';
    }

    private static void ascii(StringBuilder sb, int c, char quote) {
        if (c == quote || c == '\\') {
            sb.append('\\').append((char) c);
        } else if (c >= 0x20 && c < 0x7f) {
            sb.append((char) c);
        } else if (c == '\n') {
            sb.append("\\n");
        } else if (c == '\r') {
            sb.append("\\r");
        } else if (c == '\t') {
            sb.append("\\t");
        } else {
            hex(sb, "\\x", c, 2);
        }
    }

    private static void hex(StringBuilder sb, String prefix, int value, int digits) {
        String h = Integer.toHexString(value);
        sb.append(prefix);
        for (int i = h.length(); i < digits; i++) {
            sb.append('0');
        }
        sb.append(h);
    }
}
