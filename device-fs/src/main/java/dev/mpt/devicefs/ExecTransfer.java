package dev.mpt.devicefs;

import dev.mpt.console.Progress;
import dev.mpt.protocol.BoardException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Base64;

/**
 * File content as code through the raw REPL: one exec call per chunk, the bytes as base64
 * when the board has {@code binascii} (mostly-text chunks as bytes literals), otherwise as
 * bytes literals both ways. Plain MicroPython that every firmware runs.
 */
public final class ExecTransfer implements FileTransfer {
    /** Data bytes per {@code write()} call in the code sent to the board. */
    static final int WRITE_CALL_BYTES = 1024;

    private final RemoteCode code;
    private final int chunkBytes;

    /** @param chunkBytes data bytes sent or received per exec call (at least 64) */
    public ExecTransfer(RemoteCode code, int chunkBytes) {
        if (chunkBytes < 64) {
            throw new IllegalArgumentException("chunk size must be at least 64 bytes");
        }
        this.code = code;
        this.chunkBytes = chunkBytes;
    }

    @Override
    public String description() throws RemoteFsException, BoardException {
        return "exec, " + (code.has("binascii") ? "base64" : "bytes literals") + ", " + chunkBytes + "-byte chunks";
    }

    @Override
    public byte[] receive(String path, long size, Progress progress) throws RemoteFsException, BoardException {
        boolean b64 = code.has("binascii");
        ByteArrayOutputStream data = new ByteArrayOutputStream((int) Math.min(size, 1 << 20));
        code.run(path, (b64 ? "import binascii\n" : "") + "_mpt_f=open(" + PyLiteral.str(path) + ",'rb')\n");
        try {
            while (true) {
                String out = code.run(path, "b=_mpt_f.read(" + chunkBytes + ")\n"
                        + (b64 ? "print(binascii.b2a_base64(b).decode().strip())\n" : "print(repr(b))\n"));
                byte[] chunk;
                try {
                    chunk = b64 ? Base64.getMimeDecoder().decode(out.strip()) : (byte[]) PyLiteral.parse(out.strip());
                } catch (RuntimeException e) {
                    throw new RemoteFsException(path + ": the board's answer arrived garbled");
                }
                if (chunk.length == 0) {
                    break;
                }
                data.writeBytes(chunk);
                progress.advance(chunk.length);
            }
        } finally {
            code.quietly("_mpt_f.close()\ndel _mpt_f\n");
        }
        return data.toByteArray();
    }

    @Override
    public void send(String path, byte[] data, Progress progress) throws RemoteFsException, BoardException {
        boolean b64 = code.has("binascii");
        code.run(path, (b64 ? "import binascii\n" : "") + "_mpt_f=open(" + PyLiteral.str(path) + ",'wb')\n"
                + "_mpt_w=_mpt_f.write\n");
        boolean done = false;
        try {
            for (int off = 0; off < data.length; off += chunkBytes) {
                int n = Math.min(chunkBytes, data.length - off);
                StringBuilder calls = new StringBuilder();
                for (int p = off; p < off + n; p += WRITE_CALL_BYTES) {
                    int m = Math.min(WRITE_CALL_BYTES, off + n - p);
                    calls.append("_mpt_w(").append(literal(data, p, m, b64)).append(")\n");
                }
                code.run(path, calls.toString());
                progress.advance(n);
            }
            code.run(path, "_mpt_f.close()\ndel _mpt_f,_mpt_w\n");
            done = true;
        } finally {
            if (!done) {
                code.quietly("try:\n _mpt_f.close()\nexcept Exception:\n pass\n"
                        + "try:\n del _mpt_f,_mpt_w\nexcept NameError:\n pass\n");
            }
        }
    }

    /** A chunk as code: a bytes literal when it is mostly text (or without binascii), else base64. */
    private static String literal(byte[] data, int off, int len, boolean b64) {
        int printable = 0;
        for (int i = off; i < off + len; i++) {
            int b = data[i] & 0xff;
            if (b >= 0x20 && b < 0x7f || b == '\n') {
                printable++;
            }
        }
        if (!b64 || printable * 10 >= len * 9) {
            return PyLiteral.bytes(data, off, len);
        }
        return "binascii.a2b_base64('" + Base64.getEncoder().encodeToString(Arrays.copyOfRange(data, off, off + len))
                + "')";
    }
}
