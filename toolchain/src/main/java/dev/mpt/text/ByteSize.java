package dev.mpt.text;

/**
 * Sizes in bytes as command lines write them: a number, then an optional {@code K} (×1024)
 * or {@code M} (×1024²), in either case — {@code 65536}, {@code 64k}, {@code 2M}. MicroPython's
 * unix port takes one more form for {@code -X heapsize=}: the number as C's {@code strtol}
 * reads it (decimal, {@code 0x} hex, a leading 0 for octal), and a {@code w} before the
 * suffix saying the size was meant for 32-bit words, scaled to the machine's word size.
 */
public final class ByteSize {
    private ByteSize() {}

    /** A size such as "65536", "64k" or "2M"; -1 when {@code text} is not one. */
    public static long parse(String text) {
        return parse(text, false, 4);
    }

    /**
     * The unix port's heap size: "1024", "0x10000", "64k", "16wk" (16 Ki of 32-bit words'
     * bytes, scaled to {@code wordBytes}-byte words); -1 when {@code text} is not one.
     */
    public static long parseWords(String text, int wordBytes) {
        return parse(text, true, wordBytes);
    }

    private static long parse(String text, boolean unixPort, int wordBytes) {
        String t = text.strip();
        int end = t.length();
        long multiplier = 1;
        if (end > 0 && (t.charAt(end - 1) | 0x20) == 'k') {
            multiplier = 1024;
            end--;
        } else if (end > 0 && (t.charAt(end - 1) | 0x20) == 'm') {
            multiplier = 1024 * 1024;
            end--;
        }
        boolean words = unixPort && end > 0 && (t.charAt(end - 1) | 0x20) == 'w';
        if (words) {
            end--;
        }
        long n = unixPort ? cInteger(t.substring(0, end)) : decimal(t.substring(0, end));
        if (n < 0) {
            return -1;
        }
        long bytes = n * multiplier;
        return words ? bytes * wordBytes / 4 : bytes;
    }

    private static long decimal(String s) {
        return s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '9') ? -1 : number(s, 10);
    }

    /** A non-negative integer as {@code strtol(s, &end, 0)} reads all of {@code s}, or -1. */
    private static long cInteger(String s) {
        if (s.length() > 2 && (s.startsWith("0x") || s.startsWith("0X"))) {
            return number(s.substring(2), 16);
        }
        if (s.length() > 1 && s.startsWith("0")) {
            return number(s.substring(1), 8);
        }
        return decimal(s);
    }

    private static long number(String digits, int radix) {
        try {
            long v = Long.parseLong(digits, radix);
            return v < 0 || v > Long.MAX_VALUE / (1 << 20) / 2 ? -1 : v;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
