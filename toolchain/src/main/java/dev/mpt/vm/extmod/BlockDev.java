package dev.mpt.vm.extmod;

import dev.mpt.vm.Errno;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyByteArray;
import dev.mpt.vm.PyNone;

/**
 * A block device written in Python, called as MicroPython's extmod/vfs_blockdev.c calls it:
 * {@code readblocks(n, buf)} and {@code writeblocks(n, buf)} for whole blocks,
 * {@code readblocks(n, buf, off)} and {@code writeblocks(n, buf, off)} for the extended
 * interface (littlefs), and {@code ioctl(op, arg)} — or, for the old protocol without ioctl,
 * {@code count()} and {@code sync()}. A call's result of None or True is success, False is
 * EIO, a negative number is that error, a positive one EINVAL.
 */
final class BlockDev {
    static final int IOCTL_INIT = 1;
    static final int IOCTL_DEINIT = 2;
    static final int IOCTL_SYNC = 3;
    static final int IOCTL_BLOCK_COUNT = 4;
    static final int IOCTL_BLOCK_SIZE = 5;
    static final int IOCTL_BLOCK_ERASE = 6;

    final Object obj;
    private final Object readblocks;
    private final Object writeblocks;
    private final Object ioctl;
    private final Object count;
    private final Object sync;
    /** The block size whole-block reads and writes use. */
    int blockSize = 512;

    BlockDev(Object obj) {
        this.obj = obj;
        readblocks = Ops.getattr(obj, "readblocks");
        writeblocks = Ops.getattrOrNull(obj, "writeblocks");
        ioctl = Ops.getattrOrNull(obj, "ioctl");
        if (ioctl == null) {
            sync = Ops.getattrOrNull(obj, "sync");
            count = Ops.getattr(obj, "count");
        } else {
            sync = null;
            count = null;
        }
    }

    /** Set by mount(readonly=True): the device is then written as if it had no writeblocks. */
    boolean readonly;

    boolean writable() {
        return writeblocks != null && !readonly;
    }

    private static int result(Object r) {
        if (r == PyNone.NONE || r == Boolean.TRUE) {
            return 0;
        }
        if (r == Boolean.FALSE) {
            return -5;
        }
        long i = Ops.toLong(r);
        return i > 0 ? -22 : (int) i;
    }

    /** Reads whole blocks into b[off..]; 0 or a negative errno. */
    int read(long block, byte[] b, int off, int len) {
        PyByteArray buf = new PyByteArray(new byte[len]);
        int r = result(Ops.call(readblocks, block, buf));
        System.arraycopy(buf.data, 0, b, off, len);
        return r;
    }

    int readExt(long block, long blockOff, byte[] b, int off, int len) {
        PyByteArray buf = new PyByteArray(new byte[len]);
        int r = result(Ops.call(readblocks, block, buf, blockOff));
        System.arraycopy(buf.data, 0, b, off, len);
        return r;
    }

    int write(long block, byte[] b, int off, int len) {
        if (!writable()) {
            return -30;
        }
        return result(Ops.call(writeblocks, block, new PyByteArray(java.util.Arrays.copyOfRange(b, off, off + len))));
    }

    int writeExt(long block, long blockOff, byte[] b, int off, int len) {
        if (!writable()) {
            return -30;
        }
        return result(Ops.call(writeblocks, block, new PyByteArray(java.util.Arrays.copyOfRange(b, off, off + len)),
                blockOff));
    }

    /** ioctl(op, arg), or what the old protocol answers for it. */
    Object ioctl(int op, long arg) {
        if (ioctl != null) {
            return Ops.call(ioctl, (long) op, arg);
        }
        if (op == IOCTL_SYNC && sync != null) {
            Ops.call(sync);
        } else if (op == IOCTL_BLOCK_COUNT) {
            return Ops.call(count);
        }
        return PyNone.NONE;
    }

    /** ioctl INIT: false when the device answers an error number. */
    boolean init() {
        Object r = ioctl(IOCTL_INIT, 0);
        return r == PyNone.NONE || !Ops.isInt(r) || Ops.toLong(r) == 0;
    }

    /** An ioctl answer as an int, or dflt when the device answers None. */
    long ioctlInt(int op, long arg, long dflt) {
        Object r = ioctl(op, arg);
        return r == PyNone.NONE ? dflt : Ops.toLong(r);
    }

    static dev.mpt.vm.PyError eio() {
        return Errno.oserror(5);
    }
}
