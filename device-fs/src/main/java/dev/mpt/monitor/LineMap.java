package dev.mpt.monitor;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How line endings (and Backspace/Delete) are rewritten on one direction of the monitor, as
 * picocom's {@code --imap}/{@code --omap} do. Each rule turns one byte into zero, one or two
 * bytes; the rules of a direction are applied together, byte by byte.
 *
 * <p>Rule names are picocom's: {@code crlf} (CR becomes LF), {@code crcrlf} (CR becomes
 * CR LF), {@code igncr} (CR dropped), {@code lfcr}, {@code lfcrlf}, {@code ignlf},
 * {@code bsdel} (Backspace becomes Delete), {@code delbs}. {@code in:NAME} applies to what
 * the board sends (the default), {@code out:NAME} to the keys sent to it. tio's names are
 * accepted as well: {@code icrnl}, {@code igncr}, {@code inlcr}, {@code inlcrnl},
 * {@code ocrnl}, {@code onlcrnl}, {@code odelbs}.
 */
public final class LineMap {
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte BS = 0x08;
    private static final byte DEL = 0x7f;

    /** Each rule: the byte it matches and what it becomes. */
    private static final Map<String, byte[]> RULES = new LinkedHashMap<>();
    private static final Map<String, String> TIO_NAMES = Map.of(
            "icrnl", "in:crlf", "igncr", "in:igncr", "inlcr", "in:lfcr", "inlcrnl", "in:lfcrlf",
            "ocrnl", "out:crlf", "onlcrnl", "out:lfcrlf", "odelbs", "out:delbs");

    static {
        RULES.put("crlf", new byte[] {CR, LF});
        RULES.put("crcrlf", new byte[] {CR, CR, LF});
        RULES.put("igncr", new byte[] {CR});
        RULES.put("lfcr", new byte[] {LF, CR});
        RULES.put("lfcrlf", new byte[] {LF, CR, LF});
        RULES.put("ignlf", new byte[] {LF});
        RULES.put("bsdel", new byte[] {BS, DEL});
        RULES.put("delbs", new byte[] {DEL, BS});
    }

    /** No rewriting. */
    public static final LineMap NONE = new LineMap(new byte[256][]);

    /** For each byte value, what it becomes, or null to leave it. */
    private final byte[][] table;
    private final boolean identity;

    private LineMap(byte[][] table) {
        this.table = table;
        boolean id = true;
        for (byte[] t : table) {
            id &= t == null;
        }
        this.identity = id;
    }

    /** The names a user can give, for help texts. */
    public static String names() {
        return String.join(", ", RULES.keySet());
    }

    /** The two directions a list of rule names describes. */
    public record Pair(LineMap in, LineMap out) {
        public static final Pair NONE = new Pair(LineMap.NONE, LineMap.NONE);
    }

    /**
     * Parses rule names, each optionally prefixed by {@code in:} or {@code out:}; a name may
     * hold several separated by commas.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static Pair parse(List<String> specs) {
        byte[][] in = new byte[256][];
        byte[][] out = new byte[256][];
        for (String spec : specs) {
            for (String part : spec.split(",")) {
                String name = part.strip().toLowerCase(Locale.ROOT);
                if (name.isEmpty()) {
                    continue;
                }
                name = TIO_NAMES.getOrDefault(name, name);
                byte[][] table = in;
                if (name.startsWith("in:")) {
                    name = name.substring(3);
                } else if (name.startsWith("out:")) {
                    name = name.substring(4);
                    table = out;
                }
                byte[] rule = RULES.get(name);
                if (rule == null) {
                    throw new IllegalArgumentException("unknown line mapping '" + part.strip() + "' (known: "
                            + names() + ", each optionally with in: or out: before it)");
                }
                byte[] becomes = new byte[rule.length - 1];
                System.arraycopy(rule, 1, becomes, 0, becomes.length);
                table[rule[0] & 0xff] = becomes;
            }
        }
        return new Pair(new LineMap(in), new LineMap(out));
    }

    public boolean isIdentity() {
        return identity;
    }

    /** The bytes rewritten; the same array (not a copy) when nothing changes. */
    public byte[] apply(byte[] buf, int off, int len) {
        if (identity) {
            if (off == 0 && len == buf.length) {
                return buf;
            }
            byte[] copy = new byte[len];
            System.arraycopy(buf, off, copy, 0, len);
            return copy;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(len + 16);
        for (int i = off; i < off + len; i++) {
            byte[] becomes = table[buf[i] & 0xff];
            if (becomes == null) {
                out.write(buf[i]);
            } else {
                out.write(becomes, 0, becomes.length);
            }
        }
        return out.toByteArray();
    }
}
