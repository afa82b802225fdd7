package dev.mpt.vm.extmod;

import dev.mpt.vm.Ops;
import dev.mpt.vm.PyBytes;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.Strs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** binascii: hex, base64 and CRC-32. */
final class Binascii {
    private Binascii() {}

    static PyModule binascii() {
        PyModule m = new PyModule("binascii");
        m.fn("hexlify", (a, kw) -> {
            byte[] d = Ops.bytesOf(a[0]);
            String sep = a.length > 1 ? (a[1] instanceof String ss ? ss : Strs.fromLatin1(Ops.bytesOf(a[1]))) : "";
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < d.length; i++) {
                if (i > 0) {
                    sb.append(sep);
                }
                sb.append(String.format("%02x", d[i] & 0xff));
            }
            return new PyBytes(Strs.latin1(sb.toString()));
        });
        m.fn("unhexlify", (a, kw) -> {
            String s = a[0] instanceof String str ? str : Strs.fromLatin1(Ops.bytesOf(a[0]));
            if (s.length() % 2 != 0) {
                throw Ops.valueError("odd-length string");
            }
            byte[] out = new byte[s.length() / 2];
            for (int i = 0; i < out.length; i++) {
                int hi = Character.digit(s.charAt(2 * i), 16);
                int lo = Character.digit(s.charAt(2 * i + 1), 16);
                if (hi < 0 || lo < 0) {
                    throw Ops.valueError("non-hex digit");
                }
                out[i] = (byte) (hi * 16 + lo);
            }
            return new PyBytes(out);
        });
        m.fn("b2a_base64", (a, kw) -> {
            boolean nl = kw == null || !kw.containsKey("newline") || Ops.truthy(kw.get("newline"));
            String s = java.util.Base64.getEncoder().encodeToString(Ops.bytesOf(a[0])) + (nl ? "\n" : "");
            return new PyBytes(Strs.latin1(s));
        });
        m.fn("a2b_base64", (a, kw) -> {
            byte[] in = a[0] instanceof String str ? str.getBytes(StandardCharsets.UTF_8) : Ops.bytesOf(a[0]);
            // characters outside the alphabet are skipped; '=' ends the data once it completes a group
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int acc = 0;
            int bits = 0;
            boolean padSeen = false;
            for (byte c : in) {
                if (c == '=') {
                    if (bits == 2 || (bits == 4 && padSeen)) {
                        bits = 0;
                        break;
                    }
                    padSeen = true;
                }
                int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= 'a' && c <= 'z' ? c - 'a' + 26
                        : c >= '0' && c <= '9' ? c - '0' + 52 : c == '+' ? 62 : c == '/' ? 63 : -1;
                if (v < 0) {
                    continue;
                }
                padSeen = false;
                acc = ((acc << 6) | v) & 0xffffff;
                bits += 6;
                if (bits >= 8) {
                    bits -= 8;
                    out.write((acc >> bits) & 0xff);
                }
            }
            if (bits != 0) {
                throw Ops.valueError("incorrect padding");
            }
            return new PyBytes(out.toByteArray());
        });
        m.fn("crc32", (a, kw) -> {
            long crc = ~(a.length > 1 ? Ops.toLong(a[1]) : 0L) & 0xffffffffL;
            for (byte b : Ops.bytesOf(a[0])) {
                crc ^= b & 0xff;
                for (int k = 0; k < 8; k++) {
                    crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xedb88320L : crc >>> 1;
                }
            }
            return ~crc & 0xffffffffL;
        });
        return m;
    }
}
