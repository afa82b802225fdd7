package dev.mpt.vm.extmod;

import static dev.mpt.vm.Errno.EACCES;
import static dev.mpt.vm.Errno.EEXIST;
import static dev.mpt.vm.Errno.EINVAL;
import static dev.mpt.vm.Errno.EIO;
import static dev.mpt.vm.Errno.ENODEV;
import static dev.mpt.vm.Errno.ENOENT;
import static dev.mpt.vm.Errno.EROFS;

import dev.mpt.vm.Errno;
import dev.mpt.vm.PyError;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A FAT12/16/32 volume on a block device, laid out as Microsoft's FAT specification describes
 * it and made as MicroPython's {@code VfsFat.mkfs} makes it (FatFs's f_mkfs with one FAT, 512
 * root entries, no partition table, the cluster size picked by volume size; FAT32 only when
 * FAT12/16 cannot hold the volume). Long file names (VFAT) are read and written; names that
 * fit 8.3 in one case are stored short with the case flags, as FatFs does.
 *
 * <p>Errors are OSErrors with the errno MicroPython's FRESULT table gives.
 */
final class Fat {
    static final int FAT12 = 1;
    static final int FAT16 = 2;
    static final int FAT32 = 3;
    static final int MAX_FAT12 = 0xff5;
    static final int MAX_FAT16 = 0xfff5;
    static final long MAX_FAT32 = 0x0ffffff5L;

    static final int AM_RDO = 0x01;
    static final int AM_VOL = 0x08;
    static final int AM_LFN = 0x0f;
    static final int AM_DIR = 0x10;
    static final int AM_ARC = 0x20;
    /** NTRes bits: the body / the extension of an 8.3 name is lower case. */
    static final int NS_BODY = 0x08;
    static final int NS_EXT = 0x10;

    final BlockDev dev;
    int ss;
    int csize;
    int nfats;
    long fatBase;
    long fatSize;
    /** FAT12/16: the root directory's first sector; FAT32: its first cluster. */
    long dirBase;
    long dataBase;
    int rootEnt;
    long nFatent;
    int type;
    long volBase;
    boolean fsInfo;
    long lastClst = -1;

    private final byte[] win;
    private long winSect = -1;
    private boolean winDirty;

    private Fat(BlockDev dev, int ss) {
        this.dev = dev;
        this.ss = ss;
        this.win = new byte[ss];
    }

    static PyError err(int errno) {
        return Errno.oserror(errno);
    }

    // ---- sectors ------------------------------------------------------------------------------

    void readSectors(long sect, byte[] b, int off, int count) {
        if (dev.read(sect, b, off, count * ss) != 0) {
            throw err(EIO);
        }
    }

    void writeSectors(long sect, byte[] b, int off, int count) {
        int r = dev.write(sect, b, off, count * ss);
        if (r == -30) {
            throw err(EROFS);
        }
        if (r != 0) {
            throw err(EIO);
        }
    }

    private void flushWin() {
        if (winDirty) {
            writeSectors(winSect, win, 0, 1);
            if (winSect >= fatBase && winSect < fatBase + fatSize) {
                for (int i = 1; i < nfats; i++) {
                    writeSectors(winSect + i * fatSize, win, 0, 1);
                }
            }
            winDirty = false;
        }
    }

    private void move(long sect) {
        if (sect != winSect) {
            flushWin();
            readSectors(sect, win, 0, 1);
            winSect = sect;
        }
    }

    /** Forgets the cached sector (after writing it back): the next access reads the device, as each call does. */
    void invalidate() {
        flushWin();
        winSect = -1;
    }

    /** Writes back what is cached and the FSInfo sector. */
    void sync() {
        flushWin();
        if (type == FAT32 && fsInfo) {
            long free = freeCount();
            long last = lastClst < 0 ? 0xffffffffL : lastClst;
            move(volBase + 1);
            if (u32(win, 0) == 0x41615252L && u32(win, 484) == 0x61417272L) {
                put32(win, 488, free);
                put32(win, 492, last);
                winDirty = true;
                flushWin();
            }
        }
        dev.ioctl(BlockDev.IOCTL_SYNC, 0);
    }

    static int u16(byte[] b, int o) {
        return (b[o] & 0xff) | (b[o + 1] & 0xff) << 8;
    }

    static long u32(byte[] b, int o) {
        return (u16(b, o) | (long) u16(b, o + 2) << 16) & 0xffffffffL;
    }

    static void put16(byte[] b, int o, int v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >> 8);
    }

    static void put32(byte[] b, int o, long v) {
        put16(b, o, (int) v);
        put16(b, o + 2, (int) (v >> 16));
    }

    // ---- mounting and making ------------------------------------------------------------------

    static int sectorSize(BlockDev dev) {
        long ss = dev.ioctlInt(BlockDev.IOCTL_BLOCK_SIZE, 0, 512);
        if (ss < 512 || ss > 4096 || (ss & (ss - 1)) != 0) {
            throw err(EIO);
        }
        dev.blockSize = (int) ss;
        return (int) ss;
    }

    /** 0 a FAT boot sector, 2 a boot sector of something else, 3 none. */
    private int check(long sect) {
        readSectors(sect, win, 0, 1);
        winSect = sect;
        if (u16(win, 510) != 0xaa55) {
            return 3;
        }
        int j = win[0] & 0xff;
        if (j == 0xe9 || j == 0xeb || j == 0xe8) {
            if (new String(win, 54, 3, StandardCharsets.ISO_8859_1).equals("FAT")
                    || new String(win, 82, 5, StandardCharsets.ISO_8859_1).equals("FAT32")) {
                return 0;
            }
        }
        return 2;
    }

    /** The volume on the device, or ENODEV when there is no FAT volume on it. */
    static Fat mount(BlockDev dev) {
        if (!dev.init()) {
            throw err(16);
        }
        Fat f = new Fat(dev, sectorSize(dev));
        long bsect = 0;
        int fmt = f.check(0);
        if (fmt == 2) {
            long[] br = new long[4];
            for (int i = 0; i < 4; i++) {
                int pt = 446 + 16 * i;
                br[i] = f.win[pt + 4] != 0 ? u32(f.win, pt + 8) : 0;
            }
            for (int i = 0; i < 4 && fmt >= 2; i++) {
                bsect = br[i];
                fmt = bsect != 0 ? f.check(bsect) : 3;
            }
        }
        if (fmt >= 2) {
            throw err(ENODEV);
        }
        byte[] w = f.win;
        if (u16(w, 11) != f.ss) {
            throw err(ENODEV);
        }
        long fasize = u16(w, 22);
        if (fasize == 0) {
            fasize = u32(w, 36);
        }
        f.fatSize = fasize;
        f.nfats = w[16] & 0xff;
        if (f.nfats != 1 && f.nfats != 2) {
            throw err(ENODEV);
        }
        fasize *= f.nfats;
        f.csize = w[13] & 0xff;
        if (f.csize == 0 || (f.csize & (f.csize - 1)) != 0) {
            throw err(ENODEV);
        }
        f.rootEnt = u16(w, 17);
        if (f.rootEnt % (f.ss / 32) != 0) {
            throw err(ENODEV);
        }
        long tsect = u16(w, 19);
        if (tsect == 0) {
            tsect = u32(w, 32);
        }
        int nrsv = u16(w, 14);
        if (nrsv == 0) {
            throw err(ENODEV);
        }
        long sysect = nrsv + fasize + f.rootEnt / (f.ss / 32);
        if (tsect < sysect) {
            throw err(ENODEV);
        }
        long nclst = (tsect - sysect) / f.csize;
        if (nclst == 0 || nclst > MAX_FAT32) {
            throw err(ENODEV);
        }
        f.type = nclst <= MAX_FAT12 ? FAT12 : nclst <= MAX_FAT16 ? FAT16 : FAT32;
        f.nFatent = nclst + 2;
        f.volBase = bsect;
        f.fatBase = bsect + nrsv;
        f.dataBase = bsect + sysect;
        long need;
        if (f.type == FAT32) {
            if (u16(w, 42) != 0 || f.rootEnt != 0) {
                throw err(ENODEV);
            }
            f.dirBase = u32(w, 44);
            need = f.nFatent * 4;
            f.fsInfo = u16(w, 48) == 1;
        } else {
            if (f.rootEnt == 0) {
                throw err(ENODEV);
            }
            f.dirBase = f.fatBase + fasize;
            need = f.type == FAT16 ? f.nFatent * 2 : f.nFatent * 3 / 2 + (f.nFatent & 1);
        }
        if (f.fatSize < (need + f.ss - 1) / f.ss) {
            throw err(ENODEV);
        }
        if (f.type == FAT32 && f.fsInfo) {
            f.move(bsect + 1);
            if (u16(w, 510) == 0xaa55 && u32(w, 0) == 0x41615252L && u32(w, 484) == 0x61417272L) {
                long nx = u32(w, 492);
                if (nx >= 2 && nx < f.nFatent) {
                    f.lastClst = nx;
                }
                // FatFs believes FSInfo's free count when it is possible
                long fc = u32(w, 488);
                if (fc <= f.nFatent - 2) {
                    f.freeClst = fc;
                }
            } else {
                f.fsInfo = false;
            }
        }
        return f;
    }

    /** The date and time words of now, as FatFs's get_fattime on the unix port gives them (local time). */
    static long fattime() {
        LocalDateTime t = LocalDateTime.now();
        return (long) (t.getYear() - 1980) << 25 | (long) t.getMonthValue() << 21 | (long) t.getDayOfMonth() << 16
                | (long) t.getHour() << 11 | (long) t.getMinute() << 5 | t.getSecond() / 2;
    }

    /** Makes a volume as MicroPython's VfsFat.mkfs does: FAT12/16 on the whole device, else FAT32. */
    static void mkfs(BlockDev dev) {
        if (!dev.init()) {
            throw err(16);
        }
        if (!dev.writable()) {
            throw err(EROFS);
        }
        int ss = sectorSize(dev);
        long szVol = dev.ioctlInt(BlockDev.IOCTL_BLOCK_COUNT, 0, 0) & 0xffffffffL;
        if (!make(dev, ss, szVol, false)) {
            if (!make(dev, ss, szVol, true)) {
                throw err(EIO);
            }
        }
    }

    /** f_mkfs's cluster size (sectors) when none is asked for: 1, doubled for each step of the table up to n. */
    private static long defaultClusterSize(long n, int[] steps) {
        long au = 1;
        for (int i = 0; i < steps.length && steps[i] <= n; i++) {
            au <<= 1;
        }
        return au;
    }

    /** f_mkfs for FAT (fat32 false, FM_FAT|FM_SFD) or FAT32; false when the volume does not suit it. */
    private static boolean make(BlockDev dev, int ss, long szVol, boolean fat32) {
        final int nFats = 1;
        final int nRootdir = 512;
        final int[] cst = {1, 4, 16, 64, 256, 512};
        final int[] cst32 = {1, 2, 4, 8, 16, 32};
        long bVol = fat32 ? 63 : 0;
        if (szVol < bVol) {
            return false;
        }
        long szAll = szVol;
        szVol -= bVol;
        if (szVol < 22) {
            return false;
        }
        int fmt = fat32 ? FAT32 : FAT16;
        long au = 0;
        long pau;
        long nClst;
        long szFat;
        long szRsv;
        long szDir;
        long bFat;
        long bData;
        while (true) {
            pau = au;
            if (fmt == FAT32) {
                if (pau == 0) {
                    pau = defaultClusterSize(szVol / 0x20000, cst32);
                }
                nClst = szVol / pau;
                szFat = (nClst * 4 + 8 + ss - 1) / ss;
                szRsv = 32;
                szDir = 0;
                if (nClst <= MAX_FAT16 || nClst > MAX_FAT32) {
                    return false;
                }
            } else {
                if (pau == 0) {
                    pau = defaultClusterSize(szVol / 0x1000, cst);
                }
                nClst = szVol / pau;
                long n;
                if (nClst > MAX_FAT12) {
                    n = nClst * 2 + 4;
                } else {
                    fmt = FAT12;
                    n = (nClst * 3 + 1) / 2 + 3;
                }
                szFat = (n + ss - 1) / ss;
                szRsv = 1;
                szDir = (long) nRootdir * 32 / ss;
            }
            bFat = szRsv;
            bData = bFat + szFat * nFats + szDir;
            if (szVol < bData + pau * 16) {
                return false;
            }
            nClst = (szVol - szRsv - szFat * nFats - szDir) / pau;
            if (fmt == FAT32) {
                if (nClst <= MAX_FAT16) {
                    if (au == 0 && (au = pau / 2) != 0) {
                        continue;
                    }
                    return false;
                }
            }
            if (fmt == FAT16) {
                if (nClst > MAX_FAT16) {
                    if (au == 0 && pau * 2 <= 64) {
                        au = pau * 2;
                        continue;
                    }
                    if (au == 0 && (au = pau * 2) <= 128) {
                        continue;
                    }
                    return false;
                }
                if (nClst <= MAX_FAT12) {
                    if (au == 0 && (au = pau * 2) <= 128) {
                        continue;
                    }
                    return false;
                }
            }
            if (fmt == FAT12 && nClst > MAX_FAT12) {
                return false;
            }
            break;
        }
        Fat f = new Fat(dev, ss);
        byte[] buf = new byte[ss];
        byte[] jmp = "\u00eb\u00fe\u0090MSDOS5.0".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(jmp, 0, buf, 0, 11);
        put16(buf, 11, ss);
        buf[13] = (byte) pau;
        put16(buf, 14, (int) szRsv);
        buf[16] = (byte) nFats;
        put16(buf, 17, fmt == FAT32 ? 0 : nRootdir);
        if (szVol < 0x10000) {
            put16(buf, 19, (int) szVol);
        } else {
            put32(buf, 32, szVol);
        }
        buf[21] = (byte) 0xf8;
        put16(buf, 24, 63);
        put16(buf, 26, 255);
        put32(buf, 28, bVol);
        long vsn = fattime();
        if (fmt == FAT32) {
            put32(buf, 67, vsn);
            put32(buf, 36, szFat);
            put32(buf, 44, 2);
            put16(buf, 48, 1);
            put16(buf, 50, 6);
            buf[64] = (byte) 0x80;
            buf[66] = 0x29;
            System.arraycopy("NO NAME    FAT32   ".getBytes(StandardCharsets.ISO_8859_1), 0, buf, 71, 19);
        } else {
            put32(buf, 39, vsn);
            put16(buf, 22, (int) szFat);
            buf[36] = (byte) 0x80;
            buf[38] = 0x29;
            System.arraycopy("NO NAME    FAT     ".getBytes(StandardCharsets.ISO_8859_1), 0, buf, 43, 19);
        }
        put16(buf, 510, 0xaa55);
        f.writeSectors(bVol, buf, 0, 1);
        if (fmt == FAT32) {
            f.writeSectors(bVol + 6, buf, 0, 1);
            java.util.Arrays.fill(buf, (byte) 0);
            put32(buf, 0, 0x41615252L);
            put32(buf, 484, 0x61417272L);
            put32(buf, 488, nClst - 1);
            put32(buf, 492, 2);
            put16(buf, 510, 0xaa55);
            f.writeSectors(bVol + 7, buf, 0, 1);
            f.writeSectors(bVol + 1, buf, 0, 1);
        }
        java.util.Arrays.fill(buf, (byte) 0);
        long sect = bVol + bFat;
        for (int i = 0; i < nFats; i++) {
            if (fmt == FAT32) {
                put32(buf, 0, 0xfffffff8L);
                put32(buf, 4, 0xffffffffL);
                put32(buf, 8, 0x0fffffffL);
            } else {
                put32(buf, 0, fmt == FAT12 ? 0xfffff8L : 0xfffffff8L);
            }
            for (long n = 0; n < szFat; n++) {
                f.writeSectors(sect++, buf, 0, 1);
                java.util.Arrays.fill(buf, (byte) 0);
            }
        }
        long nsect = fmt == FAT32 ? pau : szDir;
        for (long n = 0; n < nsect; n++) {
            f.writeSectors(sect++, buf, 0, 1);
        }
        if (bVol != 0) {
            // FDISK style: a partition table with the one partition
            int sys = fmt == FAT32 ? 0x0c : szVol >= 0x10000 ? 0x06 : fmt == FAT16 ? 0x04 : 0x01;
            java.util.Arrays.fill(buf, (byte) 0);
            put16(buf, 510, 0xaa55);
            int pt = 446;
            buf[pt + 1] = 1;
            buf[pt + 2] = 1;
            buf[pt + 4] = (byte) sys;
            long n = (bVol + szVol) / (63 * 255);
            buf[pt + 5] = (byte) 254;
            buf[pt + 6] = (byte) (((n >> 2) & 0xc0) | 63);
            buf[pt + 7] = (byte) n;
            put32(buf, pt + 8, bVol);
            put32(buf, pt + 12, szVol);
            f.writeSectors(0, buf, 0, 1);
        }
        dev.ioctl(BlockDev.IOCTL_SYNC, 0);
        return true;
    }

    // ---- the FAT --------------------------------------------------------------------------------

    /** The window moved to the FAT sector holding byte offset off of the FAT: the byte's index in it. */
    private int fatByte(long off) {
        move(fatBase + off / ss);
        return (int) (off % ss);
    }

    /** The FAT byte offset of a cluster's entry (FAT12: its first byte). */
    private long fatOffset(long clst) {
        return type == FAT12 ? clst + clst / 2 : type == FAT16 ? clst * 2 : clst * 4;
    }

    long getFat(long clst) {
        if (clst < 2 || clst >= nFatent) {
            throw err(EIO);
        }
        long bc = fatOffset(clst);
        switch (type) {
            case FAT12: {
                int lo = win[fatByte(bc)] & 0xff;
                int hi = win[fatByte(bc + 1)] & 0xff;
                int w = lo | hi << 8;
                return (clst & 1) != 0 ? w >> 4 : w & 0xfff;
            }
            case FAT16:
                return u16(win, fatByte(bc));
            default:
                return u32(win, fatByte(bc)) & 0x0fffffffL;
        }
    }

    void putFat(long clst, long val) {
        if (clst < 2 || clst >= nFatent) {
            throw err(EIO);
        }
        long bc = fatOffset(clst);
        switch (type) {
            case FAT12: {
                int i = fatByte(bc);
                win[i] = (byte) ((clst & 1) != 0 ? (win[i] & 0x0f) | ((int) val << 4) : (int) val);
                winDirty = true;
                i = fatByte(bc + 1);
                win[i] = (byte) ((clst & 1) != 0 ? (int) (val >> 4) : (win[i] & 0xf0) | (int) ((val >> 8) & 0x0f));
                winDirty = true;
                break;
            }
            case FAT16:
                put16(win, fatByte(bc), (int) val);
                winDirty = true;
                break;
            default: {
                int o = fatByte(bc);
                put32(win, o, (u32(win, o) & 0xf0000000L) | (val & 0x0fffffffL));
                winDirty = true;
            }
        }
    }

    long eoc() {
        return type == FAT12 ? 0xfff : type == FAT16 ? 0xffff : 0x0fffffffL;
    }

    /** The next cluster of a chain, or 0 at its end. */
    long next(long clst) {
        long v = getFat(clst);
        if (v == 1 || v == 0) {
            throw err(EIO);
        }
        return v >= nFatent ? 0 : v;
    }

    /** The number of free clusters when known (counted once, then kept up to date); -1 before. */
    long freeClst = -1;

    long freeCount() {
        if (freeClst >= 0) {
            return freeClst;
        }
        long n = 0;
        for (long c = 2; c < nFatent; c++) {
            if (getFat(c) == 0) {
                n++;
            }
        }
        freeClst = n;
        return n;
    }

    /** A new cluster linked after prev (0 for a new chain), or 0 when the volume is full. */
    long allocate(long prev) {
        long found = 0;
        if (prev != 0 && prev + 1 < nFatent && getFat(prev + 1) == 0) {
            found = prev + 1;
        } else {
            long start = lastClst >= 2 && lastClst < nFatent ? lastClst : 1;
            long c = start;
            while (true) {
                c++;
                if (c >= nFatent) {
                    c = 2;
                    if (c > start) {
                        break;
                    }
                }
                if (getFat(c) == 0) {
                    found = c;
                    break;
                }
                if (c == start) {
                    break;
                }
            }
        }
        if (found == 0) {
            return 0;
        }
        putFat(found, eoc());
        if (freeClst > 0) {
            freeClst--;
        }
        if (prev != 0) {
            putFat(prev, found);
        }
        lastClst = found;
        return found;
    }

    void freeChain(long clst) {
        while (clst >= 2 && clst < nFatent) {
            long nx = getFat(clst);
            putFat(clst, 0);
            if (freeClst >= 0) {
                freeClst++;
            }
            clst = nx;
        }
    }

    long clusterSector(long clst) {
        return dataBase + (clst - 2) * csize;
    }

    int clusterBytes() {
        return csize * ss;
    }

    // ---- directories --------------------------------------------------------------------------

    /** A directory entry as read: its (long or short) name and where its entries are. */
    static final class Ent {
        String name;
        byte[] sfn;
        int attr;
        int ntres;
        long clst;
        long size;
        int date;
        int time;
        /** Index of its first entry (the first LFN entry, or the short one) and of its short entry. */
        int first;
        int idx;
        /** The directory it is in (its first cluster; 0 for a FAT12/16 root). */
        long dir;

        boolean isDir() {
            return (attr & AM_DIR) != 0;
        }
    }

    /** The sector and byte offset of directory entry idx, or null past the end (extending it when asked). */
    private long[] entryPos(long dir, int idx, boolean extend) {
        long byteOff = (long) idx * 32;
        if (dir == 0 && type != FAT32) {
            if (idx >= rootEnt) {
                if (extend) {
                    throw err(EACCES);
                }
                return null;
            }
            return new long[] {dirBase + byteOff / ss, byteOff % ss};
        }
        long c = dir == 0 ? dirBase : dir;
        long cl = byteOff / clusterBytes();
        if (idx >= 65536) {
            if (extend) {
                throw err(EACCES);
            }
            return null;
        }
        for (long i = 0; i < cl; i++) {
            long nx = next(c);
            if (nx == 0) {
                if (!extend) {
                    return null;
                }
                nx = allocate(c);
                if (nx == 0) {
                    throw err(28);
                }
                zeroCluster(nx);
            }
            c = nx;
        }
        long within = byteOff % clusterBytes();
        return new long[] {clusterSector(c) + within / ss, within % ss};
    }

    void zeroCluster(long c) {
        flushWin();
        byte[] z = new byte[ss];
        for (int i = 0; i < csize; i++) {
            writeSectors(clusterSector(c) + i, z, 0, 1);
        }
        if (winSect >= clusterSector(c) && winSect < clusterSector(c) + csize) {
            winSect = -1;
        }
    }

    /** The 32 bytes of entry idx (a copy), or null past the end of the directory. */
    byte[] readEntry(long dir, int idx) {
        long[] p = entryPos(dir, idx, false);
        if (p == null) {
            return null;
        }
        move(p[0]);
        return java.util.Arrays.copyOfRange(win, (int) p[1], (int) p[1] + 32);
    }

    void writeEntry(long dir, int idx, byte[] e) {
        long[] p = entryPos(dir, idx, true);
        move(p[0]);
        System.arraycopy(e, 0, win, (int) p[1], 32);
        winDirty = true;
    }

    static int sum(byte[] sfn) {
        int s = 0;
        for (int i = 0; i < 11; i++) {
            s = (((s & 1) << 7) + (s >> 1) + (sfn[i] & 0xff)) & 0xff;
        }
        return s;
    }

    static final int[] LFN_OFS = {1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30};

    /** The entries of a directory in order (no volume label, no dot entries, no deleted ones). */
    List<Ent> list(long dir) {
        List<Ent> out = new ArrayList<>();
        char[] lfn = new char[260];
        int lfnOrd = -1;
        int lfnSum = -1;
        int lfnFirst = -1;
        int lfnLen = 0;
        for (int idx = 0;; idx++) {
            byte[] e = readEntry(dir, idx);
            if (e == null || e[0] == 0) {
                break;
            }
            int b0 = e[0] & 0xff;
            int attr = e[11] & 0x3f;
            if (b0 == 0xe5) {
                lfnOrd = -1;
                continue;
            }
            if (attr == AM_LFN) {
                int ord = b0 & 0x3f;
                if ((b0 & 0x40) != 0) {
                    lfnSum = e[13] & 0xff;
                    lfnOrd = ord;
                    lfnFirst = idx;
                    lfnLen = 0;
                    java.util.Arrays.fill(lfn, (char) 0);
                } else if (ord != lfnOrd || (e[13] & 0xff) != lfnSum) {
                    lfnOrd = -1;
                    continue;
                }
                if (lfnOrd < 1 || ord > 20) {
                    lfnOrd = -1;
                    continue;
                }
                int base = (ord - 1) * 13;
                for (int k = 0; k < 13; k++) {
                    char c = (char) u16(e, LFN_OFS[k]);
                    if (c == 0 || c == 0xffff) {
                        if (c == 0) {
                            lfnLen = Math.max(lfnLen, base + k);
                        }
                        break;
                    }
                    lfn[base + k] = c;
                    lfnLen = Math.max(lfnLen, base + k + 1);
                }
                lfnOrd = ord - 1;
                continue;
            }
            boolean lfnOk = lfnOrd == 0 && sum(e) == lfnSum;
            if (b0 == '.' || (attr & ~AM_ARC) == AM_VOL || (attr & AM_VOL) != 0) {
                lfnOrd = -1;
                continue;
            }
            Ent ent = new Ent();
            ent.sfn = java.util.Arrays.copyOf(e, 11);
            if (b0 == 0x05) {
                ent.sfn[0] = (byte) 0xe5;
            }
            ent.attr = attr;
            ent.ntres = e[12] & 0xff;
            ent.clst = u16(e, 26) | (type == FAT32 ? (long) u16(e, 20) << 16 : 0);
            ent.size = u32(e, 28);
            ent.time = u16(e, 22);
            ent.date = u16(e, 24);
            ent.idx = idx;
            ent.dir = dir;
            if (lfnOk) {
                ent.name = new String(lfn, 0, lfnLen);
                ent.first = lfnFirst;
            } else {
                ent.name = shortName(ent.sfn, ent.ntres);
                ent.first = idx;
            }
            lfnOrd = -1;
            out.add(ent);
        }
        return out;
    }

    static String shortName(byte[] sfn, int ntres) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8 && sfn[i] != ' '; i++) {
            char c = (char) (sfn[i] & 0xff);
            sb.append((ntres & NS_BODY) != 0 ? Character.toLowerCase(c) : c);
        }
        if (sfn[8] != ' ') {
            sb.append('.');
            for (int i = 8; i < 11 && sfn[i] != ' '; i++) {
                char c = (char) (sfn[i] & 0xff);
                sb.append((ntres & NS_EXT) != 0 ? Character.toLowerCase(c) : c);
            }
        }
        return sb.toString();
    }

    Ent find(long dir, String name) {
        for (Ent e : list(dir)) {
            if (e.name.equalsIgnoreCase(name) || shortName(e.sfn, 0).equalsIgnoreCase(name)) {
                return e;
            }
        }
        return null;
    }

    /** The first cluster of a directory entry's directory, as a directory handle (0 for the root). */
    long dirOf(Ent e) {
        return e.clst;
    }

    // ---- paths --------------------------------------------------------------------------------

    /** A path split into its names, "." dropped and ".." applied, relative paths joined to cwd. */
    static List<String> split(String cwd, String path) {
        String full = path.startsWith("/") || path.startsWith("\\") ? path : cwd + "/" + path;
        return BlockFile.names(full, "[/\\\\]+");
    }

    /** The directory holding the last name of parts (ENOENT when a directory on the way is missing). */
    long parentDir(List<String> parts) {
        long dir = 0;
        for (int i = 0; i < parts.size() - 1; i++) {
            Ent e = find(dir, parts.get(i));
            if (e == null || !e.isDir()) {
                throw err(ENOENT);
            }
            dir = e.clst;
        }
        return dir;
    }

    /** The entry a path names, or null (parts empty is the root, also null; callers test that). */
    Ent lookup(List<String> parts) {
        long dir = parentDir(parts);
        return find(dir, parts.get(parts.size() - 1));
    }

    // ---- making entries -----------------------------------------------------------------------

    private static final String SFN_BAD = "+,;=[]";

    /** Checks a long name as FatFs does: no control characters or {@code "*:<>?|} and DEL; trailing dots and spaces cut. */
    static String cleanName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || "\"*:<>?|\u007f".indexOf(c) >= 0) {
                throw err(EINVAL);
            }
        }
        int end = name.length();
        while (end > 0 && (name.charAt(end - 1) == ' ' || name.charAt(end - 1) == '.')) {
            end--;
        }
        if (end == 0 || end > 255) {
            throw err(EINVAL);
        }
        return name.substring(0, end);
    }

    /**
     * The 8.3 form of a long name: {sfn bytes (11), ntres, needsLfn (1/0), lossy (1/0)} packed
     * as an Object array.
     */
    static Object[] shortForm(String lfn) {
        byte[] sfn = new byte[11];
        java.util.Arrays.fill(sfn, (byte) ' ');
        boolean loss = false;
        boolean needLfn = false;
        int si = 0;
        while (si < lfn.length() && (lfn.charAt(si) == ' ' || lfn.charAt(si) == '.')) {
            si++;
        }
        if (si > 0) {
            loss = true;
            needLfn = true;
        }
        int dot = lfn.lastIndexOf('.');
        if (dot < si) {
            dot = -1;
        }
        int bodyEnd = dot < 0 ? lfn.length() : dot;
        boolean[] upper = new boolean[2];
        boolean[] lower = new boolean[2];
        boolean bodyLost = sfnPart(lfn, si, bodyEnd, " .", sfn, 0, 8, upper, lower);
        boolean extLost = dot >= 0 && sfnPart(lfn, dot + 1, lfn.length(), " ", sfn, 8, 11, upper, lower);
        if (bodyLost || extLost) {
            loss = true;
            needLfn = true;
        }
        if (sfn[0] == ' ') {
            loss = true;
            needLfn = true;
            sfn[0] = '_';
        }
        if ((sfn[0] & 0xff) == 0xe5) {
            sfn[0] = 0x05;
        }
        int ntres = 0;
        if (upper[0] && lower[0] || upper[1] && lower[1]) {
            needLfn = true;
        }
        if (!needLfn) {
            if (lower[0]) {
                ntres |= NS_BODY;
            }
            if (lower[1]) {
                ntres |= NS_EXT;
            }
        }
        return new Object[] {sfn, ntres, needLfn, loss};
    }

    /**
     * Puts lfn[from, to) into sfn from {@code start} as 8.3 characters (the body from 0, the
     * extension from 8), leaving out the characters in {@code skip}, up to {@code limit};
     * true when something of the name was lost on the way.
     */
    private static boolean sfnPart(String lfn, int from, int to, String skip, byte[] sfn, int start, int limit,
            boolean[] upper, boolean[] lower) {
        boolean lost = false;
        int n = start;
        for (int i = from; i < to; i++) {
            char c = lfn.charAt(i);
            if (skip.indexOf(c) >= 0) {
                lost = true;
                continue;
            }
            if (n >= limit) {
                return true;
            }
            sfn[n++] = sfnChar(c, start == 0 ? 0 : 1, upper, lower);
            if (sfn[n - 1] == '_' && c != '_') {
                lost = true;
            }
        }
        return lost;
    }

    private static byte sfnChar(char c, int part, boolean[] upper, boolean[] lower) {
        if (c >= 0x80 || SFN_BAD.indexOf(c) >= 0) {
            return '_';
        }
        if (c >= 'a' && c <= 'z') {
            lower[part] = true;
            return (byte) (c - 32);
        }
        if (c >= 'A' && c <= 'Z') {
            upper[part] = true;
        }
        return (byte) c;
    }

    private boolean sfnTaken(long dir, byte[] sfn) {
        for (Ent e : list(dir)) {
            byte[] s = e.sfn.clone();
            if (java.util.Arrays.equals(s, sfn)) {
                return true;
            }
        }
        // dot entries and labels are not listed; they never clash with a made name
        return false;
    }

    /** Adds entries for name in dir: the LFN entries when needed and the short entry given (its name filled in). */
    Ent register(long dir, String name, byte[] entry) {
        Object[] sf = shortForm(name);
        byte[] sfn = (byte[]) sf[0];
        int ntres = (int) sf[1];
        boolean needLfn = (boolean) sf[2];
        boolean loss = (boolean) sf[3];
        if (loss) {
            byte[] base = sfn.clone();
            for (int n = 1;; n++) {
                if (n > 999999) {
                    throw err(EEXIST);
                }
                String tail = "~" + n;
                int blen = 0;
                while (blen < 8 && base[blen] != ' ') {
                    blen++;
                }
                int keep = Math.min(blen, 8 - tail.length());
                byte[] cand = base.clone();
                for (int i = 0; i < 8; i++) {
                    cand[i] = i < keep ? base[i] : (byte) ' ';
                }
                for (int i = 0; i < tail.length(); i++) {
                    cand[keep + i] = (byte) tail.charAt(i);
                }
                if (!sfnTaken(dir, cand)) {
                    sfn = cand;
                    break;
                }
            }
        } else if (sfnTaken(dir, sfn)) {
            throw err(EEXIST);
        }
        int nlfn = needLfn ? (name.length() + 12) / 13 : 0;
        int need = nlfn + 1;
        // find need free entries in a row (deleted or never used)
        int run = 0;
        int start = 0;
        for (int idx = 0;; idx++) {
            byte[] e = readEntry(dir, idx);
            boolean free = e == null || e[0] == 0 || (e[0] & 0xff) == 0xe5;
            if (free) {
                if (run == 0) {
                    start = idx;
                }
                run++;
                if (run == need) {
                    break;
                }
            } else {
                run = 0;
            }
        }
        int s = sum(sfn);
        for (int k = 0; k < nlfn; k++) {
            int ord = nlfn - k;
            byte[] e = new byte[32];
            e[0] = (byte) (ord | (k == 0 ? 0x40 : 0));
            e[11] = (byte) AM_LFN;
            e[13] = (byte) s;
            int base = (ord - 1) * 13;
            for (int j = 0; j < 13; j++) {
                int pos = base + j;
                int c = pos < name.length() ? name.charAt(pos) : pos == name.length() ? 0 : 0xffff;
                put16(e, LFN_OFS[j], c);
            }
            writeEntry(dir, start + k, e);
        }
        System.arraycopy(sfn, 0, entry, 0, 11);
        entry[12] = (byte) ntres;
        writeEntry(dir, start + nlfn, entry);
        Ent ent = new Ent();
        ent.name = name;
        ent.sfn = sfn;
        ent.attr = entry[11] & 0xff;
        ent.ntres = ntres;
        ent.clst = u16(entry, 26) | (long) u16(entry, 20) << 16;
        ent.size = u32(entry, 28);
        ent.first = start;
        ent.idx = start + nlfn;
        ent.dir = dir;
        return ent;
    }

    void unregister(Ent e) {
        for (int i = e.first; i <= e.idx; i++) {
            byte[] b = readEntry(e.dir, i);
            b[0] = (byte) 0xe5;
            writeEntry(e.dir, i, b);
        }
    }

    static byte[] newEntry(int attr, long clst, long size) {
        byte[] e = new byte[32];
        e[11] = (byte) attr;
        long t = fattime();
        put32(e, 14, t);
        put16(e, 18, (int) (t >> 16));
        put32(e, 22, t);
        put16(e, 20, (int) (clst >> 16));
        put16(e, 26, (int) clst);
        put32(e, 28, size);
        return e;
    }

    /** Rewrites a short entry's cluster, size and (when touched) modification time and archive bit. */
    void updateEntry(Ent e, boolean touch) {
        byte[] b = readEntry(e.dir, e.idx);
        put16(b, 20, type == FAT32 ? (int) (e.clst >> 16) : 0);
        put16(b, 26, (int) e.clst);
        put32(b, 28, e.size);
        if (touch) {
            long t = fattime();
            put32(b, 22, t);
            put16(b, 18, (int) (t >> 16));
            b[11] = (byte) (b[11] | AM_ARC);
        }
        writeEntry(e.dir, e.idx, b);
    }

    // ---- operations ---------------------------------------------------------------------------

    void mkdir(List<String> parts) {
        if (parts.isEmpty()) {
            throw err(EEXIST);
        }
        long dir = parentDir(parts);
        String name = parts.get(parts.size() - 1);
        if (find(dir, name) != null) {
            throw err(EEXIST);
        }
        name = cleanName(name);
        long c = allocate(0);
        if (c == 0) {
            throw err(28);
        }
        zeroCluster(c);
        byte[] dot = newEntry(AM_DIR, c, 0);
        java.util.Arrays.fill(dot, 0, 11, (byte) ' ');
        dot[0] = '.';
        writeEntry(c, 0, dot);
        byte[] dotdot = newEntry(AM_DIR, dir == dirBase && type == FAT32 ? 0 : dir, 0);
        java.util.Arrays.fill(dotdot, 0, 11, (byte) ' ');
        dotdot[0] = '.';
        dotdot[1] = '.';
        writeEntry(c, 1, dotdot);
        register(dir, name, newEntry(AM_DIR, c, 0));
        sync();
    }

    /** Removes a file or an empty directory (EACCES when it is not empty or is the current directory). */
    void unlink(Ent e, long cwdClst) {
        if (e.isDir()) {
            if (e.clst == cwdClst || !list(e.clst).isEmpty()) {
                throw err(EACCES);
            }
        }
        if ((e.attr & AM_RDO) != 0) {
            throw err(EACCES);
        }
        unregister(e);
        if (e.clst != 0) {
            freeChain(e.clst);
        }
        sync();
    }

    void rename(List<String> from, List<String> to) {
        if (from.isEmpty()) {
            throw err(EINVAL);
        }
        Ent e = lookup(from);
        if (e == null) {
            throw err(ENOENT);
        }
        if (to.isEmpty()) {
            throw err(EEXIST);
        }
        long ndir = parentDir(to);
        String name = to.get(to.size() - 1);
        Ent there = find(ndir, name);
        if (there != null && !(there.dir == e.dir && there.idx == e.idx)) {
            throw err(EEXIST);
        }
        name = cleanName(name);
        byte[] old = readEntry(e.dir, e.idx);
        byte[] entry = old.clone();
        if (there != null) {
            unregister(e);
        }
        Ent moved = register(ndir, name, entry);
        if (there == null) {
            unregister(e);
        }
        if (e.isDir() && ndir != e.dir && e.clst != 0) {
            byte[] dd = readEntry(e.clst, 1);
            if (dd != null && dd[0] == '.' && dd[1] == '.') {
                long p = ndir == dirBase && type == FAT32 ? 0 : ndir;
                put16(dd, 26, (int) p);
                put16(dd, 20, type == FAT32 ? (int) (p >> 16) : 0);
                writeEntry(e.clst, 1, dd);
            }
        }
        if (moved == null) {
            throw err(EIO);
        }
        sync();
    }

    // ---- files --------------------------------------------------------------------------------

    /** An open file: reads and writes its cluster chain, keeps its directory entry up to date on sync. */
    final class File implements BlockFile.Handle {
        final Ent ent;
        boolean dirty;
        /** A cached place in the chain: the cluster index and cluster number. */
        private long cacheIdx = -1;
        private long cacheClst;

        File(Ent ent) {
            this.ent = ent;
        }

        @Override
        public long size() {
            return ent.size;
        }

        /** The cluster holding byte offset pos (its chain index pos / cluster size), or 0 when past the chain. */
        private long clusterAt(long index, boolean extend) {
            if (ent.clst == 0) {
                if (!extend) {
                    return 0;
                }
                long c = allocate(0);
                if (c == 0) {
                    return 0;
                }
                ent.clst = c;
                dirty = true;
                cacheIdx = -1;
            }
            long i = 0;
            long c = ent.clst;
            if (cacheIdx >= 0 && cacheIdx <= index) {
                i = cacheIdx;
                c = cacheClst;
            }
            while (i < index) {
                long nx = next(c);
                if (nx == 0) {
                    if (!extend) {
                        return 0;
                    }
                    nx = allocate(c);
                    if (nx == 0) {
                        return 0;
                    }
                }
                c = nx;
                i++;
            }
            cacheIdx = index;
            cacheClst = c;
            return c;
        }

        @Override
        public int read(long pos, byte[] b, int off, int len) {
            if (pos >= ent.size) {
                return 0;
            }
            len = (int) Math.min(len, ent.size - pos);
            byte[] sec = new byte[ss];
            return eachSector(pos, len, false, (sect, inSec, n, done) -> {
                readSectors(sect, sec, 0, 1);
                System.arraycopy(sec, inSec, b, off + done, n);
            });
        }

        /** What is done with one sector's part of a read or write: at sector sect, from inSec, n bytes, done bytes in. */
        private interface SectorPart {
            void at(long sect, int inSec, int n, int done);
        }

        /**
         * Goes through [pos, pos + len) sector by sector, the window flushed before each part;
         * stops where the chain ends (extend: grows it until the disk is full). The bytes covered.
         */
        private int eachSector(long pos, int len, boolean extend, SectorPart part) {
            int cb = clusterBytes();
            int done = 0;
            while (done < len) {
                long p = pos + done;
                long c = clusterAt(p / cb, extend);
                if (c == 0) {
                    break;
                }
                int inCl = (int) (p % cb);
                int inSec = inCl % ss;
                int n = Math.min(len - done, ss - inSec);
                flushWin();
                part.at(clusterSector(c) + inCl / ss, inSec, n, done);
                done += n;
            }
            return done;
        }

        @Override
        public int write(long pos, byte[] b, int off, int len) {
            if (pos + len > 0xffffffffL) {
                len = (int) Math.max(0, 0xffffffffL - pos);
            }
            byte[] sec = new byte[ss];
            // a write past the end first fills the gap with zeros
            if (pos > ent.size && zeroFill(pos) < pos) {
                return 0;
            }
            int written = eachSector(pos, len, true, (sect, inSec, n, done) -> {
                long p = pos + done;
                if (n < ss) {
                    long sectStart = p - inSec;
                    if (sectStart < ent.size) {
                        readSectors(sect, sec, 0, 1);
                    } else {
                        java.util.Arrays.fill(sec, (byte) 0);
                    }
                }
                System.arraycopy(b, off + done, sec, inSec, n);
                writeSectors(sect, sec, 0, 1);
                if (winSect == sect) {
                    winSect = -1;
                }
                if (p + n > ent.size) {
                    ent.size = p + n;
                }
                dirty = true;
            });
            flushWin();
            return written;
        }

        /** Writes zeros from the end of the file up to end: where they stopped (end, or short when the disk is full). */
        private long zeroFill(long end) {
            long at = ent.size;
            byte[] z = new byte[(int) Math.min(end - at, 1 << 16)];
            while (at < end) {
                int n = (int) Math.min(z.length, end - at);
                int w = write(at, z, 0, n);
                at += w;
                if (w < n) {
                    return at;
                }
            }
            return at;
        }

        @Override
        public long seek(long npos, boolean writable) {
            if (npos < 0) {
                npos = npos & 0xffffffffL;
            }
            if (npos > ent.size) {
                if (!writable) {
                    return ent.size;
                }
                return zeroFill(npos);
            }
            return npos;
        }

        /** Cuts the file to nothing (open with 'w'). */
        void truncate() {
            if (ent.clst != 0) {
                freeChain(ent.clst);
            }
            ent.clst = 0;
            ent.size = 0;
            cacheIdx = -1;
            updateEntry(ent, true);
            sync();
        }

        @Override
        public void sync() {
            if (dirty) {
                updateEntry(ent, true);
                dirty = false;
            }
            Fat.this.sync();
        }

        @Override
        public void close() {
            sync();
        }
    }
}
