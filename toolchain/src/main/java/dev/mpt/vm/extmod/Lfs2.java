package dev.mpt.vm.extmod;

import static dev.mpt.vm.Errno.EEXIST;
import static dev.mpt.vm.Errno.EFBIG;
import static dev.mpt.vm.Errno.EINVAL;
import static dev.mpt.vm.Errno.EIO;
import static dev.mpt.vm.Errno.EISDIR;
import static dev.mpt.vm.Errno.ENAMETOOLONG;
import static dev.mpt.vm.Errno.ENOENT;
import static dev.mpt.vm.Errno.ENOSPC;
import static dev.mpt.vm.Errno.ENOTDIR;
import static dev.mpt.vm.Errno.ENOTEMPTY;
import static dev.mpt.vm.Errno.EROFS;

import dev.mpt.vm.Errno;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A littlefs v2 filesystem on a block device, as littlefs's SPEC.md lays it out (on-disk
 * version 2.1) and as MicroPython configures it: the block size and count from the device,
 * read/prog sizes and lookahead given to VfsLfs2 (32 each by default), a cache of
 * min(block size, 4 × max(read, prog)), inline files up to min(cache, 1022, block size / 8)
 * bytes, names up to 255 bytes.
 *
 * <p>Metadata pairs are read by replaying every valid commit (CRC-checked, tags XORed, with
 * CREATE/DELETE splices, user attributes, tails and the move-state delta); they are written by
 * compaction: a pair's state goes as one commit into its other block with the next revision,
 * split over a new pair (hard tail) when it grows past half a block, as littlefs splits.
 * Directories are threaded on the soft-tail list from the superblock pair, so littlefs's
 * allocator sees every block in use. Files are written copy-on-write when they are synced:
 * inline, or a CTZ skip-list of fresh blocks.
 */
final class Lfs2 {
    static final int T_REG = 0x001;
    static final int T_DIR = 0x002;
    static final int T_SUPER = 0x0ff;
    static final int T_DIRSTRUCT = 0x200;
    static final int T_INLINE = 0x201;
    static final int T_CTZ = 0x202;
    static final int T_USERATTR = 0x300;
    static final int T_CREATE = 0x401;
    static final int T_DELETE = 0x4ff;
    static final int T_SOFTTAIL = 0x600;
    static final int T_HARDTAIL = 0x601;
    static final int T_MOVESTATE = 0x7ff;
    static final long NULL = 0xffffffffL;
    static final long DISK_VERSION = 0x00020001L;
    static final int NAME_MAX = 255;
    static final long FILE_MAX = 2147483647L;
    static final int ATTR_MAX = 1022;

    static final int ECORRUPT = 84;

    /** One id of a metadata pair: a file, a directory or the superblock, with its struct and attributes. */
    static final class Entry {
        byte[] name = new byte[0];
        int type;
        int stype = T_INLINE;
        byte[] sdata = new byte[0];
        TreeMap<Integer, byte[]> attrs = new TreeMap<>();

        Entry copy() {
            Entry e = new Entry();
            e.name = name;
            e.type = type;
            e.stype = stype;
            e.sdata = sdata;
            e.attrs = new TreeMap<>(attrs);
            return e;
        }

        String nameStr() {
            return new String(name, StandardCharsets.UTF_8);
        }
    }

    /** A metadata pair: blocks a (the current one) and b, its revision and state. */
    static final class MDir {
        long a;
        long b;
        long rev;
        List<Entry> ents = new ArrayList<>();
        int tailType;
        long ta = NULL;
        long tb = NULL;
        byte[] gdelta;

        boolean split() {
            return tailType == T_HARDTAIL && ta != NULL;
        }
    }

    final BlockDev dev;
    final int bs;
    final long bc;
    final int readSize;
    final int progSize;
    final int inlineMax;
    /** Every metadata pair, in the order of the tail list from the superblock pair. */
    final List<MDir> all = new ArrayList<>();
    MDir root;
    private long nextAlloc;

    private Lfs2(BlockDev dev, int readSize, int progSize) {
        this.dev = dev;
        long b = dev.ioctlInt(BlockDev.IOCTL_BLOCK_SIZE, 0, 0);
        long c = dev.ioctlInt(BlockDev.IOCTL_BLOCK_COUNT, 0, 0);
        dev.blockSize = (int) b;
        this.bs = (int) b;
        this.bc = c;
        this.readSize = readSize;
        this.progSize = progSize;
        if (readSize <= 0 || progSize <= 0 || bs <= 0 || bs % readSize != 0 || bs % progSize != 0) {
            throw err(EINVAL);
        }
        int cache = Math.min(bs, 4 * Math.max(readSize, progSize));
        inlineMax = Math.min(cache, Math.min(ATTR_MAX, bs / 8));
    }

    static PyError err(int errno) {
        return Errno.oserror(errno);
    }

    // ---- the device ---------------------------------------------------------------------------

    byte[] readBlock(long block) {
        if (block < 0 || block >= bc) {
            throw err(ECORRUPT);
        }
        byte[] b = new byte[bs];
        int r = dev.readExt(block, 0, b, 0, bs);
        if (r != 0) {
            throw err(-r);
        }
        return b;
    }

    void erase(long block) {
        Object r = dev.ioctl(BlockDev.IOCTL_BLOCK_ERASE, block);
        if (r != PyNone.NONE && Ops.isInt(r) && Ops.toLong(r) != 0) {
            throw err(EIO);
        }
    }

    void prog(long block, byte[] b, int len) {
        int r = dev.writeExt(block, 0, b, 0, len);
        if (r != 0) {
            throw err(-r);
        }
    }

    // ---- CRC-32 (polynomial 0x04c11db7, reflected, no final inversion) ------------------------

    private static final int[] CRC_TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
            }
            CRC_TABLE[i] = c;
        }
    }

    static int crc(int crc, byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            crc = (crc >>> 8) ^ CRC_TABLE[(crc ^ b[i]) & 0xff];
        }
        return crc;
    }

    static long le32(byte[] b, int o) {
        return (b[o] & 0xffL) | (b[o + 1] & 0xffL) << 8 | (b[o + 2] & 0xffL) << 16 | (b[o + 3] & 0xffL) << 24;
    }

    static long be32(byte[] b, int o) {
        return (b[o + 3] & 0xffL) | (b[o + 2] & 0xffL) << 8 | (b[o + 1] & 0xffL) << 16 | (b[o] & 0xffL) << 24;
    }

    static void putLe32(byte[] b, int o, long v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >> 8);
        b[o + 2] = (byte) (v >> 16);
        b[o + 3] = (byte) (v >> 24);
    }

    static void putBe32(byte[] b, int o, long v) {
        b[o] = (byte) (v >> 24);
        b[o + 1] = (byte) (v >> 16);
        b[o + 2] = (byte) (v >> 8);
        b[o + 3] = (byte) v;
    }

    static byte[] pairBytes(long a, long b) {
        byte[] d = new byte[8];
        putLe32(d, 0, a);
        putLe32(d, 4, b);
        return d;
    }

    // ---- reading metadata ---------------------------------------------------------------------

    /** The state of one metadata block after its last valid commit, or null when it has none. */
    private MDir parse(long block) {
        byte[] d = readBlock(block);
        MDir m = new MDir();
        m.rev = le32(d, 0);
        int off = 4;
        long ptag = NULL;
        int crc = crc(0xffffffff, d, 0, 4);
        boolean any = false;
        List<long[]> pending = new ArrayList<>();
        while (off + 4 <= bs) {
            long raw = be32(d, off);
            long tag = (raw ^ ptag) & 0xffffffffL;
            if ((tag >>> 31) != 0) {
                break;
            }
            int type = (int) (tag >>> 20) & 0x7ff;
            int size = (int) tag & 0x3ff;
            int dsize = 4 + (size == 0x3ff ? 0 : size);
            if (off + dsize > bs) {
                break;
            }
            crc = crc(crc, d, off, 4);
            if ((type & 0x780) == 0x500) {
                if (off + 8 > bs || le32(d, off + 4) != (crc & 0xffffffffL)) {
                    break;
                }
                for (long[] p : pending) {
                    apply(m, (int) p[0], (int) p[1], (int) p[2], d, (int) p[3]);
                }
                pending.clear();
                any = true;
                ptag = tag ^ ((long) (type & 1) << 31);
                crc = 0xffffffff;
                off += dsize;
                continue;
            }
            crc = crc(crc, d, off + 4, dsize - 4);
            pending.add(new long[] {type, (tag >>> 10) & 0x3ff, size, off + 4});
            ptag = tag;
            off += dsize;
        }
        return any ? m : null;
    }

    private static void apply(MDir m, int type, int id, int size, byte[] d, int doff) {
        byte[] data = size == 0x3ff ? null : java.util.Arrays.copyOfRange(d, doff, doff + size);
        int t1 = type >> 8;
        if (type == T_CREATE) {
            if (id <= m.ents.size()) {
                m.ents.add(id, new Entry());
            }
        } else if (type == T_DELETE) {
            if (id < m.ents.size()) {
                m.ents.remove(id);
            }
        } else if (t1 == 0) {
            while (m.ents.size() <= id) {
                m.ents.add(new Entry());
            }
            Entry e = m.ents.get(id);
            e.type = type;
            e.name = data == null ? new byte[0] : data;
        } else if (t1 == 2) {
            if (id < m.ents.size() && data != null) {
                m.ents.get(id).stype = type;
                m.ents.get(id).sdata = data;
            }
        } else if (t1 == 3) {
            if (id < m.ents.size()) {
                if (data == null) {
                    m.ents.get(id).attrs.remove(type & 0xff);
                } else {
                    m.ents.get(id).attrs.put(type & 0xff, data);
                }
            }
        } else if (t1 == 6) {
            if (data != null && data.length >= 8) {
                m.tailType = type;
                m.ta = le32(data, 0);
                m.tb = le32(data, 4);
            }
        } else if (type == T_MOVESTATE) {
            m.gdelta = data;
        }
    }

    /** A metadata pair's current state (the valid block with the newer revision), or ECORRUPT. */
    MDir fetch(long a, long b) {
        if (a >= bc || b >= bc) {
            throw err(ECORRUPT);
        }
        long[] revs = new long[2];
        long[] blocks = {a, b};
        for (int i = 0; i < 2; i++) {
            revs[i] = le32(readBlock(blocks[i]), 0);
        }
        int first = (int) (revs[1] - revs[0]) > 0 ? 1 : 0;
        for (int k = 0; k < 2; k++) {
            int i = k == 0 ? first : 1 - first;
            MDir m = parse(blocks[i]);
            if (m != null) {
                m.a = blocks[i];
                m.b = blocks[1 - i];
                return m;
            }
        }
        throw err(ECORRUPT);
    }

    static Lfs2 mount(BlockDev dev, int readSize, int progSize) {
        dev.init();
        Lfs2 fs = new Lfs2(dev, readSize, progSize);
        fs.load();
        return fs;
    }

    /** Reads every metadata pair on the tail list and finds the root (the last pair with the superblock). */
    void load() {
        all.clear();
        root = null;
        Set<Long> seen = new HashSet<>();
        long ta = 0;
        long tb = 1;
        while (ta != NULL && tb != NULL) {
            if (!seen.add(Math.min(ta, tb) << 32 | Math.max(ta, tb))) {
                throw err(ECORRUPT);
            }
            MDir m = fetch(ta, tb);
            all.add(m);
            if (!m.ents.isEmpty() && m.ents.get(0).type == T_SUPER
                    && new String(m.ents.get(0).name, StandardCharsets.ISO_8859_1).equals("littlefs")) {
                byte[] s = m.ents.get(0).sdata;
                if (s.length < 24) {
                    throw err(EINVAL);
                }
                long version = le32(s, 0);
                if ((version >> 16) != 2 || (version & 0xffff) > 1) {
                    throw err(EINVAL);
                }
                if (le32(s, 4) != bs || (bc != 0 && le32(s, 8) != bc)) {
                    throw err(EINVAL);
                }
                root = m;
            }
            ta = m.ta;
            tb = m.tb;
        }
        if (root == null) {
            throw err(EINVAL);
        }
    }

    MDir byPair(long a, long b) {
        for (MDir m : all) {
            if ((m.a == a && m.b == b) || (m.a == b && m.b == a)) {
                return m;
            }
        }
        throw err(ECORRUPT);
    }

    // ---- writing metadata ---------------------------------------------------------------------

    /** Writes a pair's state as one commit into its other block (splitting when it grows too big). */
    void commit(MDir m) {
        if (!dev.writable()) {
            throw err(EROFS);
        }
        int limit = Math.min(bs - 36, alignUp(bs / 2, progSize));
        if (size(m, m.ents.size()) > limit && m.ents.size() > 1) {
            int keep = 1;
            while (keep < m.ents.size() - 1 && size(m, keep + 1) <= limit) {
                keep++;
            }
            MDir n = allocPair();
            n.ents = new ArrayList<>(m.ents.subList(keep, m.ents.size()));
            n.tailType = m.tailType;
            n.ta = m.ta;
            n.tb = m.tb;
            m.ents = new ArrayList<>(m.ents.subList(0, keep));
            m.tailType = T_HARDTAIL;
            m.ta = n.a;
            m.tb = n.b;
            all.add(all.indexOf(m) + 1, n);
            commit(n);
            // the new pair's ids moved: open files find their entries by identity
        }
        byte[] out = new byte[bs];
        byte[] big = new byte[bs * 4];
        int end = serialize(m, m.ents.size(), big, m.rev + 1);
        if (end < 0 || alignUp(Math.min(end + 20, bs), progSize) > bs || end + 8 > bs) {
            throw err(ENOSPC);
        }
        System.arraycopy(big, 0, out, 0, bs);
        long target = m.b;
        erase(target);
        end = finish(out, end, target);
        prog(target, out, end);
        m.b = m.a;
        m.a = target;
        m.rev = m.rev + 1;
    }

    static int alignUp(int v, int a) {
        return (v + a - 1) / a * a;
    }

    private int size(MDir m, int n) {
        byte[] out = new byte[bs * 4];
        return serialize(m, n, out, 0);
    }

    private long ptag;
    private int crcState;

    private int tag(byte[] out, int off, int type, int id, byte[] data) {
        int size = data.length;
        if (off + 4 + size > out.length) {
            return -1;
        }
        long t = ((long) type << 20) | ((long) id << 10) | size;
        putBe32(out, off, (t ^ ptag) & 0xffffffffL);
        System.arraycopy(data, 0, out, off + 4, size);
        crcState = crc(crcState, out, off, 4 + size);
        ptag = t;
        return off + 4 + size;
    }

    /** The tags of the first n entries of m (and its tail and move delta) after the revision; the end offset or -1. */
    private int serialize(MDir m, int n, byte[] out, long rev) {
        putLe32(out, 0, rev);
        ptag = NULL;
        crcState = crc(0xffffffff, out, 0, 4);
        int off = 4;
        for (int id = 0; id < n && off >= 0; id++) {
            Entry e = m.ents.get(id);
            off = tag(out, off, e.type, id, e.name);
            if (off >= 0) {
                off = tag(out, off, e.stype, id, e.sdata);
            }
            for (Map.Entry<Integer, byte[]> a : e.attrs.entrySet()) {
                if (off >= 0) {
                    off = tag(out, off, T_USERATTR | a.getKey(), id, a.getValue());
                }
            }
        }
        if (off >= 0 && m.ta != NULL) {
            off = tag(out, off, m.tailType, 0x3ff, pairBytes(m.ta, m.tb));
        }
        if (off >= 0 && m.gdelta != null && !allZero(m.gdelta)) {
            off = tag(out, off, T_MOVESTATE, 0x3ff, m.gdelta);
        }
        return off;
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Ends a commit at off as littlefs 2.1 does: when another program unit follows in the
     * block, a forward CRC (FCRC) of that unit as it is now (erased), then the commit's CRC tag
     * padded to the program size. The CRC tag's valid-state bit is set from the first byte of
     * the next unit, so whatever is there reads as no commit.
     */
    private int finish(byte[] out, int off, long block) {
        int end = alignUp(Math.min(off + 20, bs), progSize);
        int noff = Math.min(end - (off + 4), 0x3fe) + off + 4;
        if (noff < end) {
            noff = Math.min(noff, end - 20);
        }
        int e = 0xff;
        if (noff >= end && noff <= bs - progSize) {
            byte[] next = new byte[progSize];
            if (dev.readExt(block, noff, next, 0, progSize) != 0) {
                throw err(EIO);
            }
            e = next[0] & 0xff;
            byte[] fcrc = new byte[8];
            putLe32(fcrc, 0, progSize);
            putLe32(fcrc, 4, crc(0xffffffff, next, 0, progSize) & 0xffffffffL);
            off = tag(out, off, 0x5ff, 0x3ff, fcrc);
        }
        int bit = ((~e) & 0x80) >> 7;
        long t = ((long) (0x500 | bit) << 20) | (0x3ffL << 10) | (noff - (off + 4));
        putBe32(out, off, (t ^ ptag) & 0xffffffffL);
        crcState = crc(crcState, out, off, 4);
        putLe32(out, off + 4, crcState & 0xffffffffL);
        for (int i = off + 8; i < noff; i++) {
            out[i] = (byte) 0xff;
        }
        return noff;
    }

    /** A new metadata pair (two free blocks) with a revision past what the first block holds. */
    MDir allocPair() {
        BitSet used = used();
        MDir m = new MDir();
        // as littlefs: the first block allocated is the one the first commit goes to
        m.b = alloc(used);
        m.a = alloc(used);
        long old = le32(readBlock(m.a), 0);
        long old2 = le32(readBlock(m.b), 0);
        m.rev = (int) (old2 - old) > 0 ? old2 : old;
        return m;
    }

    /** Drops an empty pair that is not the first of its directory: its predecessor takes its tail. */
    void dropIfEmpty(MDir m) {
        if (!m.ents.isEmpty()) {
            commit(m);
            return;
        }
        int i = all.indexOf(m);
        MDir pred = i > 0 ? all.get(i - 1) : null;
        if (pred != null && pred.split() && byPairOrNull(pred.ta, pred.tb) == m) {
            pred.tailType = m.tailType;
            pred.ta = m.ta;
            pred.tb = m.tb;
            if (m.gdelta != null && !allZero(m.gdelta)) {
                pred.gdelta = xor(pred.gdelta, m.gdelta);
            }
            all.remove(m);
            commit(pred);
        } else {
            commit(m);
        }
    }

    static byte[] xor(byte[] a, byte[] b) {
        byte[] r = new byte[12];
        for (int i = 0; i < 12; i++) {
            r[i] = (byte) ((a != null && i < a.length ? a[i] : 0) ^ (b != null && i < b.length ? b[i] : 0));
        }
        return r;
    }

    MDir byPairOrNull(long a, long b) {
        for (MDir m : all) {
            if ((m.a == a && m.b == b) || (m.a == b && m.b == a)) {
                return m;
            }
        }
        return null;
    }

    // ---- blocks in use ------------------------------------------------------------------------

    /** The blocks littlefs's traversal visits: both blocks of every pair, every block of every CTZ file. */
    BitSet used() {
        BitSet u = new BitSet((int) bc);
        for (MDir m : all) {
            u.set((int) m.a);
            u.set((int) m.b);
            for (Entry e : m.ents) {
                if (e.stype == T_CTZ && e.sdata.length >= 8) {
                    for (long b : ctzBlocks(le32(e.sdata, 0), le32(e.sdata, 4))) {
                        if (b < bc) {
                            u.set((int) b);
                        }
                    }
                }
            }
        }
        return u;
    }

    long alloc(BitSet used) {
        for (long i = 0; i < bc; i++) {
            long b = (nextAlloc + i) % bc;
            if (!used.get((int) b)) {
                used.set((int) b);
                nextAlloc = (b + 1) % bc;
                return b;
            }
        }
        throw err(ENOSPC);
    }

    // ---- CTZ skip-lists -----------------------------------------------------------------------

    /** Data bytes block n of a file holds (block 0 has no pointers, block n has ctz(n)+1 of them). */
    int capacity(long n) {
        return n == 0 ? bs : bs - 4 * (Long.numberOfTrailingZeros(n) + 1);
    }

    /** How many blocks a file of size bytes takes as a CTZ list. */
    long ctzCount(long size) {
        long n = 0;
        long left = size;
        while (left > 0) {
            left -= capacity(n);
            n++;
        }
        return n;
    }

    /** The blocks of a CTZ file in order, from the head (its last block) backwards by the first pointer. */
    List<Long> ctzBlocks(long head, long size) {
        long count = ctzCount(size);
        Long[] out = new Long[(int) count];
        long b = head;
        for (long n = count - 1; n >= 0; n--) {
            out[(int) n] = b;
            if (n > 0) {
                if (b >= bc) {
                    throw err(ECORRUPT);
                }
                byte[] p = new byte[4];
                if (dev.readExt(b, 0, p, 0, 4) != 0) {
                    throw err(EIO);
                }
                b = le32(p, 0);
            }
        }
        return java.util.Arrays.asList(out);
    }

    /** A file's whole content. */
    byte[] readFile(Entry e) {
        if (e.stype == T_INLINE) {
            return e.sdata.clone();
        }
        if (e.stype != T_CTZ || e.sdata.length < 8) {
            return new byte[0];
        }
        long size = le32(e.sdata, 4);
        List<Long> blocks = ctzBlocks(le32(e.sdata, 0), size);
        byte[] out = new byte[(int) size];
        int pos = 0;
        for (int n = 0; n < blocks.size() && pos < size; n++) {
            int cap = capacity(n);
            int skip = bs - cap;
            int len = (int) Math.min(cap, size - pos);
            byte[] d = new byte[len];
            if (dev.readExt(blocks.get(n), skip, d, 0, len) != 0) {
                throw err(EIO);
            }
            System.arraycopy(d, 0, out, pos, len);
            pos += len;
        }
        return out;
    }

    /** Stores a file's content: inline when small enough, else as a new CTZ list. */
    void storeFile(Entry e, byte[] data, int size) {
        if (size <= inlineMax) {
            e.stype = T_INLINE;
            e.sdata = java.util.Arrays.copyOf(data, size);
            return;
        }
        if (!dev.writable()) {
            throw err(EROFS);
        }
        BitSet used = used();
        long count = ctzCount(size);
        long[] blocks = new long[(int) count];
        int pos = 0;
        byte[] buf = new byte[bs];
        for (int n = 0; n < count; n++) {
            blocks[n] = alloc(used);
            java.util.Arrays.fill(buf, (byte) 0xff);
            int ptrs = n == 0 ? 0 : Long.numberOfTrailingZeros(n) + 1;
            for (int x = 0; x < ptrs; x++) {
                putLe32(buf, 4 * x, blocks[n - (1 << x)]);
            }
            int len = Math.min(capacity(n), size - pos);
            System.arraycopy(data, pos, buf, 4 * ptrs, len);
            pos += len;
            erase(blocks[n]);
            prog(blocks[n], buf, alignUp(4 * ptrs + len, progSize));
        }
        e.stype = T_CTZ;
        byte[] s = new byte[8];
        putLe32(s, 0, blocks[(int) count - 1]);
        putLe32(s, 4, size);
        e.sdata = s;
    }

    long fileSize(Entry e) {
        if (e.stype == T_INLINE) {
            return e.sdata.length;
        }
        if (e.stype == T_CTZ && e.sdata.length >= 8) {
            return le32(e.sdata, 4);
        }
        return 0;
    }

    // ---- making ---------------------------------------------------------------------------------

    static void format(BlockDev dev, int readSize, int progSize) {
        dev.init();
        if (!dev.writable()) {
            throw err(EROFS);
        }
        Lfs2 fs = new Lfs2(dev, readSize, progSize);
        if (fs.bc < 2) {
            throw err(EINVAL);
        }
        MDir m = new MDir();
        m.a = 1;
        m.b = 0;
        m.rev = le32(fs.readBlock(1), 0);
        Entry sb = new Entry();
        sb.type = T_SUPER;
        sb.name = "littlefs".getBytes(StandardCharsets.ISO_8859_1);
        sb.stype = T_INLINE;
        byte[] s = new byte[24];
        putLe32(s, 0, DISK_VERSION);
        putLe32(s, 4, fs.bs);
        putLe32(s, 8, fs.bc);
        putLe32(s, 12, NAME_MAX);
        putLe32(s, 16, FILE_MAX);
        putLe32(s, 20, ATTR_MAX);
        sb.sdata = s;
        m.ents.add(sb);
        fs.all.add(m);
        // both blocks, as littlefs's format compacts twice: nothing older on the device wins
        fs.commit(m);
        fs.commit(m);
        dev.ioctl(BlockDev.IOCTL_SYNC, 0);
        fs.load();
    }

    // ---- paths ----------------------------------------------------------------------------------

    /** Where a name is: the pair and the index in it, or the index it would go at (found false). */
    record Place(MDir m, int id, boolean found) {}

    /** The pairs of the directory whose first pair is first, in order. */
    List<MDir> dirPairs(MDir first) {
        List<MDir> out = new ArrayList<>();
        MDir m = first;
        out.add(m);
        while (m.split()) {
            m = byPair(m.ta, m.tb);
            out.add(m);
        }
        return out;
    }

    static int cmp(byte[] a, byte[] b) {
        int c = java.util.Arrays.compareUnsigned(a, 0, Math.min(a.length, b.length), b, 0, Math.min(a.length, b.length));
        if (c != 0) {
            return c;
        }
        // littlefs: of two names one of which begins the other, the longer sorts first
        return Integer.compare(b.length, a.length);
    }

    static boolean named(Entry e) {
        return e.type == T_REG || e.type == T_DIR;
    }

    Place find(MDir first, byte[] name) {
        List<MDir> pairs = dirPairs(first);
        for (MDir m : pairs) {
            for (int i = 0; i < m.ents.size(); i++) {
                Entry e = m.ents.get(i);
                if (!named(e)) {
                    continue;
                }
                int c = cmp(e.name, name);
                if (c == 0) {
                    return new Place(m, i, true);
                }
                if (c > 0) {
                    return new Place(m, i, false);
                }
            }
        }
        MDir last = pairs.get(pairs.size() - 1);
        return new Place(last, last.ents.size(), false);
    }

    /** Splits a path into names (empty names and "." dropped, ".." taking one off). */
    static List<String> split(String path) {
        return BlockFile.names(path, "/+");
    }

    MDir dirOf(Entry e) {
        if (e.type != T_DIR) {
            throw err(ENOTDIR);
        }
        return byPair(le32(e.sdata, 0), le32(e.sdata, 4));
    }

    /** The directory (its first pair) holding the last name of parts. */
    MDir parent(List<String> parts) {
        MDir d = root;
        for (int i = 0; i < parts.size() - 1; i++) {
            Place p = find(d, parts.get(i).getBytes(StandardCharsets.UTF_8));
            if (!p.found) {
                throw err(ENOENT);
            }
            d = dirOf(p.m.ents.get(p.id));
        }
        return d;
    }

    Place lookup(List<String> parts) {
        MDir d = parent(parts);
        return find(d, parts.get(parts.size() - 1).getBytes(StandardCharsets.UTF_8));
    }

    static byte[] checkName(String name) {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        if (b.length > NAME_MAX) {
            throw err(ENAMETOOLONG);
        }
        return b;
    }

    /** Where an entry is now (pairs split and ids shift), or null when it was removed. */
    Place locate(Entry e) {
        for (MDir m : all) {
            int i = m.ents.indexOf(e);
            if (i >= 0) {
                return new Place(m, i, true);
            }
        }
        return null;
    }

    // ---- operations ---------------------------------------------------------------------------

    Entry create(List<String> parts, int type) {
        if (parts.isEmpty()) {
            throw err(EEXIST);
        }
        MDir d = parent(parts);
        byte[] name = checkName(parts.get(parts.size() - 1));
        Place p = find(d, name);
        if (p.found) {
            throw err(EEXIST);
        }
        if (!dev.writable()) {
            throw err(EROFS);
        }
        Entry e = new Entry();
        e.type = type;
        e.name = name;
        if (type == T_DIR) {
            List<MDir> pairs = dirPairs(d);
            MDir pred = pairs.get(pairs.size() - 1);
            MDir nd = allocPair();
            nd.tailType = T_SOFTTAIL;
            nd.ta = pred.ta;
            nd.tb = pred.tb;
            commit(nd);
            all.add(all.indexOf(pred) + 1, nd);
            pred.tailType = T_SOFTTAIL;
            pred.ta = nd.a;
            pred.tb = nd.b;
            e.stype = T_DIRSTRUCT;
            e.sdata = pairBytes(nd.a, nd.b);
            if (pred != p.m) {
                commit(pred);
            }
        }
        p.m.ents.add(p.id, e);
        commit(p.m);
        dev.ioctl(BlockDev.IOCTL_SYNC, 0);
        return e;
    }

    boolean dirEmpty(Entry e) {
        for (MDir m : dirPairs(dirOf(e))) {
            for (Entry x : m.ents) {
                if (named(x)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Takes a directory's pairs off the tail list (after its entry is gone). */
    private void unthread(Entry e) {
        List<MDir> pairs = dirPairs(dirOf(e));
        MDir first = pairs.get(0);
        MDir last = pairs.get(pairs.size() - 1);
        int i = all.indexOf(first);
        if (i <= 0) {
            return;
        }
        MDir pred = all.get(i - 1);
        pred.tailType = last.tailType;
        pred.ta = last.ta;
        pred.tb = last.tb;
        byte[] g = null;
        for (MDir m : pairs) {
            if (m.gdelta != null && !allZero(m.gdelta)) {
                g = xor(g, m.gdelta);
            }
        }
        if (g != null) {
            pred.gdelta = xor(pred.gdelta, g);
        }
        all.removeAll(pairs);
        commit(pred);
    }

    void remove(List<String> parts) {
        if (parts.isEmpty()) {
            throw err(EINVAL);
        }
        Place p = lookup(parts);
        if (!p.found) {
            throw err(ENOENT);
        }
        Entry e = p.m.ents.get(p.id);
        if (e.type == T_DIR && !dirEmpty(e)) {
            throw err(ENOTEMPTY);
        }
        if (!dev.writable()) {
            throw err(EROFS);
        }
        p.m.ents.remove(p.id);
        boolean first = isFirst(p.m);
        if (e.type == T_DIR) {
            commitOrDrop(p.m, first);
            unthread(e);
        } else {
            commitOrDrop(p.m, first);
        }
        dev.ioctl(BlockDev.IOCTL_SYNC, 0);
    }

    /** Whether a pair is the first of its directory (no split pair points at it). */
    boolean isFirst(MDir m) {
        int i = all.indexOf(m);
        if (i <= 0) {
            return true;
        }
        MDir pred = all.get(i - 1);
        return !(pred.split() && byPairOrNull(pred.ta, pred.tb) == m);
    }

    private void commitOrDrop(MDir m, boolean first) {
        if (!first && m.ents.isEmpty()) {
            dropIfEmpty(m);
        } else {
            commit(m);
        }
    }

    void rename(List<String> from, List<String> to) {
        if (from.isEmpty() || to.isEmpty()) {
            throw err(EINVAL);
        }
        Place src = lookup(from);
        if (!src.found) {
            throw err(ENOENT);
        }
        Entry e = src.m.ents.get(src.id);
        MDir nd = parent(to);
        byte[] name = checkName(to.get(to.size() - 1));
        Place dst = find(nd, name);
        if (dst.found && dst.m == src.m && dst.id == src.id) {
            return;
        }
        if (!dev.writable()) {
            throw err(EROFS);
        }
        if (e.type == T_DIR) {
            // not into itself
            MDir self = dirOf(e);
            MDir d = nd;
            for (int i = 0; i < to.size() - 1; i++) {
                List<String> sub = to.subList(0, i + 1);
                Place q = lookup(sub);
                if (q.found && q.m.ents.get(q.id).type == T_DIR && dirOf(q.m.ents.get(q.id)) == self) {
                    throw err(EINVAL);
                }
            }
            if (d == self) {
                throw err(EINVAL);
            }
        }
        Entry old = null;
        if (dst.found) {
            old = dst.m.ents.get(dst.id);
            if (old.type != e.type) {
                throw err(old.type == T_DIR ? EISDIR : ENOTDIR);
            }
            if (old.type == T_DIR && !dirEmpty(old)) {
                throw err(ENOTEMPTY);
            }
        }
        Entry moved = e.copy();
        moved.name = name;
        // take the old entry out first, then put the new one where it sorts
        src.m.ents.remove(src.id);
        if (old != null) {
            Place q = locate(old);
            q.m.ents.remove(q.id);
        }
        Place ins = find(nd, name);
        ins.m.ents.add(ins.id, moved);
        commit(ins.m);
        if (src.m != ins.m) {
            commitOrDrop(src.m, isFirst(src.m));
        }
        if (old != null) {
            Place q = null;
            for (MDir m : all) {
                if (m == dst.m) {
                    q = new Place(m, 0, true);
                }
            }
            if (q != null && q.m != ins.m && q.m != src.m) {
                commitOrDrop(q.m, isFirst(q.m));
            }
            if (old.type == T_DIR) {
                unthread(old);
            }
        }
        dev.ioctl(BlockDev.IOCTL_SYNC, 0);
    }

    /** Blocks in use as MicroPython's statvfs counts them: littlefs's traversal visits a directory's pair twice (tail list and entry). */
    long usedCount() {
        long n = 0;
        for (MDir m : all) {
            n += 2;
            for (Entry e : m.ents) {
                if (e.stype == T_DIRSTRUCT && e.type == T_DIR) {
                    n += 2;
                } else if (e.stype == T_CTZ && e.sdata.length >= 8) {
                    n += ctzCount(le32(e.sdata, 4));
                }
            }
        }
        return n;
    }

    long freeBlocks() {
        return bc - used().cardinality();
    }

    /** An open file: its content in memory, written back (with its attributes) when synced. */
    final class File implements BlockFile.Handle {
        Entry ent;
        /** The directory (its first pair's blocks) and name the file is found by again after a reload. */
        final long dirA;
        final long dirB;
        final byte[] name;
        byte[] data;
        int size;
        boolean dirty;
        /** Attributes written with the file when it is synced (mtime). */
        final Map<Integer, byte[]> attrs = new HashMap<>();

        File(Entry ent, MDir dir) {
            this.ent = ent;
            this.dirA = dir.a;
            this.dirB = dir.b;
            this.name = ent.name;
            this.size = (int) fileSize(ent);
        }

        /** The content, read from the device at first use (littlefs reads a file's blocks when it is read or extended). */
        private void load() {
            if (data == null) {
                byte[] d = readFile(ent);
                data = java.util.Arrays.copyOf(d, Math.max(size, d.length));
            }
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public boolean printsAddress() {
            return false;
        }

        @Override
        public long seek(long npos, boolean writable) {
            if (npos < 0 || npos > FILE_MAX) {
                throw err(EINVAL);
            }
            return npos;
        }

        @Override
        public int read(long pos, byte[] b, int off, int len) {
            load();
            if (pos >= size) {
                return 0;
            }
            int n = (int) Math.min(len, size - pos);
            System.arraycopy(data, (int) pos, b, off, n);
            return n;
        }

        @Override
        public int write(long pos, byte[] b, int off, int len) {
            if (!dev.writable()) {
                throw err(EROFS);
            }
            load();
            long end = pos + len;
            if (end > FILE_MAX) {
                throw err(EFBIG);
            }
            if (end > size) {
                long need = end <= inlineMax ? 0 : ctzCount(end);
                long own = ent.stype == T_CTZ ? ctzCount(fileSize(ent)) : 0;
                long free = freeBlocks() + own;
                if (need > free) {
                    return 0;
                }
            }
            if (end > data.length) {
                data = java.util.Arrays.copyOf(data, (int) Math.max(end, data.length * 2L));
            }
            System.arraycopy(b, off, data, (int) pos, len);
            if (end > size) {
                size = (int) end;
            }
            dirty = true;
            return len;
        }

        void truncate() {
            data = new byte[0];
            size = 0;
            dirty = true;
        }

        @Override
        public void sync() {
            if (!dirty) {
                return;
            }
            Place p = locate(ent);
            if (p == null) {
                MDir d = byPairOrNull(dirA, dirB);
                p = d == null ? null : find(d, name);
                if (p == null || !p.found) {
                    dirty = false;
                    return;
                }
                ent = p.m.ents.get(p.id);
            }
            load();
            storeFile(ent, data, size);
            ent.attrs.putAll(attrs);
            commit(p.m);
            dev.ioctl(BlockDev.IOCTL_SYNC, 0);
            dirty = false;
        }

        @Override
        public void close() {
            sync();
        }
    }
}
