package dev.mpt.monitor;

import java.nio.charset.StandardCharsets;

/**
 * Shows received bytes as hex and ASCII, sixteen to a line, as {@code hexdump -C} does:
 * {@code 0000000010  3e 3e 3e 20 0d 0a  |>>> ..|}. Each batch of bytes that arrives together
 * is shown at once, so a short reply is not held back until a line is full.
 */
public final class HexView {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();
    private long offset;

    /** The lines for a batch of bytes, each ending in CR LF (the terminal is raw). */
    public byte[] apply(byte[] buf, int off, int len) {
        StringBuilder sb = new StringBuilder(len * 5 + 32);
        for (int start = off; start < off + len; start += 16) {
            int n = Math.min(16, off + len - start);
            sb.append(String.format("%08x  ", offset));
            for (int i = 0; i < 16; i++) {
                if (i < n) {
                    int b = buf[start + i] & 0xff;
                    sb.append(DIGITS[b >> 4]).append(DIGITS[b & 15]).append(' ');
                } else {
                    sb.append("   ");
                }
                if (i == 7) {
                    sb.append(' ');
                }
            }
            sb.append(" |");
            for (int i = 0; i < n; i++) {
                int b = buf[start + i] & 0xff;
                sb.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
            }
            sb.append("|\r\n");
            offset += n;
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
