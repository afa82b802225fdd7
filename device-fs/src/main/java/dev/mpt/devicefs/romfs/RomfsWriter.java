package dev.mpt.devicefs.romfs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The ROMFS image format: a header {@code D2 CD 31} and a length, then records, each a kind
 * and a length (both unsigned varints, 7 bits a byte, most significant group first, the
 * high bit set on all but the last byte) and a payload. A directory record holds its name
 * and the records of its entries; a file record holds its name and a verbatim data record.
 * The whole image has an even length: its length varint gets a redundant {@code 0x80}
 * byte in front when needed.
 */
public final class RomfsWriter {
    /** The first three bytes of every image. */
    public static final byte[] HEADER = {(byte) 0xd2, (byte) 0xcd, 0x31};

    static final int KIND_DATA_VERBATIM = 2;
    static final int KIND_DIRECTORY = 4;
    static final int KIND_FILE = 5;

    private record Open(String name, ByteArrayOutputStream records) {}

    private final Deque<Open> dirs = new ArrayDeque<>();

    public RomfsWriter() {
        dirs.push(new Open(null, new ByteArrayOutputStream()));
    }

    /** Starts a directory inside the current one; its entries follow until {@link #closeDir}. */
    public void openDir(String name) {
        ascii(name);
        dirs.push(new Open(name, new ByteArrayOutputStream()));
    }

    /** Ends the innermost open directory. */
    public void closeDir() {
        if (dirs.size() < 2) {
            throw new IllegalStateException("no directory open");
        }
        Open d = dirs.pop();
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        byte[] name = ascii(d.name());
        payload.writeBytes(uint(name.length));
        payload.writeBytes(name);
        payload.writeBytes(d.records().toByteArray());
        dirs.peek().records().writeBytes(record(KIND_DIRECTORY, payload.toByteArray()));
    }

    /** Adds a file to the current directory. */
    public void file(String name, byte[] data) {
        byte[] n = ascii(name);
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes(uint(n.length));
        payload.writeBytes(n);
        payload.writeBytes(record(KIND_DATA_VERBATIM, data));
        dirs.peek().records().writeBytes(record(KIND_FILE, payload.toByteArray()));
    }

    /** The image; every directory must have been closed. */
    public byte[] finish() {
        if (dirs.size() != 1) {
            throw new IllegalStateException("a directory is still open");
        }
        byte[] data = dirs.peek().records().toByteArray();
        byte[] len = uint(data.length);
        boolean pad = (HEADER.length + len.length + data.length) % 2 == 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(HEADER);
        if (pad) {
            out.write(0x80);
        }
        out.writeBytes(len);
        out.writeBytes(data);
        return out.toByteArray();
    }

    static byte[] record(int kind, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(uint(kind));
        out.writeBytes(uint(payload.length));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** An unsigned varint: 7-bit groups, most significant first, continuation bit on all but the last. */
    static byte[] uint(long value) {
        int n = 1;
        for (long v = value >>> 7; v != 0; v >>>= 7) {
            n++;
        }
        byte[] out = new byte[n];
        for (int i = n - 1; i >= 0; i--) {
            out[i] = (byte) ((value & 0x7f) | (i == n - 1 ? 0 : 0x80));
            value >>>= 7;
        }
        return out;
    }

    private static byte[] ascii(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) > 0x7f) {
                throw new IllegalArgumentException("ROMFS names must be ASCII: " + name);
            }
        }
        return name.getBytes(StandardCharsets.US_ASCII);
    }
}
