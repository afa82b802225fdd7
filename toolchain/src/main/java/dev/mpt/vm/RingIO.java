package dev.mpt.vm;

/**
 * micropython.RingIO: a fixed-size byte ring buffer with a stream interface. {@code RingIO(n)}
 * holds up to n bytes; {@code RingIO(buffer)} works in the given buffer and holds one byte
 * less than its length (one slot tells full from empty). Writes take what fits; reads take
 * what is there.
 */
final class RingIO implements PyObject, Slots.Stream {
    static final PyType TYPE = new PyType("RingIO", new PyType[] {Types.OBJECT}, true);
    /** Indices are 16-bit on a board, so a ring has at most this many slots. */
    private static final int MAX_SLOTS = 65535;

    private final byte[] buf;
    private int head;
    private int tail;

    private RingIO(byte[] buf) {
        this.buf = buf;
    }

    public PyType type() {
        return TYPE;
    }

    int available() {
        return (tail - head + buf.length) % buf.length;
    }

    private int free() {
        return buf.length - 1 - available();
    }

    boolean hasRoom() {
        return free() > 0;
    }

    public long poll(VM vm, long mask) {
        return mask & ((available() > 0 ? POLL_RD : 0) | (hasRoom() ? POLL_WR : 0));
    }

    private byte[] take(long max) {
        int n = (int) Math.min(available(), max < 0 ? Integer.MAX_VALUE : max);
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = buf[head];
            head = (head + 1) % buf.length;
        }
        return out;
    }

    static {
        TYPE.maker = (cls, a, kw) -> {
            if (a.length != 1) {
                throw Ops.typeError("function takes 1 positional arguments but " + a.length + " were given");
            }
            byte[] buf;
            if (Ops.isInt(a[0])) {
                long n = Ops.toLong(a[0]);
                if (n < 1 || n + 1 > MAX_SLOTS) {
                    throw Ops.valueError("invalid size");
                }
                Heap.alloc(n + 1);
                buf = new byte[(int) n + 1];
            } else if (a[0] instanceof PyByteArray ba) {
                if (ba.len < 2 || ba.len > MAX_SLOTS) {
                    throw Ops.valueError("invalid buffer");
                }
                buf = ba.len == ba.data.length ? ba.data : (ba.data = java.util.Arrays.copyOf(ba.data, ba.len));
            } else if (a[0] instanceof String || a[0] instanceof PyBytes || a[0] == PyNone.NONE) {
                throw Ops.typeError("can't convert " + Ops.typeName(a[0]) + " to int");
            } else {
                throw Ops.typeError("object with buffer protocol required");
            }
            return new RingIO(buf);
        };
        BuiltinTypes.method(TYPE, "__repr__", (a, kw) -> "<RingIO>");
        BuiltinTypes.method(TYPE, "any", (a, kw) -> (long) ((RingIO) a[0]).available());
        BuiltinTypes.method(TYPE, "read", (a, kw) -> new PyBytes(((RingIO) a[0]).take(
                a.length > 1 && a[1] != PyNone.NONE ? Ops.toLong(a[1]) : -1)));
        BuiltinTypes.method(TYPE, "readline", (a, kw) -> {
            RingIO r = (RingIO) a[0];
            long max = a.length > 1 && a[1] != PyNone.NONE ? Ops.toLong(a[1]) : Long.MAX_VALUE;
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            while (out.size() < max && r.available() > 0) {
                byte b = r.buf[r.head];
                r.head = (r.head + 1) % r.buf.length;
                out.write(b);
                if (b == '\n') {
                    break;
                }
            }
            return new PyBytes(out.toByteArray());
        });
        BuiltinTypes.method(TYPE, "readinto", (a, kw) -> {
            RingIO r = (RingIO) a[0];
            int len = ArrayType.writableLength(a[1]);
            long max = a.length > 2 ? Math.min(Ops.toLong(a[2]), len) : len;
            byte[] got = r.take(max);
            ArrayType.store(a[1], got, got.length);
            return (long) got.length;
        });
        BuiltinTypes.method(TYPE, "write", (a, kw) -> {
            RingIO r = (RingIO) a[0];
            byte[] src = Ops.bytesOf(a[1]);
            int n = Math.min(src.length, r.free());
            for (int i = 0; i < n; i++) {
                r.buf[r.tail] = src[i];
                r.tail = (r.tail + 1) % r.buf.length;
            }
            return (long) n;
        });
        BuiltinTypes.method(TYPE, "close", (a, kw) -> PyNone.NONE);
    }
}
