package dev.mpt.vm;

import java.util.Arrays;

/**
 * A dict's or set's table, laid out exactly as MicroPython lays out its maps and sets, so
 * that they iterate in the same order as on a board: open addressing with linear probing in
 * a table that grows only when full, through MicroPython's table sizes, with deleted slots
 * left as markers (or emptied when the next slot is empty). Values are null for sets.
 *
 * <p>In {@link #linear} (ordered) mode the table is instead an array in insertion order, as
 * MicroPython's ordered maps (OrderedDict, a module's globals): a new key is appended (the
 * table grows by 4), a removed one closes the gap; no key is hashed to place it.
 *
 * <p>Finding a key by probing compares it with every key of its cluster, and MicroPython's
 * full-before-growing tables make clusters long. So while every key in the table is a plain
 * value (str, int, bool, bytes, or a tuple of those: their equality has no side effects and
 * agrees with their hash) the table also keeps an index from key to slot, a separate
 * power-of-two table of slot numbers. It only answers "where is this key": slots, growth
 * and order are still MicroPython's, and looking up any other object (an instance with its
 * own {@code __eq__}, a float) still probes the table and compares as MicroPython does. The
 * first key that is not plain drops the index for good (until the table is cleared).
 *
 * <p>In hashed mode each slot also keeps its key's MicroPython hash ({@link #hs}), and a bitset
 * marks the slots holding a key ({@link #liveBits}). Both only save work: while every key is
 * plain a probe compares a key only when the hashes agree (plain keys that are equal have
 * equal hashes, and comparing them runs no user code), a rehash places keys by their kept
 * hashes, and a new key's slot (the first without a key from its hash's) is found a word of
 * slots at a time. A table holding other keys is probed, compared and rehashed as before.
 */
final class HashTable {
    static final Object DELETED = new Object();
    private static final int[] SIZES = {0, 2, 4, 6, 8, 10, 12, 17, 23, 29, 37, 47, 59, 73, 97, 127, 167, 223, 293,
        389, 521, 691, 919, 1223, 1627, 2161, 3229, 4831, 7243, 10861, 16273, 24407, 36607, 54907};
    /**
     * Hashed tables smaller than this holding only plain keys are always indexed; larger ones
     * when a probe is long. Ordered tables smaller than this are scanned.
     */
    private static final int INDEX_MIN = 16;
    /** Tables of at most this many slots are not indexed as they grow: a probe walks few. */
    private static final int TINY = 8;

    Object[] keys;
    /** The value of each slot's key; null for a table of keys alone (a set's, {@link #keysOnly}). */
    Object[] values;
    /** In hashed mode: the MicroPython hash of the key in each live slot. */
    private long[] hs;
    /**
     * In hashed mode: bit i set when slot i holds a key (not empty, not deleted); the bits past
     * the last slot are set, so that they are never taken for free slots.
     */
    private long[] liveBits;
    int used;
    /** Bumped on every insert or delete, to detect changes during iteration. */
    int version;
    /**
     * Whether keys are found by comparing with each in turn, as MicroPython's ordered maps
     * (OrderedDict) do: no hashing, so unhashable keys work there too.
     */
    boolean linear;

    /**
     * The index: (index hash &lt;&lt; 32) | (slot + 1) of a key, 0 for empty; a power of two
     * long. Null when not kept.
     */
    private long[] ix;
    /** A key that is not plain was stored: no index until the table is cleared. */
    private boolean mixed;

    HashTable(int n) {
        keys = new Object[n];
        values = new Object[n];
        hs = new long[n];
        liveBits = freshBits(n);
    }

    /** A table of n slots for keys without values (a set's): it grows without a values array. */
    static HashTable keysOnly(int n) {
        HashTable t = new HashTable(n);
        t.values = null;
        return t;
    }

    /** A bitset for n empty slots (the bits past them set). */
    private static long[] freshBits(int n) {
        long[] b = new long[(n >> 6) + 1];
        b[n >> 6] = -1L << (n & 63);
        return b;
    }

    /**
     * A table of the given slots, laid out as MicroPython placed them (a key, null or DELETED
     * in each) with their values: an instance's member table as its Shape keeps it.
     */
    static HashTable laidOut(Object[] keys, Object[] values) {
        int n = keys.length;
        HashTable h = new HashTable(n);
        for (int i = 0; i < n; i++) {
            Object k = keys[i];
            h.keys[i] = k;
            if (k != null && k != DELETED) {
                h.values[i] = values[i];
                h.hs[i] = Ops.hash(k);
                h.setLive(i);
                h.used++;
                h.mixed |= !plain(k);
            }
        }
        return h;
    }

    /** A copy with the same slots, as MicroPython copies a dict's table: it iterates in the same order. */
    HashTable copy() {
        Heap.alloc(16L * keys.length);
        HashTable c = new HashTable(0);
        c.keys = keys.clone();
        c.values = values == null ? null : values.clone();
        c.used = used;
        c.linear = linear;
        c.mixed = mixed;
        c.hs = hs.clone();
        c.liveBits = liveBits.clone();
        c.ix = ix == null ? null : ix.clone();
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

    // ---- the index ----

    /** Whether k is a key whose equality is plain (no user code, agrees with its index hash). */
    static boolean plain(Object k) {
        if (k instanceof String || k instanceof Long || k instanceof Boolean) {
            return true;
        }
        if (k instanceof PyBytes) {
            return true;
        }
        if (k instanceof PyTuple t && t.getClass() == PyTuple.class && t.type() == Types.TUPLE) {
            for (Object x : t.items) {
                if (!plain(x)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** A hash of a plain key, equal for equal keys (1 == True). */
    private static int ihash(Object k) {
        int h;
        if (k instanceof String s) {
            h = s.hashCode();
        } else if (k instanceof Long l) {
            h = Long.hashCode(l * 0x9E3779B97F4A7C15L);
        } else if (k instanceof Boolean b) {
            h = Long.hashCode((b ? 1L : 0L) * 0x9E3779B97F4A7C15L);
        } else if (k instanceof PyBytes b) {
            h = Arrays.hashCode(b.data) * 31 + 7;
        } else {
            h = 0x345678;
            for (Object x : ((PyTuple) k).items) {
                h = h * 1000003 ^ ihash(x);
            }
        }
        h *= 0x85ebca6b;
        return h ^ (h >>> 15);
    }

    private static boolean plainEq(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a instanceof String s) {
            return b instanceof String && s.equals(b);
        }
        if (a instanceof Long x && b instanceof Long y) {
            return x.longValue() == y.longValue();
        }
        return Ops.eq(a, b);
    }

    /** The slot of a plain key through the index, or -1. */
    private int ixFind(Object key, int h) {
        long[] t = ix;
        int mask = t.length - 1;
        Object[] ks = keys;
        for (int i = h & mask;; i = (i + 1) & mask) {
            long e = t[i];
            if (e == 0) {
                return -1;
            }
            if ((int) (e >>> 32) == h) {
                int slot = (int) e - 1;
                if (plainEq(ks[slot], key)) {
                    return slot;
                }
            }
        }
    }

    private void ixPut(int h, int slot) {
        long[] t = ix;
        int mask = t.length - 1;
        int i = h & mask;
        while (t[i] != 0) {
            i = (i + 1) & mask;
        }
        t[i] = ((long) h << 32) | (slot + 1);
    }

    /** Removes the index entry pointing at slot (whose key hashes to h), closing the gap. */
    private void ixRemove(int h, int slot) {
        long[] t = ix;
        int mask = t.length - 1;
        int i = h & mask;
        while ((int) t[i] != slot + 1) {
            i = (i + 1) & mask;
        }
        for (int j = (i + 1) & mask;; j = (j + 1) & mask) {
            long e = t[j];
            if (e == 0) {
                break;
            }
            int home = (int) (e >>> 32) & mask;
            // move j's entry into the hole at i unless its home lies cyclically in (i, j]
            boolean stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
            if (!stays) {
                t[i] = e;
                i = j;
            }
        }
        t[i] = 0;
    }

    /** (Re)builds the index over the live slots, or drops it when the table is small or mixed. */
    private void rebuildIndex() {
        int n = linear ? used : keys.length;
        if (mixed || (linear && n < INDEX_MIN)) {
            ix = null;
            return;
        }
        int cap = Integer.highestOneBit(Math.max(n, 4) * 2 - 1) << 1;
        ix = new long[cap];
        for (int i = 0; i < keys.length; i++) {
            Object k = keys[i];
            if (k != null && k != DELETED) {
                ixPut(ihash(k), i);
            }
        }
    }

    /** Notes a key just stored at slot: indexes it, or drops the index for a key that is not plain. */
    private void stored(Object key, int slot) {
        if (mixed) {
            return;
        }
        if (!plain(key)) {
            mixed = true;
            ix = null;
            return;
        }
        if (ix != null) {
            if (linear && used * 2 > ix.length) {
                rebuildIndex();
            } else {
                ixPut(ihash(key), slot);
            }
        } else if (linear && used >= INDEX_MIN) {
            rebuildIndex();
        }
    }

    // ---- hashed mode ----

    private void rehash() {
        Object[] ok = keys;
        Object[] ov = values;
        long[] oh = hs;
        int n = sizeAtLeast(ok.length + 1);
        Heap.alloc(16L * n);
        keys = new Object[n];
        values = ov == null ? null : new Object[n];
        hs = new long[n];
        liveBits = freshBits(n);
        used = 0;
        if (mixed) {
            // as MicroPython: each key re-added by a lookup (its hash and equality asked again)
            ix = null;
            for (int i = 0; i < ok.length; i++) {
                if (ok[i] != null && ok[i] != DELETED) {
                    int slot = probe(ok[i], true);
                    if (ov != null) {
                        values[slot] = ov[i];
                    }
                }
            }
            return;
        }
        // plain keys are distinct and their hashes fixed: each goes to the first empty slot
        Object[] ks = keys;
        long[] oix = ix;
        int[] moved = oix != null && oix.length >= 2 * n ? new int[ok.length] : null;
        for (int i = 0; i < ok.length; i++) {
            Object k = ok[i];
            if (k != null && k != DELETED) {
                long h = oh[i];
                int pos = freeFrom(slotOf(h, n));
                ks[pos] = k;
                if (ov != null) {
                    values[pos] = ov[i];
                }
                hs[pos] = h;
                setLive(pos);
                used++;
                if (moved != null) {
                    moved[i] = pos;
                }
            }
        }
        if (moved != null) {
            // the index still has room: its entries stay where they are, pointing at the new slots
            for (int j = 0; j < oix.length; j++) {
                long e = oix[j];
                if (e != 0) {
                    oix[j] = (e & 0xFFFFFFFF00000000L) | (moved[(int) e - 1] + 1);
                }
            }
        } else if (n > TINY && (oix != null || n < INDEX_MIN)) {
            // an indexed table stays indexed; a small one is indexed at once: under add/remove
            // churn it fills with deleted slots, and then each miss walks the whole table (a
            // tiny one's walk, comparing kept hashes, costs less than indexing each growth)
            rebuildIndex();
        } else {
            // the index comes back when a probe is long again
            ix = null;
        }
    }

    private void setLive(int slot) {
        liveBits[slot >> 6] |= 1L << slot;
    }

    private void clearLive(int slot) {
        liveBits[slot >> 6] &= ~(1L << slot);
    }

    /**
     * The first slot from pos on (wrapping round) that holds no key, empty or deleted: where
     * MicroPython's probe puts a key it does not find. The table must have such a slot.
     */
    private int freeFrom(int pos) {
        long[] b = liveBits;
        int w = pos >> 6;
        long x = ~b[w] & (-1L << pos);
        while (x == 0) {
            w = w + 1 == b.length ? 0 : w + 1;
            x = ~b[w];
        }
        return (w << 6) + Long.numberOfTrailingZeros(x);
    }

    private static int slotOf(long hash, int alloc) {
        if (hash >= 0 && hash <= Integer.MAX_VALUE) {
            return (int) hash % alloc;
        }
        return (int) Long.remainderUnsigned(hash, alloc);
    }

    /** The slot of key, or -1; with add, the slot is created (key stored, value untouched). */
    int find(Object key, boolean add) {
        if (linear) {
            return findLinear(key, add);
        }
        if (ix != null && plain(key)) {
            int h = ihash(key);
            int s = ixFind(key, h);
            if (s >= 0 || !add) {
                return s;
            }
            // absent: it goes where MicroPython's probe would put it, the first slot from its
            // hash's that holds no key (a deleted slot before the first empty one, or that one)
            if (used == keys.length) {
                rehash();
            }
            long mh = Ops.hash(key);
            int pos = freeFrom(slotOf(mh, keys.length));
            keys[pos] = key; // (a slot without a key has no value: none to clear)
            hs[pos] = mh;
            setLive(pos);
            used++;
            version++;
            if (ix != null) {
                ixPut(ihash(key), pos);
            } else {
                stored(key, pos);
            }
            return pos;
        }
        return probe(key, add);
    }

    /** MicroPython's lookup: probing from the key's hash, comparing with each key met. */
    private int probe(Object key, boolean add) {
        if (keys.length == 0) {
            if (!add) {
                return -1;
            }
            rehash();
        }
        long hash = key instanceof Long l ? l : Ops.hash(key);
        // every key plain (key too): only keys of the same hash can be equal, compared without user code
        boolean byHash = !mixed && (key instanceof Long || key instanceof String || plain(key));
        Object[] ks = keys;
        long[] kh = hs;
        int n = ks.length;
        int pos = slotOf(hash, n);
        int start = pos;
        int avail = -1;
        int steps = 0;
        for (;;) {
            Object k = ks[pos];
            if (k == null) {
                if (steps > LONG_PROBE && n >= INDEX_MIN) {
                    longProbe();
                }
                if (!add) {
                    return -1;
                }
                if (avail < 0) {
                    avail = pos;
                }
                return storeNew(key, avail, hash);
            } else if (k == DELETED) {
                if (avail < 0) {
                    avail = pos;
                }
            } else if (k == key || ((!byHash || kh[pos] == hash) && keyEq(k, key))) {
                if (steps > LONG_PROBE && n >= INDEX_MIN) {
                    longProbe();
                }
                return pos;
            }
            steps++;
            if (++pos == n) {
                pos = 0;
            }
            if (pos == start) {
                if (!add) {
                    longProbe();
                    return -1;
                }
                if (avail >= 0) {
                    longProbe();
                    return storeNew(key, avail, hash);
                }
                rehash();
                ks = keys;
                kh = hs;
                n = ks.length;
                pos = start = slotOf(hash, n);
                avail = -1;
                steps = 0;
            }
        }
    }

    /**
     * Whether the stored key k equals key, as MicroPython's mp_obj_equal(k, key) decides (k's
     * {@code __eq__} first): ints and strs compared here, anything else by {@link Ops#eq}.
     */
    private static boolean keyEq(Object k, Object key) {
        if (k instanceof Long a) {
            if (key instanceof Long b) {
                return a.longValue() == b.longValue();
            }
        } else if (k instanceof String a) {
            if (key instanceof String b) {
                return a.equals(b);
            }
        }
        return Ops.eq(k, key);
    }

    /** Probes longer than this build the index (when every key is plain). */
    private static final int LONG_PROBE = 8;

    private void longProbe() {
        if (ix == null && !mixed && keys.length >= INDEX_MIN) {
            rebuildIndex();
        }
    }

    private int storeNew(Object key, int slot, long hash) {
        keys[slot] = key;
        hs[slot] = hash;
        setLive(slot);
        used++;
        version++;
        stored(key, slot);
        return slot;
    }

    // ---- ordered (linear) mode ----

    private int findLinear(Object key, boolean add) {
        int n = used;
        if (ix != null && plain(key)) {
            int s = ixFind(key, ihash(key));
            if (s >= 0 || !add) {
                return s;
            }
        } else {
            Object[] ks = keys;
            for (int i = 0; i < n; i++) {
                Object k = ks[i];
                if (k == key || Ops.eq(k, key)) {
                    return i;
                }
            }
            if (!add) {
                return -1;
            }
        }
        if (n == keys.length) {
            // MicroPython grows an ordered table by 4 entries; the arrays grow by half (the
            // capacity is not observable) so that appending stays amortised O(1)
            int alloc = Math.max(n + 4, n + (n >> 1));
            Heap.alloc(16L * alloc);
            keys = Arrays.copyOf(keys, alloc);
            values = Arrays.copyOf(values, alloc);
        }
        keys[n] = key;
        values[n] = null;
        used++;
        version++;
        stored(key, n);
        return n;
    }

    void removeAt(int slot) {
        remove(slot, false);
    }

    /**
     * Removes the key at slot leaving a deleted marker even when the next slot is empty, as
     * MicroPython's dict.popitem() and set.pop() do.
     */
    void removeMarked(int slot) {
        remove(slot, true);
    }

    private void remove(int slot, boolean marked) {
        if (linear) {
            removeLinear(slot);
            return;
        }
        Object key = keys[slot];
        used--;
        version++;
        if (ix != null) {
            ixRemove(ihash(key), slot);
        }
        clearLive(slot);
        keys[slot] = marked || keys[slot + 1 == keys.length ? 0 : slot + 1] != null ? DELETED : null;
        if (values != null) {
            values[slot] = null;
        }
    }

    /** As MicroPython: the entries after it move down one place. */
    private void removeLinear(int slot) {
        Object key = keys[slot];
        if (ix != null) {
            ixRemove(ihash(key), slot);
            long[] t = ix;
            for (int i = 0; i < t.length; i++) {
                if (t[i] != 0 && (int) t[i] > slot + 1) {
                    t[i]--;
                }
            }
        }
        int n = used;
        System.arraycopy(keys, slot + 1, keys, slot, n - slot - 1);
        System.arraycopy(values, slot + 1, values, slot, n - slot - 1);
        keys[n - 1] = null;
        values[n - 1] = null;
        used--;
        version++;
    }

    /** Takes o's table as its own (MicroPython's intersection_update swaps tables so). */
    void become(HashTable o) {
        keys = o.keys;
        values = o.values;
        used = o.used;
        linear = o.linear;
        mixed = o.mixed;
        ix = o.ix;
        hs = o.hs;
        liveBits = o.liveBits;
        version++;
    }

    boolean live(int i) {
        Object k = keys[i];
        return k != null && k != DELETED;
    }

    void clear() {
        keys = new Object[0];
        values = values == null ? null : new Object[0];
        hs = new long[0];
        liveBits = freshBits(0);
        used = 0;
        mixed = false;
        ix = null;
        version++;
    }

    /** The next live slot at or after i, or -1. */
    int nextSlot(int i) {
        Object[] ks = keys;
        for (; i < ks.length; i++) {
            Object k = ks[i];
            if (k != null && k != DELETED) {
                return i;
            }
        }
        return -1;
    }
}
