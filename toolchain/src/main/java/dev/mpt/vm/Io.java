package dev.mpt.vm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** io: StringIO, BytesIO, files under the VM's root and open(), the standard streams (MicroPython's modio, objstringio). */
public final class Io {
    private Io() {}

    public static final PyType STRING_IO = new PyType("StringIO", new PyType[] {Types.OBJECT}, true);
    public static final PyType BYTES_IO = new PyType("BytesIO", new PyType[] {Types.OBJECT}, true);
    static final PyType TEXT_FILE = new PyType("TextIOWrapper", new PyType[] {Types.OBJECT}, true);
    static final PyType FILE_IO = new PyType("FileIO", new PyType[] {Types.OBJECT}, true);

    /** An in-memory or on-disk stream: bytes buffer with a position; text mode decodes UTF-8. */
    public static class Stream implements PyObject, Slots.Stream, Slots.Print {
        final PyType type;
        /** The descriptor fileno() answers (a file's, or 0 to 2 for the standard streams); -1 for in-memory streams. */
        int fd = -1;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] data = new byte[0];
        int pos;
        boolean closed;
        public final boolean text;
        Path path;
        boolean writable;
        /** A read-only file over fixed bytes: writing it is EBADF. */
        boolean rom;
        /** False for a file opened only to write or append: reading it is EBADF. */
        boolean readable = true;
        VM vm;
        /**
         * A file open for writing: each write goes to the file at once through this channel,
         * as the unix port's write(2) does, so nothing is lost when a program never closes it.
         */
        java.nio.channels.FileChannel channel;
        int std = -1;
        /** For a standard text stream: its .buffer. */
        Stream binary;

        public Stream(PyType type, boolean text) {
            this.type = type;
            this.text = text;
        }

        public PyType type() {
            return type;
        }

        public void print(StringBuilder sb) {
            if (fd >= 0 || std >= 0) {
                sb.append("<io.").append(type.name).append(' ').append(fd >= 0 ? fd : std).append('>');
            } else {
                // StringIO/BytesIO: MicroPython prints the object's address with "0x%x", its low 32 bits
                long addr = Long.parseUnsignedLong(Repr.id(this), 16);
                sb.append("<io.").append(type.name).append(" 0x").append(Long.toHexString(addr & 0xffffffffL)).append('>');
            }
        }

        public long poll(VM vm, long mask) {
            if (std == 0) {
                return vm.stdinReady() ? mask & POLL_RD : 0;
            }
            if (std > 0) {
                return mask & POLL_WR;
            }
            if (closed) {
                return POLL_NVAL;
            }
            if (rom) {
                throw Errno.oserror(22); // a ROMFS file cannot be polled
            }
            return mask & (POLL_RD | POLL_WR);
        }

        void write(byte[] b) {
            if (closed) {
                throw Ops.valueError("I/O operation on closed file");
            }
            if ((path != null || rom) && !writable) {
                throw Errno.oserror(9);
            }
            if (std > 0) {
                if (std == 1) {
                    if (text) {
                        vm.writeBytes(b);
                    } else {
                        vm.writeBuffer(b);
                    }
                } else {
                    vm.flush();
                    vm.writeErr(new String(b, StandardCharsets.UTF_8));
                }
                return;
            }
            int at = pos;
            byte[] nd = data.length < pos + b.length ? java.util.Arrays.copyOf(data, pos + b.length) : data;
            if (channel != null) {
                checkDiskSpace(data.length, nd.length);
                try {
                    java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b);
                    for (long to = at; bb.hasRemaining(); ) {
                        to += channel.write(bb, to);
                    }
                } catch (IOException e) {
                    throw Errno.oserror(5);
                }
            }
            System.arraycopy(b, 0, nd, at, b.length);
            data = nd;
            pos = at + b.length;
        }

        /** ENOSPC when growing the file from {@code before} to {@code after} bytes passes the VM's disk limit. */
        private void checkDiskSpace(long before, long after) {
            if (vm == null || vm.diskLimit < 0 || VM.blocks(after) <= VM.blocks(before)) {
                return;
            }
            long used = vm.diskUsed() - VM.blocks(before) * VM.DISK_BLOCK + VM.blocks(after) * VM.DISK_BLOCK;
            if (used > vm.diskLimit) {
                throw Errno.oserror(28);
            }
        }

        public byte[] read(long n) {
            if (closed) {
                throw Ops.valueError("I/O operation on closed file");
            }
            if (path != null && !readable) {
                throw Errno.oserror(9);
            }
            if (std == 0) {
                if (!text) {
                    // sys.stdin.buffer: n bytes as they come (fewer only at the end of input)
                    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                    for (long i = 0; n < 0 || i < n; i++) {
                        int c = vm.readByte();
                        if (c < 0) {
                            break;
                        }
                        out.write(c);
                    }
                    return out.toByteArray();
                }
                StringBuilder sb = new StringBuilder();
                for (long i = 0; n < 0 || i < n; i++) {
                    int c = vm.readChar();
                    if (c < 0) {
                        break;
                    }
                    sb.appendCodePoint(c);
                }
                return sb.toString().getBytes(StandardCharsets.UTF_8);
            }
            if (pos > data.length) {
                return new byte[0];
            }
            int end = n < 0 ? data.length : (int) Math.min(data.length, pos + n);
            if (end < pos) {
                end = pos;
            }
            byte[] r = java.util.Arrays.copyOfRange(data, pos, end);
            pos = end;
            return r;
        }

        byte[] readline() {
            if (path != null && !readable) {
                throw Errno.oserror(9);
            }
            if (std == 0) {
                String l = vm.readLine();
                return l == null ? new byte[0] : (l + "\n").getBytes(StandardCharsets.UTF_8);
            }
            if (pos > data.length) {
                return new byte[0];
            }
            int end = pos;
            while (end < data.length && data[end] != '\n') {
                end++;
            }
            if (end < data.length) {
                end++;
            }
            byte[] r = java.util.Arrays.copyOfRange(data, pos, end);
            pos = end;
            return r;
        }

        void close() {
            if (!closed && channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    closed = true;
                    throw Errno.oserror(5);
                }
            }
            if (!closed && path != null && vm != null) {
                vm.files.release(fd, this);
            }
            closed = true;
        }

        Object wrap(byte[] b) {
            return text ? BuiltinTypes.decodeUtf8(b) : new PyBytes(b);
        }
    }

    public static Stream stdStream(VM vm, int which) {
        Stream s = new Stream(TEXT_FILE, true);
        s.vm = vm;
        s.std = which;
        return s;
    }

    /** sys.stdout.buffer and friends: the same standard stream, taking bytes. */
    static Stream binaryStd(Stream text) {
        if (text.binary == null) {
            Stream b = new Stream(FILE_IO, false);
            b.vm = text.vm;
            b.std = text.std;
            text.binary = b;
        }
        return text.binary;
    }

    static {
        for (PyType t : new PyType[] {STRING_IO, BYTES_IO, TEXT_FILE, FILE_IO}) {
            BuiltinTypes.method(t, "write", (a, kw) -> {
                Stream s = (Stream) a[0];
                // as MicroPython's stream write: any buffer, on text streams too (bytes written to
                // sys.stdout go out as they are), and write(buf, max_len) / write(buf, off, max_len)
                // with both read as unsigned machine words (write(s, -1) writes everything)
                byte[] b = a[1] instanceof String str ? str.getBytes(StandardCharsets.UTF_8) : Ops.bytesOf(a[1]);
                if (a.length > 2) {
                    long off = a.length > 3 ? Ops.toLong(a[2]) : 0;
                    long len = Ops.toLong(a[a.length > 3 ? 3 : 2]);
                    off = Long.compareUnsigned(off, b.length) > 0 ? b.length : off;
                    len = Long.compareUnsigned(len, b.length - off) > 0 ? b.length - off : len;
                    b = java.util.Arrays.copyOfRange(b, (int) off, (int) (off + len));
                }
                s.write(b);
                // the bytes written, a str's UTF-8 too (MicroPython's files count bytes, text ones as well)
                return (long) b.length;
            });
            BuiltinTypes.method(t, "read", (a, kw) -> {
                Stream s = (Stream) a[0];
                long n = a.length > 1 && a[1] != PyNone.NONE ? Ops.toLong(a[1]) : -1;
                if (s.text && n >= 0 && s.std != 0) {
                    if (s.closed) {
                        throw Ops.valueError("I/O operation on closed file");
                    }
                    if (s.path != null && !s.readable) {
                        throw Errno.oserror(9);
                    }
                    String rest = new String(s.data, s.pos, s.data.length - s.pos, StandardCharsets.UTF_8);
                    int cps = rest.codePointCount(0, rest.length());
                    String part = cps > n ? rest.substring(0, rest.offsetByCodePoints(0, (int) n)) : rest;
                    s.pos += part.getBytes(StandardCharsets.UTF_8).length;
                    return part;
                }
                return s.wrap(s.read(n));
            });
            BuiltinTypes.method(t, "readinto", (a, kw) -> {
                Stream s = (Stream) a[0];
                long n = ArrayType.writableLength(a[1]);
                if (a.length > 2) {
                    n = Math.min(n, Ops.toLong(a[2]));
                }
                byte[] r = s.read(n);
                ArrayType.store(a[1], r, r.length);
                return (long) r.length;
            });
            BuiltinTypes.method(t, "readline", (a, kw) -> {
                Stream s = (Stream) a[0];
                int start = s.pos;
                byte[] line = s.readline();
                if (a.length > 1 && a[1] != PyNone.NONE && s.std != 0) {
                    long n = Ops.toLong(a[1]);
                    if (n >= 0) {
                        // at most n characters (text) or bytes
                        int keep = (int) Math.min(line.length, n);
                        if (s.text) {
                            String str = new String(line, StandardCharsets.UTF_8);
                            int cps = str.codePointCount(0, str.length());
                            if (cps > n) {
                                str = str.substring(0, str.offsetByCodePoints(0, (int) n));
                            }
                            keep = str.getBytes(StandardCharsets.UTF_8).length;
                        }
                        s.pos = start + keep;
                        line = java.util.Arrays.copyOf(line, keep);
                    }
                }
                return s.wrap(line);
            });
            BuiltinTypes.method(t, "readlines", (a, kw) -> {
                Stream s = (Stream) a[0];
                PyList out = new PyList();
                while (true) {
                    byte[] l = s.readline();
                    if (l.length == 0) {
                        break;
                    }
                    out.items.add(s.wrap(l));
                }
                return out;
            });
            BuiltinTypes.method(t, "getvalue", (a, kw) -> ((Stream) a[0]).wrap(((Stream) a[0]).data));
            BuiltinTypes.method(t, "fileno", (a, kw) -> {
                Stream s = (Stream) a[0];
                if (s.std >= 0) {
                    return (long) s.std;
                }
                if (s.fd < 0) {
                    throw Errno.oserror(95);
                }
                return (long) s.fd;
            });
            BuiltinTypes.method(t, "seek", (a, kw) -> {
                Stream s = (Stream) a[0];
                if (s.closed) {
                    throw Errno.oserror(9);
                }
                long off = Ops.toLong(a[1]);
                long whence = a.length > 2 ? Ops.toLong(a[2]) : 0;
                if (whence == 0 && off < 0) {
                    throw Errno.oserror(22);
                }
                long p = whence == 0 ? off : whence == 1 ? s.pos + off : s.data.length + off;
                if (s.rom) {
                    // a ROMFS file stops at its end; before its start is EINVAL
                    if (p < 0) {
                        throw Errno.oserror(22);
                    }
                    p = Math.min(p, s.data.length);
                }
                s.pos = (int) Math.max(0, p);
                return (long) s.pos;
            });
            BuiltinTypes.method(t, "tell", (a, kw) -> (long) ((Stream) a[0]).pos);
            BuiltinTypes.method(t, "flush", (a, kw) -> {
                if (((Stream) a[0]).vm != null) {
                    ((Stream) a[0]).vm.flush();
                }
                return PyNone.NONE;
            });
            BuiltinTypes.method(t, "close", (a, kw) -> {
                ((Stream) a[0]).close();
                return PyNone.NONE;
            });
            BuiltinTypes.method(t, "__enter__", (a, kw) -> a[0]);
            BuiltinTypes.method(t, "__exit__", (a, kw) -> {
                ((Stream) a[0]).close();
                return PyNone.NONE;
            });
            BuiltinTypes.method(t, "__iter__", (a, kw) -> {
                Stream s = (Stream) a[0];
                return new PyIter() {
                    public Object next() {
                        byte[] l = s.readline();
                        return l.length == 0 ? null : s.wrap(l);
                    }
                };
            });
            // a stream is its own iterator in MicroPython: next(f) reads a line
            BuiltinTypes.method(t, "__next__", (a, kw) -> {
                Stream s = (Stream) a[0];
                byte[] l = s.readline();
                if (l.length == 0) {
                    throw Ops.error(Types.STOP_ITERATION, null);
                }
                return s.wrap(l);
            });
        }
        // what each kind has in MicroPython's tables: files can tell their fd and read all
        // lines, in-memory streams give their value
        for (PyType t : new PyType[] {STRING_IO, BYTES_IO}) {
            t.dict.remove("readlines");
            t.dict.remove("fileno");
        }
        for (PyType t : new PyType[] {TEXT_FILE, FILE_IO}) {
            t.dict.remove("getvalue");
        }
        STRING_IO.maker = (cls, a, kw) -> {
            Stream s = new Stream(STRING_IO, true);
            if (a.length > 0 && !Ops.isInt(a[0])) { // an int is a capacity to reserve
                s.data = Ops.str(a[0]).getBytes(StandardCharsets.UTF_8);
            }
            return s;
        };
        BYTES_IO.maker = (cls, a, kw) -> {
            Stream s = new Stream(BYTES_IO, false);
            if (a.length > 0 && !Ops.isInt(a[0])) { // an int is a capacity to reserve
                s.data = Ops.bytesOf(a[0]).clone();
            }
            return s;
        };
    }

    static final PyType BUFFERED_WRITER = new PyType("BufferedWriter", new PyType[] {Types.OBJECT}, true);

    /** io.BufferedWriter(stream, size): collects writes and passes them on in blocks of size bytes. */
    static final class BufferedWriter implements PyObject {
        final Object stream;
        final byte[] buf;
        int len;

        BufferedWriter(Object stream, int size) {
            this.stream = stream;
            this.buf = new byte[size];
        }

        public PyType type() {
            return BUFFERED_WRITER;
        }

        void out(byte[] b, int n) {
            byte[] part = java.util.Arrays.copyOf(b, n);
            Object r = Ops.call(Ops.getattr(stream, "write"),
                    stream instanceof Stream ? new PyBytes(part) : new PyByteArray(part));
            if (r == PyNone.NONE) {
                throw Errno.oserror(11);
            }
        }
    }

    static {
        BUFFERED_WRITER.maker = (cls, a, kw) -> {
            long size = a.length > 1 ? Ops.toLong(a[1]) : 8192;
            if (size <= 0) {
                throw Ops.valueError(null);
            }
            return new BufferedWriter(a[0], (int) size);
        };
        BuiltinTypes.method(BUFFERED_WRITER, "write", (a, kw) -> {
            BufferedWriter w = (BufferedWriter) a[0];
            byte[] d = Ops.bytesOf(a[1]);
            int off = 0;
            int size = d.length;
            while (size > 0) {
                int room = w.buf.length - w.len;
                if (size < room) {
                    System.arraycopy(d, off, w.buf, w.len, size);
                    w.len += size;
                    break;
                }
                System.arraycopy(d, off, w.buf, w.len, room);
                off += room;
                size -= room;
                w.len = w.buf.length;
                w.out(w.buf, w.len);
                w.len = 0;
            }
            return (long) d.length;
        });
        BuiltinTypes.method(BUFFERED_WRITER, "flush", (a, kw) -> {
            BufferedWriter w = (BufferedWriter) a[0];
            if (w.len > 0) {
                w.out(w.buf, w.len);
                w.len = 0;
            }
            return PyNone.NONE;
        });
    }

    static PyModule io(VM vm) {
        PyModule m = new PyModule("io");
        m.globals.put("StringIO", STRING_IO);
        m.globals.put("BytesIO", BYTES_IO);
        m.globals.put("IOBase", vm.ioBase);
        m.globals.put("BufferedWriter", BUFFERED_WRITER);
        m.fn("open", (a, kw) -> vm.fileAccess().open(a, kw));
        return m;
    }

    /** open() on the VM's root directory alone (no mount table): a name, or a file descriptor. */
    static Object open(VM vm, Object[] a, Map<String, Object> kw) {
        String mode = Ops.str(ArgCheck.arg(a, 1, kw, "mode", "r"));
        if (a.length > 0 && a[0] instanceof Long fd) {
            return openFd(vm, fd, mode);
        }
        String name = Ops.str(a[0]);
        return openFile(vm, vm.resolve(name), mode);
    }

    /**
     * Opens a host file as MicroPython's VfsPosix does: text or binary by the mode's 'b', read
     * ('r'), truncate ('w'), append ('a') or exclusive create ('x'), '+' for both ways. A null
     * path (outside the root) is ENOENT.
     */
    public static Object openFile(VM vm, Path p, String mode) {
        if (p == null) {
            throw Errno.oserror(2);
        }
        boolean text = !mode.contains("b");
        Stream s = new Stream(text ? TEXT_FILE : FILE_IO, text);
        s.vm = vm;
        s.path = p;
        s.readable = mode.contains("r") || mode.contains("+");
        try {
            if (mode.contains("r")) {
                if (!java.nio.file.Files.isRegularFile(p)) {
                    throw Errno.oserror(java.nio.file.Files.isDirectory(p) ? 21 : 2);
                }
                s.data = java.nio.file.Files.readAllBytes(p);
                s.writable = mode.contains("+");
            } else if (mode.contains("w")) {
                if (java.nio.file.Files.isDirectory(p)) {
                    throw Errno.oserror(21);
                }
                s.writable = true;
                openChannel(s, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
            } else if (mode.contains("a")) {
                s.writable = true;
                s.data = java.nio.file.Files.isRegularFile(p) ? java.nio.file.Files.readAllBytes(p) : new byte[0];
                s.pos = s.data.length;
                openChannel(s, java.nio.file.StandardOpenOption.CREATE);
            } else if (mode.contains("x")) {
                if (java.nio.file.Files.exists(p)) {
                    throw Errno.oserror(17);
                }
                s.writable = true;
                openChannel(s, java.nio.file.StandardOpenOption.CREATE_NEW);
            }
            if (s.writable && s.channel == null) {
                openChannel(s); // "r+"
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw Errno.oserror(17);
        } catch (IOException e) {
            throw Errno.oserror(2);
        }
        s.fd = vm.files.allocate(s);
        return s;
    }

    /** A file whose bytes are given and cannot be written (a ROMFS file). */
    /** A read-only file whose bytes are mapped in place: a window onto owner from start (memoryview, uctypes.addressof). */
    public static Object mappedFile(byte[] data, boolean text, Object owner, int start) {
        Stream s = new Mapped(text ? TEXT_FILE : FILE_IO, text, owner, start);
        s.data = data;
        s.rom = true;
        return s;
    }

    static final class Mapped extends Stream implements Slots.Buffer {
        private final Object owner;
        private final int start;

        Mapped(PyType type, boolean text, Object owner, int start) {
            super(type, text);
            this.owner = owner;
            this.start = start;
        }

        @Override
        public byte[] bufferBytes() {
            return data.clone();
        }

        @Override
        public Object bufferOwner() {
            return owner;
        }

        @Override
        public int[] bufferWindow() {
            return new int[] {start, data.length};
        }
    }

    public static Object readOnlyFile(byte[] data, boolean text) {
        Stream s = new Stream(text ? TEXT_FILE : FILE_IO, text);
        s.data = data;
        s.rom = true;
        return s;
    }

    /** open(fd): a file object over an open descriptor (0, 1 and 2 are the standard streams). */
    public static Object openFd(VM vm, long fd, String mode) {
        boolean text = !mode.contains("b");
        Stream s = new Stream(text ? TEXT_FILE : FILE_IO, text);
        s.vm = vm;
        if (fd >= 0 && fd <= 2) {
            s.std = (int) fd;
            s.fd = (int) fd;
            return s;
        }
        Stream open = vm.files.get(fd);
        if (open == null) {
            throw Errno.oserror(9);
        }
        return open;
    }


    private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();

    /**
     * Opens the channel a writable file writes through; the channel is closed when the file
     * is, or (as MicroPython's finaliser closes a dropped file) once the file is unreachable.
     */
    private static void openChannel(Stream s, java.nio.file.OpenOption... options) throws IOException {
        java.util.List<java.nio.file.OpenOption> all = new java.util.ArrayList<>(java.util.Arrays.asList(options));
        all.add(java.nio.file.StandardOpenOption.WRITE);
        java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(s.path, new java.util.HashSet<>(all));
        s.channel = ch;
        CLEANER.register(s, () -> {
            try {
                ch.close();
            } catch (IOException e) {
                // nothing left to tell
            }
        });
    }

    /** A VM's open files by descriptor: the lowest free number from 3 up, as an OS gives them. */
    static final class Files {
        private final java.util.TreeMap<Integer, java.lang.ref.WeakReference<Stream>> open = new java.util.TreeMap<>();

        synchronized int allocate(Stream s) {
            // a file the program dropped without closing gives its number back (its finaliser ran)
            open.values().removeIf(r -> r.get() == null);
            int fd = 3;
            while (open.containsKey(fd)) {
                fd++;
            }
            open.put(fd, new java.lang.ref.WeakReference<>(s));
            return fd;
        }

        synchronized void release(int fd, Stream s) {
            java.lang.ref.WeakReference<Stream> r = open.get(fd);
            if (r != null && r.get() == s) {
                open.remove(fd);
            }
        }

        synchronized Stream get(long fd) {
            java.lang.ref.WeakReference<Stream> r = fd > Integer.MAX_VALUE ? null : open.get((int) fd);
            return r == null ? null : r.get();
        }
    }
}
