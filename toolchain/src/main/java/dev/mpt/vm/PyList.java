package dev.mpt.vm;

import java.util.ArrayList;
import java.util.Arrays;
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
        this.items = new ArrayList<>(Arrays.asList(items));
    }

    public PyType type() {
        return Types.LIST;
    }

    public int size() {
        return items.size();
    }
}
