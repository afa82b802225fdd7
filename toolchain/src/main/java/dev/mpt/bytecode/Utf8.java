package dev.mpt.bytecode;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 for the strings of a .mpy file, lossless for any bytes. MicroPython does not check
 * that str data is valid UTF-8: a source file in Latin-1 yields str constants that are
 * not. Such bytes decode, as Python's {@code surrogateescape} does, to the lone surrogates
 * U+DC80..U+DCFF, which valid UTF-8 never produces, and encode back to the same bytes.
 */
public final class Utf8 {
    private Utf8() {}

    /** Decodes bytes, turning each byte of an invalid sequence into U+DC00 + byte. */
    public static String decode(byte[] b) {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return dec.decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            // Slow path: decode piece by piece, escaping what does not decode.
        }
        StringBuilder sb = new StringBuilder(b.length);
        ByteBuffer in = ByteBuffer.wrap(b);
        CharBuffer out = CharBuffer.allocate(b.length + 1);
        dec.reset();
        while (in.hasRemaining()) {
            java.nio.charset.CoderResult r = dec.decode(in, out, true);
            out.flip();
            sb.append(out);
            out.clear();
            if (r.isError()) {
                for (int i = 0; i < r.length(); i++) {
                    sb.append((char) (0xdc00 | (in.get() & 0xff)));
                }
            } else if (r.isUnderflow()) {
                break;
            }
        }
        return sb.toString();
    }

    /** Encodes a string, turning the escapes made by {@link #decode} back into their bytes. */
    public static byte[] encode(String s) {
        boolean escaped = false;
        for (int i = 0; i < s.length() && !escaped; i++) {
            escaped = isEscape(s, i);
        }
        if (!escaped) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 8);
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            if (isEscape(s, i)) {
                out.writeBytes(s.substring(start, i).getBytes(StandardCharsets.UTF_8));
                out.write(s.charAt(i) & 0xff);
                start = i + 1;
            }
        }
        out.writeBytes(s.substring(start).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** A lone low surrogate in U+DC80..U+DCFF: an escaped byte. */
    private static boolean isEscape(String s, int i) {
        char c = s.charAt(i);
        return c >= 0xdc80 && c <= 0xdcff && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
    }
}
