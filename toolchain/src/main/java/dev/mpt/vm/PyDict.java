package dev.mpt.vm;

import java.util.ArrayList;
import java.util.List;

/** A dict, iterating in MicroPython's hash-table order (OrderedDict: insertion order). */
public final class PyDict implements PyObject {
    final HashTable table;
    /** Insertion-ordered (OrderedDict): a key list kept alongside the table. */
    final List<Object> order;
    PyType type = Types.DICT;
    /** A fixed dict (such as errno.errorcode): changing it raises TypeError. */
    boolean fixed;

    public PyDict() {
        this(0);
    }

    public PyDict(int n) {
        table = new HashTable(n);
        order = null;
    }

    private PyDict(HashTable table) {
        this.table = table;
        this.order = null;
    }

    /** dict.copy(): the same table, so the copy iterates in the same order (an OrderedDict's too). */
    PyDict copy() {
        if (order != null) {
            PyDict r = new PyDict(true);
            for (Object k : keys()) {
                r.put(k, get(k));
            }
            r.type = type;
            return r;
        }
        PyDict r = new PyDict(table.copy());
        r.type = type;
        return r;
    }

    PyDict(boolean ordered) {
        table = new HashTable(0);
        table.linear = ordered;
        order = ordered ? new ArrayList<>() : null;
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

    private void checkFixed() {
        if (fixed) {
            throw new PyError(new PyException(Types.TYPE_ERROR, PyTuple.EMPTY));
        }
    }

    public void put(Object key, Object value) {
        checkFixed();
        int before = table.used;
        int s = table.find(key, true);
        table.values[s] = value;
        if (order != null && table.used != before) {
            order.add(table.keys[s]);
        }
    }

    /** Removes and returns the value, or null. */
    public Object remove(Object key) {
        checkFixed();
        int s = table.find(key, false);
        if (s < 0) {
            return null;
        }
        Object v = table.values[s];
        Object k = table.keys[s];
        table.removeAt(s);
        if (order != null) {
            for (int i = 0; i < order.size(); i++) {
                if (order.get(i) == k) {
                    order.remove(i);
                    break;
                }
            }
        }
        return v;
    }

    public void clear() {
        checkFixed();
        table.clear();
        if (order != null) {
            order.clear();
        }
    }

    /** A snapshot of the keys in iteration order. */
    public List<Object> keys() {
        if (order != null) {
            return new ArrayList<>(order);
        }
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
        for (Object k : keys()) {
            out.add(get(k));
        }
        return out;
    }
}
