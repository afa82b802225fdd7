package dev.mpt.vm.extmod;

import dev.mpt.vm.Memory;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyByteArray;
import dev.mpt.vm.PyBytes;
import dev.mpt.vm.PyDict;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.PyObject;
import dev.mpt.vm.PyTuple;
import dev.mpt.vm.PyType;
import dev.mpt.vm.Repr;
import dev.mpt.vm.Slots;
import dev.mpt.vm.Types;
import java.math.BigInteger;

/**
 * uctypes: C structures laid over memory. The VM has no raw memory, so buffers get addresses
 * when {@code addressof} (or {@code bytearray_at}) first names them, in an address space of
 * their own; reads and writes at an address go to the buffer that holds it (other addresses
 * read as zero). Descriptors are MicroPython's: a scalar is {@code TYPE | offset} (bitfields add
 * {@code pos << BF_POS | len << BF_LEN}); {@code (offset, {...})} is a nested struct,
 * {@code (ARRAY | offset, TYPE | count)} or {@code (ARRAY | offset, count, {...})} an array,
 * {@code (PTR | offset, TYPE or {...})} a pointer.
 */
final class UCtypes {
    private UCtypes() {}

    static final long LITTLE_ENDIAN = 0;
    static final long BIG_ENDIAN = 1;
    static final long NATIVE = 2;

    static final long BF_POS = 17;
    static final long BF_LEN = 22;
    private static final int OFFSET_MASK = (1 << 17) - 1;
    private static final int PTR_SIZE = 8;

    // scalar types, as the value's top 5 bits
    private static final int T_FLOAT32 = 30;
    private static final int T_FLOAT64 = 31;
    private static final int T_BF_FIRST = 24;

    static final PyType STRUCT = new PyType("struct", new PyType[] {Types.OBJECT}, true);

    // ---- memory -------------------------------------------------------------------------------

    private static Memory memory() {
        return Memory.current();
    }

    static long addressOf(Object o) {
        return memory().addressOf(o);
    }

    static int peek(long addr) {
        return memory().peek(addr);
    }

    static void poke(long addr, int v) {
        memory().poke(addr, v);
    }

    static byte[] read(long addr, int n) {
        return memory().read(addr, n);
    }

    static PyByteArray bytearrayAt(long addr, int n) {
        return memory().bytearrayAt(addr, n);
    }

    // ---- values -----------------------------------------------------------------------------

    private static long readUInt(long addr, int size, boolean big) {
        long v = 0;
        for (int i = 0; i < size; i++) {
            int b = peek(addr + i);
            v |= (long) b << (8 * (big ? size - 1 - i : i));
        }
        return v;
    }

    private static void writeUInt(long addr, int size, boolean big, long v) {
        for (int i = 0; i < size; i++) {
            poke(addr + (big ? size - 1 - i : i), (int) (v >>> (8 * i)) & 0xff);
        }
    }

    private static int scalarSize(int type) {
        if (type == T_FLOAT32) {
            return 4;
        }
        if (type == T_FLOAT64) {
            return 8;
        }
        if (type >= T_BF_FIRST) {
            return 1 << ((type - T_BF_FIRST) >> 1);
        }
        return 1 << (type >> 1);
    }

    private static int typeOf(long v) {
        return (int) ((v & 0xffffffffL) >>> 27);
    }

    private static Object getScalar(long addr, long v, boolean big) {
        int type = typeOf(v);
        long a = addr + (v & OFFSET_MASK);
        int size = scalarSize(type);
        if (type == T_FLOAT32) {
            return (double) Float.intBitsToFloat((int) readUInt(a, 4, big));
        }
        if (type == T_FLOAT64) {
            return Double.longBitsToDouble(readUInt(a, 8, big));
        }
        long raw = readUInt(a, size, big);
        if (type >= T_BF_FIRST) {
            int pos = (int) ((v >> BF_POS) & 0x1f);
            int len = (int) ((v >> BF_LEN) & 0x1f);
            // as on a board, signed bitfields are not sign-extended
            return (raw >>> pos) & ((1L << len) - 1);
        }
        boolean signed = (type & 1) != 0;
        if (size < 8) {
            if (signed && (raw & (1L << (size * 8 - 1))) != 0) {
                raw -= 1L << (size * 8);
            }
            return raw;
        }
        if (!signed && raw < 0) {
            return BigInteger.valueOf(raw).add(BigInteger.ONE.shiftLeft(64));
        }
        return raw;
    }

    private static void setScalar(long addr, long v, boolean big, Object value) {
        int type = typeOf(v);
        long a = addr + (v & OFFSET_MASK);
        int size = scalarSize(type);
        if (type == T_FLOAT32) {
            writeUInt(a, 4, big, Float.floatToRawIntBits((float) Ops.toDouble(value)) & 0xffffffffL);
            return;
        }
        if (type == T_FLOAT64) {
            writeUInt(a, 8, big, Double.doubleToRawLongBits(Ops.toDouble(value)));
            return;
        }
        long x = value instanceof BigInteger b ? b.longValue() : Ops.toLong(value);
        if (type >= T_BF_FIRST) {
            int pos = (int) ((v >> BF_POS) & 0x1f);
            int len = (int) ((v >> BF_LEN) & 0x1f);
            long mask = ((1L << len) - 1) << pos;
            long raw = readUInt(a, size, big);
            raw = (raw & ~mask) | ((x << pos) & mask);
            writeUInt(a, size, big, raw);
            return;
        }
        writeUInt(a, size, big, x);
    }

    // ---- aggregates -------------------------------------------------------------------------

    /** A struct, array or pointer at an address, described by desc. */
    static final class Agg implements PyObject, Slots.Hash, Slots.Buffer, Slots.Subscript, Slots.Attributes,
            Slots.ToInt, Slots.Print {
        final long addr;
        final Object desc;
        final long layout;
        /** A UINT8 array reached as a field: it prints as the bytearray it stands for. */
        boolean asBytes;

        Agg(long addr, Object desc, long layout) {
            this.addr = addr;
            this.desc = desc;
            this.layout = layout;
        }

        public PyType type() {
            return STRUCT;
        }

        public long hash() {
            throw Ops.typeError("unsupported type for __hash__: '" + Ops.typeName(this) + "'");
        }

        public byte[] bufferBytes() {
            return read(addr, (int) sizeOf(desc, layout));
        }

        public Object getItem(Object key) {
            return getitem(this, key, null, false);
        }

        public void setItem(Object key, Object value) {
            getitem(this, key, value, true);
        }

        public Object getAttr(String name) {
            return getattr(this, name);
        }

        public boolean setAttr(String name, Object value) {
            return setattr(this, name, value);
        }

        public Object toInt() {
            return pointerValue(this);
        }

        public void print(StringBuilder sb) {
            if (asBytes) {
                Repr.repr(sb, new PyByteArray(Ops.bytesOf(this)));
            } else {
                sb.append("<struct ").append(kind()).append(' ').append(Long.toHexString(addr)).append('>');
            }
        }

        boolean big() {
            return layout == BIG_ENDIAN;
        }

        /** An array of UINT8: shown as the bytearray it stands for. */
        boolean isBytes() {
            return desc instanceof PyTuple t && t.items.length == 2 && Ops.isInt(t.items[0])
                    && aggType(Ops.toLong(t.items[0])) == AGG_ARRAY && Ops.isInt(t.items[1])
                    && typeOf(Ops.toLong(t.items[1])) == 0;
        }

        /** STRUCT, ARRAY, PTR or ERROR, for printing. */
        String kind() {
            if (desc instanceof PyDict) {
                return "STRUCT";
            }
            if (desc instanceof PyTuple t && t.items.length > 0 && Ops.isInt(t.items[0])) {
                int agg = aggType(Ops.toLong(t.items[0]));
                return agg == AGG_ARRAY ? "ARRAY" : agg == AGG_PTR ? "PTR" : "STRUCT";
            }
            return "ERROR";
        }
    }

    private static final int AGG_STRUCT = 0;
    private static final int AGG_PTR = 1;
    private static final int AGG_ARRAY = 6;

    private static int aggType(long first) {
        return (int) ((first & 0xffffffffL) >>> 29);
    }

    /** Reads field value v of a struct at addr. */
    private static Object field(long addr, Object v, long layout) {
        boolean big = layout == BIG_ENDIAN;
        if (Ops.isInt(v)) {
            return getScalar(addr, Ops.toLong(v), big);
        }
        if (!(v instanceof PyTuple t) || t.items.length < 2) {
            throw Ops.typeError("struct: unsupported descriptor");
        }
        long first = Ops.toLong(t.items[0]);
        int off = (int) (first & OFFSET_MASK);
        switch (aggType(first)) {
            case AGG_STRUCT:
                return new Agg(addr + off, t.items[1], layout);
            case AGG_PTR:
                return new Agg(addr + off, t, layout);
            case AGG_ARRAY: {
                Agg arr = new Agg(addr + off, t, layout);
                arr.asBytes = arr.isBytes();
                return arr;
            }
            default:
                throw Ops.typeError("struct: unsupported descriptor");
        }
    }

    static Object getattr(Agg s, String name) {
        if (!(s.desc instanceof PyDict d)) {
            throw Ops.typeError("struct: no fields");
        }
        Object v = d.get(name);
        if (v == null) {
            return null;
        }
        return field(s.addr, v, s.layout);
    }

    static boolean setattr(Agg s, String name, Object value) {
        if (!(s.desc instanceof PyDict d)) {
            return false;
        }
        Object v = d.get(name);
        if (v == null) {
            return false;
        }
        if (!Ops.isInt(v)) {
            throw Ops.typeError("struct: cannot set aggregate");
        }
        setScalar(s.addr, Ops.toLong(v), s.big(), value);
        return true;
    }

    /** Element i of an array or pointer aggregate: its address and scalar descriptor or struct. */
    static Object getitem(Agg a, Object key, Object value, boolean store) {
        if (!(a.desc instanceof PyTuple t) || t.items.length < 2) {
            throw Ops.typeError("struct: cannot index");
        }
        long first = Ops.toLong(t.items[0]);
        long i = Ops.toLong(key);
        int agg = aggType(first);
        long base;
        if (agg == AGG_PTR) {
            base = readUInt(a.addr, PTR_SIZE, a.big());
        } else if (agg == AGG_ARRAY) {
            base = a.addr;
            long count = t.items.length == 2 ? Ops.toLong(t.items[1]) & 0xffff : Ops.toLong(t.items[1]);
            if (i < 0) {
                i += count;
            }
            if (i < 0 || i >= count) {
                throw Ops.indexError("struct: index out of range");
            }
        } else {
            throw Ops.typeError("struct: cannot index");
        }
        Object elem = t.items[t.items.length - 1];
        if (t.items.length == 2 && Ops.isInt(elem)) {
            long ev = Ops.toLong(elem);
            int type = typeOf(ev);
            long at = base + i * scalarSize(type);
            long scalar = (long) type << 27;
            if (store) {
                setScalar(at, scalar, a.big(), value);
                return null;
            }
            return getScalar(at, scalar, a.big());
        }
        if (store) {
            throw Ops.typeError("struct: cannot set aggregate");
        }
        long size = sizeOf(elem, a.layout);
        return new Agg(base + i * size, elem, a.layout);
    }

    /** The pointer's target address (int(ptr)). */
    static long pointerValue(Agg a) {
        if (a.desc instanceof PyTuple t && aggType(Ops.toLong(t.items[0])) == AGG_PTR) {
            return readUInt(a.addr, PTR_SIZE, a.big());
        }
        return a.addr;
    }

    // ---- sizes ------------------------------------------------------------------------------

    static long sizeOf(Object desc, long layout) {
        long[] align = new long[] {1};
        long size = sizeAligned(desc, layout, align);
        return size;
    }

    private static long alignUp(long v, long a) {
        return (v + a - 1) / a * a;
    }

    /** Size of desc; align[0] is raised to its alignment (NATIVE layout only pads). */
    private static long sizeAligned(Object desc, long layout, long[] align) {
        if (desc instanceof PyDict d) {
            long total = 0;
            long maxAlign = 1;
            for (Object k : d.keys()) {
                Object v = d.get(k);
                long[] fa = new long[] {1};
                long off;
                long sz;
                if (Ops.isInt(v)) {
                    long lv = Ops.toLong(v);
                    off = lv & OFFSET_MASK;
                    sz = scalarSize(typeOf(lv));
                    fa[0] = sz;
                } else if (v instanceof PyTuple t && t.items.length >= 2 && Ops.isInt(t.items[0])) {
                    long first = Ops.toLong(t.items[0]);
                    off = first & OFFSET_MASK;
                    sz = aggSize(t, layout, fa);
                } else {
                    throw Ops.typeError("struct: unsupported descriptor");
                }
                maxAlign = Math.max(maxAlign, fa[0]);
                total = Math.max(total, off + sz);
            }
            if (layout == NATIVE) {
                total = alignUp(total, maxAlign);
            }
            align[0] = Math.max(align[0], maxAlign);
            return total;
        }
        if (desc instanceof PyTuple t && t.items.length >= 2 && Ops.isInt(t.items[0])) {
            return aggSize(t, layout, align);
        }
        if (Ops.isInt(desc)) {
            long sz = scalarSize(typeOf(Ops.toLong(desc)));
            align[0] = Math.max(align[0], sz);
            return sz;
        }
        throw Ops.typeError("struct: unsupported descriptor");
    }

    private static long aggSize(PyTuple t, long layout, long[] align) {
        long first = Ops.toLong(t.items[0]);
        int agg = aggType(first);
        int n = t.items.length;
        if ((agg == AGG_ARRAY && n != 2 && n != 3) || (agg != AGG_ARRAY && n != 2)
                || (agg != AGG_ARRAY && agg != AGG_PTR && agg != AGG_STRUCT)) {
            throw Ops.typeError("struct: unsupported descriptor");
        }
        switch (agg) {
            case AGG_PTR:
                align[0] = Math.max(align[0], PTR_SIZE);
                return PTR_SIZE;
            case AGG_ARRAY: {
                if (t.items.length == 2) {
                    if (!Ops.isInt(t.items[1])) {
                        throw Ops.typeError("struct: unsupported descriptor");
                    }
                    long ev = Ops.toLong(t.items[1]);
                    long sz = scalarSize(typeOf(ev));
                    align[0] = Math.max(align[0], sz);
                    return sz * (ev & 0xffff);
                }
                long count = Ops.toLong(t.items[1]);
                long[] ea = new long[] {1};
                long sz = sizeAligned(t.items[2], layout, ea);
                align[0] = Math.max(align[0], ea[0]);
                return sz * count;
            }
            default:
                return sizeAligned(t.items[1], layout, align);
        }
    }

    private static long sizeofArg(Object o, long layout, boolean layoutGiven) {
        if (o instanceof Agg a) {
            if (layoutGiven) {
                throw Ops.typeError("struct: layout given for a struct");
            }
            if (a.desc instanceof PyTuple t && aggType(Ops.toLong(t.items[0])) == AGG_PTR && a.kind().equals("PTR")
                    && !(t.items[1] instanceof PyDict) && t.items.length == 2) {
                return PTR_SIZE;
            }
            return sizeOf(a.desc, a.layout);
        }
        if (o instanceof PyDict || (o instanceof PyTuple t && t.items.length >= 2 && Ops.isInt(t.items[0]))) {
            return sizeOf(o, layout);
        }
        throw Ops.typeError("struct: unsupported descriptor");
    }

    static PyModule module() {
        PyModule m = new PyModule("uctypes");
        m.globals.put("struct", STRUCT);
        m.fn("sizeof", (a, kw) -> sizeofArg(a[0], a.length > 1 ? Ops.toLong(a[1]) : NATIVE, a.length > 1));
        m.fn("addressof", (a, kw) -> addressOf(a[0]));
        m.fn("bytes_at", (a, kw) -> new PyBytes(read(Ops.toLong(a[0]), (int) Ops.toLong(a[1]))));
        m.fn("bytearray_at", (a, kw) -> {
            // more memory than a Java array holds is mapped as an empty window
            long n = Ops.isInt(a[1]) && Ops.big(a[1]).bitLength() < 31 ? Ops.toLong(a[1]) : 0;
            return bytearrayAt(Ops.toLong(a[0]), (int) n);
        });
        m.globals.put("NATIVE", NATIVE);
        m.globals.put("LITTLE_ENDIAN", LITTLE_ENDIAN);
        m.globals.put("BIG_ENDIAN", BIG_ENDIAN);
        String[] names = {"UINT8", "INT8", "UINT16", "INT16", "UINT32", "INT32", "UINT64", "INT64"};
        for (int i = 0; i < names.length; i++) {
            m.globals.put(names[i], scalarConst(i));
        }
        m.globals.put("VOID", 0L);
        String[] bf = {"BFUINT8", "BFINT8", "BFUINT16", "BFINT16", "BFUINT32", "BFINT32"};
        for (int i = 0; i < bf.length; i++) {
            m.globals.put(bf[i], scalarConst(T_BF_FIRST + i));
        }
        m.globals.put("BF_POS", BF_POS);
        m.globals.put("BF_LEN", BF_LEN);
        m.globals.put("FLOAT32", scalarConst(T_FLOAT32));
        m.globals.put("FLOAT64", scalarConst(T_FLOAT64));
        m.globals.put("SHORT", scalarConst(3));
        m.globals.put("USHORT", scalarConst(2));
        m.globals.put("INT", scalarConst(5));
        m.globals.put("UINT", scalarConst(4));
        m.globals.put("LONG", scalarConst(7));
        m.globals.put("ULONG", scalarConst(6));
        m.globals.put("LONGLONG", scalarConst(7));
        m.globals.put("ULONGLONG", scalarConst(6));
        m.globals.put("PTR", (long) AGG_PTR << 29);
        m.globals.put("ARRAY", (long) (int) (AGG_ARRAY << 29));
        STRUCT.maker = (cls, a, kw) -> {
            long addr = Ops.toLong(a[0]);
            return new Agg(addr, a[1], a.length > 2 ? Ops.toLong(a[2]) : NATIVE);
        };
        return m;
    }

    /** A type constant: the type in the top 5 bits of a 32-bit signed value. */
    private static long scalarConst(int type) {
        return (long) (int) (type << 27);
    }
}
