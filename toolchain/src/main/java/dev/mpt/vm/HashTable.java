package dev.mpt.vm;

/**
 * An open-addressing hash table with linear probing that grows only when full, keeping
 * MicroPython's table sizes, so that dicts and sets iterate in the same order as on a
 * board. Values are null for sets.
 */
final class HashTable {
    private static final Object DELETED = new Object();
    private static final int[] SIZES = {0, 2, 4, 6, 8, 10, 12, 17, 23, 29, 37, 47, 59, 73, 97, 127, 167, 223, 293,
        389, 521, 691, 919, 1223, 1627, 2161, 3229, 4831, 7243, 10861, 16273, 24407, 36607, 54907};

    Object[] keys;
    Object[] values;
    int used;
    /**
     * Past {@link #BIG} entries the MicroPython layout (16-bit string hashes, linear probing
     * in a table that grows only when full) gets too slow; the table then keeps insertion
     * order with a Java hash index instead.
     */
    private java.util.HashMap<Key, Integer> index;
    private int top;
    private static final int BIG = 2161;

    private static final class Key {
        final Object k;
        final int h;

        Key(Object k) {
            this.k = k;
            this.h = k instanceof String s ? s.hashCode() : Long.hashCode(Ops.hash(k));
        }

        @Override
        public int hashCode() {
            return h;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && (other.k == k || Ops.eq(k, other.k));
        }
    }
    /** Bumped on every insert or delete, to detect changes during iteration. */
    int version;

    HashTable(int n) {
        keys = new Object[n];
        values = new Object[n];
    }

    /** A copy with the same slots, as MicroPython copies a dict's table: it iterates in the same order. */
    HashTable copy() {
        Heap.alloc(16L * keys.length);
        HashTable c = new HashTable(0);
        c.keys = keys.clone();
        c.values = values.clone();
        c.used = used;
        c.top = top;
        c.linear = linear;
        c.index = index == null ? null : new java.util.HashMap<>(index);
        return c;
    }

    static int sizeAtLeast(int x) {
        for (int s : SIZES) {
            if (s >= x) {
                return s;
            }
        }
        return (x + x / 2) | 1;
    }

    private void rehash() {
        Object[] ok = keys;
        Object[] ov = values;
        Heap.alloc(16L * sizeAtLeast(ok.length + 1));
        if (index == null && ok.length >= BIG) {
            index = new java.util.HashMap<>();
            keys = new Object[ok.length * 2];
            values = new Object[ok.length * 2];
            top = 0;
            for (int i = 0; i < ok.length; i++) {
                if (ok[i] != null && ok[i] != DELETED) {
                    keys[top] = ok[i];
                    values[top] = ov[i];
                    index.put(new Key(ok[i]), top++);
                }
            }
            return;
        }
        int n = sizeAtLeast(ok.length + 1);
        keys = new Object[n];
        values = new Object[n];
        used = 0;
        for (int i = 0; i < ok.length; i++) {
            if (ok[i] != null && ok[i] != DELETED) {
                int slot = find(ok[i], true);
                values[slot] = ov[i];
            }
        }
    }

    private static int slotOf(long hash, int alloc) {
        return (int) Long.remainderUnsigned(hash, alloc);
    }

    /**
     * Whether keys are found by comparing with each in turn, as MicroPython's ordered maps
     * (OrderedDict) do: no hashing, so unhashable keys work there too.
     */
    boolean linear;

    /** The slot of key, or -1; with add, the slot is created (key stored, value untouched). */
    int find(Object key, boolean add) {
        if (linear) {
            return findLinear(key, add);
        }
        if (index != null) {
            Key k = new Key(key);
            Integer at = index.get(k);
            if (at != null) {
                return at;
            }
            if (!add) {
                return -1;
            }
            Heap.alloc(64);
            if (top == keys.length) {
                int n = keys.length * 2;
                Heap.alloc(16L * n);
                Object[] nk = new Object[n];
                Object[] nv = new Object[n];
                int j = 0;
                for (int i = 0; i < top; i++) {
                    if (keys[i] != null && keys[i] != DELETED) {
                        nk[j] = keys[i];
                        nv[j] = values[i];
                        index.put(new Key(keys[i]), j++);
                    }
                }
                keys = nk;
                values = nv;
                top = j;
            }
            keys[top] = key;
            values[top] = null;
            index.put(k, top);
            used++;
            version++;
            return top++;
        }
        if (keys.length == 0) {
            if (!add) {
                return -1;
            }
            rehash();
        }
        long hash = Ops.hash(key);
        int pos = slotOf(hash, keys.length);
        int start = pos;
        int avail = -1;
        for (;;) {
            Object k = keys[pos];
            if (k == null) {
                if (!add) {
                    return -1;
                }
                if (avail < 0) {
                    avail = pos;
                }
                keys[avail] = key;
                values[avail] = null;
                used++;
                version++;
                return avail;
            } else if (k == DELETED) {
                if (avail < 0) {
                    avail = pos;
                }
            } else if (k == key || Ops.eq(k, key)) {
                return pos;
            }
            pos = (pos + 1) % keys.length;
            if (pos == start) {
                if (!add) {
                    return -1;
                }
                if (avail >= 0) {
                    keys[avail] = key;
                    values[avail] = null;
                    used++;
                    version++;
                    return avail;
                }
                rehash();
                pos = start = slotOf(hash, keys.length);
                avail = -1;
            }
        }
    }

    private int findLinear(Object key, boolean add) {
        int free = -1;
        for (int i = 0; i < keys.length; i++) {
            Object k = keys[i];
            if (k == null || k == DELETED) {
                if (free < 0) {
                    free = i;
                }
            } else if (k == key || Ops.eq(k, key)) {
                return i;
            }
        }
        if (!add) {
            return -1;
        }
        if (free < 0) {
            int n = Math.max(4, keys.length * 2);
            Heap.alloc(16L * n);
            free = keys.length;
            keys = java.util.Arrays.copyOf(keys, n);
            values = java.util.Arrays.copyOf(values, n);
        }
        keys[free] = key;
        values[free] = null;
        used++;
        version++;
        return free;
    }

    void removeAt(int slot) {
        used--;
        version++;
        if (index != null) {
            index.remove(new Key(keys[slot]));
            keys[slot] = DELETED;
            values[slot] = null;
            return;
        }
        int next = (slot + 1) % keys.length;
        keys[slot] = keys[next] == null ? null : DELETED;
        values[slot] = null;
    }

    boolean live(int i) {
        Object k = keys[i];
        return k != null && k != DELETED;
    }

    void clear() {
        index = null;
        top = 0;
        keys = new Object[0];
        values = new Object[0];
        used = 0;
        version++;
    }

    /** The next live slot at or after i, or -1. */
    int nextSlot(int i) {
        for (; i < keys.length; i++) {
            if (live(i)) {
                return i;
            }
        }
        return -1;
    }
}
