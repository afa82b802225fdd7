package dev.mpt.vm.extmod;

import dev.mpt.vm.ArrayType;
import dev.mpt.vm.BuiltinTypes;
import dev.mpt.vm.Errno;
import dev.mpt.vm.FileAccess;
import dev.mpt.vm.Io;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyBytes;
import dev.mpt.vm.PyIter;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyObject;
import dev.mpt.vm.PyTuple;
import dev.mpt.vm.PyType;
import dev.mpt.vm.Types;
import dev.mpt.vm.VM;
import java.nio.charset.StandardCharsets;

/**
 * vfs.VfsRom: MicroPython v1.28's read-only ROMFS over a buffer, and {@code vfs.rom_ioctl}
 * over the board's ROM partition ({@link RomPartition}).
 *
 * <p>The format, as MicroPython's extmod/vfs_rom.c describes it: numbers are varuints (seven
 * bits a byte, most significant first, the top bit set on all bytes but the last); a record
 * is a kind, a payload length and the payload. The image is one record of kind 0x14a6b1
 * (bytes d2 cd 31) whose payload holds records: 1 padding, 2 a file's data verbatim, 3 a
 * pointer (size, offset into the image's payload) to a file's data, 4 a directory (name
 * length, name, the records inside it), 5 a file (name length, name, its records). Other
 * kinds are skipped; kind 0 means the image is corrupt.
 */
final class VfsRom implements PyObject {
    static final PyType TYPE = new PyType("VfsRom", new PyType[] {Types.OBJECT}, true);

    static final int KIND_UNUSED = 0;
    static final int KIND_DATA_VERBATIM = 2;
    static final int KIND_DATA_POINTER = 3;
    static final int KIND_DIRECTORY = 4;
    static final int KIND_FILE = 5;
    static final int KIND_FILESYSTEM = 0x14a6b1;

    /** The image's bytes (a snapshot of the buffer it was made from). */
    final byte[] image;
    /** Where the filesystem record's payload starts and ends in the image. */
    final int fsStart;
    final int fsEnd;

    /** The buffer the image lies in (for addresses: files are windows onto it) and where in it the image starts. */
    Object owner;
    int ownerStart;

    /** A filesystem over the bytes of buf, which stays their owner: a file of it is mapped in place. */
    static VfsRom over(Object buf) {
        VfsRom r = new VfsRom(Ops.bytesOf(buf).clone());
        if (buf instanceof dev.mpt.vm.ArrayType.MemoryView mv) {
            r.owner = mv.target;
            r.ownerStart = mv.start;
        } else if (buf instanceof dev.mpt.vm.Slots.Buffer b && b.bufferWindow() != null) {
            r.owner = b.bufferOwner();
            r.ownerStart = b.bufferWindow()[0];
        } else {
            r.owner = buf;
        }
        return r;
    }

    /** {owner, start} of a file's bytes, or null when path is not a file. */
    Object[] mapping(String path) {
        int[] s = search(path);
        return s[0] == 2 && owner != null ? new Object[] {owner, (long) ownerStart + s[1]} : null;
    }

    VfsRom(byte[] image) {
        this.image = image;
        if (image.length < 4 || (image[0] & 0xff) != 0xd2 || (image[1] & 0xff) != 0xcd || image[2] != 0x31) {
            throw Errno.oserror(19);
        }
        int[] pos = {0};
        long kind = uint(pos, image.length);
        long len = kind < 0 ? -1 : uint(pos, image.length);
        if (kind != KIND_FILESYSTEM || len < 0 || pos[0] + len > image.length) {
            throw Errno.oserror(19);
        }
        fsStart = pos[0];
        fsEnd = (int) (pos[0] + len);
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    /** A varuint at pos[0] (advanced past it), or -1 when it runs past limit. */
    private long uint(int[] pos, int limit) {
        long v = 0;
        int b;
        do {
            if (pos[0] >= limit) {
                return -1;
            }
            b = image[pos[0]++] & 0xff;
            v = (v << 7) | (b & 0x7f);
        } while ((b & 0x80) != 0);
        return v;
    }

    /** A record's kind (0 when corrupt); pos[0] is left at its payload and next[0] at the record after. */
    private long record(int[] pos, int[] next, int limit) {
        long kind = uint(pos, limit);
        if (kind < 0) {
            return KIND_UNUSED;
        }
        long len = uint(pos, limit);
        if (len < 0) {
            return KIND_UNUSED;
        }
        next[0] = (int) Math.min(Integer.MAX_VALUE, pos[0] + len);
        return kind;
    }

    /** A file's data among its records in [pos, top): {offset, size} in the image, or null when corrupt. */
    private int[] data(int pos, int top) {
        int[] p = {pos};
        int[] next = {0};
        while (p[0] < top) {
            long kind = record(p, next, top);
            if (kind == KIND_UNUSED) {
                break;
            } else if (kind == KIND_DATA_VERBATIM) {
                return new int[] {p[0], next[0] - p[0]};
            } else if (kind == KIND_DATA_POINTER) {
                long size = uint(p, next[0]);
                long off = size < 0 ? -1 : uint(p, next[0]);
                if (off < 0) {
                    break;
                }
                return new int[] {(int) (fsStart + off), (int) size};
            } else {
                p[0] = next[0];
            }
        }
        return null;
    }

    /** What a path names: {kind (0 none, 1 dir, 2 file), offset, size} (a directory's records, a file's data). */
    int[] search(String path) {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        int at = 0;
        if (name.length > 0 && name[0] == '/') {
            at = 1;
        }
        int fs = fsStart;
        int top = fsEnd;
        int[] p = {0};
        int[] next = {0};
        while (at < name.length && fs < top) {
            p[0] = fs;
            long kind = record(p, next, top);
            if (kind == KIND_UNUSED) {
                return new int[] {0, 0, 0};
            } else if (kind == KIND_DIRECTORY || kind == KIND_FILE) {
                long nameLen = uint(p, next[0]);
                if (nameLen < 0) {
                    return new int[] {0, 0, 0};
                }
                int rest = name.length - at;
                boolean match = (nameLen == rest || (nameLen < rest && name[at + (int) nameLen] == '/'))
                        && p[0] + nameLen <= image.length
                        && java.util.Arrays.equals(image, p[0], p[0] + (int) nameLen, name, at, at + (int) nameLen);
                if (match) {
                    fs = p[0] + (int) nameLen;
                    top = next[0];
                    at += (int) nameLen;
                    if (kind == KIND_DIRECTORY) {
                        if (at < name.length && name[at] == '/') {
                            at++;
                        }
                    } else {
                        if (at != name.length) {
                            return new int[] {0, 0, 0};
                        }
                        int[] d = data(fs, top);
                        return d == null ? new int[] {0, 0, 0} : new int[] {2, d[0], d[1]};
                    }
                } else {
                    fs = next[0];
                }
            } else {
                fs = next[0];
            }
        }
        if (at == name.length) {
            return new int[] {1, fs, top - fs};
        }
        return new int[] {0, 0, 0};
    }

    FileAccess.Kind importStat(String path) {
        int kind = search(path)[0];
        return kind == 1 ? FileAccess.Kind.DIR : kind == 2 ? FileAccess.Kind.FILE : FileAccess.Kind.NONE;
    }

    Object ilistdir(Object pathIn) {
        int[] dir = search(Vfs.pathText(pathIn));
        if (dir[0] != 1) {
            throw Errno.oserror(2);
        }
        boolean bytes = pathIn instanceof PyBytes;
        int top = dir[1] + dir[2];
        int[] index = {dir[1]};
        return new PyIter() {
            @Override
            public Object next() {
                int[] next = {0};
                while (index[0] < top) {
                    int[] p = {index[0]};
                    long kind = record(p, next, top);
                    if (kind == KIND_UNUSED) {
                        index[0] = top;
                        return null;
                    }
                    if (kind != KIND_DIRECTORY && kind != KIND_FILE) {
                        index[0] = next[0];
                        continue;
                    }
                    long nameLen = uint(p, next[0]);
                    if (nameLen < 0) {
                        index[0] = top;
                        return null;
                    }
                    long type;
                    long size;
                    if (kind == KIND_DIRECTORY) {
                        type = Vfs.S_IFDIR;
                        size = next[0] - p[0] - nameLen;
                    } else {
                        type = Vfs.S_IFREG;
                        int[] d = data(p[0] + (int) nameLen, next[0]);
                        if (d == null) {
                            return null;
                        }
                        size = d[1];
                    }
                    byte[] n = java.util.Arrays.copyOfRange(image, p[0], p[0] + (int) nameLen);
                    index[0] = next[0];
                    Object name = bytes ? new PyBytes(n) : new String(n, StandardCharsets.UTF_8);
                    return PyTuple.of(name, type, 0L, size);
                }
                return null;
            }
        };
    }

    Object stat(Object pathIn) {
        int[] s = search(Vfs.pathText(pathIn));
        if (s[0] == 0) {
            throw Errno.oserror(2);
        }
        return PyTuple.of((long) (s[0] == 2 ? Vfs.S_IFREG : Vfs.S_IFDIR), 0L, 0L, 0L, 0L, 0L, (long) s[2], 0L, 0L, 0L);
    }

    Object open(Object pathIn, String mode) {
        boolean text = true;
        for (char c : mode.toCharArray()) {
            if (c == 'w' || c == 'a' || c == '+') {
                throw Errno.oserror(30);
            } else if (c == 'b') {
                text = false;
            } else if (c == 't') {
                text = true;
            }
        }
        int[] s = search(Vfs.pathText(pathIn));
        if (s[0] == 0) {
            throw Errno.oserror(2);
        } else if (s[0] == 1) {
            throw Errno.oserror(21);
        }
        byte[] data = java.util.Arrays.copyOfRange(image, s[1], s[1] + s[2]);
        return owner == null ? Io.readOnlyFile(data, text) : Io.mappedFile(data, text, owner, ownerStart + s[1]);
    }

    // ---- the type -----------------------------------------------------------------------------

    private static VfsRom self(Object o) {
        if (o instanceof dev.mpt.vm.PyInstance pi && pi.base instanceof VfsRom v) {
            return v;
        }
        return (VfsRom) o;
    }

    static {
        TYPE.maker = (cls, a, kw) -> {
            if (a.length != 1) {
                throw Ops.typeError("function takes 1 positional arguments but " + a.length + " were given");
            }
            return over(a[0]);
        };
        BuiltinTypes.method(TYPE, "mount", (a, kw) -> {
            if (a.length > 2 && Ops.truthy(a[2])) {
                throw Errno.oserror(1);
            }
            return PyNone.NONE;
        });
        BuiltinTypes.method(TYPE, "umount", (a, kw) -> a[0]);
        BuiltinTypes.method(TYPE, "chdir", (a, kw) -> {
            if (!"/".equals(Vfs.pathText(a[1]))) {
                throw Errno.oserror(95);
            }
            return PyNone.NONE;
        });
        BuiltinTypes.method(TYPE, "getcwd", (a, kw) -> "");
        BuiltinTypes.method(TYPE, "open", (a, kw) -> self(a[0]).open(a[1], Ops.str(a[2])));
        BuiltinTypes.method(TYPE, "ilistdir", (a, kw) -> self(a[0]).ilistdir(a[1]));
        BuiltinTypes.method(TYPE, "stat", (a, kw) -> self(a[0]).stat(a[1]));
        BuiltinTypes.method(TYPE, "statvfs", (a, kw) -> {
            VfsRom r = self(a[0]);
            return PyTuple.of(1L, 0L, (long) (r.fsEnd - r.fsStart), 0L, 0L, 0L, 0L, 0L, 0L, 32767L);
        });
    }

    // ---- vfs.rom_ioctl ------------------------------------------------------------------------

    /**
     * vfs.rom_ioctl(cmd, ...), over the board's one ROM partition, as the ports that keep
     * ROMFS in memory-mapped flash answer: 1 the number of partitions; 2 (id) the partition as
     * a memoryview; 3 (id, len) erase enough of it for len bytes, answering the smallest write
     * (16); 4 (id, offset, buf) write buf at offset; 5 (id) writing is done. A bad id, length
     * or offset answers -EINVAL.
     */
    static Object romIoctl(VM vm, Object[] a) {
        if (a.length < 1 || a.length > 4) {
            throw Ops.typeError("function expected 1 to 4 arguments");
        }
        RomPartition part = RomPartition.of(vm);
        long cmd = Ops.toLong(a[0]);
        if (cmd == 1) {
            return part == null ? 0L : 1L;
        }
        long einval = -22L;
        if (a.length < 2 || part == null || Ops.toLong(a[1]) != 0) {
            return einval;
        }
        switch ((int) cmd) {
            case 2:
                return new ArrayType.MemoryView(part, 0, part.size());
            case 3: {
                if (a.length < 3) {
                    return einval;
                }
                long len = Ops.toLong(a[2]);
                if (len < 0 || len > part.size()) {
                    return einval;
                }
                part.erase((int) len);
                return (long) RomPartition.MIN_WRITE;
            }
            case 4: {
                if (a.length < 4) {
                    return einval;
                }
                long off = Ops.toLong(a[2]);
                byte[] b = Ops.bytesOf(a[3]);
                if (off < 0 || off + b.length > part.size()) {
                    return einval;
                }
                part.write((int) off, b);
                return 0L;
            }
            case 5:
                part.sync();
                return 0L;
            default:
                return einval;
        }
    }

    /** {@link RomPartition#boot}: nothing happens without a partition or with no image in it. */
    static void mountAtBoot(VM vm) {
        RomPartition part = RomPartition.of(vm);
        if (part == null) {
            return;
        }
        VfsRom rom;
        try {
            rom = new VfsRom(part.bytes().clone());
        } catch (dev.mpt.vm.PyError e) {
            return; // not a ROMFS image (erased, or never written)
        }
        Vfs v = Vfs.of(vm);
        v.mount(new Object[] {rom, "/rom"}, null);
        java.util.List<Object> path = vm.path();
        int at = path.indexOf(".frozen");
        path.add(at + 1, "/rom");
        path.add(at + 2, "/rom/lib");
    }
}
