package dev.mpt.vm;

import dev.mpt.bytecode.BinaryOp;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** array.array (typed values kept as Python numbers) and a minimal memoryview. */
public final class ArrayType {
    private ArrayType() {}

    static final PyType ARRAY = new PyType("array", new PyType[] {Types.OBJECT}, true);

    public static final class PyArray implements PyObject {
        public final char code;
        public final List<Object> items = new ArrayList<>();
        int len;

        public PyArray(char code) {
            this.code = code;
        }

        public PyType type() {
            return ARRAY;
        }
    }

    /** A memoryview over a bytes-like object: a window [start, start+len). */
    public static final class MemoryView implements PyObject {
        public final Object target;
        public final int start;
        public final int len;

        public MemoryView(Object target, int start, int len) {
            this.target = target;
            this.start = start;
            this.len = len;
        }

        public PyType type() {
            return Types.MEMORYVIEW;
        }
    }

    static int itemSize(char c) {
        switch (c) {
            case 'b':
            case 'B':
                return 1;
            case 'h':
            case 'H':
                return 2;
            case 'i':
            case 'I':
            case 'f':
                return 4;
            case 'l':
            case 'L':
            case 'q':
            case 'Q':
            case 'd':
            case 'P':
            case 'O':
            case 'S':
                return 8;
            default:
                throw Ops.valueError("bad typecode");
        }
    }

    /** Typecodes for 64-bit unsigned values (MicroPython's unix port: pointers and longs are 64-bit). */
    private static boolean unsigned64(char c) {
        return c == 'Q' || c == 'L' || c == 'P' || c == 'S';
    }

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    /** The low 64 bits of an int, as a Java long (two's complement). */
    static long bits64(Object v) {
        if (v instanceof BigInteger b) {
            return b.longValue();
        }
        return Ops.toLong(v);
    }

    private static Object unsignedValue(long x) {
        return x >= 0 ? (Object) x : BigInteger.valueOf(x).add(TWO_64);
    }

    static Object norm(char c, Object v) {
        if (c == 'O') {
            return v;
        }
        if (c == 'f' || c == 'd') {
            double d = Ops.toDouble(v);
            return c == 'f' ? (double) (float) d : d;
        }
        if (itemSize(c) == 8) {
            long x = v instanceof Boolean || v instanceof Long || v instanceof BigInteger ? bits64(v) : Ops.toLong(v);
            return unsigned64(c) ? unsignedValue(x) : (Object) x;
        }
        long x = Ops.toLong(v);
        int bits = itemSize(c) * 8;
        if (bits < 64) {
            long mask = (1L << bits) - 1;
            x &= mask;
            if (Character.isLowerCase(c) && (x & (1L << (bits - 1))) != 0) {
                x -= 1L << bits;
            }
        }
        return x;
    }

    static PyArray make(char c, Object init) {
        PyArray a = new PyArray(c);
        itemSize(c);
        if (init != null) {
            if (init instanceof PyBytes || init instanceof PyByteArray) {
                byte[] b = Ops.bytesOf(init);
                ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                int n = b.length / itemSize(c);
                for (int i = 0; i < n; i++) {
                    a.items.add(read(bb, c));
                }
            } else {
                for (Object x : Ops.toList(init)) {
                    a.items.add(norm(c, x));
                }
            }
        }
        a.len = a.items.size();
        return a;
    }

    private static Object read(ByteBuffer bb, char c) {
        switch (c) {
            case 'b':
                return (long) bb.get();
            case 'B':
                return (long) (bb.get() & 0xff);
            case 'h':
                return (long) bb.getShort();
            case 'H':
                return (long) (bb.getShort() & 0xffff);
            case 'i':
                return (long) bb.getInt();
            case 'I':
                return bb.getInt() & 0xffffffffL;
            case 'q':
            case 'l':
                return bb.getLong();
            case 'Q':
            case 'L':
            case 'P':
            case 'S':
                return unsignedValue(bb.getLong());
            case 'O':
                bb.getLong();
                return PyNone.NONE;
            case 'f':
                return (double) bb.getFloat();
            default:
                return bb.getDouble();
        }
    }

    static byte[] bytes(PyArray a) {
        int sz = itemSize(a.code);
        ByteBuffer bb = ByteBuffer.allocate(sz * a.items.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (Object v : a.items) {
            switch (sz) {
                case 1:
                    bb.put((byte) Ops.toLong(v));
                    break;
                case 2:
                    bb.putShort((short) Ops.toLong(v));
                    break;
                case 4:
                    if (a.code == 'f') {
                        bb.putFloat((float) Ops.toDouble(v));
                    } else {
                        bb.putInt((int) Ops.toLong(v));
                    }
                    break;
                default:
                    if (a.code == 'd') {
                        bb.putDouble(Ops.toDouble(v));
                    } else if (a.code == 'O') {
                        bb.putLong(System.identityHashCode(v));
                    } else {
                        bb.putLong(bits64(v));
                    }
            }
        }
        return bb.array();
    }

    /** The bytes of item k alone. */
    private static byte[] itemBytes(PyArray a, int k) {
        PyArray one = new PyArray(a.code);
        one.items.add(a.items.get(k));
        return bytes(one);
    }

    /** Byte {@code i} of the array's memory (0 past its end). */
    static int byteAt(PyArray a, int i) {
        int sz = itemSize(a.code);
        int k = i / sz;
        if (i < 0 || k >= a.items.size()) {
            return 0;
        }
        return itemBytes(a, k)[i % sz] & 0xff;
    }

    /** Writes the {@code n} low bytes of {@code v} (little-endian) at byte {@code at} of the array's memory. */
    static void writeBytes(PyArray a, int at, int n, long v) {
        int sz = itemSize(a.code);
        for (int k = Math.max(0, at / sz); k < a.items.size() && k * sz < at + n; k++) {
            byte[] item = itemBytes(a, k);
            for (int j = 0; j < sz; j++) {
                int pos = k * sz + j;
                if (pos >= at && pos < at + n) {
                    item[j] = (byte) (v >>> (8 * (pos - at)));
                }
            }
            a.items.set(k, read(ByteBuffer.wrap(item).order(ByteOrder.LITTLE_ENDIAN), a.code));
        }
    }

    /**
     * The length in bytes of a buffer that can be written into (bytearray, array, a memoryview
     * of one); a TypeError "object with buffer protocol required" for anything else (bytes,
     * str, a memoryview of bytes), as MicroPython's get_buffer with MP_BUFFER_WRITE.
     */
    public static int writableLength(Object buf) {
        if (buf instanceof PyByteArray ba) {
            return ba.len;
        }
        if (buf instanceof PyArray a) {
            return a.items.size() * itemSize(a.code);
        }
        if (buf instanceof MemoryView mv && (mv.target instanceof PyByteArray || mv.target instanceof PyArray)) {
            return mv.len * (mv.target instanceof PyArray a ? itemSize(a.code) : 1);
        }
        throw Ops.typeError("object with buffer protocol required");
    }

    /** Copies the first n bytes of src into the front of a writable buffer (see {@link #writableLength}). */
    public static void store(Object buf, byte[] src, int n) {
        writableLength(buf);
        Object target = buf instanceof MemoryView mv ? mv.target : buf;
        int at = 0;
        if (buf instanceof MemoryView mv) {
            at = mv.start * (target instanceof PyArray a ? itemSize(a.code) : 1);
        }
        if (target instanceof PyByteArray ba) {
            System.arraycopy(src, 0, ba.data, at, n);
            return;
        }
        PyArray a = (PyArray) target;
        for (int i = 0; i < n; i++) {
            writeBytes(a, at + i, 1, src[i]);
        }
    }

    static Object iter(PyArray a) {
        return PyIter.of(new ArrayList<>(a.items).iterator());
    }

    static Object getitem(PyArray a, Object key) {
        if (key instanceof PySlice s) {
            PyArray r = new PyArray(a.code);
            for (Object x : Seqs.sliceArray(a.items.toArray(), s)) {
                r.items.add(x);
            }
            r.len = r.items.size();
            return r;
        }
        return a.items.get(Seqs.index(key, a.items.size(), "array"));
    }

    static void setitem(PyArray a, Object key, Object v) {
        if (key instanceof PySlice s) {
            PyList tmp = new PyList(a.items);
            Seqs.setitem(tmp, s, v instanceof PyArray pa ? new PyList(pa.items) : v);
            a.items.clear();
            for (Object x : tmp.items) {
                a.items.add(norm(a.code, x));
            }
            a.len = a.items.size();
            return;
        }
        a.items.set(Seqs.index(key, a.items.size(), "array"), norm(a.code, v));
    }

    static boolean eq(PyArray x, PyArray y) {
        // as on a board: the binary layouts are compared, which only works for the same
        // integer typecode (signedness aside)
        char cx = Character.toLowerCase(x.code);
        if (cx != Character.toLowerCase(y.code) || cx == 'f' || cx == 'd') {
            throw Ops.error(Types.NOT_IMPLEMENTED_ERROR, null);
        }
        return java.util.Arrays.equals(bytes(x), bytes(y));
    }

    static Object binary(BinaryOp op, PyArray a, Object b) {
        if (op.plain() == BinaryOp.ADD && b instanceof PyArray c) {
            PyArray r = op.isInplace() ? a : make(a.code, new PyList(a.items));
            for (Object x : c.items) {
                r.items.add(norm(a.code, x));
            }
            r.len = r.items.size();
            return r;
        }
        if (op == BinaryOp.LESS || op == BinaryOp.LESS_EQUAL || op == BinaryOp.MORE || op == BinaryOp.MORE_EQUAL) {
            if (!(b instanceof PyArray || b instanceof PyBytes || b instanceof PyByteArray || b instanceof MemoryView)) {
                return false;
            }
            char bc = b instanceof PyArray c ? c.code : 'B';
            boolean unsigned = Character.isUpperCase(a.code) || Character.isUpperCase(bc);
            if (Character.toLowerCase(a.code) == Character.toLowerCase(bc) && unsigned
                    && Character.toLowerCase(a.code) != 'f' && Character.toLowerCase(a.code) != 'd') {
                int c = java.util.Arrays.compareUnsigned(Ops.bytesOf(a), Ops.bytesOf(b));
                switch (op) {
                    case LESS:
                        return c < 0;
                    case LESS_EQUAL:
                        return c <= 0;
                    case MORE:
                        return c > 0;
                    default:
                        return c >= 0;
                }
            }
            throw Ops.error(Types.NOT_IMPLEMENTED_ERROR, null);
        }
        return null;
    }

    static void repr(StringBuilder sb, PyArray a) {
        sb.append("array('").append(a.code).append('\'');
        if (!a.items.isEmpty()) {
            sb.append(", ");
            Repr.repr(sb, new PyList(a.items));
        }
        sb.append(')');
    }

    static void register() {
        BuiltinTypes.method(ARRAY, "append", (a, kw) -> {
            PyArray x = (PyArray) a[0];
            x.items.add(norm(x.code, a[1]));
            x.len = x.items.size();
            return PyNone.NONE;
        });
        BuiltinTypes.method(ARRAY, "extend", (a, kw) -> {
            PyArray x = (PyArray) a[0];
            for (Object v : Ops.toList(a[1])) {
                x.items.add(norm(x.code, v));
            }
            x.len = x.items.size();
            return PyNone.NONE;
        });
        BuiltinTypes.method(ARRAY, "decode", (a, kw) -> BuiltinTypes.decodeUtf8(bytes((PyArray) a[0])));
        ARRAY.maker = (cls, a, kw) -> {
            String code = Ops.str(a[0]);
            return make(code.charAt(0), a.length > 1 ? a[1] : null);
        };
        Types.MEMORYVIEW.maker = (cls, a, kw) -> {
            if (a.length > 0 && a[0] instanceof Slots.Buffer b) {
                int[] w = b.bufferWindow();
                if (w != null) {
                    Heap.alloc(32);
                    return new MemoryView(b.bufferOwner(), w[0], w[1]);
                }
                a = new Object[] {b.bufferOwner()};
            } else if (a.length > 0 && a[0] instanceof String s) {
                // a str is a read-only buffer of its UTF-8 bytes in MicroPython
                a = new Object[] {new PyBytes(dev.mpt.bytecode.Utf8.encode(s))};
            }
            Heap.alloc(32);
            return new MemoryView(a[0], 0, (int) Ops.len(a[0]));
        };
    }

    /** A memoryview keeps its offset in 56 bits (on a 64-bit port): slices starting further overflow. */
    private static final BigInteger MV_OFFSET_LIMIT = BigInteger.ONE.shiftLeft(56);

    static Object mvGetitem(MemoryView mv, Object key) {
        if (key instanceof PySlice s && Ops.isInt(s.start()) && Ops.big(s.start()).compareTo(MV_OFFSET_LIMIT) >= 0) {
            throw Ops.error(Types.OVERFLOW_ERROR, "memoryview offset too large");
        }
        if (mv.target instanceof PyArray a) {
            if (key instanceof PySlice s) {
                long[] ix = Seqs.stepOneSlice(s, mv.len);
                Heap.alloc(32);
                return new MemoryView(mv.target, mv.start + (int) ix[0], (int) ix[3]);
            }
            return a.items.get(mv.start + Seqs.index(key, mv.len, "memoryview"));
        }
        byte[] d = Ops.bytesOf(mv.target);
        if (key instanceof PySlice s) {
            long[] ix = Seqs.stepOneSlice(s, mv.len);
            Heap.alloc(32);
            return new MemoryView(mv.target, mv.start + (int) ix[0], (int) ix[3]);
        }
        return (long) (d[mv.start + Seqs.index(key, mv.len, "memoryview")] & 0xff);
    }

    static void mvSetitem(MemoryView mv, Object key, Object v) {
        if (mv.target instanceof PyArray a && !(key instanceof PySlice)) {
            a.items.set(mv.start + Seqs.index(key, mv.len, "memoryview"), norm(a.code, v));
            return;
        }
        if (mv.target instanceof PyArray a && key instanceof PySlice s) {
            long[] ix = Seqs.sliceIndices(s, mv.len);
            List<Object> src;
            if (v instanceof MemoryView vm && vm.target instanceof PyArray va && itemSize(va.code) == itemSize(a.code)) {
                src = new ArrayList<>(va.items.subList(vm.start, vm.start + vm.len));
            } else if (v instanceof PyArray va && itemSize(va.code) == itemSize(a.code)) {
                src = new ArrayList<>(va.items);
            } else {
                throw Ops.valueError(null);
            }
            if (src.size() != ix[3]) {
                throw Ops.valueError(null);
            }
            for (int i = 0; i < src.size(); i++) {
                a.items.set(mv.start + (int) ix[0] + i, norm(a.code, src.get(i)));
            }
            return;
        }
        if (mv.target instanceof PyByteArray ba) {
            if (key instanceof PySlice s) {
                long[] ix = Seqs.sliceIndices(s, mv.len);
                if (v instanceof MemoryView vm && vm.target instanceof PyArray va && itemSize(va.code) != 1) {
                    throw Ops.valueError(null);
                }
                byte[] src = Ops.bytesOf(v).clone();
                if (src.length != ix[3]) {
                    throw Ops.valueError(null);
                }
                System.arraycopy(src, 0, ba.data, mv.start + (int) ix[0], src.length);
                return;
            }
            ba.data[mv.start + Seqs.index(key, mv.len, "memoryview")] = (byte) Ops.toLong(v);
            return;
        }
        throw Ops.typeError("'memoryview' object doesn't support item assignment");
    }

    static PyModule module() {
        PyModule m = new PyModule("array");
        m.globals.put("array", ArrayType.ARRAY);
        return m;
    }
}
