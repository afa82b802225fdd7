package dev.mpt.vm.extmod;

import dev.mpt.vm.ArrayType;
import dev.mpt.vm.ArgCheck;
import dev.mpt.vm.BuiltinTypes;
import dev.mpt.vm.Errno;
import dev.mpt.vm.Heap;
import dev.mpt.vm.Io;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyBuiltin;
import dev.mpt.vm.PyByteArray;
import dev.mpt.vm.PyBytes;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyException;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyObject;
import dev.mpt.vm.PyTuple;
import dev.mpt.vm.PyType;
import dev.mpt.vm.Types;
import dev.mpt.vm.VM;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * deflate: DeflateIO(stream, format=AUTO, wbits=0, close=False) decompressing raw DEFLATE
 * (RFC 1951), zlib (RFC 1950) or gzip (RFC 1952) data, and compressing with write() as
 * MicroPython's moddeflate does ({@link Lz77Deflater}: the same bytes out; the window 2**wbits,
 * 256 bytes by default; the header written at the first write, the end of the block and the
 * checksum trailer at close; each compressed byte written to the stream as it is complete).
 * Decoding is lazy and reads the source one byte at a time, only as far as
 * the output asked for needs; back-references further than the window (2**wbits, from the zlib
 * header or 256 bytes by default) are errors, as on a board with that little RAM for it.
 */
final class Deflate {
    private Deflate() {}

    static final long AUTO = 0;
    static final long RAW = 1;
    static final long ZLIB = 2;
    static final long GZIP = 3;

    static final PyType DEFLATE_IO = new PyType("DeflateIO", new PyType[] {Types.OBJECT}, true);

    private static final int[] LEN_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
        67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LEN_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
        5, 5, 5, 5, 0};
    private static final int[] DIST_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513,
        769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final int[] DIST_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10,
        11, 11, 12, 12, 13, 13};
    /** The order code-length code lengths are sent in, for dynamic blocks. */
    private static final int[] CLEN_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    /** A canonical Huffman code: how many codes of each length, and the symbols in code order. */
    private record Huffman(int[] counts, int[] symbols) {
        static Huffman of(int[] lengths, int n) {
            int[] counts = new int[16];
            for (int i = 0; i < n; i++) {
                counts[lengths[i]]++;
            }
            // where the symbols of each code length start in the code-ordered list
            int[] offs = new int[16];
            for (int len = 1; len < 15; len++) {
                offs[len + 1] = offs[len] + counts[len];
            }
            int[] symbols = new int[n];
            for (int i = 0; i < n; i++) {
                if (lengths[i] != 0) {
                    symbols[offs[lengths[i]]++] = i;
                }
            }
            counts[0] = 0;
            return new Huffman(counts, symbols);
        }
    }

    private static final Huffman FIXED_LIT;
    private static final Huffman FIXED_DIST;

    static {
        int[] l = new int[288];
        for (int i = 0; i < 288; i++) {
            l[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
        }
        FIXED_LIT = Huffman.of(l, 288);
        int[] d = new int[30];
        java.util.Arrays.fill(d, 5);
        FIXED_DIST = Huffman.of(d, 30);
    }

    static final class DeflateIO implements PyObject {
        final VM vm;
        final Object stream;
        final long format;
        final long wbits;
        final boolean closeStream;
        boolean closed;

        boolean started;
        boolean finished;
        long actualFormat;
        int window = 256;
        int bitBuf;
        int bitCnt;
        // the current block
        boolean inBlock;
        boolean lastBlock;
        int blockType;
        int storedLeft;
        Huffman lit;
        Huffman dist;
        int copyLen;
        int copyDist;
        // output history (for back-references) and checks
        final byte[] hist = new byte[32768];
        long outCount;
        final java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        final java.util.zip.Adler32 adler = new java.util.zip.Adler32();
        // compression: made at the first write
        Lz77Deflater writer;
        long inputLen;
        final java.util.zip.Checksum inputCheck;

        DeflateIO(VM vm, Object stream, long format, long wbits, boolean closeStream) {
            this.vm = vm;
            this.stream = stream;
            this.format = format;
            this.wbits = wbits;
            this.closeStream = closeStream;
            this.inputCheck = format == GZIP ? new java.util.zip.CRC32() : new java.util.zip.Adler32();
        }

        /**
         * Writes to the stream as MicroPython's stream write does: the number written, or -1 with
         * the error in {@link #writeErrno} (None from a stream written in Python is EAGAIN, a
         * negative count -errno).
         */
        long streamWrite(byte[] b) {
            Object r = Ops.call(Ops.getattr(stream, "write"),
                    stream instanceof Io.Stream ? new PyBytes(b) : new PyByteArray(b));
            if (r == PyNone.NONE) {
                writeErrno = 11;
                return -1;
            }
            long n = Ops.toLong(r);
            if (n < 0) {
                writeErrno = (int) -n; // io.IOBase: a negative count is -errno
                return -1;
            }
            return n;
        }

        int writeErrno;

        private void flushPending() {
            if (pending.size() > 0) {
                byte[] b = pending.toByteArray();
                pending.reset();
                if (streamWrite(b) < 0) {
                    throw Errno.oserror(writeErrno);
                }
            }
        }

        /**
         * Compressed bytes held back for a built-in stream (BytesIO, a file): they go out in one
         * write at the end of each write()/close() call, which nobody can tell from byte-by-byte
         * writes (a closed stream fails in the same call); a stream written in Python sees every
         * byte written on its own, as MicroPython writes them.
         */
        final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        void outByte(int b) {
            if (stream instanceof Io.Stream) {
                pending.write(b);
                return;
            }
            if (streamWrite(new byte[] {(byte) b}) < 0) {
                throw Errno.oserror(writeErrno);
            }
        }

        long write(Object data) {
            byte[] b = data instanceof String str ? str.getBytes(StandardCharsets.UTF_8) : Ops.bytesOf(data);
            if (b.length == 0) {
                return 0L; // the stream layer writes nothing for nothing: no header yet either
            }
            if (closed) {
                throw Errno.oserror(22);
            }
            if (writer == null) {
                int wb = wbits == 0 ? 8 : (int) wbits;
                Heap.allocBlock(1L << wb); // the window, before anything is written
                writer = new Lz77Deflater(wb, this::outByte);
                long r = 0;
                if (format == ZLIB) {
                    int cmf = 0x08 | Math.max(wb - 8, 1) << 4;
                    int flg = 0x80 | (31 - (cmf * 256 + 0x80) % 31);
                    r = streamWrite(new byte[] {(byte) cmf, (byte) flg});
                } else if (format == GZIP) {
                    // no name, no time, XFL 4 (fastest), OS 3 (unix)
                    r = streamWrite(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 4, 3});
                }
                if (r < 0) {
                    throw Errno.oserror(22);
                }
                writer.startBlock();
            }
            inputLen += b.length;
            inputCheck.update(b, 0, b.length);
            try {
                writer.compress(b, 0, b.length);
            } finally {
                flushPending();
            }
            return b.length;
        }

        /** Ends the compressed data (block end, then the zlib or gzip trailer); -1 when writing it failed. */
        long finishWrite() {
            try {
                writer.finishBlock();
            } finally {
                flushPending();
            }
            long v = inputCheck.getValue();
            if (format == ZLIB) {
                return streamWrite(new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v});
            } else if (format == GZIP) {
                long n = inputLen;
                return streamWrite(new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24),
                    (byte) n, (byte) (n >> 8), (byte) (n >> 16), (byte) (n >> 24)});
            }
            return 0;
        }

        public PyType type() {
            return DEFLATE_IO;
        }

        private PyError dataError() {
            return Errno.oserror(22);
        }

        /** The next byte of compressed input; EOFError when the source has run out. */
        int inByte() {
            byte[] b;
            if (stream instanceof Io.Stream fs) {
                b = fs.read(1);
            } else {
                PyByteArray buf = new PyByteArray(new byte[1]);
                Object n = Ops.call(Ops.getattr(stream, "readinto"), buf);
                if (n == PyNone.NONE) {
                    throw Errno.oserror(11);
                }
                long got = Ops.toLong(n);
                if (got < 0) {
                    throw Errno.oserror((int) -got); // io.IOBase: a negative count is -errno
                }
                b = got == 0 ? new byte[0] : new byte[] {buf.data[0]};
            }
            if (b.length == 0) {
                throw new PyError(new PyException(Types.EOF_ERROR, PyTuple.EMPTY));
            }
            return b[0] & 0xff;
        }

        int bits(int n) {
            while (bitCnt < n) {
                bitBuf |= inByte() << bitCnt;
                bitCnt += 8;
            }
            int v = bitBuf & ((1 << n) - 1);
            bitBuf >>>= n;
            bitCnt -= n;
            return v;
        }

        int decode(Huffman h) {
            int code = 0;
            int first = 0;
            int index = 0;
            for (int len = 1; len < 16; len++) {
                code |= bits(1);
                int count = h.counts[len];
                if (code - count < first) {
                    return h.symbols[index + (code - first)];
                }
                index += count;
                first += count;
                first <<= 1;
                code <<= 1;
            }
            throw dataError();
        }

        private void header() {
            long f = format;
            int b0 = -1;
            if (f == AUTO) {
                b0 = inByte();
                f = b0 == 0x1f ? GZIP : ZLIB;
            }
            actualFormat = f;
            int limit = wbits == 0 ? -1 : 1 << wbits;
            if (f == ZLIB) {
                int cmf = b0 >= 0 ? b0 : inByte();
                int flg = inByte();
                if ((cmf & 0x0f) != 8 || (cmf >> 4) > 7 || ((cmf << 8) | flg) % 31 != 0 || (flg & 0x20) != 0) {
                    throw dataError();
                }
                // the smaller of the header's window and the one asked for, as moddeflate
                int headerWindow = 1 << ((cmf >> 4) + 8);
                window = limit > 0 ? Math.min(headerWindow, limit) : headerWindow;
            } else if (f == GZIP) {
                int id1 = b0 >= 0 ? b0 : inByte();
                if (id1 != 0x1f || inByte() != 0x8b || inByte() != 8) {
                    throw dataError();
                }
                int flags = inByte();
                for (int i = 0; i < 6; i++) {
                    inByte();
                }
                if ((flags & 4) != 0) {
                    int xlen = inByte() | (inByte() << 8);
                    for (int i = 0; i < xlen; i++) {
                        inByte();
                    }
                }
                if ((flags & 8) != 0) {
                    while (inByte() != 0) {
                        // file name
                    }
                }
                if ((flags & 16) != 0) {
                    while (inByte() != 0) {
                        // comment
                    }
                }
                if ((flags & 2) != 0) {
                    inByte();
                    inByte();
                }
                window = limit > 0 ? limit : 1 << 15;
            } else {
                window = limit > 0 ? limit : 256;
            }
        }

        private void blockHeader() {
            lastBlock = bits(1) == 1;
            blockType = bits(2);
            switch (blockType) {
                case 0: {
                    bitBuf = 0;
                    bitCnt = 0;
                    int len = inByte() | (inByte() << 8);
                    int nlen = inByte() | (inByte() << 8);
                    if ((len ^ 0xffff) != nlen) {
                        throw dataError();
                    }
                    storedLeft = len;
                    break;
                }
                case 1:
                    lit = FIXED_LIT;
                    dist = FIXED_DIST;
                    break;
                case 2:
                    dynamicTables();
                    break;
                default:
                    throw dataError();
            }
            inBlock = true;
        }

        private void dynamicTables() {
            int nlen = bits(5) + 257;
            int ndist = bits(5) + 1;
            int ncode = bits(4) + 4;
            if (nlen > 286 || ndist > 30) {
                throw dataError();
            }
            int[] lengths = new int[320];
            for (int i = 0; i < ncode; i++) {
                lengths[CLEN_ORDER[i]] = bits(3);
            }
            Huffman lencode = Huffman.of(lengths, 19);
            int[] ll = new int[nlen + ndist];
            int i = 0;
            while (i < nlen + ndist) {
                int sym = decode(lencode);
                if (sym < 16) {
                    ll[i++] = sym;
                    continue;
                }
                int len = 0;
                int rep;
                if (sym == 16) {
                    if (i == 0) {
                        throw dataError();
                    }
                    len = ll[i - 1];
                    rep = 3 + bits(2);
                } else if (sym == 17) {
                    rep = 3 + bits(3);
                } else {
                    rep = 11 + bits(7);
                }
                if (i + rep > nlen + ndist) {
                    throw dataError();
                }
                while (rep-- > 0) {
                    ll[i++] = len;
                }
            }
            lit = Huffman.of(ll, nlen);
            dist = Huffman.of(java.util.Arrays.copyOfRange(ll, nlen, nlen + ndist), ndist);
        }

        private int emit(int b) {
            hist[(int) (outCount & 0x7fff)] = (byte) b;
            outCount++;
            crc.update(b);
            adler.update(b);
            return b;
        }

        private void trailer() {
            bitBuf = 0;
            bitCnt = 0;
            if (actualFormat == ZLIB) {
                long want = 0;
                for (int i = 0; i < 4; i++) {
                    want = (want << 8) | inByte();
                }
                if (want != adler.getValue()) {
                    throw dataError();
                }
            } else if (actualFormat == GZIP) {
                long want = 0;
                for (int i = 0; i < 4; i++) {
                    want |= (long) inByte() << (8 * i);
                }
                for (int i = 0; i < 4; i++) {
                    inByte();
                }
                if (want != crc.getValue()) {
                    throw dataError();
                }
            }
        }

        /** The next decompressed byte, or -1 at the end of the data. */
        int next() {
            if (!started) {
                started = true;
                header();
            }
            while (true) {
                if (copyLen > 0) {
                    copyLen--;
                    return emit(hist[(int) ((outCount - copyDist) & 0x7fff)] & 0xff);
                }
                if (finished) {
                    return -1;
                }
                if (!inBlock) {
                    if (lastBlock) {
                        finished = true;
                        trailer();
                        return -1;
                    }
                    blockHeader();
                    continue;
                }
                if (blockType == 0) {
                    if (storedLeft == 0) {
                        inBlock = false;
                        continue;
                    }
                    storedLeft--;
                    return emit(inByte());
                }
                int sym = decode(lit);
                if (sym < 256) {
                    return emit(sym);
                }
                if (sym == 256) {
                    inBlock = false;
                    continue;
                }
                sym -= 257;
                if (sym >= 29) {
                    throw dataError();
                }
                int len = LEN_BASE[sym] + bits(LEN_EXTRA[sym]);
                int ds = decode(dist);
                if (ds >= 30) {
                    throw dataError();
                }
                int d = DIST_BASE[ds] + bits(DIST_EXTRA[ds]);
                if (d > window || d > outCount) {
                    throw dataError();
                }
                copyLen = len;
                copyDist = d;
            }
        }

        byte[] read(long n) {
            if (closed) {
                throw Errno.oserror(9);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (n < 0 || out.size() < n) {
                int b = next();
                if (b < 0) {
                    break;
                }
                out.write(b);
            }
            return out.toByteArray();
        }
    }

    /**
     * Closes a stream as MicroPython's mp_stream_close: a built-in stream by its close(), one
     * written in Python (io.IOBase) by its ioctl(MP_STREAM_CLOSE, 0) when it has no close().
     */
    static void closeStream(Object stream) {
        if (!(stream instanceof Io.Stream) && Ops.getattrOrNull(stream, "close") == null) {
            Object ioctl = Ops.getattrOrNull(stream, "ioctl");
            if (ioctl != null) {
                Ops.call(ioctl, 4L, 0L);
                return;
            }
        }
        Ops.call(Ops.getattr(stream, "close"));
    }

    static PyModule module(VM vm) {
        PyModule m = new PyModule("deflate");
        m.globals.put("AUTO", AUTO);
        m.globals.put("RAW", RAW);
        m.globals.put("ZLIB", ZLIB);
        m.globals.put("GZIP", GZIP);
        m.globals.put("DeflateIO", DEFLATE_IO);
        DEFLATE_IO.maker = (cls, a, kw) -> {
            long format = Ops.toLong(ArgCheck.arg(a, 1, kw, "format", AUTO));
            long wbits = Ops.toLong(ArgCheck.arg(a, 2, kw, "wbits", 0L));
            boolean close = Ops.truthy(ArgCheck.arg(a, 3, kw, "close", false));
            if (format < AUTO || format > GZIP) {
                throw Ops.valueError("format");
            }
            if (wbits != 0 && (wbits < 5 || wbits > 15)) {
                throw Ops.valueError("wbits");
            }
            return new DeflateIO(vm, a[0], format, wbits, close);
        };
        return m;
    }

    static {
        BuiltinTypes.method(DEFLATE_IO, "read", (a, kw) -> {
            DeflateIO d = (DeflateIO) a[0];
            long n = a.length > 1 && a[1] != PyNone.NONE ? Ops.toLong(a[1]) : -1;
            return new PyBytes(d.read(n));
        });
        BuiltinTypes.method(DEFLATE_IO, "readinto", (a, kw) -> {
            DeflateIO d = (DeflateIO) a[0];
            int len = ArrayType.writableLength(a[1]);
            long n = a.length > 2 ? Math.min(len, Ops.toLong(a[2])) : len;
            byte[] r = d.read(n);
            ArrayType.store(a[1], r, r.length);
            return (long) r.length;
        });
        BuiltinTypes.method(DEFLATE_IO, "readline", (a, kw) -> {
            DeflateIO d = (DeflateIO) a[0];
            if (d.closed) {
                throw Errno.oserror(9);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                int b = d.next();
                if (b < 0) {
                    break;
                }
                out.write(b);
                if (b == '\n') {
                    break;
                }
            }
            return new PyBytes(out.toByteArray());
        });
        PyBuiltin.Native close = (a, kw) -> {
            DeflateIO d = (DeflateIO) a[0];
            if (!d.closed) {
                long r = d.writer != null ? d.finishWrite() : 0;
                d.closed = true;
                if (d.closeStream) {
                    closeStream(d.stream);
                }
                if (r < 0) {
                    throw Errno.oserror(d.writeErrno);
                }
            }
            return PyNone.NONE;
        };
        BuiltinTypes.method(DEFLATE_IO, "write", (a, kw) -> ((DeflateIO) a[0]).write(a[1]));
        BuiltinTypes.method(DEFLATE_IO, "close", close);
        BuiltinTypes.method(DEFLATE_IO, "__enter__", (a, kw) -> a[0]);
        BuiltinTypes.method(DEFLATE_IO, "__exit__", (a, kw) -> close.call(new Object[] {a[0]}, null));
    }
}
