package dev.mpt.vm;

import java.util.ArrayList;
import java.util.List;

/**
 * An instance of a class defined in Python (or of a built-in type subclassed in Python).
 *
 * <p>Its attributes (MicroPython's instance members) live in a value array laid out by a
 * {@link Shape} shared with the instances that gained their attributes in the same order;
 * an instance with very many attributes, or of a class whose instances went through too
 * many layouts, keeps them in a {@link HashTable} instead (dictionary mode). Either way the
 * members iterate in the order of MicroPython's member table.
 */
public class PyInstance implements PyObject {
    private static final Object[] NO_SLOTS = new Object[0];

    private PyType type;
    /** The layout of {@link #slots}; null in dictionary mode. */
    Shape shape;
    /** The attribute values, by the fields of {@link #shape}. */
    Object[] slots;
    /** Dictionary mode: the member table itself (keys are names). */
    private HashTable table;
    /** For a subclass of a built-in type (list, dict, int ...): the built-in value. */
    public Object base;
    /** The address id() gives, once asked (see {@link Repr#address}). */
    long address;

    /**
     * The built-in value of an instance whose class's own __init__ is running and has not
     * called super().__init__() yet. As in MicroPython it is a placeholder function object:
     * operations on the instance act on it, methods of the built-in base raise
     * AttributeError, and the value is made when super().__init__() is called or, failing
     * that, from the constructor's arguments once __init__ returns.
     */
    static final PyBuiltin BASE_PENDING = new PyBuiltin("function", (a, kw) -> {
        throw basePendingError();
    });

    boolean basePending() {
        return base == BASE_PENDING;
    }

    /** The built-in value, for calling a method of the built-in base on it. */
    Object initializedBase() {
        if (basePending()) {
            throw basePendingError();
        }
        return base;
    }

    private static PyError basePendingError() {
        return Ops.error(Types.ATTRIBUTE_ERROR, "call super().__init__() first");
    }

    /**
     * For a built-in type's own __init__ called on a pending instance (list.__init__(self, x)):
     * makes the value of type t from the arguments after self and returns true.
     */
    static boolean initPendingBase(Object self, PyType t, Object[] a, java.util.Map<String, Object> kw) {
        if (!(self instanceof PyInstance pi) || !pi.basePending()) {
            return false;
        }
        pi.base = Classes.makeNativeBase(t, java.util.Arrays.copyOfRange(a, 1, a.length), kw);
        return true;
    }

    public PyInstance(PyType type) {
        this.type = type;
        this.shape = type.shapes.empty;
        int hint = type.fieldHint;
        this.slots = hint == 0 ? NO_SLOTS : new Object[hint];
    }

    // ---- members (the instance's own attributes) ----

    /** The value of the member name, or null when the instance has none. */
    public final Object member(String name) {
        Shape s = shape;
        if (s != null) {
            int f = s.fieldOf(name);
            return f < 0 ? null : slots[f];
        }
        int i = table.find(name, false);
        return i < 0 ? null : table.values[i];
    }

    public final boolean hasMember(String name) {
        return member(name) != null;
    }

    /** Sets the member name (adding it when new), as MicroPython's store into the member map. */
    public final void setMember(String name, Object value) {
        Shape s = shape;
        if (s != null) {
            int f = s.fieldOf(name);
            if (f >= 0) {
                slots[f] = value;
                return;
            }
            Shape to = s.add(name);
            if (to != null) {
                grow(to);
                slots[to.fieldOf(name)] = value;
                shape = to;
                return;
            }
            toDictionaryMode();
        }
        int i = table.find(name, true); // (may grow the table: read its values after)
        table.values[i] = value;
    }

    /**
     * Makes room for the fields of shape to (which the instance is about to take). When its
     * member table is larger, MicroPython rehashed the map into a new one: that allocation
     * (a key and a value per slot) is charged, and fails under heap_lock before anything
     * changes.
     */
    final void grow(Shape to) {
        Shape from = shape;
        if (from != null && to.table.length > from.table.length) {
            Heap.alloc(16L * to.table.length);
        }
        int n = to.nFields;
        if (n > slots.length) {
            slots = java.util.Arrays.copyOf(slots, Math.max(n, slots.length + 2));
            if (n > type.fieldHint) {
                type.fieldHint = n; // the next instances start with room for these
            }
        }
    }

    /** Removes the member name; false when there is none. */
    public final boolean deleteMember(String name) {
        Shape s = shape;
        if (s != null) {
            int f = s.fieldOf(name);
            if (f < 0) {
                return false;
            }
            Shape to = s.remove(name);
            if (to != null) {
                slots[f] = null;
                shape = to;
                return true;
            }
            toDictionaryMode();
        }
        int i = table.find(name, false);
        if (i < 0) {
            return false;
        }
        table.removeAt(i);
        return true;
    }

    private void toDictionaryMode() {
        table = shape.toTable(slots);
        shape = null;
        slots = NO_SLOTS;
    }

    public final int memberCount() {
        return shape != null ? shape.size() : table.used;
    }

    /** The member names in MicroPython's member-table order. */
    public final List<String> memberNames() {
        Shape s = shape;
        if (s != null) {
            return List.of(s.names);
        }
        List<String> out = new ArrayList<>(table.used);
        for (int i = 0; i < table.keys.length; i++) {
            if (table.live(i)) {
                out.add((String) table.keys[i]);
            }
        }
        return out;
    }

    /**
     * The member names, those added first first (exactly so while none was deleted: a name
     * takes the lowest free field).
     */
    public final List<String> memberNamesOldestFirst() {
        Shape s = shape;
        if (s == null) {
            return memberNames();
        }
        Integer[] order = new Integer[s.names.length];
        for (int j = 0; j < order.length; j++) {
            order[j] = j;
        }
        java.util.Arrays.sort(order, (x, y) -> Integer.compare(s.fields[x], s.fields[y]));
        List<String> out = new ArrayList<>(order.length);
        for (int j : order) {
            out.add(s.names[j]);
        }
        return out;
    }

    /**
     * {@code __dict__}: as MicroPython, a read-only copy of the member table (same slots, so
     * it iterates in the same order); storing into it raises TypeError.
     */
    final PyDict membersDict() {
        PyDict d = new PyDict();
        d.table.become(shape != null ? shape.toTable(slots) : table.copy());
        d.fixed = true;
        return d;
    }

    public PyType type() {
        return type;
    }

    void setType(PyType t) {
        this.type = t;
    }
}
