package dev.mpt.vm;

/** Iterators over the built-in containers, and dict views. */
public final class Iters {
    private Iters() {}

    static final class ListIter extends PyIter {
        private final PyList list;
        private int i;

        ListIter(PyList list) {
            this.list = list;
        }

        public Object next() {
            return i < list.items.size() ? list.items.get(i++) : null;
        }
    }

    static final class ArrayIter extends PyIter {
        private final Object[] items;
        private final int n;
        private int i;

        ArrayIter(Object[] items, int n) {
            this.items = items;
            this.n = n;
        }

        public Object next() {
            return i < n ? items[i++] : null;
        }
    }

    static final class StrIter extends PyIter {
        private final String s;
        private int i;

        StrIter(String s) {
            this.s = s;
        }

        public Object next() {
            if (i >= s.length()) {
                return null;
            }
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            String r = s.substring(i, i + n);
            i += n;
            return r;
        }
    }

    static final class BytesIter extends PyIter {
        private final byte[] d;
        private final int n;
        private int i;

        BytesIter(byte[] d, int n) {
            this.d = d;
            this.n = n;
        }

        public Object next() {
            return i < n ? (Object) (long) (d[i++] & 0xff) : null;
        }
    }

    static final class RangeIter extends PyIter {
        private long cur;
        private final long stop;
        private final long step;

        RangeIter(PyRange r) {
            cur = r.start();
            stop = r.stop();
            step = r.step();
        }

        public Object next() {
            if (step > 0 ? cur < stop : cur > stop) {
                long v = cur;
                cur += step;
                return v;
            }
            return null;
        }
    }

    /**
     * Iterates a dict (kind 0 keys, 1 values, 2 items) as MicroPython does: a cursor over the
     * live table's slots, so a dict changed while iterated goes on from the same slot number
     * (of its new table, when it grew), without an error.
     */
    static final class DictIter extends TableIter {
        private final int kind;

        DictIter(PyDict d, int kind) {
            super(d.table);
            this.kind = kind;
        }

        public Object next() {
            int s = advance();
            if (s < 0) {
                return null;
            }
            Object k = t.keys[s];
            if (kind == 0) {
                return k;
            }
            Object v = t.values[s];
            return kind == 1 ? v : PyTuple.of(k, v);
        }
    }

    /** Iterates a set as MicroPython does: a cursor over the live table's slots. */
    static final class SetIter extends TableIter {
        SetIter(PySet s) {
            super(s.table);
        }

        public Object next() {
            int s = advance();
            return s < 0 ? null : t.keys[s];
        }
    }

    /** A cursor over a live table's used slots (dicts and sets iterate so in MicroPython). */
    abstract static class TableIter extends PyIter {
        final HashTable t;
        private int i;

        TableIter(HashTable t) {
            this.t = t;
        }

        /** The next used slot, or -1 at the end (and for good: the cursor stays past the end). */
        int advance() {
            int s = t.nextSlot(i);
            if (s < 0) {
                i = t.keys.length;
                return -1;
            }
            i = s + 1;
            return s;
        }
    }

    /** Iterates an object with __getitem__ until IndexError. */
    static final class GetItemIter extends PyIter {
        private final Object o;
        private long i;

        GetItemIter(Object o) {
            this.o = o;
        }

        public Object next() {
            try {
                return Ops.getitem(o, i++);
            } catch (PyError e) {
                if (e.exc.isInstance(Types.INDEX_ERROR) || e.exc.isInstance(Types.STOP_ITERATION)) {
                    return null;
                }
                throw e;
            }
        }
    }

    /** dict.keys(), values(), items(). */
    static final class DictView extends PyIter {
        final PyDict dict;
        final int kind;

        DictView(PyDict dict, int kind) {
            this.dict = dict;
            this.kind = kind;
            this.type = Types.DICT_VIEW;
        }

        public Object next() {
            throw Ops.typeError("'dict_view' object isn't an iterator");
        }

        String name() {
            return kind == 0 ? "dict_keys" : kind == 1 ? "dict_values" : "dict_items";
        }
    }
}
