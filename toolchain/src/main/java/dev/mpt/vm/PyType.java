package dev.mpt.vm;

import java.util.LinkedHashMap;
import java.util.Map;

/** A type: built in (with a Java constructor) or a class defined in Python. */
public final class PyType implements PyObject {
    /** The address id() gives, once asked (see {@link Repr#address}). */
    long address;

    /** Makes an instance of a built-in type (cls may be a Python subclass of it). */
    @FunctionalInterface
    public interface Maker {
        Object make(PyType cls, Object[] args, Map<String, Object> kw);
    }

    public final String name;
    public final PyType[] bases;
    public final Map<String, Object> dict = new TypeDict();
    public final boolean builtin;
    public Maker maker;
    /** The nearest built-in type below object this type derives from (itself for built-ins). */
    final PyType nativeBase;
    public PyType metaclass;
    /** Made by type(name, bases, OrderedDict): __dict__ keeps the definition order. */
    boolean orderedDict;
    /** Some class derives from this one: descriptors can no longer be added to it (as in MicroPython). */
    boolean subclassed;
    /** Classes.plainInit's answer for this type, good while PyType.EPOCH is ctorEpoch. */
    int ctorEpoch = -1;
    PyFunction ctorInit;
    /** Numeric's special methods of binary operators found in this type, good while PyType.EPOCH is opEpoch. */
    Object[] opMethods;
    int opEpoch;
    /** The attribute layouts of this type's instances (see {@link PyInstance}). */
    final Shape.Tree shapes = new Shape.Tree();
    /** The most attribute fields an instance of this type has needed: new ones start with that room. */
    int fieldHint;

    /**
     * Bumped after any change to any type's dict: a lookup result cached at one epoch holds
     * while the epoch is unchanged (the interpreter's attribute caches).
     */
    static final java.util.concurrent.atomic.AtomicInteger EPOCH = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * A type's dict (and the builtins' table): every way of changing it bumps {@link #EPOCH}
     * afterwards.
     */
    static final class TypeDict extends LinkedHashMap<String, Object> {
        private static <T> T changed(T result) {
            EPOCH.incrementAndGet();
            return result;
        }

        @Override
        public Object put(String key, Object value) {
            return changed(super.put(key, value));
        }

        @Override
        public void putAll(Map<? extends String, ? extends Object> m) {
            super.putAll(m);
            changed(null);
        }

        @Override
        public Object remove(Object key) {
            return changed(super.remove(key));
        }

        @Override
        public boolean remove(Object key, Object value) {
            return changed(super.remove(key, value));
        }

        @Override
        public void clear() {
            super.clear();
            changed(null);
        }

        @Override
        public Object putIfAbsent(String key, Object value) {
            return changed(super.putIfAbsent(key, value));
        }

        @Override
        public Object replace(String key, Object value) {
            return changed(super.replace(key, value));
        }

        @Override
        public boolean replace(String key, Object oldValue, Object newValue) {
            return changed(super.replace(key, oldValue, newValue));
        }

        @Override
        public void replaceAll(java.util.function.BiFunction<? super String, ? super Object, ? extends Object> f) {
            super.replaceAll(f);
            changed(null);
        }

        @Override
        public Object compute(String key,
                java.util.function.BiFunction<? super String, ? super Object, ? extends Object> f) {
            return changed(super.compute(key, f));
        }

        @Override
        public Object computeIfAbsent(String key, java.util.function.Function<? super String, ? extends Object> f) {
            return changed(super.computeIfAbsent(key, f));
        }

        @Override
        public Object computeIfPresent(String key,
                java.util.function.BiFunction<? super String, ? super Object, ? extends Object> f) {
            return changed(super.computeIfPresent(key, f));
        }

        @Override
        public Object merge(String key, Object value,
                java.util.function.BiFunction<? super Object, ? super Object, ? extends Object> f) {
            return changed(super.merge(key, value, f));
        }

        // The views can remove entries (through their iterators too): handing one out counts
        // as a change.
        @Override
        public java.util.Set<String> keySet() {
            return changed(super.keySet());
        }

        @Override
        public java.util.Collection<Object> values() {
            return changed(super.values());
        }

        @Override
        public java.util.Set<Map.Entry<String, Object>> entrySet() {
            return changed(super.entrySet());
        }
    }

    public PyType(String name, PyType[] bases, boolean builtin) {
        this.name = name;
        this.bases = bases;
        this.builtin = builtin;
        PyType nb = null;
        if (builtin) {
            nb = this;
        } else {
            for (PyType b : bases) {
                if (b.nativeBase != null && b.nativeBase != Types.OBJECT) {
                    nb = b.nativeBase;
                    break;
                }
            }
        }
        this.nativeBase = nb;
        if (!builtin) {
            for (PyType b : bases) {
                b.subclassed = true;
            }
        }
    }

    public PyType type() {
        return metaclass != null ? metaclass : Types.TYPE;
    }

    /**
     * Looks up an attribute in this type and its bases, depth first, left to right. As
     * MicroPython's mp_obj_class_lookup, object is not searched as a base (it is no "real"
     * type there): only object itself, and super() in a class without other bases, reach
     * object's __init__, __new__, __setattr__ and __delattr__.
     */
    public Object lookup(String attr) {
        Object v = dict.get(attr);
        if (v != null) {
            return v;
        }
        for (PyType b : bases) {
            if (b == Types.OBJECT) {
                continue;
            }
            v = b.lookup(attr);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /**
     * Like lookup, but skips the built-in {@code object} type; and a special method that a
     * built-in base implements natively (printing, len, iteration, subscripting, in) is found
     * there, in MicroPython's depth-first order: for {@code class C(tuple, Mixin)} str() is
     * tuple's even when Mixin has __str__. Null then, so the caller uses the native value.
     */
    public Object lookupNotObject(String attr) {
        Object v = lookupBeforeNative(attr);
        return v == NATIVE_SLOT ? null : v;
    }

    private static final Object NATIVE_SLOT = new Object();

    private Object lookupBeforeNative(String attr) {
        if (this == Types.OBJECT) {
            return null;
        }
        Object v = dict.get(attr);
        if (v != null) {
            return v;
        }
        if (builtin && hasNativeSlot(attr)) {
            return NATIVE_SLOT;
        }
        for (PyType b : bases) {
            v = b.lookupBeforeNative(attr);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private boolean hasNativeSlot(String attr) {
        boolean printable = this == Types.INT || this == Types.FLOAT || this == Types.COMPLEX;
        boolean container = this == Types.LIST || this == Types.TUPLE || this == Types.DICT || this == Types.SET
                || this == Types.FROZENSET || this == Types.STR || this == Types.BYTES || this == Types.BYTEARRAY;
        if (!printable && !container) {
            return false;
        }
        switch (attr) {
            case "__str__":
            case "__repr__":
                return true;
            case "__len__":
            case "__iter__":
            case "__getitem__":
            case "__contains__":
                return container;
            default:
                return false;
        }
    }

    public boolean isSubclassOf(PyType t) {
        if (this == t || t == Types.OBJECT) {
            return true;
        }
        for (PyType b : bases) {
            if (b.isSubclassOf(t)) {
                return true;
            }
        }
        return false;
    }

    boolean isException() {
        return isSubclassOf(Types.BASE_EXCEPTION);
    }

    @Override
    public String toString() {
        return name;
    }
}
