package dev.mpt.vm.extmod;

import dev.mpt.vm.ArrayType;
import dev.mpt.vm.BuiltinTypes;
import dev.mpt.vm.Errno;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyBytes;
import dev.mpt.vm.PyIter;
import dev.mpt.vm.PyList;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyObject;
import dev.mpt.vm.PyType;
import dev.mpt.vm.Repr;
import dev.mpt.vm.Slots;
import dev.mpt.vm.Types;
import dev.mpt.vm.VM;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An open file of a filesystem on a block device (VfsFat, VfsLfs1, VfsLfs2): MicroPython's stream
 * methods over a {@link Handle} that reads and writes at a position. A short write is ENOSPC,
 * as in extmod/vfs_fat_file.c; flush syncs the file, close syncs and closes it.
 */
final class BlockFile implements PyObject, Slots.Stream, Slots.Print {
    static final PyType FILE_IO = new PyType("FileIO", new PyType[] {Types.OBJECT}, true);
    static final PyType TEXT_IO = new PyType("TextIOWrapper", new PyType[] {Types.OBJECT}, true);

    /** What a filesystem gives an open file. */
    interface Handle {
        /** Reads up to len bytes at pos; the count read (0 at the end). */
        int read(long pos, byte[] b, int off, int len);

        /** Writes at pos; the count written, fewer when the filesystem is full. */
        int write(long pos, byte[] b, int off, int len);

        long size();

        void sync();

        void close();

        /** Where a seek to npos lands (or an OSError): FatFs stops at the end of a file it cannot write and grows one it can. */
        default long seek(long npos, boolean writable) {
            return npos;
        }

        /** tell(): the position (littlefs v1 answers it by a seek, which writes out what is buffered). */
        default long tell(long pos) {
            return pos;
        }

        /** Whether the file prints with its address ({@code <io.FileIO 7f..>} on FAT, {@code <io.FileIO>} on littlefs). */
        default boolean printsAddress() {
            return true;
        }
    }

    final Handle h;
    final boolean text;
    final boolean readable;
    final boolean writable;
    final boolean append;
    long pos;
    boolean closed;

    /** What closes the file if the program drops it open (MicroPython's finaliser), or null. */
    private final Finalisers.Ref finaliser;

    BlockFile(Handle h, boolean text, boolean readable, boolean writable, boolean append) {
        this.h = h;
        this.text = text;
        this.readable = readable;
        this.writable = writable;
        this.append = append;
        VM vm = VM.current();
        this.finaliser = vm == null ? null : Finalisers.of(vm).register(this, h);
    }

    /**
     * The files of one VM that are open: one the program drops without closing is closed (its
     * data written out) by the next gc.collect(), on the VM's thread, as MicroPython's
     * finaliser closes it when the collector frees it.
     */
    static final class Finalisers {
        final java.util.Set<Ref> live = java.util.concurrent.ConcurrentHashMap.newKeySet();
        /** When run() last asked for a full collection (System.nanoTime), 0 never. */
        private long lastFull;
        /** Whether a file was opened since the last full collection. */
        private volatile boolean opened;

        static final class Ref extends java.lang.ref.WeakReference<BlockFile> {
            final Handle h;
            final Finalisers owner;

            Ref(BlockFile f, Handle h, Finalisers owner) {
                super(f);
                this.h = h;
                this.owner = owner;
            }
        }

        static Finalisers of(VM vm) {
            return vm.moduleState(Finalisers.class, v -> {
                Finalisers f = new Finalisers();
                v.onCollect(f::run);
                return f;
            });
        }

        Ref register(BlockFile f, Handle h) {
            Ref r = new Ref(f, h, this);
            live.add(r);
            opened = true;
            return r;
        }

        void forget(Ref r) {
            live.remove(r);
            r.clear();
        }

        /** After gc.collect(): fullCollection says whether it already collected the JVM's whole heap. */
        void run(boolean fullCollection) {
            if (live.isEmpty()) {
                return;
            }
            // a full collection clears the references of the files no longer reachable; it costs
            // tens of milliseconds, so without the heap's own, a program calling gc.collect() in a
            // loop while it keeps a file open gets one every quarter second (a file it dropped
            // meanwhile is closed by a later call); one after files were opened always runs
            long now = System.nanoTime();
            if (!fullCollection && (opened || now - lastFull >= 250_000_000L || lastFull == 0)) {
                lastFull = now;
                System.gc();
            }
            opened = false;
            for (Ref r : java.util.List.copyOf(live)) {
                if (r.refersTo(null) && live.remove(r)) {
                    try {
                        r.h.close();
                    } catch (dev.mpt.vm.PyError e) {
                        // as a finaliser's error, not reported
                    }
                }
            }
        }
    }

    @Override
    public PyType type() {
        return text ? TEXT_IO : FILE_IO;
    }

    @Override
    public void print(StringBuilder sb) {
        sb.append("<io.").append(type().name);
        if (h.printsAddress()) {
            sb.append(' ').append(Repr.id(this));
        }
        sb.append('>');
    }

    @Override
    public long poll(VM vm, long mask) {
        return closed ? POLL_NVAL : mask & (POLL_RD | POLL_WR);
    }

    /** The parsed mode of open(): {read, write, create, truncate, exclusive, append, text}. */
    record Mode(boolean read, boolean write, boolean create, boolean truncate, boolean exclusive, boolean append,
            boolean text) {
        static Mode parse(String m) {
            boolean r = false, w = false, c = false, t = false, x = false, a = false, text = true;
            for (char ch : m.toCharArray()) {
                switch (ch) {
                    case 'r' -> r = true;
                    case 'w' -> {
                        w = true;
                        c = true;
                        t = true;
                    }
                    case 'x' -> {
                        w = true;
                        c = true;
                        x = true;
                    }
                    case 'a' -> {
                        w = true;
                        c = true;
                        a = true;
                    }
                    case '+' -> {
                        r = true;
                        w = true;
                    }
                    case 'b' -> text = false;
                    case 't' -> text = true;
                    default -> throw Ops.valueError("invalid mode");
                }
            }
            return new Mode(r, w, c, t, x, a, text);
        }
    }

    private void check() {
        if (closed) {
            throw Errno.oserror(22); // FatFs and littlefs: an invalid object
        }
    }

    byte[] readBytes(long n) {
        check();
        if (!readable) {
            throw Errno.oserror(9);
        }
        long avail = Math.max(0, h.size() - pos);
        int want = (int) (n < 0 ? avail : Math.min(n, avail));
        byte[] b = new byte[want];
        int got = 0;
        while (got < want) {
            int r = h.read(pos + got, b, got, want - got);
            if (r <= 0) {
                break;
            }
            got += r;
        }
        pos += got;
        return got == want ? b : java.util.Arrays.copyOf(b, got);
    }

    /** n characters of text (UTF-8 sequences kept whole), or all that is left when n < 0. */
    private byte[] readChars(long n) {
        if (n < 0) {
            return readBytes(-1);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long i = 0; i < n; i++) {
            byte[] c = readBytes(1);
            if (c.length == 0) {
                break;
            }
            out.write(c[0]);
            int more = (c[0] & 0xe0) == 0xc0 ? 1 : (c[0] & 0xf0) == 0xe0 ? 2 : (c[0] & 0xf8) == 0xf0 ? 3 : 0;
            byte[] rest = readBytes(more);
            out.write(rest, 0, rest.length);
        }
        return out.toByteArray();
    }

    byte[] readline(long max) {
        check();
        if (!readable) {
            throw Errno.oserror(9);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] one = new byte[1];
        while (max < 0 || out.size() < max) {
            if (h.read(pos, one, 0, 1) <= 0) {
                break;
            }
            pos++;
            out.write(one[0]);
            if (one[0] == '\n') {
                break;
            }
        }
        return out.toByteArray();
    }

    long write(byte[] b) {
        check();
        if (!writable) {
            throw Errno.oserror(9);
        }
        if (append) {
            pos = h.size();
        }
        int n = b.length == 0 ? 0 : h.write(pos, b, 0, b.length);
        pos += n;
        if (n != b.length) {
            throw Errno.oserror(28);
        }
        return n;
    }

    void close() {
        if (!closed) {
            closed = true;
            if (finaliser != null) {
                finaliser.owner.forget(finaliser);
            }
            h.close();
        }
    }

    Object wrap(byte[] b) {
        return text ? BuiltinTypes.decodeUtf8(b) : new PyBytes(b);
    }

    static BlockFile self(Object o) {
        if (o instanceof BlockFile f) {
            return f;
        }
        throw Ops.typeError("file expected");
    }

    static {
        for (PyType t : new PyType[] {FILE_IO, TEXT_IO}) {
            BuiltinTypes.method(t, "read", (a, kw) -> {
                BlockFile f = self(a[0]);
                long n = a.length > 1 && a[1] != PyNone.NONE ? Ops.toLong(a[1]) : -1;
                return f.wrap(f.text ? f.readChars(n) : f.readBytes(n));
            });
            BuiltinTypes.method(t, "readinto", (a, kw) -> {
                BlockFile f = self(a[0]);
                long n = ArrayType.writableLength(a[1]);
                if (a.length > 2) {
                    n = Math.min(n, Ops.toLong(a[2]));
                }
                byte[] r = f.readBytes(n);
                ArrayType.store(a[1], r, r.length);
                return (long) r.length;
            });
            BuiltinTypes.method(t, "readline", (a, kw) -> {
                BlockFile f = self(a[0]);
                return f.wrap(f.readline(a.length > 1 && a[1] != PyNone.NONE ? Ops.toLong(a[1]) : -1));
            });
            BuiltinTypes.method(t, "readlines", (a, kw) -> {
                BlockFile f = self(a[0]);
                PyList out = new PyList();
                for (byte[] l = f.readline(-1); l.length > 0; l = f.readline(-1)) {
                    out.items.add(f.wrap(l));
                }
                return out;
            });
            BuiltinTypes.method(t, "write", (a, kw) -> {
                BlockFile f = self(a[0]);
                byte[] b;
                if (a[1] instanceof String s) {
                    b = s.getBytes(StandardCharsets.UTF_8);
                } else {
                    b = Ops.bytesOf(a[1]);
                }
                if (a.length > 2) {
                    long off = a.length > 3 ? Ops.toLong(a[2]) : 0;
                    long len = Ops.toLong(a[a.length > 3 ? 3 : 2]);
                    off = Math.max(0, Math.min(off, b.length));
                    len = Math.max(0, Math.min(len, b.length - off));
                    b = java.util.Arrays.copyOfRange(b, (int) off, (int) (off + len));
                }
                f.write(b);
                return a[1] instanceof String s && a.length == 2 ? (long) s.codePointCount(0, s.length()) : (long) b.length;
            });
            BuiltinTypes.method(t, "seek", (a, kw) -> {
                BlockFile f = self(a[0]);
                f.check();
                long off = Ops.toLong(a[1]);
                long whence = a.length > 2 ? Ops.toLong(a[2]) : 0;
                if (whence == 0 && off < 0) {
                    throw Errno.oserror(22); // as MicroPython's stream seek
                }
                long p = whence == 0 ? off : whence == 1 ? f.pos + off : f.h.size() + off;
                f.pos = f.h.seek(p, f.writable);
                return f.pos;
            });
            BuiltinTypes.method(t, "tell", (a, kw) -> {
                BlockFile f = self(a[0]);
                f.check();
                return f.h.tell(f.pos);
            });
            BuiltinTypes.method(t, "flush", (a, kw) -> {
                BlockFile f = self(a[0]);
                f.check();
                f.h.sync();
                return PyNone.NONE;
            });
            BuiltinTypes.method(t, "close", (a, kw) -> {
                self(a[0]).close();
                return PyNone.NONE;
            });
            BuiltinTypes.method(t, "__del__", (a, kw) -> {
                self(a[0]).close();
                return PyNone.NONE;
            });
            BuiltinTypes.method(t, "__enter__", (a, kw) -> a[0]);
            BuiltinTypes.method(t, "__exit__", (a, kw) -> {
                self(a[0]).close();
                return PyNone.NONE;
            });
            BuiltinTypes.method(t, "__iter__", (a, kw) -> {
                BlockFile f = self(a[0]);
                return new PyIter() {
                    @Override
                    public Object next() {
                        byte[] l = f.readline(-1);
                        return l.length == 0 ? null : f.wrap(l);
                    }
                };
            });
        }
    }

    /** The names of a path split at {@code separators} (a regex): empty names and "." dropped, ".." taking one off. */
    static java.util.List<String> names(String path, String separators) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (String p : path.split(separators)) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
                continue;
            }
            parts.add(p);
        }
        return parts;
    }
}
