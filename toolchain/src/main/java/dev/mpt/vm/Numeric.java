package dev.mpt.vm;

import dev.mpt.bytecode.BinaryOp;
import dev.mpt.bytecode.UnaryOp;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Unary and binary operators: numbers, sequences, sets and special methods. */
public final class Numeric {
    private Numeric() {}

    // ---- unary ------------------------------------------------------------------------------

    static Object unary(UnaryOp op, Object o) {
        if (op == UnaryOp.NOT) {
            return !Ops.truthy(o);
        }
        if (o instanceof Long l) {
            switch (op) {
                case POSITIVE:
                    return l;
                case NEGATIVE:
                    return l == Long.MIN_VALUE ? BigInteger.valueOf(l).negate() : (Object) (-l);
                default:
                    return ~l;
            }
        } else if (o instanceof Boolean b) {
            long v = b ? 1 : 0;
            return unary(op, v);
        } else if (o instanceof BigInteger b) {
            switch (op) {
                case POSITIVE:
                    return b;
                case NEGATIVE:
                    return Ops.normalize(b.negate());
                default:
                    return Ops.normalize(b.not());
            }
        } else if (o instanceof Double d) {
            switch (op) {
                case POSITIVE:
                    return d;
                case NEGATIVE:
                    return -d;
                default:
                    break;
            }
        } else if (o instanceof PyComplex c) {
            if (op == UnaryOp.POSITIVE) {
                return c;
            } else if (op == UnaryOp.NEGATIVE) {
                return new PyComplex(-c.real(), -c.imag());
            }
        } else if (o instanceof PyInstance pi && !(o instanceof PyException)) {
            Object m = pi.type().lookupNotObject(op.methodName());
            if (m != null) {
                return Ops.callMethod(m, pi);
            }
            if (pi.base != null) {
                return unary(op, pi.base);
            }
        }
        throw Ops.typeError("unsupported type for " + op.methodName() + ": '" + Ops.typeName(o) + "'");
    }

    // ---- binary -----------------------------------------------------------------------------

    static Object binary(BinaryOp op, Object a, Object b) {
        if (a instanceof Integer i) {
            a = (long) i;
        }
        if (b instanceof Integer i) {
            b = (long) i;
        }
        if (a instanceof Long x) {
            Object r = b instanceof Long y ? longOp(op, x, y) : b instanceof BigInteger ? bigArith(op, a, b)
                    : b instanceof Double y ? mixedFloat(op, x, y, false) : null;
            if (r != null) {
                return r;
            }
        } else if (a instanceof Double x && b instanceof Long y) {
            Object r = mixedFloat(op, x, y, true);
            if (r != null) {
                return r;
            }
        } else if (a instanceof BigInteger) {
            Object r = bigArith(op, a, b);
            if (r != null) {
                return r;
            }
        }
        b = floatOperand(op, a, b);
        switch (op) {
            case IS:
                return a == b || (a instanceof Long x && b instanceof Long y && x.longValue() == y.longValue())
                        || (a instanceof Boolean && a.equals(b));
            case IN:
                return Ops.contains(b, a);
            case EXCEPTION_MATCH:
                return Classes.isInstance(a, b) || (a instanceof PyType at && b instanceof PyType bt && at.isSubclassOf(bt));
            case EQUAL:
            case NOT_EQUAL: {
                Object[] pair = {a, b};
                for (int side = 0; side < 2; side++) {
                    Object self = pair[side];
                    Object other = pair[1 - side];
                    if (self instanceof PyInstance pi && !(self instanceof PyException)) {
                        if (op == BinaryOp.NOT_EQUAL) {
                            Object m = pi.type().lookupNotObject("__ne__");
                            if (m != null && !(m instanceof PyBuiltin)) {
                                Object r = Ops.callMethod(m, self, other);
                                if (r != PyNone.NOT_IMPLEMENTED) {
                                    return r;
                                }
                            }
                        }
                        Object m = pi.type().lookupNotObject("__eq__");
                        if (m != null && !(m instanceof PyBuiltin)) {
                            Object r = Ops.callMethod(m, self, other);
                            if (r != PyNone.NOT_IMPLEMENTED) {
                                return op == BinaryOp.EQUAL ? r : (Object) !Ops.truthy(r);
                            }
                        }
                    }
                }
                boolean e = Ops.eq(a, b);
                return op == BinaryOp.EQUAL ? e : !e;
            }
            default:
                break;
        }
        if (a instanceof PyInstance || b instanceof PyInstance) {
            Object r = userBinary(op, a, b);
            if (r != null) {
                return r;
            }
        }
        Object r = builtinBinary(op, a, b);
        if (r != null) {
            return r;
        }
        throw unsupported(op, a, b);
    }

    static PyError unsupported(BinaryOp op, Object a, Object b) {
        return Ops.typeError("unsupported types for " + op.methodName() + ": '" + Ops.typeName(a) + "', '"
                + Ops.typeName(b) + "'");
    }

    private static String reflected(BinaryOp op) {
        switch (op) {
            case LESS:
                return "__gt__";
            case MORE:
                return "__lt__";
            case LESS_EQUAL:
                return "__ge__";
            case MORE_EQUAL:
                return "__le__";
            default:
                String n = op.plain().methodName();
                return "__r" + n.substring(2);
        }
    }

    /** What PyType.opMethods holds for a special method the type lacks. */
    private static final Object MISSING = new Object();

    /**
     * t.lookupNotObject of op's special method (reflected: of its reflected one), kept in
     * the type (PyType.opMethods, by operator) while PyType.EPOCH is unchanged, as the
     * attribute caches keep their lookups.
     */
    private static Object opMethod(PyType t, BinaryOp op, boolean reflected) {
        int epoch = PyType.EPOCH.get();
        Object[] c = t.opMethods;
        if (c == null) {
            c = t.opMethods = new Object[2 * Interp.BINOPS.length];
            t.opEpoch = epoch;
        } else if (t.opEpoch != epoch) {
            java.util.Arrays.fill(c, null);
            t.opEpoch = epoch;
        }
        int i = reflected ? Interp.BINOPS.length + op.ordinal() : op.ordinal();
        Object m = c[i];
        if (m == null) {
            m = t.lookupNotObject(reflected ? reflected(op) : op.methodName());
            c[i] = m == null ? MISSING : m;
            return m;
        }
        return m == MISSING ? null : m;
    }

    /** A special method m (found in self's type) called with self and other: a simple function directly. */
    private static Object callSpecial(Object m, Object self, Object other) {
        if (m instanceof PyFunction pf && pf.simple) {
            return JitRuntime.invokeSimple(pf, new Object[] {other}, 0, 1, self);
        }
        return Ops.callMethod(m, self, other);
    }

    private static Object userBinary(BinaryOp op, Object a, Object b) {
        if (a instanceof PyInstance pi && !(a instanceof PyException)) {
            if (op.isInplace()) {
                Object m = opMethod(pi.type(), op, false);
                if (m != null) {
                    Object r = callSpecial(m, a, b);
                    if (r != PyNone.NOT_IMPLEMENTED) {
                        return r;
                    }
                }
            }
            Object m = opMethod(pi.type(), op.plain(), false);
            if (m != null) {
                Object r = callSpecial(m, a, b);
                if (r != PyNone.NOT_IMPLEMENTED) {
                    return r;
                }
            }
        }
        if (b instanceof PyInstance pi && !(b instanceof PyException)) {
            Object m = opMethod(pi.type(), op.plain(), true);
            if (m != null) {
                Object r = callSpecial(m, b, a);
                if (r != PyNone.NOT_IMPLEMENTED) {
                    return r;
                }
            }
        }
        Object ua = Ops.unwrap(a);
        Object ub = Ops.unwrap(b);
        if (ub != b && isNumber(ua) && isNumber(ub)) {
            throw nativeOperandError(op, ua, ub, a, b);
        }
        if (ua != a || ub != b) {
            if (op.isInplace() && a instanceof PyInstance && ua != a) {
                Object r = builtinBinary(op, ua, ub);
                if (r == ua) {
                    return a;
                }
                return r;
            }
            return builtinBinary(op, ua, ub);
        }
        return null;
    }

    private static boolean isNumber(Object o) {
        return o instanceof Long || o instanceof Integer || o instanceof Boolean || o instanceof BigInteger
                || o instanceof Double;
    }

    /**
     * MicroPython's built-in int and float operations take only genuine numbers as their right
     * operand, not an instance of a subclass of int or float (whose class here defines no
     * reflected method): a number on the left of such an instance is a TypeError, and the
     * message is the one the unix port gives. For an arithmetic operator it comes from the
     * reflected operation the instance's native int is asked for ({@code __radd__: 'int',
     * 'int'}) or, for a float subclass or a big int on the left, from the plain one; for a
     * comparison it names both types as they are.
     */
    private static PyError nativeOperandError(BinaryOp op, Object ua, Object ub, Object a, Object b) {
        BinaryOp plain = op.plain();
        if (plain.ordinal() < BinaryOp.OR.ordinal()) {
            return unsupported(op, a, b);
        }
        String left = ua instanceof Double ? "float" : "int";
        String right = ub instanceof Double ? "float" : "int";
        boolean small = ua instanceof Long v ? v >= -(1L << 62) && v < (1L << 62)
                : ua instanceof Integer || ua instanceof Boolean;
        if (!(ub instanceof Double) && (small || ua instanceof Double)) {
            String name = "__r" + plain.methodName().substring(2);
            return Ops.typeError("unsupported types for " + name + ": '" + right + "', '" + left + "'");
        }
        return Ops.typeError("unsupported types for " + plain.methodName() + ": '" + left + "', '" + right + "'");
    }

    /** An int result of the fast paths, boxed: {@link Box#of}. */
    static Long box(long v) {
        return Box.of(v);
    }

    /**
     * The common operations on two small ints by bytecode operator number (BinaryOp's
     * ordinal), as longOp computes them; null for any other operator and on overflow, so the
     * caller takes the general path.
     */
    static Object longFast(int k, long x, long y) {
        switch (k) {
            case 0: // LESS
                return x < y;
            case 1: // MORE
                return x > y;
            case 2: // EQUAL
                return x == y;
            case 3: // LESS_EQUAL
                return x <= y;
            case 4: // MORE_EQUAL
                return x >= y;
            case 5: // NOT_EQUAL
                return x != y;
            case 9: // INPLACE_OR
            case 22: // OR
                return box(x | y);
            case 10: // INPLACE_XOR
            case 23: // XOR
                return box(x ^ y);
            case 11: // INPLACE_AND
            case 24: // AND
                return box(x & y);
            case 12: // INPLACE_LSHIFT
            case 25: { // LSHIFT: when the result fits in 63 bits (as intOp, which then allocates nothing)
                int bits = 64 - Long.numberOfLeadingZeros(x < 0 ? ~x : x);
                return y < 0 || y > 63 || bits + y > 63 ? null : box(x << y);
            }
            case 13: // INPLACE_RSHIFT
            case 26: // RSHIFT
                return y < 0 ? null : box(x >> Math.min(y, 63));
            case 14: // INPLACE_ADD
            case 27: { // ADD
                long r = x + y;
                return ((x ^ r) & (y ^ r)) < 0 ? null : box(r);
            }
            case 15: // INPLACE_SUBTRACT
            case 28: { // SUBTRACT
                long r = x - y;
                return ((x ^ y) & (x ^ r)) < 0 ? null : box(r);
            }
            case 16: // INPLACE_MULTIPLY
            case 29: { // MULTIPLY
                long hi = Math.multiplyHigh(x, y);
                long lo = x * y;
                return (hi == 0 && lo >= 0) || (hi == -1 && lo < 0) ? box(lo) : null;
            }
            case 18: // INPLACE_FLOOR_DIVIDE
            case 31: // FLOOR_DIVIDE
                return y == 0 || (x == Long.MIN_VALUE && y == -1) ? null : box(Math.floorDiv(x, y));
            case 20: // INPLACE_MODULO
            case 33: // MODULO
                return y == 0 ? null : box(Math.floorMod(x, y));
            default:
                return null;
        }
    }

    /** The common operations on two floats, as floatOp and eq compute them; null for others. */
    static Object doubleFast(int k, double x, double y) {
        switch (k) {
            case 0: // LESS
                return x < y;
            case 1: // MORE
                return x > y;
            case 2: // EQUAL
                return x == y;
            case 3: // LESS_EQUAL
                return x <= y;
            case 4: // MORE_EQUAL
                return x >= y;
            case 5: // NOT_EQUAL
                return x != y;
            case 14: // INPLACE_ADD
            case 27: // ADD
                return x + y;
            case 15: // INPLACE_SUBTRACT
            case 28: // SUBTRACT
                return x - y;
            case 16: // INPLACE_MULTIPLY
            case 29: // MULTIPLY
                return x * y;
            case 19: // INPLACE_TRUE_DIVIDE
            case 32: // TRUE_DIVIDE
                return y == 0 ? null : (Object) (x / y);
            default:
                return null;
        }
    }

    private static Object longOp(BinaryOp op, long x, long y) {
        switch (op) {
            case ADD:
            case INPLACE_ADD: {
                long r = x + y;
                if (((x ^ r) & (y ^ r)) < 0) {
                    return BigInteger.valueOf(x).add(BigInteger.valueOf(y));
                }
                return r;
            }
            case SUBTRACT:
            case INPLACE_SUBTRACT: {
                long r = x - y;
                if (((x ^ y) & (x ^ r)) < 0) {
                    return BigInteger.valueOf(x).subtract(BigInteger.valueOf(y));
                }
                return r;
            }
            case MULTIPLY:
            case INPLACE_MULTIPLY: {
                long hi = Math.multiplyHigh(x, y);
                long lo = x * y;
                if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
                    return lo;
                }
                return BigInteger.valueOf(x).multiply(BigInteger.valueOf(y));
            }
            case LESS:
                return x < y;
            case MORE:
                return x > y;
            case LESS_EQUAL:
                return x <= y;
            case MORE_EQUAL:
                return x >= y;
            case EQUAL:
                return x == y;
            case NOT_EQUAL:
                return x != y;
            case FLOOR_DIVIDE:
            case INPLACE_FLOOR_DIVIDE:
                if (y == 0) {
                    throw Ops.zeroDiv();
                }
                if (x == Long.MIN_VALUE && y == -1) {
                    return BigInteger.valueOf(x).negate();
                }
                return Math.floorDiv(x, y);
            case MODULO:
            case INPLACE_MODULO:
                if (y == 0) {
                    throw Ops.zeroDiv();
                }
                return Math.floorMod(x, y);
            case TRUE_DIVIDE:
            case INPLACE_TRUE_DIVIDE:
                // as intOp: each int to float (IntToFloat, correctly rounded below 2**64), then divide
                if (y == 0) {
                    throw Ops.zeroDiv();
                }
                return (double) x / (double) y;
            case POWER:
            case INPLACE_POWER:
                return y >= 0 ? longPower(x, y) : null;
            case AND:
            case INPLACE_AND:
                return x & y;
            case OR:
            case INPLACE_OR:
                return x | y;
            case XOR:
            case INPLACE_XOR:
                return x ^ y;
            default:
                return null;
        }
    }

    /**
     * The common operations on two ints of which one at least is big (the other a Long), as
     * intOp computes them, straight from binary; null for other operands and operators.
     */
    private static Object bigArith(BinaryOp op, Object a, Object b) {
        BigInteger x;
        BigInteger y;
        if (a instanceof BigInteger v) {
            x = v;
        } else if (a instanceof Long v) {
            x = BigInteger.valueOf(v);
        } else {
            return null;
        }
        if (b instanceof BigInteger v) {
            y = v;
        } else if (b instanceof Long v) {
            y = BigInteger.valueOf(v);
        } else {
            return null;
        }
        switch (op) {
            case ADD:
            case INPLACE_ADD:
                return Ops.normalize(x.add(y));
            case SUBTRACT:
            case INPLACE_SUBTRACT:
                return Ops.normalize(x.subtract(y));
            case MULTIPLY:
            case INPLACE_MULTIPLY:
                return multiply(x, y);
            case FLOOR_DIVIDE:
            case INPLACE_FLOOR_DIVIDE:
                return floorDivide(x, y);
            case LESS:
            case MORE:
            case LESS_EQUAL:
            case MORE_EQUAL:
                return ordering(op, x.compareTo(y));
            default:
                return null;
        }
    }

    private static Object multiply(BigInteger x, BigInteger y) {
        if (x.bitLength() + y.bitLength() > 63) {
            Heap.alloc(((long) x.bitLength() + y.bitLength()) >> 3);
        }
        return Ops.normalize(x.multiply(y));
    }

    /**
     * The common operations of a float with a small int (a Long, converted as Ops.toDouble
     * converts it), as floatOp computes them, straight from binary; null for the others and
     * where floatOp raises. A power only with the int as the exponent.
     */
    private static Object mixedFloat(BinaryOp op, double x, double y, boolean intExponent) {
        switch (op) {
            case ADD:
            case INPLACE_ADD:
                return x + y;
            case SUBTRACT:
            case INPLACE_SUBTRACT:
                return x - y;
            case MULTIPLY:
            case INPLACE_MULTIPLY:
                return x * y;
            case TRUE_DIVIDE:
            case INPLACE_TRUE_DIVIDE:
                return y == 0 ? null : (Object) (x / y);
            case POWER:
            case INPLACE_POWER:
                if (!intExponent || (x == 0 && y < 0)) {
                    return null;
                }
                return x == 1 ? 1.0 : Math.pow(x, y);
            case LESS:
            case MORE:
            case LESS_EQUAL:
            case MORE_EQUAL:
                return ordering(op, x, y);
            default:
                return null;
        }
    }

    /** x ** y for y >= 0 when the result fits in a Long; null when it does not (intOp then). */
    private static Object longPower(long x, long y) {
        long result = 1;
        long base = x;
        while (true) {
            if ((y & 1) != 0) {
                long hi = Math.multiplyHigh(result, base);
                long lo = result * base;
                if (!((hi == 0 && lo >= 0) || (hi == -1 && lo < 0))) {
                    return null;
                }
                result = lo;
            }
            y >>>= 1;
            if (y == 0) {
                return result;
            }
            long hi = Math.multiplyHigh(base, base);
            long lo = base * base;
            if (hi != 0 || lo < 0) { // |base| >= 2**31.5 and a factor is left: the result is big
                return null;
            }
            base = lo;
        }
    }

    /**
     * As MicroPython's float (and complex) binary operations: an object of a class with
     * __float__ on the right of a float is converted by it before any reflected method is tried.
     */
    private static Object floatOperand(BinaryOp op, Object a, Object b) {
        if (!(b instanceof PyInstance pi) || b instanceof PyException || pi.base != null) {
            return b;
        }
        boolean isFloat = a instanceof Double || a instanceof PyInstance ai && ai.base instanceof Double;
        if (!isFloat && !(a instanceof PyComplex)) {
            return b;
        }
        switch (op) {
            case IS:
            case IN:
            case EXCEPTION_MATCH:
                return b;
            case EQUAL:
            case NOT_EQUAL:
                if (!isFloat) {
                    return b;
                }
                break;
            default:
                break;
        }
        if (pi.type().lookupNotObject("__float__") == null) {
            return b;
        }
        return Ops.toDouble(b);
    }

    private static Object builtinBinary(BinaryOp op, Object a, Object b) {
        BinaryOp p = op.plain();
        if (Ops.isInt(a) && Ops.isInt(b)) {
            return intOp(p, Ops.big(a), Ops.big(b), a, b);
        }
        if (Ops.isNumber(a) && Ops.isNumber(b)) {
            return floatOp(p, a, b);
        }
        if ((a instanceof PyComplex || b instanceof PyComplex) && (Ops.isNumber(a) || a instanceof PyComplex)
                && (Ops.isNumber(b) || b instanceof PyComplex)) {
            return complexOp(p, complexOf(a), complexOf(b), a, b);
        }
        if (p == BinaryOp.LESS || p == BinaryOp.MORE || p == BinaryOp.LESS_EQUAL || p == BinaryOp.MORE_EQUAL) {
            Integer c = compare(a, b);
            if (c == null) {
                if (a instanceof PySet s && b instanceof PySet t) {
                    return setCompare(p, s, t);
                }
                if (a instanceof ArrayType.PyArray x) {
                    return ArrayType.binary(p, x, b);
                }
                return null;
            }
            switch (p) {
                case LESS:
                    return c < 0;
                case MORE:
                    return c > 0;
                case LESS_EQUAL:
                    return c <= 0;
                default:
                    return c >= 0;
            }
        }
        if (a instanceof String s) {
            if (p == BinaryOp.ADD && b instanceof String t) {
                if (s.isEmpty() || t.isEmpty()) {
                    return s.isEmpty() ? t : s;
                }
                Heap.alloc((long) s.length() + t.length());
                return s.concat(t);
            } else if (p == BinaryOp.MULTIPLY && Ops.isInt(b)) {
                long n = Math.max(0, Ops.toLong(b));
                long size = s.isEmpty() ? 0 : Math.multiplyHigh(n, s.length()) != 0 ? Long.MAX_VALUE : n * s.length();
                Heap.alloc(size + 1);
                if (size > (1L << 30)) {
                    throw Heap.memoryError(size + 1);
                }
                return s.repeat((int) n);
            } else if (p == BinaryOp.MODULO) {
                return Fmt.percent(s, b);
            }
            return null;
        }
        if (a instanceof PyList l) {
            if (op == BinaryOp.INPLACE_ADD) {
                java.util.List<Object> add = Ops.toList(b);
                Heap.allocItems(add.size());
                l.items.addAll(add);
                return l;
            }
            if (p == BinaryOp.ADD && b instanceof PyList m) {
                Heap.allocItems((long) l.items.size() + m.items.size());
                return PyList.concat(l.items, m.items);
            }
            if (p == BinaryOp.MULTIPLY && Ops.isInt(b)) {
                return new PyList(repeat(l.items.toArray(), Ops.toLong(b)));
            }
            if (op == BinaryOp.INPLACE_MULTIPLY && Ops.isInt(b)) {
                Object[] r = repeat(l.items.toArray(), Ops.toLong(b));
                l.items.clear();
                l.items.addAll(java.util.Arrays.asList(r));
                return l;
            }
            return null;
        }
        if (a instanceof PyTuple t) {
            if (p == BinaryOp.ADD && b instanceof PyTuple u) {
                Heap.allocItems((long) t.items.length + u.items.length);
                Object[] r = new Object[t.items.length + u.items.length];
                System.arraycopy(t.items, 0, r, 0, t.items.length);
                System.arraycopy(u.items, 0, r, t.items.length, u.items.length);
                return PyTuple.make(r);
            }
            if (p == BinaryOp.MULTIPLY && Ops.isInt(b)) {
                return PyTuple.make(repeat(t.items, Ops.toLong(b)));
            }
            return null;
        }
        if (Ops.isInt(a) && p == BinaryOp.MULTIPLY
                && (b instanceof String || b instanceof PyList || b instanceof PyTuple || b instanceof PyBytes
                        || b instanceof PyByteArray)) {
            return builtinBinary(p, b, a);
        }
        if (a instanceof PyBytes || a instanceof PyByteArray) {
            byte[] x = Ops.bytesOf(a);
            if (p == BinaryOp.ADD && (b instanceof PyBytes || b instanceof PyByteArray || b instanceof ArrayType.PyArray
                    || b instanceof ArrayType.MemoryView || b instanceof String)) {
                // any buffer, str's UTF-8 included (MicroPython's bytes + str)
                byte[] y = b instanceof String str ? str.getBytes(java.nio.charset.StandardCharsets.UTF_8) : Ops.bytesOf(b);
                if (a instanceof PyBytes && b instanceof PyBytes && (x.length == 0 || y.length == 0)) {
                    return x.length == 0 ? b : a;
                }
                Heap.alloc((long) x.length + y.length);
                byte[] r = java.util.Arrays.copyOf(x, x.length + y.length);
                System.arraycopy(y, 0, r, x.length, y.length);
                if (a instanceof PyByteArray ba) {
                    if (op.isInplace()) {
                        ba.set(r);
                        return ba;
                    }
                    return new PyByteArray(r);
                }
                return new PyBytes(r);
            }
            if (p == BinaryOp.MULTIPLY && Ops.isInt(b)) {
                long count = Math.max(0, Ops.toLong(b));
                long size = x.length == 0 ? 0 : Math.multiplyHigh(count, x.length) != 0 ? Long.MAX_VALUE : count * x.length;
                Heap.alloc(size);
                if (size > (1L << 30)) {
                    throw Heap.memoryError(size);
                }
                int n = (int) count;
                byte[] r = new byte[x.length * n];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(x, 0, r, i * x.length, x.length);
                }
                return a instanceof PyByteArray ? new PyByteArray(r) : new PyBytes(r);
            }
            if (p == BinaryOp.MODULO && a instanceof PyBytes) {
                return new PyBytes(Strs.latin1(Fmt.percent(Strs.fromLatin1(x), b, true)));
            }
            return null;
        }
        if (a instanceof PySet s && b instanceof PySet t) {
            return setOp(op, s, t);
        }
        if (a instanceof PyDict d && b instanceof PyDict e && p == BinaryOp.OR) {
            PyDict r = op.isInplace() ? d : ObjDict.dictCopy(d);
            for (Object k : e.keys()) {
                r.put(k, e.get(k));
            }
            return r;
        }
        // (dict views take part in no set operations in MicroPython: a TypeError follows)
        if (a instanceof ArrayType.PyArray x) {
            return ArrayType.binary(op, x, b);
        }
        return null;
    }

    static Object[] repeat(Object[] items, long n) {
        if (n <= 0) {
            return new Object[0];
        }
        long size = items.length == 0 ? 0 : Math.multiplyHigh(n, items.length) != 0 ? Long.MAX_VALUE : n * items.length;
        Heap.allocItems(Math.min(size, Long.MAX_VALUE >> 3));
        if (size > (1L << 27)) {
            throw Heap.memoryError(size << 3);
        }
        Object[] r = new Object[(int) (items.length * n)];
        for (int i = 0; i < n; i++) {
            System.arraycopy(items, 0, r, i * items.length, items.length);
        }
        return r;
    }

    private static Object setCompare(BinaryOp p, PySet s, PySet t) {
        switch (p) {
            case LESS:
                return s.size() < t.size() && subset(s, t);
            case LESS_EQUAL:
                return subset(s, t);
            case MORE:
                return s.size() > t.size() && subset(t, s);
            default:
                return subset(t, s);
        }
    }

    static boolean subset(PySet s, PySet t) {
        for (Object x : s.items()) {
            if (!t.contains(x)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A set operator, as MicroPython's objset computes it (which decides the result's table
     * and so its order): {@code |}, {@code -} and {@code ^} start from a copy of the left
     * set (keeping a frozenset's type) and add, discard or toggle the right one's items in its
     * order; {@code &} builds a new set from the right one's items the left one holds. The
     * in-place forms change a set itself ({@code &=} takes the new table), a frozenset's
     * make a new one.
     */
    static Object setOp(BinaryOp op, PySet s, PySet t) {
        boolean update = op.isInplace() && !s.frozen;
        switch (op.plain()) {
            case OR: {
                PySet r = update ? s : s.copy();
                ObjSet.addAll(r, t);
                return r;
            }
            case AND: {
                if (s == t) {
                    return update ? s : s.copy();
                }
                PySet out = ObjSet.intersect(s, t);
                if (update) {
                    s.table.become(out.table);
                    return s;
                }
                return out;
            }
            case SUBTRACT: {
                PySet r = update ? s : s.copy();
                ObjSet.discardAll(r, t);
                return r;
            }
            case XOR: {
                PySet r = update ? s : s.copy();
                ObjSet.toggleAll(r, t);
                return r;
            }
            default:
                return null;
        }
    }

    /** Ordering of two values of comparable built-in kinds, or null when they don't compare. */
    static Integer compare(Object a, Object b) {
        if (Ops.isNumber(a) && Ops.isNumber(b)) {
            if (a instanceof Double || b instanceof Double) {
                double x = Ops.toDouble(a);
                double y = Ops.toDouble(b);
                if (Double.isNaN(x) || Double.isNaN(y)) {
                    return null;
                }
                return Double.compare(x == 0.0 ? 0.0 : x, y == 0.0 ? 0.0 : y);
            }
            return Ops.big(a).compareTo(Ops.big(b));
        }
        if (a instanceof String s && b instanceof String t) {
            return Integer.signum(Strs.compare(s, t));
        }
        if ((a instanceof PyBytes || a instanceof PyByteArray) && (b instanceof PyBytes || b instanceof PyByteArray)) {
            return Integer.signum(java.util.Arrays.compareUnsigned(Ops.bytesOf(a), Ops.bytesOf(b)));
        }
        if (a instanceof PyList l && b instanceof PyList m) {
            return seqCompare(l.items.toArray(), m.items.toArray());
        }
        if (a instanceof PyTuple t && b instanceof PyTuple u) {
            return seqCompare(t.items, u.items);
        }
        return null;
    }

    private static Integer seqCompare(Object[] x, Object[] y) {
        int n = Math.min(x.length, y.length);
        for (int i = 0; i < n; i++) {
            if (!Ops.eq(x[i], y[i])) {
                if (Ops.truthy(binary(BinaryOp.LESS, x[i], y[i]))) {
                    return -1;
                }
                return 1;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    /** a < b for sorting and min/max, with the operator's error for mismatched types. */
    public static boolean less(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return x < y;
        }
        return Ops.truthy(binary(BinaryOp.LESS, a, b));
    }

    /**
     * Python's floor division x // y of two ints (ZeroDivisionError for y == 0), as a Long when
     * the quotient fits. A quotient of at most 29 bits from operands of 64 bits or more (the
     * digit a spigot extracts from two long numbers) is found from their leading 62 bits with
     * no long division: |x| / |y| lies strictly between xt / (yt + 1) and (xt + 1) / yt (xt and
     * yt those leading bits, both shifted by the same amount), an interval narrower than 1/8 here,
     * so its floor is one of the two ends' floors, and one multiply-subtract tells which when
     * they differ. With opposite signs Python's floor is -q when the division is exact and
     * -q - 1 otherwise, so that needs the remainder's sign; the low 64 bits of |x| - q|y|
     * settle it without the subtraction unless they are all zero.
     */
    static Object floorDivide(BigInteger x, BigInteger y) {
        int ys = y.signum();
        if (ys == 0) {
            throw Ops.zeroDiv();
        }
        int xs = x.signum();
        if (xs == 0) {
            return 0L;
        }
        BigInteger ax = xs < 0 ? x.negate() : x;
        BigInteger ay = ys < 0 ? y.negate() : y;
        int bx = ax.bitLength();
        int d = bx - ay.bitLength();
        if (d < 0) { // |x| < |y|
            return xs == ys ? 0L : -1L;
        }
        if (d <= 28 && bx >= 64) {
            int s = bx - 62;
            long xt = ax.shiftRight(s).longValue();
            long yt = ay.shiftRight(s).longValue();
            long q = xt / (yt + 1);
            boolean exact;
            if (q == (xt + 1) / yt) {
                if (xs == ys) {
                    return q;
                }
                exact = ax.longValue() - q * ay.longValue() == 0
                        && ax.subtract(ay.multiply(BigInteger.valueOf(q))).signum() == 0;
            } else {
                BigInteger r = ax.subtract(ay.multiply(BigInteger.valueOf(q)));
                int c = r.compareTo(ay);
                if (c >= 0) {
                    q++;
                    exact = c == 0;
                } else {
                    exact = r.signum() == 0;
                }
            }
            return xs == ys ? q : exact ? -q : -q - 1;
        }
        if (xs == ys) {
            return Ops.normalize(x.divide(y));
        }
        BigInteger[] qr = x.divideAndRemainder(y);
        BigInteger q = qr[0];
        if (qr[1].signum() != 0) {
            q = q.subtract(BigInteger.ONE);
        }
        return Ops.normalize(q);
    }

    private static Object intOp(BinaryOp p, BigInteger x, BigInteger y, Object a, Object b) {
        switch (p) {
            case ADD:
                return Ops.normalize(x.add(y));
            case SUBTRACT:
                return Ops.normalize(x.subtract(y));
            case MULTIPLY:
                return multiply(x, y);
            case FLOOR_DIVIDE:
                return floorDivide(x, y);
            case MODULO: {
                if (y.signum() == 0) {
                    throw Ops.zeroDiv();
                }
                BigInteger r = x.mod(y.abs());
                if (y.signum() < 0 && r.signum() != 0) {
                    r = r.add(y);
                }
                return Ops.normalize(r);
            }
            case TRUE_DIVIDE: {
                if (y.signum() == 0) {
                    throw Ops.zeroDiv();
                }
                return IntToFloat.convert(x) / IntToFloat.convert(y);
            }
            case POWER: {
                if (y.signum() < 0) {
                    if (x.signum() == 0) {
                        throw Ops.zeroDiv();
                    }
                    return Math.pow(IntToFloat.convert(x), IntToFloat.convert(y));
                }
                if (x.equals(BigInteger.ONE) || x.signum() == 0) {
                    return Ops.normalize(x.pow(y.signum() == 0 ? 0 : 1));
                }
                if (x.equals(BigInteger.ONE.negate())) {
                    return y.testBit(0) ? -1L : 1L;
                }
                if (y.bitLength() > 31 || (long) x.bitLength() * y.longValue() > 64_000_000L) {
                    throw Ops.error(Types.MEMORY_ERROR, "memory allocation failed");
                }
                if ((long) x.bitLength() * y.longValue() > 63) {
                    Heap.alloc((long) x.bitLength() * y.longValue() >> 3);
                }
                return Ops.normalize(x.pow(y.intValue()));
            }
            case LSHIFT: {
                if (y.signum() < 0) {
                    throw Ops.valueError("negative shift count");
                }
                if (y.bitLength() > 31 || y.intValue() > 64_000_000) {
                    throw Ops.error(Types.OVERFLOW_ERROR, "result overflows");
                }
                if ((long) x.bitLength() + y.intValue() > 63) {
                    Heap.alloc(((long) x.bitLength() + y.intValue()) >> 3);
                }
                return Ops.normalize(x.shiftLeft(y.intValue()));
            }
            case RSHIFT: {
                if (y.signum() < 0) {
                    throw Ops.valueError("negative shift count");
                }
                if (y.bitLength() > 31) {
                    return x.signum() < 0 ? -1L : 0L;
                }
                return Ops.normalize(x.shiftRight(y.intValue()));
            }
            case AND:
                return Ops.normalize(x.and(y));
            case OR:
                return Ops.normalize(x.or(y));
            case XOR:
                return Ops.normalize(x.xor(y));
            case LESS:
            case MORE:
            case LESS_EQUAL:
            case MORE_EQUAL:
                return ordering(p, x.compareTo(y));
            default:
                return null;
        }
    }

    private static Object floatOp(BinaryOp p, Object a, Object b) {
        double x = Ops.toDouble(a);
        double y = Ops.toDouble(b);
        switch (p) {
            case ADD:
                return x + y;
            case SUBTRACT:
                return x - y;
            case MULTIPLY:
                return x * y;
            case TRUE_DIVIDE:
                if (y == 0) {
                    throw Ops.zeroDiv();
                }
                return x / y;
            case FLOOR_DIVIDE: {
                if (y == 0) {
                    throw Ops.zeroDiv();
                }
                return floorDiv(x, y);
            }
            case MODULO: {
                if (y == 0) {
                    throw Ops.zeroDiv();
                }
                return floatMod(x, y);
            }
            case POWER:
                if (x == 0 && y < 0 && !Double.isInfinite(y)) {
                    throw Ops.zeroDiv();
                }
                if (x < 0 && y != Math.floor(y) && !Double.isInfinite(y) && !Double.isNaN(y)) {
                    return complexOp(BinaryOp.POWER, new double[] {x, 0}, new double[] {y, 0}, a, b);
                }
                if (x == 1 || (x == -1 && Double.isInfinite(y))) {
                    return 1.0; // as C's pow: 1 to any power, and -1 to ±inf
                }
                return Math.pow(x, y);
            case LESS:
            case MORE:
            case LESS_EQUAL:
            case MORE_EQUAL:
                return ordering(p, x, y);
            default:
                return null;
        }
    }

    static double floatMod(double x, double y) {
        double m = x % y;
        if (m != 0 && ((m < 0) != (y < 0))) {
            m += y;
        } else if (m == 0) {
            m = Math.copySign(0.0, y);
        }
        return m;
    }

    static double floorDiv(double x, double y) {
        double mod = x % y;
        double div = (x - mod) / y;
        if (mod != 0 && ((y < 0) != (mod < 0))) {
            div -= 1.0;
        }
        if (div == 0) {
            return Math.copySign(0.0, x / y);
        }
        double fl = Math.floor(div);
        if (div - fl > 0.5) {
            fl += 1.0;
        }
        return fl;
    }

    static double[] complexOf(Object o) {
        if (o instanceof PyComplex c) {
            return new double[] {c.real(), c.imag()};
        }
        if (o instanceof PyInstance pi && pi.type().lookupNotObject("__complex__") != null) {
            Object r = Ops.callMethod(pi.type().lookupNotObject("__complex__"), pi);
            if (!(r instanceof PyComplex c)) {
                throw Ops.typeError("__complex__ returned non-complex (type " + Ops.typeName(r) + ")");
            }
            return new double[] {c.real(), c.imag()};
        }
        return new double[] {Ops.toDouble(o), 0};
    }

    private static Object complexOp(BinaryOp p, double[] x, double[] y, Object a, Object b) {
        switch (p) {
            case ADD:
                return new PyComplex(x[0] + y[0], x[1] + y[1]);
            case SUBTRACT:
                return new PyComplex(x[0] - y[0], x[1] - y[1]);
            case MULTIPLY:
                return new PyComplex(x[0] * y[0] - x[1] * y[1], x[0] * y[1] + x[1] * y[0]);
            case TRUE_DIVIDE: {
                // MicroPython's way, which rounds differently from CPython's in the last digit:
                // a real or imaginary divisor directly, else multiply by its reciprocal
                if (y[1] == 0) {
                    if (y[0] == 0) {
                        throw Ops.error(Types.ZERO_DIVISION_ERROR, "complex divide by zero");
                    }
                    return new PyComplex(x[0] / y[0], x[1] / y[0]);
                }
                if (y[0] == 0) {
                    return new PyComplex(x[1] / y[1], -x[0] / y[1]);
                }
                double lenSq = y[0] * y[0] + y[1] * y[1];
                double re = y[0] / lenSq;
                double im = y[1] / -lenSq;
                return new PyComplex(x[0] * re - x[1] * im, x[0] * im + x[1] * re);
            }
            case POWER: {
                double[] r = ComplexMath.power(x[0], x[1], y[0], y[1]);
                if (r == null) {
                    throw Ops.error(Types.ZERO_DIVISION_ERROR, "0.0 to a complex power");
                }
                return new PyComplex(r[0], r[1]);
            }
            default:
                return null;
        }
    }

    /** An ordering of two doubles (op is LESS, MORE, LESS_EQUAL or MORE_EQUAL; NaN orders nothing). */
    private static Boolean ordering(BinaryOp op, double x, double y) {
        switch (op) {
            case LESS:
                return x < y;
            case MORE:
                return x > y;
            case LESS_EQUAL:
                return x <= y;
            default:
                return x >= y;
        }
    }

    /** An ordering's answer from compareTo's sign (op is LESS, MORE, LESS_EQUAL or MORE_EQUAL). */
    private static Boolean ordering(BinaryOp op, int c) {
        switch (op) {
            case LESS:
                return c < 0;
            case MORE:
                return c > 0;
            case LESS_EQUAL:
                return c <= 0;
            default:
                return c >= 0;
        }
    }
}
