package dev.mpt.vm;

import java.util.ArrayList;
import java.util.List;

/** A set or frozenset, iterating in MicroPython's hash-table order. */
public final class PySet implements PyObject {
    final HashTable table;
    public final boolean frozen;

    public PySet(boolean frozen) {
        this(frozen, 0);
    }

    public PySet(boolean frozen, int n) {
        this.frozen = frozen;
        this.table = HashTable.keysOnly(n);
    }

    private PySet(boolean frozen, HashTable table) {
        this.frozen = frozen;
        this.table = table;
    }

    /** set.copy(): the same table, so the copy iterates in the same order, as MicroPython's. */
    PySet copy() {
        Heap.alloc(32);
        return new PySet(frozen, table.copy());
    }

    public PyType type() {
        return frozen ? Types.FROZENSET : Types.SET;
    }

    public int size() {
        return table.used;
    }

    public boolean contains(Object o) {
        return table.find(o, false) >= 0;
    }

    public void add(Object o) {
        table.find(o, true);
    }

    public boolean discard(Object o) {
        int s = table.find(o, false);
        if (s < 0) {
            return false;
        }
        table.removeAt(s);
        return true;
    }

    public List<Object> items() {
        List<Object> out = new ArrayList<>(table.used);
        for (int i = 0; i < table.keys.length; i++) {
            if (table.live(i)) {
                out.add(table.keys[i]);
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PySet s) || s.size() != size()) {
            return false;
        }
        for (Object x : items()) {
            if (!s.contains(x)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return size();
    }
}
