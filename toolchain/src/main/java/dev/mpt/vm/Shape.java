package dev.mpt.vm;

import java.util.Arrays;
import java.util.HashMap;

/**
 * The layout of an instance's attributes (a hidden class): the attribute table MicroPython
 * builds for an instance by one sequence of attribute adds and deletes from the empty
 * instance, shared by every instance of the class that went through the same sequence.
 *
 * <p>It holds that table exactly as MicroPython's {@code mp_map} lays it out (open
 * addressing from each name's hash, grown through MicroPython's sizes only when full,
 * deleted slots left as markers), so an instance's {@code __dict__} iterates in the board's
 * order, deletes included; and for each name the field of the instance's value array that
 * holds its value. Fields are the instance's own: a new name takes the lowest field no live
 * name uses, so deleting and re-adding a name returns to a shape already made.
 *
 * <p>Shapes are immutable once made and canonical per class (same table, same fields: same
 * shape), so a cache keyed by shape identity knows where a name lives. A class makes at most
 * {@link #MAX_SHAPES} shapes and a shape at most {@link #MAX_FIELDS} fields; past that
 * {@link #add}/{@link #remove} answer null and the instance keeps a {@link HashTable} instead.
 */
final class Shape {
    static final int MAX_FIELDS = 48;
    static final int MAX_SHAPES = 512;
    private static final Object DELETED = HashTable.DELETED;

    /** The shapes of one class: every shape made from its empty one, by content. */
    static final class Tree {
        private final HashMap<Key, Shape> all = new HashMap<>();
        final Shape empty;

        Tree() {
            empty = new Shape(this, new Object[0], new int[0]);
            all.put(new Key(empty.table, empty.tableField), empty);
        }
    }

    private record Key(Object[] table, int[] fields) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(table, k.table) && Arrays.equals(fields, k.fields);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(table) * 31 + Arrays.hashCode(fields);
        }
    }

    private record Edge(String name, Shape to) {}

    private final Tree tree;
    /** MicroPython's member table: a name, null (empty) or HashTable.DELETED at each position. */
    final Object[] table;
    /** The field holding the value of the name at each table position (-1 where none). */
    final int[] tableField;
    /** The live names in table order, and their fields. */
    final String[] names;
    final int[] fields;
    /** Fields an instance of this shape needs (one more than the highest used). */
    final int nFields;
    /** For larger shapes: name to field. */
    private final HashMap<String, Integer> index;

    /** The last add made from this shape (read without the lock: its fields are final). */
    private Edge lastAdd;
    private HashMap<String, Shape> adds;
    private HashMap<String, Shape> removes;

    private Shape(Tree tree, Object[] table, int[] tableField) {
        this.tree = tree;
        this.table = table;
        this.tableField = tableField;
        int n = 0;
        for (Object k : table) {
            if (k instanceof String) {
                n++;
            }
        }
        names = new String[n];
        fields = new int[n];
        int max = -1;
        for (int i = 0, j = 0; i < table.length; i++) {
            if (table[i] instanceof String s) {
                names[j] = s;
                fields[j++] = tableField[i];
                max = Math.max(max, tableField[i]);
            }
        }
        nFields = max + 1;
        if (n > 8) {
            index = new HashMap<>(n * 2);
            for (int j = 0; j < n; j++) {
                index.put(names[j], fields[j]);
            }
        } else {
            index = null;
        }
    }

    int size() {
        return names.length;
    }

    /** The field of name, or -1 when this shape lacks it. */
    int fieldOf(String name) {
        String[] ns = names;
        for (int j = 0; j < ns.length; j++) {
            if (ns[j] == name) {
                return fields[j];
            }
        }
        if (index != null) {
            Integer f = index.get(name);
            return f == null ? -1 : f;
        }
        int h = name.hashCode();
        for (int j = 0; j < ns.length; j++) {
            String s = ns[j];
            if (s.hashCode() == h && s.equals(name)) {
                return fields[j];
            }
        }
        return -1;
    }

    /** The shape after adding name (which this shape lacks), or null past the limits. */
    Shape add(String name) {
        Edge e = lastAdd;
        if (e != null && (e.name == name || e.name.equals(name))) {
            return e.to;
        }
        synchronized (tree) {
            Shape to = adds == null ? null : adds.get(name);
            if (to == null) {
                to = made(added(name));
                if (to == null) {
                    return null;
                }
                if (adds == null) {
                    adds = new HashMap<>();
                }
                adds.put(name, to);
            }
            lastAdd = new Edge(name, to);
            return to;
        }
    }

    /** The shape after removing name (which this shape has), or null past the limits. */
    Shape remove(String name) {
        synchronized (tree) {
            Shape to = removes == null ? null : removes.get(name);
            if (to == null) {
                to = made(removed(name));
                if (to == null) {
                    return null;
                }
                if (removes == null) {
                    removes = new HashMap<>();
                }
                removes.put(name, to);
            }
            return to;
        }
    }

    /** The canonical shape for a table, made when new (null when the class has made too many). */
    private Shape made(Object[][] t) {
        if (t == null) {
            return null;
        }
        Key k = new Key(t[0], (int[]) t[1][0]);
        Shape s = tree.all.get(k);
        if (s == null) {
            if (tree.all.size() >= MAX_SHAPES) {
                return null;
            }
            s = new Shape(tree, k.table, k.fields);
            tree.all.put(k, s);
        }
        return s;
    }

    /** The table and fields after MicroPython's map adds name; null past MAX_FIELDS. */
    private Object[][] added(String name) {
        boolean[] taken = new boolean[nFields + 1];
        for (int f : fields) {
            taken[f] = true;
        }
        int field = 0;
        while (taken[field]) {
            field++;
        }
        if (field >= MAX_FIELDS) {
            return null;
        }
        Object[] t = table.clone();
        int[] tf = tableField.clone();
        long hash = Ops.hash(name);
        if (t.length == 0) {
            Object[][] g = grown(t, tf);
            t = g[0];
            tf = (int[]) g[1][0];
        }
        int pos = slotOf(hash, t.length);
        int start = pos;
        int avail = -1;
        for (;;) {
            Object k = t[pos];
            if (k == null) {
                if (avail < 0) {
                    avail = pos;
                }
                break;
            } else if (k == DELETED && avail < 0) {
                avail = pos;
            }
            pos = (pos + 1) % t.length;
            if (pos == start) {
                if (avail >= 0) {
                    break;
                }
                Object[][] g = grown(t, tf);
                t = g[0];
                tf = (int[]) g[1][0];
                pos = start = slotOf(hash, t.length);
            }
        }
        t[avail] = name;
        tf[avail] = field;
        return new Object[][] {t, {tf}};
    }

    /** MicroPython's rehash: a table of the next size, the live names re-added in table order. */
    private static Object[][] grown(Object[] t, int[] tf) {
        int n = HashTable.sizeAtLeast(t.length + 1);
        Object[] nt = new Object[n];
        int[] ntf = new int[n];
        Arrays.fill(ntf, -1);
        for (int i = 0; i < t.length; i++) {
            if (t[i] instanceof String s) {
                int pos = slotOf(Ops.hash(s), n);
                while (nt[pos] != null) {
                    pos = (pos + 1) % n;
                }
                nt[pos] = s;
                ntf[pos] = tf[i];
            }
        }
        return new Object[][] {nt, {ntf}};
    }

    /** The table and fields after MicroPython's map removes name. */
    private Object[][] removed(String name) {
        Object[] t = table.clone();
        int[] tf = tableField.clone();
        for (int i = 0; i < t.length; i++) {
            if (name.equals(t[i])) {
                // as mp_map_lookup: emptied when the next slot is empty, else a deleted marker
                t[i] = t[(i + 1) % t.length] == null ? null : DELETED;
                tf[i] = -1;
                break;
            }
        }
        return new Object[][] {t, {tf}};
    }

    private static int slotOf(long hash, int alloc) {
        return (int) Long.remainderUnsigned(hash, alloc);
    }

    /** A HashTable laid out as this shape's table, holding the values of an instance's fields. */
    HashTable toTable(Object[] slots) {
        Object[] values = new Object[table.length];
        for (int i = 0; i < table.length; i++) {
            if (table[i] instanceof String) {
                values[i] = slots[tableField[i]];
            }
        }
        return HashTable.laidOut(table, values);
    }
}
