package dev.mpt.vm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** struct: pack, unpack, calcsize, pack_into, unpack_from. */
final class Struct {
    private Struct() {}

    private record Item(int count, char code) {}

    private record Format(ByteOrder order, boolean align, List<Item> items) {}

    /** IEEE 754 binary16 bits nearest to d (round half to even). */
    static int toHalf(double d) {
        int bits = Float.floatToIntBits((float) d);
        int sign = (bits >>> 16) & 0x8000;
        int rawExp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        if (rawExp == 0xff) {
            return sign | 0x7c00 | (mant != 0 ? 0x200 : 0);
        }
        int exp = rawExp - 127 + 15;
        if (exp >= 31) {
            return sign | 0x7c00;
        }
        if (exp <= 0) {
            if (exp < -10) {
                return sign;
            }
            mant |= 0x800000;
            int shift = 14 - exp;
            int h = mant >> shift;
            int rem = mant & ((1 << shift) - 1);
            int half = 1 << (shift - 1);
            if (rem > half || (rem == half && (h & 1) != 0)) {
                h++;
            }
            return sign | h;
        }
        int h = sign | (exp << 10) | (mant >> 13);
        if ((mant & 0x1000) != 0 && (mant & 0x2fff) != 0) {
            h++;
        }
        return h;
    }

    static double fromHalf(int h) {
        double sign = (h & 0x8000) != 0 ? -1.0 : 1.0;
        int e = (h >> 10) & 0x1f;
        int m = h & 0x3ff;
        if (e == 0) {
            return sign * m * Math.pow(2, -24);
        }
        if (e == 31) {
            return m == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
        }
        return sign * (1 + m / 1024.0) * Math.pow(2, e - 15);
    }

    private static String fmtStr(Object o) {
        if (o instanceof String s) {
            return s;
        }
        if (o instanceof PyBytes || o instanceof PyByteArray) {
            return Strs.fromLatin1(Ops.bytesOf(o));
        }
        throw Ops.typeError("can't convert '" + Ops.typeName(o) + "' object to str implicitly");
    }

    private static Format parse(String f) {
        try {
            return parse0(f);
        } catch (StringIndexOutOfBoundsException e) {
            throw Ops.valueError("bad typecode");
        }
    }

    private static Format parse0(String f) {
        ByteOrder order = ByteOrder.nativeOrder();
        boolean align = true;
        int i = 0;
        if (!f.isEmpty() && "<>!=@".indexOf(f.charAt(0)) >= 0) {
            char c = f.charAt(0);
            order = c == '<' ? ByteOrder.LITTLE_ENDIAN : c == '>' || c == '!' ? ByteOrder.BIG_ENDIAN : ByteOrder.nativeOrder();
            align = c == '@';
            i = 1;
        }
        List<Item> items = new ArrayList<>();
        while (i < f.length()) {
            char c = f.charAt(i);
            // (MicroPython allows no whitespace in a format: a space is a bad typecode)
            int n = 1;
            if (Character.isDigit(c)) {
                int st = i;
                while (i < f.length() && Character.isDigit(f.charAt(i))) {
                    i++;
                }
                n = Integer.parseInt(f.substring(st, i));
                c = f.charAt(i);
            }
            size(c);
            items.add(new Item(n, c));
            i++;
        }
        return new Format(order, align, items);
    }

    /** Size of one item; in native mode (no prefix or '@') long and pointers take 8 bytes as on a 64-bit unix port. */
    private static int size(char c, boolean nativeMode) {
        if (nativeMode && (c == 'l' || c == 'L')) {
            return 8;
        }
        return size(c);
    }

    private static int size(char c) {
        switch (c) {
            case 'b':
            case 'B':
            case 'x':
            case 's':
            case '?':
            case 'c':
                return 1;
            case 'h':
            case 'H':
            case 'e':
                return 2;
            case 'i':
            case 'I':
            case 'l':
            case 'L':
            case 'f':
                return 4;
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

    static int calcsize(Format f) {
        int n = 0;
        for (Item it : f.items()) {
            int s = size(it.code(), f.align());
            if (f.align() && it.code() != 's' && it.code() != 'x') {
                n = (n + s - 1) / s * s;
            }
            n += it.code() == 's' ? it.count() : s * it.count();
        }
        return n;
    }

    static PyModule module() {
        PyModule m = new PyModule("struct");
        m.fn("calcsize", (a, kw) -> (long) calcsize(parse(fmtStr(a[0]))));
        m.fn("pack", (a, kw) -> {
            Format f = parse(fmtStr(a[0]));
            byte[] out = new byte[calcsize(f)];
            pack(f, out, 0, a, 1);
            return new PyBytes(out);
        });
        m.fn("pack_into", (a, kw) -> {
            Format f = parse(fmtStr(a[0]));
            PyByteArray target = (PyByteArray) a[1];
            int off = (int) Ops.toLong(a[2]);
            if (off < 0) {
                off += target.len;
            }
            if (off < 0 || off + calcsize(f) > target.len) {
                throw Ops.valueError("buffer too small");
            }
            pack(f, target.data, off, a, 3);
            return PyNone.NONE;
        });
        m.fn("unpack", (a, kw) -> {
            Format f = parse(fmtStr(a[0]));
            byte[] d = Ops.bytesOf(a[1]);
            // as MicroPython (one function with unpack_from): longer data is fine
            if (d.length < calcsize(f)) {
                throw Ops.valueError("buffer too small");
            }
            return unpack(f, d, 0);
        });
        m.fn("unpack_from", (a, kw) -> {
            Format f = parse(fmtStr(a[0]));
            byte[] d = Ops.bytesOf(a[1]);
            int off = a.length > 2 ? (int) Ops.toLong(a[2]) : 0;
            if (off < 0) {
                off += d.length;
            }
            if (off < 0 || off + calcsize(f) > d.length) {
                throw Ops.valueError("buffer too small");
            }
            return unpack(f, d, off);
        });
        return m;
    }

    private static void pack(Format f, byte[] out, int off, Object[] args, int ai) {
        ByteBuffer bb = ByteBuffer.wrap(out).order(f.order());
        int pos = off;
        // as MicroPython: values left out pack as zeros, extra values are ignored
        for (Item it : f.items()) {
            if (ai >= args.length) {
                break;
            }
            int s = size(it.code(), f.align());
            if (f.align() && it.code() != 's' && it.code() != 'x') {
                pos = off + ((pos - off + s - 1) / s * s);
            }
            if (it.code() == 's') {
                byte[] src = Ops.bytesOf(args[ai++]);
                System.arraycopy(src, 0, out, pos, Math.min(src.length, it.count()));
                pos += it.count();
                continue;
            }
            for (int k = 0; k < it.count(); k++) {
                if (it.code() == 'x') {
                    pos++;
                    continue;
                }
                if (ai >= args.length) {
                    break;
                }
                Object v = args[ai++];
                switch (it.code()) {
                    case 'O':
                        bb.putLong(pos, Memory.current().objectId(v));
                        break;
                    case 'S':
                        bb.putLong(pos, v instanceof String str ? Memory.current().addressOf(str) : Ops.toLong(v));
                        break;
                    case 'f':
                        bb.putFloat(pos, (float) Ops.toDouble(v));
                        break;
                    case 'e':
                        bb.putShort(pos, (short) toHalf(Ops.toDouble(v)));
                        break;
                    case 'd':
                        bb.putDouble(pos, Ops.toDouble(v));
                        break;
                    case '?':
                        out[pos] = (byte) (Ops.truthy(v) ? 1 : 0);
                        break;
                    default: {
                        long x = Ops.isInt(v) ? Ops.big(v).longValue() : Ops.toLong(v);
                        switch (s) {
                            case 1:
                                out[pos] = (byte) x;
                                break;
                            case 2:
                                bb.putShort(pos, (short) x);
                                break;
                            case 4:
                                bb.putInt(pos, (int) x);
                                break;
                            default:
                                bb.putLong(pos, x);
                        }
                    }
                }
                pos += s;
            }
        }
    }

    private static PyTuple unpack(Format f, byte[] d, int off) {
        ByteBuffer bb = ByteBuffer.wrap(d).order(f.order());
        List<Object> out = new ArrayList<>();
        int pos = off;
        for (Item it : f.items()) {
            int s = size(it.code(), f.align());
            if (f.align() && it.code() != 's' && it.code() != 'x') {
                pos = off + ((pos - off + s - 1) / s * s);
            }
            if (it.code() == 's') {
                out.add(new PyBytes(java.util.Arrays.copyOfRange(d, pos, pos + it.count())));
                pos += it.count();
                continue;
            }
            for (int k = 0; k < it.count(); k++) {
                switch (it.code()) {
                    case 'x':
                        break;
                    case 'b':
                        out.add((long) d[pos]);
                        break;
                    case 'B':
                        out.add((long) (d[pos] & 0xff));
                        break;
                    case '?':
                        out.add(d[pos] != 0);
                        break;
                    case 'h':
                        out.add((long) bb.getShort(pos));
                        break;
                    case 'H':
                        out.add((long) (bb.getShort(pos) & 0xffff));
                        break;
                    case 'O':
                        out.add(Memory.current().objectOf(bb.getLong(pos)));
                        break;
                    case 'S':
                        out.add(Memory.current().cString(bb.getLong(pos)));
                        break;
                    case 'i':
                    case 'l':
                        out.add(s == 8 ? (Object) bb.getLong(pos) : (Object) (long) bb.getInt(pos));
                        break;
                    case 'I':
                    case 'L':
                        if (s == 8) {
                            long v = bb.getLong(pos);
                            out.add(v >= 0 ? (Object) v : new java.math.BigInteger(Long.toUnsignedString(v)));
                        } else {
                            out.add(bb.getInt(pos) & 0xffffffffL);
                        }
                        break;
                    case 'q':
                        out.add(bb.getLong(pos));
                        break;
                    case 'Q':
                    case 'P': {
                        long v = bb.getLong(pos);
                        out.add(v >= 0 ? (Object) v : new java.math.BigInteger(Long.toUnsignedString(v)));
                        break;
                    }
                    case 'f':
                        out.add((double) bb.getFloat(pos));
                        break;
                    case 'e':
                        out.add(fromHalf(bb.getShort(pos) & 0xffff));
                        break;
                    case 'd':
                        out.add(bb.getDouble(pos));
                        break;
                    default:
                        throw Ops.valueError("bad typecode");
                }
                pos += s;
            }
        }
        return PyTuple.of(out);
    }
}
