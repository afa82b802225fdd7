package dev.mpt.vm;

import java.util.ArrayList;
import java.util.List;

/** A mutable list. */
public final class PyList implements PyObject {
    public final ArrayList<Object> items;

    public PyList() {
        items = new ArrayList<>();
    }

    public PyList(List<Object> items) {
        this.items = new ArrayList<>(items);
    }

    private PyList(ArrayList<Object> items, boolean adopt) {
        this.items = items;
    }

    /** A list over items itself (no copy): for a new ArrayList no one else holds. */
    static PyList adopt(ArrayList<Object> items) {
        return new PyList(items, true);
    }

    public PyList(Object[] items) {
        // one copy (ArrayList's own constructor copies an Arrays.asList twice)
        this.items = new ArrayList<>(items.length);
        for (Object o : items) {
            this.items.add(o);
        }
    }

    /** A list of a's items then b's (list + list). */
    static PyList concat(ArrayList<Object> a, ArrayList<Object> b) {
        int n = a.size();
        int m = b.size();
        ArrayList<Object> r = new ArrayList<>(n + m);
        for (int i = 0; i < n; i++) {
            r.add(a.get(i));
        }
        for (int i = 0; i < m; i++) {
            r.add(b.get(i));
        }
        return new PyList(r, true);
    }

    public PyType type() {
        return Types.LIST;
    }

    public int size() {
        return items.size();
    }
}
