package dev.mpt.devicefs;

import dev.mpt.text.PyQuote;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Python literals on both sides of the wire: {@link #str} and {@link #bytes} write values
 * into code sent to the board (with {@link PyQuote}); {@link #parse} reads back what the board printed with
 * {@code repr()} — str, bytes, int, float, tuple, list, None, True, False.
 *
 * <p>Parsed values are Java {@link String}, {@code byte[]}, {@link BigInteger},
 * {@link Double}, {@link List}, {@link Boolean}, or {@code null} for None.
 */
public final class PyLiteral {
    private final String text;
    private int pos;

    private PyLiteral(String text) {
        this.text = text;
    }

    /**
     * A str literal for {@code s}, safe to paste into code in any context. Characters beyond
     * ASCII travel as UTF-8 rather than as escapes, which ports built without unicode
     * strings would not read.
     */
    public static String str(String s) {
        return PyQuote.str(s, PyQuote.Unicode.KEEP);
    }

    /** A bytes literal for {@code data[off..off+len)}, printable ASCII kept as is. */
    public static String bytes(byte[] data, int off, int len) {
        return PyQuote.bytes(data, off, len);
    }

    /** Parses one literal that fills {@code text} (surrounding spaces allowed). */
    public static Object parse(String text) {
        PyLiteral p = new PyLiteral(text);
        p.skipSpace();
        Object v = p.value();
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("unexpected text after the value");
        }
        return v;
    }

    private IllegalArgumentException error(String what) {
        String shown = text.length() > 60 ? text.substring(0, 60) + "..." : text;
        return new IllegalArgumentException("cannot read the board's answer (" + what + " at " + pos + "): " + shown);
    }

    private void skipSpace() {
        while (pos < text.length() && text.charAt(pos) == ' ') {
            pos++;
        }
    }

    private boolean take(String s) {
        if (text.startsWith(s, pos)) {
            pos += s.length();
            return true;
        }
        return false;
    }

    private Object value() {
        if (pos >= text.length()) {
            throw error("no value");
        }
        char c = text.charAt(pos);
        if (c == '(' || c == '[') {
            return sequence(c == '(' ? ')' : ']');
        }
        if (c == '\'' || c == '"') {
            return new String(quoted(false), StandardCharsets.UTF_8);
        }
        if (c == 'b' && pos + 1 < text.length() && (text.charAt(pos + 1) == '\'' || text.charAt(pos + 1) == '"')) {
            pos++;
            return quoted(true);
        }
        if (take("None")) {
            return null;
        }
        if (take("True")) {
            return Boolean.TRUE;
        }
        if (take("False")) {
            return Boolean.FALSE;
        }
        return number();
    }

    private List<Object> sequence(char close) {
        pos++;
        List<Object> items = new ArrayList<>();
        skipSpace();
        while (!take(String.valueOf(close))) {
            items.add(value());
            skipSpace();
            if (take(",")) {
                skipSpace();
            } else if (pos < text.length() && text.charAt(pos) != close) {
                throw error("expected ',' or '" + close + "'");
            }
            if (pos >= text.length()) {
                throw error("unterminated sequence");
            }
        }
        return items;
    }

    /** The bytes of a quoted literal; str literals are decoded from UTF-8 by the caller. */
    private byte[] quoted(boolean isBytes) {
        char quote = text.charAt(pos++);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == quote) {
                return out.toByteArray();
            }
            if (c != '\\') {
                if (isBytes && c > 0xff) {
                    throw error("non-byte character in bytes");
                }
                if (isBytes) {
                    out.write(c);
                } else {
                    out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                }
                continue;
            }
            if (pos >= text.length()) {
                throw error("unterminated escape");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case '\\', '\'', '"' -> out.write(e);
                case 'x' -> codePoint(out, hex(2), isBytes);
                case 'u' -> codePoint(out, hex(4), isBytes);
                case 'U' -> codePoint(out, hex(8), isBytes);
                default -> throw error("unknown escape \\" + e);
            }
        }
    }

    private void codePoint(ByteArrayOutputStream out, int cp, boolean isBytes) {
        if (isBytes) {
            out.write(cp);
        } else {
            out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        }
    }

    private int hex(int n) {
        if (pos + n > text.length()) {
            throw error("short escape");
        }
        try {
            int v = Integer.parseUnsignedInt(text.substring(pos, pos + n), 16);
            pos += n;
            return v;
        } catch (NumberFormatException ex) {
            throw error("bad escape");
        }
    }

    private Object number() {
        int start = pos;
        while (pos < text.length() && "+-0123456789.eEinfa".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String s = text.substring(start, pos);
        if (s.isEmpty()) {
            throw error("unexpected character");
        }
        try {
            if (s.matches("[+-]?[0-9]+")) {
                return new BigInteger(s);
            }
            if (s.equals("inf") || s.equals("-inf")) {
                return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            if (s.equals("nan")) {
                return Double.NaN;
            }
            return Double.parseDouble(s);
        } catch (NumberFormatException ex) {
            pos = start;
            throw error("bad number");
        }
    }
}
