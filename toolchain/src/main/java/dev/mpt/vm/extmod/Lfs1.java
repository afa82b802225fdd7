package dev.mpt.vm.extmod;

import static dev.mpt.vm.Errno.EBADF;
import static dev.mpt.vm.Errno.EEXIST;
import static dev.mpt.vm.Errno.EFBIG;
import static dev.mpt.vm.Errno.EINVAL;
import static dev.mpt.vm.Errno.EIO;
import static dev.mpt.vm.Errno.EISDIR;
import static dev.mpt.vm.Errno.ENOENT;
import static dev.mpt.vm.Errno.ENOSPC;
import static dev.mpt.vm.Errno.ENOTDIR;
import static dev.mpt.vm.Errno.ENOTEMPTY;

import dev.mpt.vm.Errno;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyNone;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A littlefs v1 filesystem (on-disk version 1.1) on a block device, as MicroPython's VfsLfs1
 * runs it: the block size and count from the device, read and prog sizes and the lookahead
 * given to VfsLfs1 (32 each by default), one prog-sized cache for metadata and one per open
 * file, a read cache of the read size.
 *
 * <p>The layout: blocks 0 and 1 are the superblock pair, whose tail is the root directory's
 * pair; every directory is a metadata pair ({@code rev, size, tail[2]}, entries, CRC-32), the
 * newer revision valid; the directories are threaded on one tail list from the superblock
 * (a directory too big for one pair continues in the next, the size's top bit set); a file is
 * a CTZ skip-list of blocks whose entry holds its head and size. Every update rewrites a
 * directory into the other block of its pair. Blocks come from a lookahead window over the
 * device that is refilled by traversing the filesystem.
 *
 * <p>Writes go through the same caches, in the same order and with the same padding (0xff to
 * the prog size) as the firmware's, so an image holds the same bytes after the same operations.
 */
final class Lfs1 {
    static final int TYPE_REG = 0x11;
    static final int TYPE_DIR = 0x22;
    static final int TYPE_SUPERBLOCK = 0x2e;
    static final long DISK_VERSION = 0x00010001L;
    static final int NAME_MAX = 255;
    static final long FILE_MAX = 2147483647L;
    static final long NULL = 0xffffffffL;

    static final int O_RDONLY = 1;
    static final int O_WRONLY = 2;
    static final int O_RDWR = 3;
    static final int O_CREAT = 0x0100;
    static final int O_EXCL = 0x0200;
    static final int O_TRUNC = 0x0400;
    static final int O_APPEND = 0x0800;
    static final int F_DIRTY = 0x10000;
    static final int F_WRITING = 0x20000;
    static final int F_READING = 0x40000;
    static final int F_ERRED = 0x80000;

    static final int SEEK_SET = 0;
    static final int SEEK_CUR = 1;
    static final int SEEK_END = 2;

    static final int ECORRUPT = 52;

    /** Size of a directory header on disk: rev, size, tail[2]. */
    static final int DIR_HEADER = 16;
    /** Size of an entry's fixed part on disk: type, elen, alen, nlen and two words. */
    static final int ENTRY_HEADER = 12;
    /** Size of the superblock entry on disk. */
    static final int SUPERBLOCK_ENTRY = 32;

    /** A cache of one block region: the block it holds (NULL: none), its offset and bytes. */
    static final class Cache {
        long block = NULL;
        int off;
        byte[] buf;

        Cache(byte[] buf) {
            this.buf = buf;
        }
    }

    /** A directory being read or written (one block pair of a directory's chain). */
    static final class Dir {
        long[] pair = {NULL, NULL};
        int off;
        long[] head = {NULL, NULL};
        long pos;
        long rev;
        long size;
        long[] tail = {NULL, NULL};

        Dir copy() {
            Dir d = new Dir();
            d.pair = pair.clone();
            d.off = off;
            d.head = head.clone();
            d.pos = pos;
            d.rev = rev;
            d.size = size;
            d.tail = tail.clone();
            return d;
        }

        byte[] headerBytes() {
            byte[] b = new byte[DIR_HEADER];
            Lfs2.putLe32(b, 0, rev);
            Lfs2.putLe32(b, 4, size);
            Lfs2.putLe32(b, 8, tail[0]);
            Lfs2.putLe32(b, 12, tail[1]);
            return b;
        }
    }

    /** A directory entry: where it is in its block and its fixed part (u0, u1: file head and size, or a dir pair). */
    static final class Entry {
        int off;
        int type;
        int elen;
        int alen;
        int nlen;
        long u0;
        long u1;

        int size() {
            return 4 + elen + alen + nlen;
        }

        /** A fresh entry's fixed part: its type, name length and two words, no attributes. */
        void set(int type, int nlen, long u0, long u1) {
            this.type = type;
            this.elen = ENTRY_HEADER - 4;
            this.alen = 0;
            this.nlen = nlen;
            this.u0 = u0;
            this.u1 = u1;
        }

        /** The two words as a pair (a directory's blocks). */
        long[] pair() {
            return new long[] {u0, u1};
        }

        byte[] bytes() {
            byte[] b = new byte[ENTRY_HEADER];
            b[0] = (byte) type;
            b[1] = (byte) elen;
            b[2] = (byte) alen;
            b[3] = (byte) nlen;
            Lfs2.putLe32(b, 4, u0);
            Lfs2.putLe32(b, 8, u1);
            return b;
        }

        void read(byte[] b) {
            type = b[0] & 0xff;
            elen = b[1] & 0xff;
            alen = b[2] & 0xff;
            nlen = b[3] & 0xff;
            u0 = Lfs2.le32(b, 4);
            u1 = Lfs2.le32(b, 8);
        }

        Entry copy() {
            Entry e = new Entry();
            e.off = off;
            e.type = type;
            e.elen = elen;
            e.alen = alen;
            e.nlen = nlen;
            e.u0 = u0;
            e.u1 = u1;
            return e;
        }
    }

    /** An open file. */
    final class File {
        long[] pair = {NULL, NULL};
        int poff;
        long head;
        long size;
        int flags;
        long pos;
        long block;
        int off;
        Cache cache;
    }

    /** What a directory read gives: type, size and name. */
    record Info(int type, long size, byte[] name) {}

    final BlockDev dev;
    final int readSize;
    final int progSize;
    final int blockSize;
    final long blockCount;
    final int lookahead;
    long[] root = {NULL, NULL};
    final List<File> files = new ArrayList<>();
    final List<Dir> dirs = new ArrayList<>();
    final Cache rcache;
    final Cache pcache;
    // the lookahead window: offset, size, next index, blocks left to look at since an ack
    long freeOff;
    long freeSize;
    long freeI;
    long freeAck;
    final int[] freeBuf;
    boolean deorphaned;
    boolean moving;

    /** Sets up the caches and checks the configuration, as littlefs's init. */
    private Lfs1(BlockDev dev, int readSize, int progSize, int lookahead) {
        this.dev = dev;
        dev.init();
        int bs = (int) dev.ioctlInt(BlockDev.IOCTL_BLOCK_SIZE, 0, 0);
        long bc = dev.ioctlInt(BlockDev.IOCTL_BLOCK_COUNT, 0, 0);
        dev.blockSize = bs;
        this.blockSize = bs;
        this.blockCount = bc;
        this.readSize = readSize;
        this.progSize = progSize;
        this.lookahead = lookahead;
        // the C library asserts these; here they are an error the user can see
        if (readSize <= 0 || progSize <= 0 || lookahead <= 0 || lookahead % 32 != 0
                || progSize % readSize != 0 || bs <= 2 * 4 || bs % progSize != 0
                || 4L * npw2(0xffffffffL / (bs - 2 * 4)) > bs) {
            throw err(EINVAL);
        }
        rcache = new Cache(new byte[readSize]);
        pcache = new Cache(new byte[progSize]);
        cacheZero(pcache);
        cacheDrop(rcache);
        freeBuf = new int[lookahead / 32];
    }

    static PyError err(int errno) {
        return Errno.oserror(errno);
    }

    // ---- small arithmetic -----------------------------------------------------------------------

    static long npw2(long a) {
        return 32 - Integer.numberOfLeadingZeros((int) (a - 1));
    }

    static int ctz(long a) {
        return Integer.numberOfTrailingZeros((int) a);
    }

    static int popc(long a) {
        return Integer.bitCount((int) a);
    }

    static int scmp(long a, long b) {
        return (int) (a - b);
    }

    static boolean pairIsNull(long[] p) {
        return p[0] == NULL || p[1] == NULL;
    }

    /** Whether two pairs share a block (littlefs's paircmp() == 0). */
    static boolean pairSame(long[] a, long[] b) {
        return a[0] == b[0] || a[1] == b[1] || a[0] == b[1] || a[1] == b[0];
    }

    /** to = from: a pair's two blocks copied into another. */
    static void setPair(long[] to, long[] from) {
        to[0] = from[0];
        to[1] = from[1];
    }

    static boolean pairSync(long[] a, long[] b) {
        return (a[0] == b[0] && a[1] == b[1]) || (a[0] == b[1] && a[1] == b[0]);
    }

    // ---- the device -----------------------------------------------------------------------------

    private void devRead(long block, int off, byte[] b, int boff, int len) {
        int r = dev.readExt(block, off, b, boff, len);
        if (r != 0) {
            throw err(-r);
        }
    }

    private void devProg(long block, int off, byte[] b, int boff, int len) {
        int r = dev.writeExt(block, off, b, boff, len);
        if (r != 0) {
            throw err(-r);
        }
    }

    private void devErase(long block) {
        Object r = dev.ioctl(BlockDev.IOCTL_BLOCK_ERASE, block);
        long v = Ops.toLong(r);
        if (v != 0) {
            throw err(v < 0 ? (int) -v : EIO);
        }
    }

    private void devSync() {
        Object r = dev.ioctl(BlockDev.IOCTL_SYNC, 0);
        if (r != PyNone.NONE && Ops.isInt(r) && Ops.toLong(r) < 0) {
            throw err((int) -Ops.toLong(r));
        }
    }

    // ---- caches ---------------------------------------------------------------------------------

    private void cacheRead(Cache rc, Cache pc, long block, int off, byte[] data, int doff, int size) {
        while (size > 0) {
            if (pc != null && block == pc.block && off >= pc.off && off < pc.off + progSize) {
                int diff = Math.min(size, progSize - (off - pc.off));
                System.arraycopy(pc.buf, off - pc.off, data, doff, diff);
                doff += diff;
                off += diff;
                size -= diff;
                continue;
            }
            if (block == rc.block && off >= rc.off && off < rc.off + readSize) {
                int diff = Math.min(size, readSize - (off - rc.off));
                System.arraycopy(rc.buf, off - rc.off, data, doff, diff);
                doff += diff;
                off += diff;
                size -= diff;
                continue;
            }
            if (off % readSize == 0 && size >= readSize) {
                int diff = size - size % readSize;
                devRead(block, off, data, doff, diff);
                doff += diff;
                off += diff;
                size -= diff;
                continue;
            }
            rc.block = block;
            rc.off = off - off % readSize;
            devRead(rc.block, rc.off, rc.buf, 0, readSize);
        }
    }

    private boolean cacheCmp(Cache rc, Cache pc, long block, int off, byte[] data, int doff, int size) {
        byte[] c = new byte[1];
        for (int i = 0; i < size; i++) {
            cacheRead(rc, pc, block, off + i, c, 0, 1);
            if (c[0] != data[doff + i]) {
                return false;
            }
        }
        return true;
    }

    private int cacheCrc(Cache rc, Cache pc, long block, int off, int size, int crc) {
        byte[] c = new byte[1];
        for (int i = 0; i < size; i++) {
            cacheRead(rc, pc, block, off + i, c, 0, 1);
            crc = Lfs2.crc(crc, c, 0, 1);
        }
        return crc;
    }

    private static void cacheDrop(Cache rc) {
        rc.block = NULL;
    }

    private void cacheZero(Cache pc) {
        Arrays.fill(pc.buf, 0, progSize, (byte) 0xff);
        pc.block = NULL;
    }

    /** Writes out a prog cache (and, given a read cache, checks what the device then holds: false when it differs). */
    private boolean cacheFlush(Cache pc, Cache rc) {
        if (pc.block != NULL) {
            devProg(pc.block, pc.off, pc.buf, 0, progSize);
            if (rc != null && !cacheCmp(rc, null, pc.block, pc.off, pc.buf, 0, progSize)) {
                return false;
            }
            cacheZero(pc);
        }
        return true;
    }

    private boolean cacheProg(Cache pc, Cache rc, long block, int off, byte[] data, int doff, int size) {
        while (size > 0) {
            if (block == pc.block && off >= pc.off && off < pc.off + progSize) {
                int diff = Math.min(size, progSize - (off - pc.off));
                System.arraycopy(data, doff, pc.buf, off - pc.off, diff);
                doff += diff;
                off += diff;
                size -= diff;
                if (off % progSize == 0 && !cacheFlush(pc, rc)) {
                    return false;
                }
                continue;
            }
            if (off % progSize == 0 && size >= progSize) {
                int diff = size - size % progSize;
                devProg(block, off, data, doff, diff);
                if (rc != null && !cacheCmp(rc, null, block, off, data, doff, diff)) {
                    return false;
                }
                doff += diff;
                off += diff;
                size -= diff;
                continue;
            }
            pc.block = block;
            pc.off = off - off % progSize;
        }
        return true;
    }

    private void bdRead(long block, int off, byte[] b, int boff, int len) {
        cacheRead(rcache, null, block, off, b, boff, len);
    }

    private boolean bdProg(long block, int off, byte[] b, int boff, int len) {
        return cacheProg(pcache, null, block, off, b, boff, len);
    }

    private boolean bdCmp(long block, int off, byte[] b, int boff, int len) {
        return cacheCmp(rcache, null, block, off, b, boff, len);
    }

    private int bdCrc(long block, int off, int size, int crc) {
        return cacheCrc(rcache, null, block, off, size, crc);
    }

    private boolean bdSync() {
        cacheDrop(rcache);
        if (!cacheFlush(pcache, null)) {
            return false;
        }
        devSync();
        return true;
    }

    private long le32At(long block, int off) {
        byte[] b = new byte[4];
        bdRead(block, off, b, 0, 4);
        return Lfs2.le32(b, 0);
    }

    // ---- the block allocator ----------------------------------------------------------------------

    private void lookaheadMark(long block) {
        long off = ((block - freeOff) + blockCount) % blockCount;
        if (off < freeSize) {
            freeBuf[(int) (off / 32)] |= 1 << (off % 32);
        }
    }

    private boolean lookaheadUsed(long i) {
        return (freeBuf[(int) (i / 32)] & (1 << (i % 32))) != 0;
    }

    long alloc() {
        while (true) {
            while (freeI != freeSize) {
                long off = freeI;
                freeI++;
                freeAck--;
                if (!lookaheadUsed(off)) {
                    long block = (freeOff + off) % blockCount;
                    while (freeI != freeSize && lookaheadUsed(freeI)) {
                        freeI++;
                        freeAck--;
                    }
                    return block;
                }
            }
            if (freeAck == 0) {
                throw err(ENOSPC);
            }
            freeOff = (freeOff + freeSize) % blockCount;
            freeSize = Math.min(lookahead, freeAck);
            freeI = 0;
            Arrays.fill(freeBuf, 0);
            traverse(this::lookaheadMark);
        }
    }

    void allocAck() {
        freeAck = blockCount;
    }

    // ---- metadata pairs and directories ---------------------------------------------------------

    private void dirAlloc(Dir dir) {
        dir.pair[0] = alloc();
        dir.pair[1] = alloc();
        // the revision stays what the block held, as if it were valid
        dir.rev = le32At(dir.pair[0], 0) + 1 & NULL;
        dir.size = DIR_HEADER + 4;
        dir.tail[0] = NULL;
        dir.tail[1] = NULL;
        dir.off = DIR_HEADER;
    }

    /** Loads the newer valid block of a pair into dir; false when neither is valid. */
    private boolean dirFetch(Dir dir, long[] pair) {
        long[] tpair = {pair[0], pair[1]};
        boolean valid = false;
        byte[] h = new byte[DIR_HEADER];
        for (int i = 0; i < 2; i++) {
            bdRead(tpair[i], 0, h, 0, DIR_HEADER);
            long rev = Lfs2.le32(h, 0);
            long size = Lfs2.le32(h, 4);
            if (valid && scmp(rev, dir.rev) < 0) {
                continue;
            }
            long len = size & 0x7fffffffL;
            if (len < DIR_HEADER + 4 || len > blockSize) {
                continue;
            }
            int crc = Lfs2.crc(0xffffffff, h, 0, DIR_HEADER);
            crc = bdCrc(tpair[i], DIR_HEADER, (int) len - DIR_HEADER, crc);
            if (crc != 0) {
                continue;
            }
            valid = true;
            dir.pair[0] = tpair[i % 2];
            dir.pair[1] = tpair[(i + 1) % 2];
            dir.off = DIR_HEADER;
            dir.rev = rev;
            dir.size = size;
            dir.tail[0] = Lfs2.le32(h, 8);
            dir.tail[1] = Lfs2.le32(h, 12);
        }
        return valid;
    }

    private void dirFetchOrFail(Dir dir, long[] pair) {
        if (!dirFetch(dir, pair)) {
            throw err(ECORRUPT);
        }
    }

    /** A change to a directory's bytes: oldLen bytes at oldOff become newData. */
    record Region(int oldOff, int oldLen, byte[] newData) {}

    private void dirCommit(Dir dir, Region... regions) {
        dir.rev = dir.rev + 1 & NULL;
        long t = dir.pair[0];
        dir.pair[0] = dir.pair[1];
        dir.pair[1] = t;
        for (Region r : regions) {
            dir.size = dir.size + r.newData.length - r.oldLen & NULL;
        }
        long[] oldpair = {dir.pair[0], dir.pair[1]};
        boolean relocated = false;
        while (true) {
            if (commitOnce(dir, oldpair, regions)) {
                break;
            }
            // a bad block: try another (the superblock cannot move)
            relocated = true;
            cacheDrop(pcache);
            if (pairSame(oldpair, new long[] {0, 1})) {
                throw err(ECORRUPT);
            }
            dir.pair[0] = alloc();
        }
        if (relocated) {
            relocate(oldpair, dir.pair);
        }
        for (Dir d : dirs) {
            if (pairSame(d.pair, dir.pair)) {
                setPair(d.pair, dir.pair);
            }
        }
    }

    /** One try at writing dir into its pair[0]: false when the block did not take it. */
    private boolean commitOnce(Dir dir, long[] oldpair, Region[] regions) {
        devErase(dir.pair[0]);
        byte[] h = dir.headerBytes();
        int crc = Lfs2.crc(0xffffffff, h, 0, DIR_HEADER);
        if (!bdProg(dir.pair[0], 0, h, 0, DIR_HEADER)) {
            return false;
        }
        int i = 0;
        int oldoff = DIR_HEADER;
        int newoff = DIR_HEADER;
        byte[] one = new byte[1];
        long end = (dir.size & 0x7fffffffL) - 4;
        while (newoff < end) {
            if (i < regions.length && regions[i].oldOff == oldoff) {
                byte[] nd = regions[i].newData;
                crc = Lfs2.crc(crc, nd, 0, nd.length);
                if (!bdProg(dir.pair[0], newoff, nd, 0, nd.length)) {
                    return false;
                }
                oldoff += regions[i].oldLen;
                newoff += nd.length;
                i++;
            } else {
                bdRead(oldpair[1], oldoff, one, 0, 1);
                crc = Lfs2.crc(crc, one, 0, 1);
                if (!bdProg(dir.pair[0], newoff, one, 0, 1)) {
                    return false;
                }
                oldoff++;
                newoff++;
            }
        }
        byte[] c = new byte[4];
        Lfs2.putLe32(c, 0, crc & NULL);
        if (!bdProg(dir.pair[0], newoff, c, 0, 4)) {
            return false;
        }
        if (!bdSync()) {
            return false;
        }
        int ncrc = bdCrc(dir.pair[0], 0, (int) (dir.size & 0x7fffffffL) - 4, 0xffffffff);
        return ncrc == crc;
    }

    private void dirUpdate(Dir dir, Entry entry, byte[] name) {
        if (name != null) {
            dirCommit(dir, new Region(entry.off, ENTRY_HEADER, entry.bytes()),
                    new Region(entry.off + ENTRY_HEADER, entry.nlen, name));
        } else {
            dirCommit(dir, new Region(entry.off, ENTRY_HEADER, entry.bytes()));
        }
    }

    private void dirAppend(Dir dir, Entry entry, byte[] name) {
        while (true) {
            if (dir.size + entry.size() <= blockSize) {
                commitAtEnd(dir, entry, name);
                return;
            }
            // a new block for the directory, after this one
            if ((dir.size & 0x80000000L) == 0) {
                Dir olddir = dir.copy();
                dirAlloc(dir);
                setPair(dir.tail, olddir.tail);
                commitAtEnd(dir, entry, name);
                olddir.size |= 0x80000000L;
                setPair(olddir.tail, dir.pair);
                dirCommit(olddir);
                return;
            }
            dirFetchOrFail(dir, dir.tail);
        }
    }

    /** Writes entry and its name at the end of dir's block (before the CRC). */
    private void commitAtEnd(Dir dir, Entry entry, byte[] name) {
        entry.off = (int) (dir.size - 4);
        dirCommit(dir, new Region(entry.off, 0, entry.bytes()), new Region(entry.off, 0, name));
    }

    private void dirRemove(Dir dir, Entry entry) {
        // a block left empty drops out of the chain
        if ((dir.size & 0x7fffffffL) == DIR_HEADER + 4 + entry.size()) {
            Dir pdir = new Dir();
            if (pred(dir.pair, pdir) && (pdir.size & 0x80000000L) != 0) {
                pdir.size &= dir.size | 0x7fffffffL;
                setPair(pdir.tail, dir.tail);
                dirCommit(pdir);
                return;
            }
        }
        dirCommit(dir, new Region(entry.off, entry.size(), new byte[0]));
        for (File f : files) {
            if (pairSame(f.pair, dir.pair)) {
                if (f.poff == entry.off) {
                    f.pair[0] = NULL;
                    f.pair[1] = NULL;
                } else if (f.poff > entry.off) {
                    f.poff -= entry.size();
                }
            }
        }
        for (Dir d : dirs) {
            if (pairSame(d.pair, dir.pair) && d.off > entry.off) {
                d.off -= entry.size();
                d.pos -= entry.size();
            }
        }
    }

    /** The next entry of dir into entry; false at the end (entry.off then where it ended). */
    private boolean dirNext(Dir dir, Entry entry) {
        while (dir.off + ENTRY_HEADER > (dir.size & 0x7fffffffL) - 4) {
            if ((dir.size & 0x80000000L) == 0) {
                entry.off = dir.off;
                return false;
            }
            dirFetchOrFail(dir, dir.tail);
            dir.off = DIR_HEADER;
            dir.pos += DIR_HEADER + 4;
        }
        byte[] b = new byte[ENTRY_HEADER];
        bdRead(dir.pair[0], dir.off, b, 0, ENTRY_HEADER);
        entry.read(b);
        entry.off = dir.off;
        dir.off += entry.size();
        dir.pos += entry.size();
        return true;
    }

    private static int span(byte[] p, int i, boolean slashes) {
        int n = 0;
        while (i + n < p.length && (p[i + n] == '/') == slashes) {
            n++;
        }
        return n;
    }

    private static boolean is(byte[] p, int i, int len, String s) {
        if (len != s.length()) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            if (p[i + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Walks path from the root: 0 with entry and dir (the directory holding it) when found,
     * else ENOENT or ENOTDIR; {@code rest[0]} is then where the name not found starts.
     */
    private int dirFind(Dir dir, Entry entry, byte[] path, int[] rest) {
        int p = rest[0];
        entry.set(TYPE_DIR, 0, root[0], root[1]);
        while (true) {
            boolean again = true;
            int len = 0;
            while (again) {
                again = false;
                p += span(path, p, true);
                len = span(path, p, false);
                if (is(path, p, len, ".") || is(path, p, len, "..")) {
                    p += len;
                    again = true;
                    continue;
                }
                // a name taken back by a later '..'
                int suffix = p + len;
                int depth = 1;
                while (true) {
                    suffix += span(path, suffix, true);
                    int sufflen = span(path, suffix, false);
                    if (sufflen == 0) {
                        break;
                    }
                    if (is(path, suffix, sufflen, "..")) {
                        depth--;
                        if (depth == 0) {
                            p = suffix + sufflen;
                            again = true;
                            break;
                        }
                    } else {
                        depth++;
                    }
                    suffix += sufflen;
                }
            }
            if (p >= path.length) {
                return 0;
            }
            rest[0] = p;
            if (entry.type != TYPE_DIR) {
                return ENOTDIR;
            }
            dirFetchOrFail(dir, entry.pair());
            while (true) {
                if (!dirNext(dir, entry)) {
                    return ENOENT;
                }
                if (((entry.type & 0x7f) != TYPE_REG && (entry.type & 0x7f) != TYPE_DIR) || entry.nlen != len) {
                    continue;
                }
                if (bdCmp(dir.pair[0], entry.off + 4 + entry.elen + entry.alen, path, p, len)) {
                    break;
                }
            }
            if (!moving && (entry.type & 0x80) != 0) {
                if (moved(entry.u0, entry.u1)) {
                    return ENOENT;
                }
                entry.type &= ~0x80;
            }
            p += len;
        }
    }

    /** dirFind for a path that must be there: else its error. */
    private void dirFindOrFail(Dir dir, Entry entry, byte[] path) {
        int r = dirFind(dir, entry, path, new int[] {0});
        if (r != 0) {
            throw err(r);
        }
    }

    private static boolean hasSlash(byte[] path, int from) {
        for (int i = from; i < path.length; i++) {
            if (path[i] == '/') {
                return true;
            }
        }
        return false;
    }

    private static byte[] tail(byte[] path, int from) {
        return Arrays.copyOfRange(path, from, path.length);
    }

    // ---- directory operations ---------------------------------------------------------------------

    void mkdir(byte[] path) {
        deorphanOnce();
        Dir cwd = new Dir();
        Entry entry = new Entry();
        int[] rest = {0};
        int r = dirFind(cwd, entry, path, rest);
        if (r != ENOENT || hasSlash(path, rest[0])) {
            throw err(r != 0 ? r : EEXIST);
        }
        byte[] name = tail(path, rest[0]);
        allocAck();
        Dir dir = new Dir();
        dirAlloc(dir);
        setPair(dir.tail, cwd.tail);
        dirCommit(dir);
        entry.set(TYPE_DIR, name.length, dir.pair[0], dir.pair[1]);
        setPair(cwd.tail, dir.pair);
        dirAppend(cwd, entry, name);
        allocAck();
    }

    Dir dirOpen(byte[] path) {
        Dir dir = new Dir();
        setPair(dir.pair, root);
        Entry entry = new Entry();
        dirFindOrFail(dir, entry, path);
        if (entry.type != TYPE_DIR) {
            throw err(ENOTDIR);
        }
        dirFetchOrFail(dir, entry.pair());
        setPair(dir.head, dir.pair);
        dir.pos = DIR_HEADER - 2;
        dir.off = DIR_HEADER;
        dirs.add(0, dir);
        return dir;
    }

    void dirClose(Dir dir) {
        dirs.removeIf(d -> d == dir);
    }

    /** The next entry of an open directory ("." and ".." first), or null at the end. */
    Info dirRead(Dir dir) {
        if (dir.pos == DIR_HEADER - 2) {
            dir.pos++;
            return new Info(TYPE_DIR, 0, new byte[] {'.'});
        } else if (dir.pos == DIR_HEADER - 1) {
            dir.pos++;
            return new Info(TYPE_DIR, 0, new byte[] {'.', '.'});
        }
        Entry entry = new Entry();
        while (true) {
            if (!dirNext(dir, entry)) {
                return null;
            }
            if ((entry.type & 0x7f) != TYPE_REG && (entry.type & 0x7f) != TYPE_DIR) {
                continue;
            }
            if ((entry.type & 0x80) != 0) {
                if (moved(entry.u0, entry.u1)) {
                    continue;
                }
                entry.type &= ~0x80;
            }
            break;
        }
        byte[] name = new byte[entry.nlen];
        bdRead(dir.pair[0], entry.off + 4 + entry.elen + entry.alen, name, 0, entry.nlen);
        return new Info(entry.type, entry.type == TYPE_REG ? entry.u1 : 0, name);
    }

    // ---- CTZ skip-lists -------------------------------------------------------------------------

    /** The index of the block holding byte off of a file, and (in off[0]) the offset in that block. */
    private long ctzIndex(long[] off) {
        long size = off[0];
        long b = blockSize - 2 * 4;
        long i = size / b;
        if (i == 0) {
            return 0;
        }
        i = (size - 4 * (popc(i - 1) + 2)) / b;
        off[0] = size - b * i - 4 * popc(i);
        return i;
    }

    /** The block and offset of byte pos of a file (block NULL for an empty file). */
    private long[] ctzFind(Cache rc, Cache pc, long head, long size, long pos) {
        if (size == 0) {
            return new long[] {NULL, 0};
        }
        long current = ctzIndex(new long[] {size - 1});
        long[] p = {pos};
        long target = ctzIndex(p);
        byte[] b = new byte[4];
        while (current > target) {
            int skip = (int) Math.min(npw2(current - target + 1) - 1, ctz(current));
            cacheRead(rc, pc, head, 4 * skip, b, 0, 4);
            head = Lfs2.le32(b, 0);
            current -= 1L << skip;
        }
        return new long[] {head, p[0]};
    }

    /** A new last block for a file of size bytes whose last block is head: {block, offset to write at}. */
    private long[] ctzExtend(Cache rc, Cache pc, long head, long size) {
        while (true) {
            long nblock = alloc();
            long[] r = ctzExtendInto(rc, pc, head, size, nblock);
            if (r != null) {
                return r;
            }
            cacheDrop(pcache);
        }
    }

    private long[] ctzExtendInto(Cache rc, Cache pc, long head, long size, long nblock) {
        devErase(nblock);
        if (size == 0) {
            return new long[] {nblock, 0};
        }
        long[] s = {size - 1};
        long index = ctzIndex(s);
        long last = s[0] + 1;
        byte[] one = new byte[1];
        // a last block not yet full is copied
        if (last != blockSize) {
            for (int i = 0; i < last; i++) {
                cacheRead(rc, null, head, i, one, 0, 1);
                if (!cacheProg(pc, rc, nblock, i, one, 0, 1)) {
                    return null;
                }
            }
            return new long[] {nblock, last};
        }
        index++;
        int skips = ctz(index) + 1;
        byte[] w = new byte[4];
        for (int i = 0; i < skips; i++) {
            Lfs2.putLe32(w, 0, head);
            if (!cacheProg(pc, rc, nblock, 4 * i, w, 0, 4)) {
                return null;
            }
            if (i != skips - 1) {
                cacheRead(rc, null, head, 4 * i, w, 0, 4);
                head = Lfs2.le32(w, 0);
            }
        }
        return new long[] {nblock, 4L * skips};
    }

    private void ctzTraverse(Cache rc, Cache pc, long head, long size, java.util.function.LongConsumer cb) {
        if (size == 0) {
            return;
        }
        long index = ctzIndex(new long[] {size - 1});
        byte[] b = new byte[8];
        while (true) {
            cb.accept(head);
            if (index == 0) {
                return;
            }
            int count = 2 - (int) (index & 1);
            cacheRead(rc, pc, head, 0, b, 0, count * 4);
            for (int i = 0; i < count - 1; i++) {
                cb.accept(Lfs2.le32(b, 4 * i));
            }
            head = Lfs2.le32(b, 4 * (count - 1));
            index -= count;
        }
    }

    // ---- files ------------------------------------------------------------------------------------

    File open(byte[] path, int flags) {
        if ((flags & 3) != O_RDONLY) {
            deorphanOnce();
        }
        Dir cwd = new Dir();
        Entry entry = new Entry();
        int[] rest = {0};
        int r = dirFind(cwd, entry, path, rest);
        if (r != 0 && (r != ENOENT || hasSlash(path, rest[0]))) {
            throw err(r);
        }
        if (r == ENOENT) {
            if ((flags & O_CREAT) == 0) {
                throw err(ENOENT);
            }
            byte[] name = tail(path, rest[0]);
            entry.set(TYPE_REG, name.length, NULL, 0);
            dirAppend(cwd, entry, name);
        } else if (entry.type == TYPE_DIR) {
            throw err(EISDIR);
        } else if ((flags & O_EXCL) != 0) {
            throw err(EEXIST);
        }
        File file = new File();
        setPair(file.pair, cwd.pair);
        file.poff = entry.off;
        file.head = entry.u0;
        file.size = entry.u1;
        file.flags = flags;
        file.pos = 0;
        if ((flags & O_TRUNC) != 0) {
            if (file.size != 0) {
                file.flags |= F_DIRTY;
            }
            file.head = NULL;
            file.size = 0;
        }
        // MicroPython gives every file a buffer of the prog size
        file.cache = new Cache(new byte[progSize]);
        cacheDrop(file.cache);
        if ((file.flags & 3) != O_RDONLY) {
            cacheZero(file.cache);
        }
        files.add(0, file);
        return file;
    }

    void close(File file) {
        try {
            sync(file);
        } finally {
            files.removeIf(f -> f == file);
        }
    }

    private void fileRelocate(File file) {
        while (true) {
            long nblock = alloc();
            devErase(nblock);
            boolean ok = true;
            byte[] one = new byte[1];
            for (int i = 0; i < file.off && ok; i++) {
                cacheRead(rcache, file.cache, file.block, i, one, 0, 1);
                ok = cacheProg(pcache, rcache, nblock, i, one, 0, 1);
            }
            if (!ok) {
                continue;
            }
            System.arraycopy(pcache.buf, 0, file.cache.buf, 0, progSize);
            file.cache.block = pcache.block;
            file.cache.off = pcache.off;
            cacheZero(pcache);
            file.block = nblock;
            return;
        }
    }

    private void flush(File file) {
        if ((file.flags & F_READING) != 0) {
            cacheDrop(file.cache);
            file.flags &= ~F_READING;
        }
        if ((file.flags & F_WRITING) != 0) {
            long pos = file.pos;
            // what follows the written part is copied over
            File orig = new File();
            orig.head = file.head;
            orig.size = file.size;
            orig.flags = O_RDONLY;
            orig.pos = file.pos;
            orig.cache = new Cache(rcache.buf);
            orig.cache.block = rcache.block;
            orig.cache.off = rcache.off;
            cacheDrop(rcache);
            byte[] one = new byte[1];
            while (file.pos < file.size) {
                read(orig, one, 0, 1);
                write(file, one, 0, 1);
                if (rcache.block != NULL) {
                    cacheDrop(orig.cache);
                    cacheDrop(rcache);
                }
            }
            while (!cacheFlush(file.cache, rcache)) {
                fileRelocate(file);
            }
            file.head = file.block;
            file.size = file.pos;
            file.flags &= ~F_WRITING;
            file.flags |= F_DIRTY;
            file.pos = pos;
        }
    }

    void sync(File file) {
        flush(file);
        if ((file.flags & F_DIRTY) != 0 && (file.flags & F_ERRED) == 0 && !pairIsNull(file.pair)) {
            Dir cwd = new Dir();
            dirFetchOrFail(cwd, file.pair);
            Entry entry = new Entry();
            entry.off = file.poff;
            byte[] b = new byte[ENTRY_HEADER];
            bdRead(cwd.pair[0], entry.off, b, 0, ENTRY_HEADER);
            entry.read(b);
            entry.off = file.poff;
            entry.u0 = file.head;
            entry.u1 = file.size;
            dirUpdate(cwd, entry, null);
            file.flags &= ~F_DIRTY;
        }
    }

    int read(File file, byte[] data, int doff, int size) {
        if ((file.flags & 3) == O_WRONLY) {
            throw err(EBADF);
        }
        if ((file.flags & F_WRITING) != 0) {
            flush(file);
        }
        if (file.pos >= file.size) {
            return 0;
        }
        size = (int) Math.min(size, file.size - file.pos);
        int nsize = size;
        while (nsize > 0) {
            if ((file.flags & F_READING) == 0 || file.off == blockSize) {
                long[] bo = ctzFind(file.cache, null, file.head, file.size, file.pos);
                file.block = bo[0];
                file.off = (int) bo[1];
                file.flags |= F_READING;
            }
            int diff = Math.min(nsize, blockSize - file.off);
            cacheRead(file.cache, null, file.block, file.off, data, doff, diff);
            file.pos += diff;
            file.off += diff;
            doff += diff;
            nsize -= diff;
        }
        return size;
    }

    int write(File file, byte[] data, int doff, int size) {
        if ((file.flags & 3) == O_RDONLY) {
            throw err(EBADF);
        }
        if ((file.flags & F_READING) != 0) {
            flush(file);
        }
        if ((file.flags & O_APPEND) != 0 && file.pos < file.size) {
            file.pos = file.size;
        }
        if (file.pos + size > FILE_MAX) {
            throw err(EFBIG);
        }
        if ((file.flags & F_WRITING) == 0 && file.pos > file.size) {
            // a gap is filled with zeros
            long pos = file.pos;
            file.pos = file.size;
            byte[] zero = new byte[1];
            while (file.pos < pos) {
                write(file, zero, 0, 1);
            }
        }
        int nsize = size;
        while (nsize > 0) {
            if ((file.flags & F_WRITING) == 0 || file.off == blockSize) {
                if ((file.flags & F_WRITING) == 0 && file.pos > 0) {
                    try {
                        long[] bo = ctzFind(file.cache, null, file.head, file.size, file.pos - 1);
                        file.block = bo[0];
                        file.off = (int) bo[1];
                    } catch (PyError e) {
                        file.flags |= F_ERRED;
                        throw e;
                    }
                    cacheZero(file.cache);
                }
                allocAck();
                try {
                    long[] bo = ctzExtend(rcache, file.cache, file.block, file.pos);
                    file.block = bo[0];
                    file.off = (int) bo[1];
                } catch (PyError e) {
                    file.flags |= F_ERRED;
                    throw e;
                }
                file.flags |= F_WRITING;
            }
            int diff = Math.min(nsize, blockSize - file.off);
            try {
                while (!cacheProg(file.cache, rcache, file.block, file.off, data, doff, diff)) {
                    fileRelocate(file);
                }
            } catch (PyError e) {
                file.flags |= F_ERRED;
                throw e;
            }
            file.pos += diff;
            file.off += diff;
            doff += diff;
            nsize -= diff;
            allocAck();
        }
        file.flags &= ~F_ERRED;
        return size;
    }

    long seek(File file, long off, int whence) {
        flush(file);
        long npos = file.pos;
        if (whence == SEEK_SET) {
            npos = off;
        } else if (whence == SEEK_CUR) {
            npos = file.pos + off;
        } else if (whence == SEEK_END) {
            npos = file.size + off;
        }
        // (the C library keeps positions in a signed 32-bit word)
        npos = (int) npos;
        if (npos < 0 || npos > FILE_MAX) {
            throw err(EINVAL);
        }
        file.pos = npos;
        return npos;
    }

    long size(File file) {
        return (file.flags & F_WRITING) != 0 ? Math.max(file.pos, file.size) : file.size;
    }

    // ---- whole-filesystem operations --------------------------------------------------------------

    /** stat: the entry's type and size, or an OSError. */
    Info stat(byte[] path) {
        Dir cwd = new Dir();
        Entry entry = new Entry();
        dirFindOrFail(cwd, entry, path);
        long size = entry.type == TYPE_REG ? entry.u1 : 0;
        if (pairSame(entry.pair(), root)) {
            return new Info(entry.type, size, new byte[] {'/'});
        }
        byte[] name = new byte[entry.nlen];
        bdRead(cwd.pair[0], entry.off + 4 + entry.elen + entry.alen, name, 0, entry.nlen);
        return new Info(entry.type, size, name);
    }

    void remove(byte[] path) {
        deorphanOnce();
        Dir cwd = new Dir();
        Entry entry = new Entry();
        dirFindOrFail(cwd, entry, path);
        Dir dir = entry.type == TYPE_DIR ? emptyDir(entry) : null;
        dirRemove(cwd, entry);
        if (dir != null) {
            unthread(dir, cwd);
        }
    }

    /** The directory an entry names, which must be empty (else ENOTEMPTY). */
    private Dir emptyDir(Entry entry) {
        Dir dir = new Dir();
        dirFetchOrFail(dir, entry.pair());
        if (dir.size != DIR_HEADER + 4) {
            throw err(ENOTEMPTY);
        }
        return dir;
    }

    /** Takes a removed directory out of the tail list: its predecessor, fetched into pdir, gets its tail. */
    private void unthread(Dir dir, Dir pdir) {
        if (!pred(dir.pair, pdir)) {
            throw err(ECORRUPT);
        }
        setPair(pdir.tail, dir.tail);
        dirCommit(pdir);
    }

    void rename(byte[] oldpath, byte[] newpath) {
        deorphanOnce();
        Dir oldcwd = new Dir();
        Entry oldentry = new Entry();
        dirFindOrFail(oldcwd, oldentry, oldpath);
        // marked as moving
        oldentry.type |= 0x80;
        dirUpdate(oldcwd, oldentry, null);
        Dir newcwd = new Dir();
        Entry preventry = new Entry();
        int[] rest = {0};
        int r = dirFind(newcwd, preventry, newpath, rest);
        if (r != 0 && (r != ENOENT || hasSlash(newpath, rest[0]))) {
            throw err(r);
        }
        boolean prevexists = r != ENOENT;
        if (prevexists && preventry.type != (0x7f & oldentry.type)) {
            throw err(EISDIR);
        }
        Dir dir = prevexists && preventry.type == TYPE_DIR ? emptyDir(preventry) : null;
        byte[] name = tail(newpath, rest[0]);
        Entry newentry = oldentry.copy();
        newentry.off = preventry.off;
        newentry.type &= ~0x80;
        newentry.nlen = name.length;
        if (prevexists) {
            dirUpdate(newcwd, newentry, name);
        } else {
            dirAppend(newcwd, newentry, name);
        }
        // the old entry again, its block may have changed
        moving = true;
        dirFindOrFail(oldcwd, oldentry, oldpath);
        moving = false;
        dirRemove(oldcwd, oldentry);
        if (dir != null) {
            unthread(dir, newcwd);
        }
    }

    static void format(BlockDev dev, int readSize, int progSize, int lookahead) {
        Lfs1 fs = new Lfs1(dev, readSize, progSize, lookahead);
        fs.freeOff = 0;
        fs.freeSize = Math.min(lookahead, fs.blockCount);
        fs.freeI = 0;
        fs.allocAck();
        Dir superdir = new Dir();
        fs.dirAlloc(superdir);
        Dir root = new Dir();
        fs.dirAlloc(root);
        fs.dirCommit(root);
        setPair(fs.root, root.pair);
        byte[] sb = new byte[SUPERBLOCK_ENTRY];
        sb[0] = (byte) TYPE_SUPERBLOCK;
        sb[1] = (byte) (SUPERBLOCK_ENTRY - 8 - 4);
        sb[2] = 0;
        sb[3] = 8;
        Lfs2.putLe32(sb, 4, fs.root[0]);
        Lfs2.putLe32(sb, 8, fs.root[1]);
        Lfs2.putLe32(sb, 12, fs.blockSize);
        Lfs2.putLe32(sb, 16, fs.blockCount);
        Lfs2.putLe32(sb, 20, DISK_VERSION);
        System.arraycopy("littlefs".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, sb, 24, 8);
        setPair(superdir.tail, root.pair);
        superdir.size = DIR_HEADER + SUPERBLOCK_ENTRY + 4;
        // both blocks of the pair
        boolean valid = false;
        for (int i = 0; i < 2; i++) {
            try {
                fs.dirCommit(superdir, new Region(DIR_HEADER, SUPERBLOCK_ENTRY, sb));
                valid = true;
            } catch (PyError e) {
                if (!Errno.is(e, ECORRUPT)) {
                    throw e;
                }
            }
        }
        if (!valid) {
            throw err(ECORRUPT);
        }
        fs.dirFetchOrFail(superdir, new long[] {0, 1});
        fs.allocAck();
    }

    static Lfs1 mount(BlockDev dev, int readSize, int progSize, int lookahead) {
        Lfs1 fs = new Lfs1(dev, readSize, progSize, lookahead);
        fs.freeOff = 0;
        fs.freeSize = 0;
        fs.freeI = 0;
        fs.allocAck();
        Dir dir = new Dir();
        byte[] sb = new byte[SUPERBLOCK_ENTRY];
        if (!fs.dirFetch(dir, new long[] {0, 1})) {
            throw err(ECORRUPT);
        }
        fs.bdRead(dir.pair[0], DIR_HEADER, sb, 0, SUPERBLOCK_ENTRY);
        fs.root[0] = Lfs2.le32(sb, 4);
        fs.root[1] = Lfs2.le32(sb, 8);
        if (!new String(sb, 24, 8, java.nio.charset.StandardCharsets.ISO_8859_1).equals("littlefs")) {
            throw err(ECORRUPT);
        }
        long version = Lfs2.le32(sb, 20);
        if ((version >>> 16) != (DISK_VERSION >>> 16) || (version & 0xffff) > (DISK_VERSION & 0xffff)) {
            throw err(EINVAL);
        }
        return fs;
    }

    /** Calls cb for every block in use: the metadata pairs, the files' blocks and those of open files. */
    void traverse(java.util.function.LongConsumer cb) {
        if (pairIsNull(root)) {
            return;
        }
        Dir dir = new Dir();
        Entry entry = new Entry();
        long[] cwd = {0, 1};
        byte[] b = new byte[ENTRY_HEADER];
        while (true) {
            cb.accept(cwd[0]);
            cb.accept(cwd[1]);
            dirFetchOrFail(dir, cwd);
            while (dir.off + ENTRY_HEADER <= (dir.size & 0x7fffffffL) - 4) {
                bdRead(dir.pair[0], dir.off, b, 0, ENTRY_HEADER);
                entry.read(b);
                dir.off += entry.size();
                if ((entry.type & 0x70) == (TYPE_REG & 0x70)) {
                    ctzTraverse(rcache, null, entry.u0, entry.u1, cb);
                }
            }
            setPair(cwd, dir.tail);
            if (pairIsNull(cwd)) {
                break;
            }
        }
        for (File f : files) {
            if ((f.flags & F_DIRTY) != 0) {
                ctzTraverse(rcache, f.cache, f.head, f.size, cb);
            }
            if ((f.flags & F_WRITING) != 0) {
                ctzTraverse(rcache, f.cache, f.block, f.pos, cb);
            }
        }
    }

    /** The directory whose tail is dir, into pdir; false when there is none. */
    private boolean pred(long[] dir, Dir pdir) {
        if (pairIsNull(root)) {
            return false;
        }
        dirFetchOrFail(pdir, new long[] {0, 1});
        while (!pairIsNull(pdir.tail)) {
            if (pairSame(pdir.tail, dir)) {
                return true;
            }
            dirFetchOrFail(pdir, pdir.tail.clone());
        }
        return false;
    }

    /** The directory holding the entry of directory pair dir, into parent and entry; false when none. */
    private boolean parent(long[] dir, Dir parent, Entry entry) {
        if (pairIsNull(root)) {
            return false;
        }
        parent.tail[0] = 0;
        parent.tail[1] = 1;
        while (!pairIsNull(parent.tail)) {
            dirFetchOrFail(parent, parent.tail.clone());
            while (dirNext(parent, entry)) {
                if ((entry.type & 0x70) == (TYPE_DIR & 0x70) && pairSame(entry.pair(), dir)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether an entry not marked as moving holds the same head/size or pair (the move completed). */
    private boolean moved(long u0, long u1) {
        if (pairIsNull(root)) {
            return false;
        }
        Dir cwd = new Dir();
        dirFetchOrFail(cwd, new long[] {0, 1});
        Entry entry = new Entry();
        while (!pairIsNull(cwd.tail)) {
            dirFetchOrFail(cwd, cwd.tail.clone());
            while (dirNext(cwd, entry)) {
                if ((entry.type & 0x80) == 0 && entry.u0 == u0 && entry.u1 == u1) {
                    return true;
                }
            }
        }
        return false;
    }

    private void relocate(long[] oldpair, long[] newpair) {
        Dir parent = new Dir();
        Entry entry = new Entry();
        if (parent(oldpair, parent, entry)) {
            entry.u0 = newpair[0];
            entry.u1 = newpair[1];
            dirUpdate(parent, entry, null);
            if (pairSame(oldpair, root)) {
                setPair(root, newpair);
            }
            deorphan();
            return;
        }
        if (pred(oldpair, parent)) {
            setPair(parent.tail, newpair);
            dirCommit(parent);
        }
    }

    /** Repairs the filesystem before its first change after mounting. */
    private void deorphanOnce() {
        if (!deorphaned) {
            deorphan();
        }
    }

    /** Repairs what a power loss can leave: an orphaned or desynced directory, a half-done move. */
    void deorphan() {
        deorphaned = true;
        if (pairIsNull(root)) {
            return;
        }
        Dir pdir = new Dir();
        pdir.size = 0x80000000L;
        Dir cwd = new Dir();
        cwd.tail[0] = 0;
        cwd.tail[1] = 1;
        for (long i = 0; i < blockCount; i++) {
            if (pairIsNull(cwd.tail)) {
                return;
            }
            dirFetchOrFail(cwd, cwd.tail.clone());
            if ((pdir.size & 0x80000000L) == 0) {
                Dir parent = new Dir();
                Entry entry = new Entry();
                if (!parent(pdir.tail, parent, entry)) {
                    setPair(pdir.tail, cwd.tail);
                    dirCommit(pdir);
                    return;
                }
                long[] epair = {entry.u0, entry.u1};
                if (!pairSync(epair, pdir.tail)) {
                    setPair(pdir.tail, epair);
                    dirCommit(pdir);
                    return;
                }
            }
            Entry entry = new Entry();
            while (dirNext(cwd, entry)) {
                if ((entry.type & 0x80) != 0) {
                    if (moved(entry.u0, entry.u1)) {
                        dirRemove(cwd, entry);
                    } else {
                        entry.type &= ~0x80;
                        dirUpdate(cwd, entry, null);
                    }
                }
            }
            pdir = cwd.copy();
        }
        throw err(ECORRUPT);
    }
}
