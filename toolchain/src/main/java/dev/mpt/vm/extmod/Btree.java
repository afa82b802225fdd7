package dev.mpt.vm.extmod;

import dev.mpt.vm.ArgCheck;
import dev.mpt.vm.BuiltinTypes;
import dev.mpt.vm.Errno;
import dev.mpt.vm.Io;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyByteArray;
import dev.mpt.vm.PyBytes;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyException;
import dev.mpt.vm.PyIter;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyTuple;
import dev.mpt.vm.PyType;
import dev.mpt.vm.Repr;
import dev.mpt.vm.Slots;
import dev.mpt.vm.Types;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * btree: a key/value database in a stream, in the file format of Berkeley DB 1.85's btree as
 * MicroPython builds it (lib/berkeley-db-1.xx): page 0 the metadata (magic 0x053162, version
 * 3, page size, free list, flags), page 1 the root, leaf pages of {ksize, dsize, flags, key,
 * data} items and internal pages of {ksize, pgno, flags, key} items, each item 4-byte aligned
 * and found through the page's index array, pairs too big for a page (by minkeypage) on chains
 * of overflow pages; in the byte order the file was made in (new files: little-endian, as
 * boards and the unix port make them).
 *
 * <p>A database opened here is read whole (pages reachable from the root) into a sorted map;
 * changes stay in memory until flush() or close(), which write the whole tree anew — page 0,
 * the root at page 1, the other pages after it — when anything changed, as Berkeley DB writes
 * its dirty pages then (a database never changed writes nothing). Keys compare as Berkeley
 * DB's default comparison: bytes unsigned, a prefix first. Iteration (keys/values/items with a
 * start key, an end key and the INCL/DESC flags) and seq() move one cursor, as the firmware's
 * module does.
 */
final class Btree {
    private Btree() {}

    static final PyType BTREE = new PyType("btree", new PyType[] {Types.OBJECT}, true);

    static final long INCL = 1;
    static final long DESC = 2;
    private static final int ITER_KEYS = 0x40;
    private static final int ITER_VALUES = 0x80;
    private static final int ITER_ITEMS = 0xc0;

    // seq() flags (db.h)
    static final int R_CURSOR = 1;
    static final int R_FIRST = 3;
    static final int R_LAST = 6;
    static final int R_NEXT = 7;
    static final int R_PREV = 9;
    private static final int R_DUP = 1;

    // the file format (btree.h, db.h)
    static final int MAGIC = 0x053162;
    static final int VERSION = 3;
    static final int DATA_OFF = 20;
    static final int P_BINTERNAL = 0x01;
    static final int P_BLEAF = 0x02;
    static final int P_OVERFLOW = 0x04;
    static final int P_TYPE = 0x1f;
    static final int P_PRESERVE = 0x20;
    static final int P_BIGDATA = 0x01;
    static final int P_BIGKEY = 0x02;
    static final int B_NODUPS = 0x20;
    static final int DEFAULT_PAGE = 4096;
    static final int MIN_PAGE = 512;
    static final int DEFAULT_MINKEYPAGE = 2;

    private static final int EINVAL = 22;

    /** Berkeley DB's default comparison: memcmp over the shorter length, then the shorter first. */
    static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    private static int align(int n) {
        return (n + 3) & ~3;
    }

    private static byte[] keyBytes(Object o) {
        if (o instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        return Ops.bytesOf(o);
    }

    private static PyError keyError() {
        return new PyError(new PyException(Types.KEY_ERROR, PyTuple.EMPTY));
    }

    /**
     * The stream under a database, driven as Berkeley DB drives it through MicroPython's
     * stream layer: read/readinto, write, seek; a stream written in Python (io.IOBase) seeks
     * through ioctl(MP_STREAM_SEEK), and a negative count it answers is an OSError of that
     * number.
     */
    static final class Store {
        final Object stream;
        final boolean python;

        Store(Object stream) {
            this.stream = stream;
            this.python = !(stream instanceof Io.Stream) && Ops.getattrOrNull(stream, "ioctl") != null
                    && Ops.getattrOrNull(stream, "seek") == null;
        }

        private static long count(Object r) {
            if (r == PyNone.NONE) {
                throw Errno.oserror(11);
            }
            long n = Ops.toLong(r);
            if (n < 0) {
                throw Errno.oserror((int) -n);
            }
            return n;
        }

        /** Reads up to n bytes at the current position (fewer at the end). */
        byte[] read(int n) {
            PyByteArray buf = new PyByteArray(new byte[n]);
            long got = count(Ops.call(Ops.getattr(stream, "readinto"), buf));
            return Arrays.copyOf(buf.bytes(), (int) Math.min(got, n));
        }

        long seek(long offset, int whence) {
            if (python) {
                count(Ops.call(Ops.getattr(stream, "ioctl"), 2L, 0L));
                return offset; // the ioctl cannot report a position: MicroPython returns the one asked for
            }
            return Ops.toLong(Ops.call(Ops.getattr(stream, "seek"), offset, (long) whence));
        }

        void write(byte[] b) {
            long n = count(Ops.call(Ops.getattr(stream, "write"), python ? new PyByteArray(b) : new PyBytes(b)));
            if (n != b.length) {
                throw Errno.oserror(5);
            }
        }

        void flush() {
            if (python) {
                count(Ops.call(Ops.getattr(stream, "ioctl"), 1L, 0L));
            } else if (Ops.getattrOrNull(stream, "flush") != null) {
                Ops.call(Ops.getattr(stream, "flush"));
            }
        }
    }

    /** An open database: the pairs, the format parameters, the cursor and iteration state. */
    static final class Db extends PyIter implements Slots.Subscript, Slots.Contains, Slots.Iterable, Slots.Print {
        final Store store;
        final TreeMap<byte[], byte[]> map = new TreeMap<>(Btree::compare);
        int psize;
        final int minKeyPage;
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        int metaFlags;
        boolean open = true;
        boolean modified;
        /** Pages in the file when it was last read or written (pages past a smaller rewrite stay, unused). */
        long filePages;

        // the cursor (seq, iteration): the key it is on, or null before the first seq
        byte[] cursor;
        // iteration: start key (NONE: from the first or last; null: going), end key, flags
        Object startKey = PyNone.NONE;
        Object endKey = PyNone.NONE;
        int flags;
        int nextFlags;

        Db(Store store, int psize, int minKeyPage, int metaFlags) {
            this.store = store;
            this.psize = psize;
            this.minKeyPage = minKeyPage;
            this.metaFlags = metaFlags;
        }

        @Override
        public PyType type() {
            return BTREE;
        }

        public void print(StringBuilder sb) {
            sb.append("<btree ").append(open ? "0x" + Repr.id(this) : "0").append('>');
        }

        void checkOpen() {
            if (!open) {
                throw Ops.valueError("database closed");
            }
        }

        /** Largest key plus data (sizes on the page) that stays on a leaf page: Berkeley DB's bt_ovflsize. */
        int ovflSize() {
            int s = (psize - DATA_OFF) / minKeyPage - (2 + align(9));
            return Math.max(s, align(9 + 16) + 2);
        }

        // ---- the dictionary operations -------------------------------------------------

        public Object getItem(Object key) {
            checkOpen();
            byte[] v = map.get(keyBytes(key));
            if (v == null) {
                throw keyError();
            }
            return new PyBytes(v.clone());
        }

        public void setItem(Object key, Object value) {
            checkOpen();
            put(keyBytes(key), keyBytes(value));
        }

        void put(byte[] k, byte[] v) {
            map.put(k.clone(), v.clone());
            modified = true;
        }

        @Override
        public boolean delItem(Object key) {
            checkOpen();
            if (map.remove(keyBytes(key)) == null) {
                throw keyError();
            }
            modified = true;
            return true;
        }

        public boolean contains(Object item) {
            checkOpen();
            return map.containsKey(keyBytes(item));
        }

        /** One step of the cursor as __bt_seq: the pair it lands on, or null (RET_SPECIAL). */
        Map.Entry<byte[], byte[]> seq(int how, byte[] key) {
            Map.Entry<byte[], byte[]> e;
            switch (how) {
                case R_CURSOR:
                    e = map.ceilingEntry(key);
                    break;
                case R_FIRST:
                    e = map.firstEntry();
                    break;
                case R_LAST:
                    e = map.lastEntry();
                    break;
                case R_NEXT:
                    e = cursor == null ? map.firstEntry() : map.higherEntry(cursor);
                    break;
                case R_PREV:
                    e = cursor == null ? map.lastEntry() : map.lowerEntry(cursor);
                    break;
                default:
                    throw Errno.oserror(EINVAL);
            }
            if (e != null) {
                cursor = e.getKey();
            }
            return e;
        }

        // ---- iteration -------------------------------------------------------------------

        public Object iter() {
            if (nextFlags != 0) {
                flags = nextFlags;
                nextFlags = 0;
            } else {
                flags = ITER_KEYS;
                startKey = PyNone.NONE;
                endKey = PyNone.NONE;
            }
            return this;
        }

        @Override
        public Object next() {
            checkOpen();
            boolean desc = (flags & DESC) != 0;
            Map.Entry<byte[], byte[]> e;
            if (startKey != null) {
                if (startKey != PyNone.NONE) {
                    e = seq(R_CURSOR, keyBytes(startKey));
                } else {
                    e = seq(desc ? R_LAST : R_FIRST, null);
                }
                startKey = null;
            } else {
                e = seq(desc ? R_PREV : R_NEXT, null);
            }
            if (e == null) {
                return null;
            }
            if (endKey == null) {
                return null;
            }
            if (endKey != PyNone.NONE) {
                int cmp = Integer.signum(compare(e.getKey(), keyBytes(endKey)));
                if (desc) {
                    cmp = -cmp;
                }
                if ((flags & INCL) != 0) {
                    cmp--;
                }
                if (cmp >= 0) {
                    endKey = null;
                    return null;
                }
            }
            switch (flags & ITER_ITEMS) {
                case ITER_KEYS:
                    return new PyBytes(e.getKey().clone());
                case ITER_VALUES:
                    return new PyBytes(e.getValue().clone());
                default:
                    return new PyTuple(new Object[] {new PyBytes(e.getKey().clone()), new PyBytes(e.getValue().clone())});
            }
        }

        Object initIter(Object[] a, int type) {
            nextFlags = type;
            startKey = PyNone.NONE;
            endKey = PyNone.NONE;
            if (a.length > 1) {
                startKey = a[1];
                if (a.length > 2) {
                    endKey = a[2];
                    if (a.length > 3) {
                        nextFlags = type | (int) Ops.toLong(a[3]);
                    }
                }
            }
            return this;
        }

        // ---- the file ----------------------------------------------------------------------

        ByteBuffer page(byte[] b) {
            return ByteBuffer.wrap(b).order(order);
        }

        byte[] readPage(long pgno) {
            if (pgno >= filePages) {
                throw Errno.oserror(EINVAL);
            }
            long off = pgno * psize;
            if (store.seek(off, 0) != off) {
                throw Errno.oserror(EINVAL);
            }
            byte[] b = store.read(psize);
            if (b.length != psize) {
                throw Errno.oserror(EINVAL); // EFTYPE, which Berkeley DB's compat.h makes EINVAL
            }
            return b;
        }

        byte[] readOverflow(long pgno, long size) {
            byte[] out = new byte[(int) size];
            int done = 0;
            Set<Long> seen = new HashSet<>();
            while (done < size) {
                if (pgno == 0 || !seen.add(pgno)) {
                    throw Errno.oserror(EINVAL);
                }
                ByteBuffer p = page(readPage(pgno));
                int n = (int) Math.min(size - done, psize - DATA_OFF);
                p.position(DATA_OFF);
                p.get(out, done, n);
                done += n;
                pgno = p.getInt(8) & 0xffffffffL;
            }
            return out;
        }

        /** Reads the tree under page pgno into the map, left to right. */
        void load(long pgno, Set<Long> seen) {
            if (!seen.add(pgno)) {
                throw Errno.oserror(EINVAL);
            }
            ByteBuffer p = page(readPage(pgno));
            int type = p.getInt(12) & P_TYPE;
            int lower = p.getShort(16) & 0xffff;
            int n = (lower - DATA_OFF) / 2;
            if (lower < DATA_OFF || lower > psize || (type != P_BLEAF && type != P_BINTERNAL)) {
                throw Errno.oserror(EINVAL);
            }
            for (int i = 0; i < n; i++) {
                int at = p.getShort(DATA_OFF + 2 * i) & 0xffff;
                if (at + 9 > psize) {
                    throw Errno.oserror(EINVAL);
                }
                if (type == P_BINTERNAL) {
                    load(p.getInt(at + 4) & 0xffffffffL, seen);
                    continue;
                }
                int ksize = p.getInt(at);
                int dsize = p.getInt(at + 4);
                int fl = p.get(at + 8);
                int pos = at + 9;
                byte[] k;
                if ((fl & P_BIGKEY) != 0) {
                    k = readOverflow(p.getInt(pos) & 0xffffffffL, p.getInt(pos + 4) & 0xffffffffL);
                    pos += 8;
                } else {
                    if (ksize < 0 || pos + ksize > psize) {
                        throw Errno.oserror(EINVAL);
                    }
                    k = Arrays.copyOfRange(p.array(), pos, pos + ksize);
                    pos += ksize;
                }
                byte[] d;
                if ((fl & P_BIGDATA) != 0) {
                    d = readOverflow(p.getInt(pos) & 0xffffffffL, p.getInt(pos + 4) & 0xffffffffL);
                } else {
                    if (dsize < 0 || pos + dsize > psize) {
                        throw Errno.oserror(EINVAL);
                    }
                    d = Arrays.copyOfRange(p.array(), pos, pos + dsize);
                }
                map.put(k, d);
            }
        }

        /** Writes the whole tree when it changed since it was read or last written, then flushes the stream. */
        void sync() {
            if (!modified) {
                return;
            }
            List<byte[]> pages = new PageWriter(this).build();
            for (int i = 0; i < pages.size(); i++) {
                long off = (long) i * psize;
                if (store.seek(off, 0) != off) {
                    throw Errno.oserror(EINVAL);
                }
                store.write(pages.get(i));
            }
            filePages = Math.max(filePages, pages.size());
            store.flush();
            modified = false;
        }
    }

    /**
     * Lays a sorted map out as Berkeley DB pages: leaves filled in key order, internal levels
     * above them keyed by each child's first key (the leftmost entry of a level's first page
     * with an empty key, as Berkeley DB writes it), siblings linked, the root at page 1.
     */
    static final class PageWriter {
        final Db db;
        final int psize;
        final List<byte[]> overflow = new ArrayList<>();
        /** The page numbers of pages other than meta, root: tree pages first, then overflow. */
        int nextPage = 2;

        PageWriter(Db db) {
            this.db = db;
            this.psize = db.psize;
        }

        /** One page under construction: items (already encoded) placed down from the end of the page. */
        final class Node {
            final List<byte[]> items = new ArrayList<>();
            int used = DATA_OFF;
            final boolean leaf;
            int pgno;
            /** The first key of this subtree as an internal item needs it: bytes, or an overflow reference. */
            byte[] firstKey;
            int firstKeyFlags;

            Node(boolean leaf) {
                this.leaf = leaf;
            }

            boolean fits(int size) {
                return psize - used >= size + 2;
            }

            void add(byte[] item) {
                items.add(item);
                used += item.length + 2;
            }
        }

        /** An overflow chain for b; its first page number. */
        int overflowChain(byte[] b, int firstFlags) {
            int plen = psize - DATA_OFF;
            int first = -1;
            ByteBuffer prev = null;
            int off = 0;
            do {
                int n = Math.min(plen, b.length - off);
                byte[] pg = new byte[psize];
                ByteBuffer p = ByteBuffer.wrap(pg).order(db.order);
                int no = -(overflow.size() + 1); // numbered later
                p.putInt(0, no);
                p.putInt(12, P_OVERFLOW | (first < 0 ? firstFlags : 0));
                System.arraycopy(b, off, pg, DATA_OFF, n);
                if (prev != null) {
                    prev.putInt(8, no);
                } else {
                    first = no;
                }
                overflow.add(pg);
                prev = p;
                off += n;
            } while (off < b.length);
            return first;
        }

        /**
         * Which parts of a pair go to overflow pages, as __bt_put decides: the data when key
         * and data together pass bt_ovflsize, the key first when it alone passes it, and the
         * key too when the pair still does not fit.
         */
        private int bigFlags(byte[] k, byte[] d) {
            int ovfl = db.ovflSize();
            int fl = 0;
            int tk = k.length;
            int td = d.length;
            if (tk + td > ovfl) {
                if (tk > ovfl) {
                    fl |= P_BIGKEY;
                    tk = 8;
                }
                if (tk + td > ovfl) {
                    fl |= P_BIGDATA;
                    td = 8;
                }
                if (tk + td > ovfl) {
                    fl |= P_BIGKEY;
                }
            }
            return fl;
        }

        private static int leafSize(byte[] k, byte[] d, int fl) {
            return align(9 + ((fl & P_BIGKEY) != 0 ? 8 : k.length) + ((fl & P_BIGDATA) != 0 ? 8 : d.length));
        }

        private byte[] leafItem(byte[] k, byte[] d, int fl, Node node) {
            byte[] tk = k;
            byte[] td = d;
            int kOvfl = 0;
            if ((fl & P_BIGKEY) != 0) {
                kOvfl = overflowChain(k, 0);
                tk = ref(kOvfl, k.length);
            }
            if ((fl & P_BIGDATA) != 0) {
                td = ref(overflowChain(d, 0), d.length);
            }
            byte[] item = new byte[align(9 + tk.length + td.length)];
            ByteBuffer p = ByteBuffer.wrap(item).order(db.order);
            p.putInt(0, tk.length);
            p.putInt(4, td.length);
            item[8] = (byte) fl;
            System.arraycopy(tk, 0, item, 9, tk.length);
            System.arraycopy(td, 0, item, 9 + tk.length, td.length);
            if (node.items.isEmpty()) {
                node.firstKey = tk;
                node.firstKeyFlags = fl & P_BIGKEY;
                if ((fl & P_BIGKEY) != 0) {
                    // the chain is shared with the internal item above: never freed with the leaf item
                    preserve(kOvfl);
                }
            }
            return item;
        }

        private void preserve(int ref) {
            byte[] pg = overflow.get(-ref - 1);
            ByteBuffer p = ByteBuffer.wrap(pg).order(db.order);
            p.putInt(12, p.getInt(12) | P_PRESERVE);
        }

        private byte[] ref(int pgno, int size) {
            byte[] r = new byte[8];
            ByteBuffer.wrap(r).order(db.order).putInt(0, pgno).putInt(4, size);
            return r;
        }

        private byte[] internalItem(Node child, boolean emptyKey) {
            byte[] k = emptyKey ? new byte[0] : child.firstKey;
            byte[] item = new byte[align(9 + k.length)];
            ByteBuffer p = ByteBuffer.wrap(item).order(db.order);
            p.putInt(0, k.length);
            p.putInt(4, 0); // the child's page number, set when pages are numbered
            item[8] = (byte) (emptyKey ? 0 : child.firstKeyFlags);
            System.arraycopy(k, 0, item, 9, k.length);
            return item;
        }

        List<byte[]> build() {
            // leaves
            List<Node> level = new ArrayList<>();
            Node cur = new Node(true);
            level.add(cur);
            for (Map.Entry<byte[], byte[]> e : db.map.entrySet()) {
                int fl = bigFlags(e.getKey(), e.getValue());
                if (!cur.fits(leafSize(e.getKey(), e.getValue(), fl))) {
                    cur = new Node(true);
                    level.add(cur);
                }
                cur.add(leafItem(e.getKey(), e.getValue(), fl, cur));
            }
            List<List<Node>> levels = new ArrayList<>();
            levels.add(level);
            Map<Node, List<Node>> children = new java.util.IdentityHashMap<>();
            while (level.size() > 1) {
                List<Node> up = new ArrayList<>();
                Node parent = new Node(false);
                up.add(parent);
                boolean leftmost = true;
                for (Node child : level) {
                    byte[] item = internalItem(child, leftmost && parent.items.isEmpty());
                    if (!parent.fits(item.length)) {
                        parent = new Node(false);
                        up.add(parent);
                        leftmost = false;
                        item = internalItem(child, false);
                    }
                    if (parent.items.isEmpty()) {
                        parent.firstKey = child.firstKey;
                        parent.firstKeyFlags = child.firstKeyFlags;
                    }
                    parent.add(item);
                    children.computeIfAbsent(parent, x -> new ArrayList<>()).add(child);
                }
                levels.add(up);
                level = up;
            }
            // number the pages: the root is page 1, then each level from the top, left to right
            level.get(0).pgno = 1;
            int next = 2;
            for (int i = levels.size() - 2; i >= 0; i--) {
                for (Node n : levels.get(i)) {
                    n.pgno = next++;
                }
            }
            int firstOverflow = next;
            int total = next + overflow.size();
            List<byte[]> pages = new ArrayList<>(total);
            pages.add(meta());
            for (int i = 0; i < total - 1; i++) {
                pages.add(null);
            }
            for (List<Node> lv : levels) {
                for (int i = 0; i < lv.size(); i++) {
                    Node n = lv.get(i);
                    int prev = i > 0 ? lv.get(i - 1).pgno : 0;
                    int nextPg = i + 1 < lv.size() ? lv.get(i + 1).pgno : 0;
                    pages.set(n.pgno, encode(n, prev, nextPg, children.get(n), firstOverflow));
                }
            }
            for (int i = 0; i < overflow.size(); i++) {
                byte[] pg = overflow.get(i);
                ByteBuffer p = ByteBuffer.wrap(pg).order(db.order);
                p.putInt(0, firstOverflow + i);
                int nx = p.getInt(8);
                p.putInt(8, nx < 0 ? firstOverflow + (-nx - 1) : 0);
                pages.set(firstOverflow + i, pg);
            }
            return pages;
        }

        private byte[] encode(Node n, int prev, int next, List<Node> kids, int firstOverflow) {
            byte[] pg = new byte[psize];
            ByteBuffer p = ByteBuffer.wrap(pg).order(db.order);
            p.putInt(0, n.pgno);
            p.putInt(4, prev);
            p.putInt(8, next);
            p.putInt(12, n.leaf ? P_BLEAF : P_BINTERNAL);
            int upper = psize;
            for (int i = 0; i < n.items.size(); i++) {
                byte[] item = n.items.get(i).clone();
                ByteBuffer ip = ByteBuffer.wrap(item).order(db.order);
                if (!n.leaf) {
                    ip.putInt(4, kids.get(i).pgno);
                }
                // overflow references (negative until now) become page numbers
                int fl = item[8];
                if (n.leaf) {
                    int ks = ip.getInt(0);
                    if ((fl & P_BIGKEY) != 0) {
                        ip.putInt(9, firstOverflow + (-ip.getInt(9) - 1));
                    }
                    if ((fl & P_BIGDATA) != 0) {
                        ip.putInt(9 + ks, firstOverflow + (-ip.getInt(9 + ks) - 1));
                    }
                } else if ((fl & P_BIGKEY) != 0) {
                    ip.putInt(9, firstOverflow + (-ip.getInt(9) - 1));
                }
                upper -= item.length;
                System.arraycopy(item, 0, pg, upper, item.length);
                p.putShort(DATA_OFF + 2 * i, (short) upper);
            }
            p.putShort(16, (short) (DATA_OFF + 2 * n.items.size()));
            p.putShort(18, (short) upper);
            return pg;
        }

        private byte[] meta() {
            byte[] pg = new byte[psize];
            ByteBuffer.wrap(pg).order(db.order).putInt(0, MAGIC).putInt(4, VERSION).putInt(8, psize)
                    .putInt(12, 0).putInt(16, 0).putInt(20, db.metaFlags);
            return pg;
        }
    }

    static Db open(Object stream, long flags, long cachesize, long pagesize, long minkeypage) {
        if ((flags & ~R_DUP) != 0) {
            throw Errno.oserror(EINVAL);
        }
        if (pagesize != 0 && (pagesize < MIN_PAGE || pagesize > 65536 || (pagesize & 1) != 0)) {
            throw Errno.oserror(EINVAL);
        }
        if (minkeypage != 0 && minkeypage < 2) {
            throw Errno.oserror(EINVAL);
        }
        Store store = new Store(stream);
        byte[] m = store.read(24);
        int psize = pagesize == 0 ? DEFAULT_PAGE : (int) pagesize;
        int metaFlags = (flags & R_DUP) == 0 ? B_NODUPS : 0;
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        boolean existing = m.length != 0;
        if (existing) {
            if (m.length != 24) {
                throw Errno.oserror(EINVAL);
            }
            ByteBuffer b = ByteBuffer.wrap(m).order(order);
            if (b.getInt(0) != MAGIC) {
                order = ByteOrder.BIG_ENDIAN;
                b.order(order);
            }
            int ps = b.getInt(8);
            if (b.getInt(0) != MAGIC || b.getInt(4) != VERSION || ps < MIN_PAGE || ps > 65536 || (ps & 1) != 0
                    || (b.getInt(20) & ~(B_NODUPS | 0x80)) != 0) {
                throw Errno.oserror(EINVAL);
            }
            psize = ps;
            metaFlags = b.getInt(20);
        }
        Db db = new Db(store, psize, minkeypage == 0 ? DEFAULT_MINKEYPAGE : (int) minkeypage, metaFlags);
        db.order = order;
        long size = store.seek(0, 2);
        db.filePages = size / psize;
        if (db.filePages > 0) {
            db.load(1, new HashSet<>());
        }
        // else a new tree (Berkeley DB makes its meta and root pages, written at the first sync
        // after a change)
        return db;
    }

    static PyModule module() {
        PyModule m = new PyModule("btree");
        m.globals.put("open", new dev.mpt.vm.PyBuiltin("open", (a, kw) -> {
            if (a.length != 1) {
                throw Ops.typeError(a.length == 0 ? "function missing 1 required positional arguments"
                        : "function takes 1 positional arguments but " + a.length + " were given");
            }
            if (kw != null) {
                for (String k : kw.keySet()) {
                    if (!Set.of("flags", "cachesize", "pagesize", "minkeypage").contains(k)) {
                        throw Ops.typeError("unexpected keyword argument '" + k + "'");
                    }
                }
            }
            return open(a[0], Ops.toLong(ArgCheck.arg(a, 99, kw, "flags", 0L)),
                    Ops.toLong(ArgCheck.arg(a, 99, kw, "cachesize", 0L)),
                    Ops.toLong(ArgCheck.arg(a, 99, kw, "pagesize", 0L)),
                    Ops.toLong(ArgCheck.arg(a, 99, kw, "minkeypage", 0L)));
        }));
        m.globals.put("INCL", INCL);
        m.globals.put("DESC", DESC);
        return m;
    }

    static {
        BuiltinTypes.method(BTREE, "close", (a, kw) -> {
            Db d = (Db) a[0];
            if (d.open) {
                try {
                    d.sync();
                } finally {
                    d.open = false;
                }
            }
            return 0L;
        });
        BuiltinTypes.method(BTREE, "flush", (a, kw) -> {
            Db d = (Db) a[0];
            d.checkOpen();
            d.sync();
            return 0L;
        });
        BuiltinTypes.method(BTREE, "get", (a, kw) -> {
            Db d = (Db) a[0];
            d.checkOpen();
            byte[] v = d.map.get(keyBytes(a[1]));
            if (v == null) {
                return a.length > 2 ? a[2] : PyNone.NONE;
            }
            return new PyBytes(v.clone());
        });
        BuiltinTypes.method(BTREE, "put", (a, kw) -> {
            Db d = (Db) a[0];
            d.checkOpen();
            d.put(keyBytes(a[1]), keyBytes(a[2]));
            return 0L;
        });
        BuiltinTypes.method(BTREE, "seq", (a, kw) -> {
            Db d = (Db) a[0];
            d.checkOpen();
            if (!(a[1] instanceof Long) && !(a[1] instanceof Boolean)) {
                throw Errno.oserror(EINVAL);
            }
            int how = (int) Ops.toLong(a[1]);
            if (how == R_CURSOR && a.length < 3) {
                throw Errno.oserror(EINVAL);
            }
            Map.Entry<byte[], byte[]> e = d.seq(how, a.length > 2 ? keyBytes(a[2]) : null);
            if (e == null) {
                return PyNone.NONE;
            }
            return new PyTuple(new Object[] {new PyBytes(e.getKey().clone()), new PyBytes(e.getValue().clone())});
        });
        BuiltinTypes.method(BTREE, "keys", (a, kw) -> ((Db) a[0]).initIter(a, ITER_KEYS));
        BuiltinTypes.method(BTREE, "values", (a, kw) -> ((Db) a[0]).initIter(a, ITER_VALUES));
        BuiltinTypes.method(BTREE, "items", (a, kw) -> ((Db) a[0]).initIter(a, ITER_ITEMS));
    }

}
