package dev.mpt.vm;

import java.util.ArrayList;
import java.util.List;

/** A dict, iterating in MicroPython's hash-table order (OrderedDict: insertion order). */
public final class PyDict implements PyObject {
    final HashTable table;
    PyType type = Types.DICT;
    /** A fixed dict (such as errno.errorcode): changing it raises TypeError. */
    boolean fixed;

    public PyDict() {
        this(0);
    }

    public PyDict(int n) {
        table = new HashTable(n);
    }

    private PyDict(HashTable table) {
        this.table = table;
    }

    /** dict.copy(): the same table, so the copy iterates in the same order (an OrderedDict's too). */
    PyDict copy() {
        PyDict r = new PyDict(table.copy());
        r.type = type;
        return r;
    }

    PyDict(boolean ordered) {
        table = new HashTable(0);
        table.linear = ordered;
    }

    /**
     * Makes this dict insertion-ordered, holding the names of first (those it has) in that
     * order, then its other keys in their present order: a built-in module's globals, which
     * MicroPython keeps in a fixed table iterated in its order.
     */
    void makeOrdered(List<String> first) {
        List<Object> ks = keys();
        List<Object> vs = values();
        java.util.Map<Object, Object> byKey = new java.util.HashMap<>();
        for (int i = 0; i < ks.size(); i++) {
            byKey.put(ks.get(i), vs.get(i));
        }
        table.clear();
        table.linear = true;
        for (String k : first) {
            Object v = byKey.remove(k);
            if (v != null) {
                int slot = table.find(k, true);
                table.values[slot] = v;
            }
        }
        for (Object k : ks) {
            Object v = byKey.remove(k);
            if (v != null) {
                int slot = table.find(k, true);
                table.values[slot] = v;
            }
        }
    }

    /** Whether this dict keeps insertion order (an OrderedDict, a built-in module's globals). */
    boolean ordered() {
        return table.linear;
    }

    public PyType type() {
        return type;
    }

    public int size() {
        return table.used;
    }

    /** The value, or null when absent. */
    public Object get(Object key) {
        int s = table.find(key, false);
        return s < 0 ? null : table.values[s];
    }

    void checkFixed() {
        if (fixed) {
            throw new PyError(new PyException(Types.TYPE_ERROR, PyTuple.EMPTY));
        }
    }

    public void put(Object key, Object value) {
        checkFixed();
        int s = table.find(key, true);
        table.values[s] = value;
    }

    /** Removes and returns the value, or null. */
    public Object remove(Object key) {
        checkFixed();
        int s = table.find(key, false);
        if (s < 0) {
            return null;
        }
        Object v = table.values[s];
        table.removeAt(s);
        return v;
    }

    public void clear() {
        checkFixed();
        table.clear();
    }

    /** A snapshot of the keys in iteration order. */
    public List<Object> keys() {
        List<Object> out = new ArrayList<>(table.used);
        for (int i = 0; i < table.keys.length; i++) {
            if (table.live(i)) {
                out.add(table.keys[i]);
            }
        }
        return out;
    }

    public List<Object> values() {
        List<Object> out = new ArrayList<>(table.used);
        for (int i = 0; i < table.keys.length; i++) {
            if (table.live(i)) {
                out.add(table.values[i]);
            }
        }
        return out;
    }
}
