package dev.mpt.vm;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/** int: its constructor and methods (objint). */
public final class ObjInt {
    private ObjInt() {}

    static Object intOf(Object[] a, Map<String, Object> kw) {
        if (a.length == 0) {
            return 0L;
        }
        Object x = a[0];
        if (a.length > 1) {
            long base = Ops.toLong(a[1]);
            if (base != 0 && (base < 2 || base > 36)) {
                throw Ops.valueError("int() arg 2 must be >= 2 and <= 36");
            }
            if (!(x instanceof String || x instanceof PyBytes)) {
                // a base needs text: mp_obj_str_get_data takes str and bytes only
                throw Ops.typeError("can't convert '" + Ops.typeName(x) + "' object to str implicitly");
            }
            return ParseNum.parseInt(x instanceof String s ? s : Strs.fromLatin1(Ops.bytesOf(x)), (int) base);
        }
        if (x instanceof Slots.ToInt t) {
            return t.toInt();
        }
        if (x instanceof Long || x instanceof BigInteger) {
            return x;
        } else if (x instanceof Boolean b) {
            return b ? 1L : 0L;
        } else if (x instanceof Double d) {
            return floatToInt(d);
        } else if (x instanceof String s) {
            return ParseNum.parseInt(s, 10);
        } else if (x instanceof PyBytes || x instanceof PyByteArray || x instanceof ArrayType.MemoryView) {
            return ParseNum.parseInt(Strs.fromLatin1(Ops.bytesOf(x)), 10);
        } else if (x instanceof PyInstance pi) {
            Object m = pi.type().lookupNotObject("__int__");
            if (m == null) {
                m = pi.type().lookupNotObject("__index__");
            }
            if (m != null) {
                Object r = Ops.callMethod(m, pi);
                if (!(r instanceof Long || r instanceof BigInteger || r instanceof Boolean)) {
                    throw Ops.typeError("__int__ returned non-int (type " + Ops.typeName(r) + ")");
                }
                return r;
            }
            if (pi.base != null) {
                return intOf(new Object[] {pi.base}, null);
            }
        }
        throw Ops.typeError("can't convert " + Ops.typeName(x) + " to int");
    }

    static Object floatToInt(double d) {
        if (Double.isNaN(d)) {
            throw Ops.valueError("can't convert NaN to int");
        }
        if (Double.isInfinite(d)) {
            throw Ops.error(Types.OVERFLOW_ERROR, "can't convert inf to int");
        }
        if (Math.abs(d) < 9e18) {
            return (long) d;
        }
        return Ops.normalize(new BigDecimal(d).toBigInteger());
    }

    static void initInt() {
        // (in MicroPython's order: help(int) lists from_bytes first)
        Types.INT.dict.put("from_bytes", new PyClassMethod(new PyBuiltin("from_bytes", (a, kw) -> {
            byte[] d = Ops.bytesOf(a[1]).clone();
            String order = Ops.str(ArgCheck.arg(a, 2, kw, "byteorder", "big"));
            boolean signed = Ops.truthy(ArgCheck.arg(a, 3, kw, "signed", false));
            if (order.equals("little")) {
                for (int i = 0; i < d.length / 2; i++) {
                    byte t = d[i];
                    d[i] = d[d.length - 1 - i];
                    d[d.length - 1 - i] = t;
                }
            }
            BigInteger v = d.length == 0 ? BigInteger.ZERO : signed ? new BigInteger(d) : new BigInteger(1, d);
            return Ops.normalize(v);
        })));
        BuiltinTypes.method(Types.INT, "to_bytes", (a, kw) -> {
            BigInteger v = Ops.big(a[0]);
            int len = (int) Ops.toLong(ArgCheck.arg(a, 1, kw, "length", 1L));
            String order = Ops.str(ArgCheck.arg(a, 2, kw, "byteorder", "big"));
            if (len < 0) {
                throw Ops.valueError(null);
            }
            byte[] out = new byte[len];
            byte[] raw = v.toByteArray();
            byte fill = (byte) (v.signum() < 0 ? 0xff : 0);
            java.util.Arrays.fill(out, fill);
            int rawStart = raw.length > len ? raw.length - len : 0;
            if ((long) v.bitLength() + (v.signum() < 0 ? 1 : 0) > 8L * len) {
                throw Ops.error(Types.OVERFLOW_ERROR, "buffer too small");
            }
            for (int i = 0; i < Math.min(len, raw.length); i++) {
                out[len - 1 - i] = raw[raw.length - 1 - i];
            }
            if (order.equals("little")) {
                for (int i = 0; i < len / 2; i++) {
                    byte t = out[i];
                    out[i] = out[len - 1 - i];
                    out[len - 1 - i] = t;
                }
            }
            return new PyBytes(out);
        });
    }
}
