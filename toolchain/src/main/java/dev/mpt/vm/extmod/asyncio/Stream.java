package dev.mpt.vm.extmod.asyncio;

import static dev.mpt.vm.extmod.asyncio.Asyncio.*;
import static dev.mpt.vm.extmod.asyncio.Event.*;
import static dev.mpt.vm.extmod.asyncio.Funcs.*;
import static dev.mpt.vm.extmod.asyncio.Lock.*;
import static dev.mpt.vm.extmod.asyncio.Task.*;

import dev.mpt.vm.BuiltinTypes;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyBuiltin;
import dev.mpt.vm.PyBytes;
import dev.mpt.vm.PyDict;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyException;
import dev.mpt.vm.PyGenerator;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyObject;
import dev.mpt.vm.PyTuple;
import dev.mpt.vm.PyType;
import dev.mpt.vm.Slots;
import dev.mpt.vm.Types;

/** asyncio.Stream: a stream wrapped for awaiting reads and buffered writes. */
final class Stream implements PyObject, Slots.Attributes {
    final Object s;
    final Object extra;
    byte[] out = new byte[0];

    final Loop loop;

    Stream(Loop loop, Object s, Object extra) {
        this.loop = loop;
        this.s = s;
        this.extra = extra;
    }

    public PyType type() {
        return loop.streamType;
    }

    /** s (the socket) and e (the extra info), as libraries written for MicroPython's asyncio read them. */
    public Object getAttr(String name) {
        return switch (name) {
            case "s" -> s;
            case "e" -> extra;
            case "out_buf" -> new PyBytes(out);
            default -> null;
        };
    }

    /** Waits (through the I/O queue) until s is readable or writable, then runs body; repeats while body says so. */
    abstract static class IoWait extends Machine {
        final Loop loop;
        final Object s;
        final int idx;
        boolean waiting;

        IoWait(Loop loop, Object s, int idx) {
            this.loop = loop;
            this.s = s;
            this.idx = idx;
        }

        /** Called once s is ready: a Resume to finish, or null to wait again. */
        abstract PyGenerator.Resume ready();

        PyGenerator.Resume advance(Object value, PyError err) {
            if (err != null) {
                throw err;
            }
            while (true) {
                if (!waiting) {
                    waiting = true;
                    loop.io.enqueue(loop, s, idx);
                    return YIELD;
                }
                waiting = false;
                PyGenerator.Resume r = ready();
                if (r != null) {
                    return r;
                }
            }
        }
    }

    static byte[] concat(byte[] x, byte[] y) {
        byte[] r = java.util.Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, r, x.length, y.length);
        return r;
    }

    /** StreamReader/StreamWriter's methods. */
    static void init(Loop loop) {
        loop.streamType.maker = (cls, a, kw) -> new Stream(loop, a[0], a.length > 1 ? a[1] : new PyDict());
        BuiltinTypes.method(loop.streamType, "get_extra_info", (a, kw) -> Ops.getitem(((Stream) a[0]).extra, a[1]));
        BuiltinTypes.method(loop.streamType, "close", (a, kw) -> PyNone.NONE);
        BuiltinTypes.method(loop.streamType, "wait_closed", (a, kw) -> {
            Stream st = (Stream) a[0];
            return new Machine() {
                PyGenerator.Resume advance(Object value, PyError err) {
                    if (err != null) {
                        throw err;
                    }
                    Ops.call(Ops.getattr(st.s, "close"));
                    return done(PyNone.NONE);
                }
            };
        });
        BuiltinTypes.method(loop.streamType, "read", (a, kw) -> {
            Stream st = (Stream) a[0];
            long n = a.length > 1 ? Ops.toLong(a[1]) : -1;
            return new IoWait(loop, st.s, 0) {
                byte[] r = new byte[0];

                PyGenerator.Resume ready() {
                    Object r2 = Ops.call(Ops.getattr(st.s, "read"), n);
                    if (r2 == PyNone.NONE) {
                        return null;
                    }
                    if (n >= 0) {
                        return done(r2);
                    }
                    byte[] b = Ops.bytesOf(r2);
                    if (b.length == 0) {
                        return done(new PyBytes(r));
                    }
                    r = concat(r, b);
                    return null;
                }
            }.at("stream", "read");
        });
        BuiltinTypes.method(loop.streamType, "readinto", (a, kw) -> {
            Stream st = (Stream) a[0];
            Object buf = a[1];
            return new IoWait(loop, st.s, 0) {
                PyGenerator.Resume ready() {
                    return done(Ops.call(Ops.getattr(st.s, "readinto"), buf));
                }
            }.at("stream", "readinto");
        });
        BuiltinTypes.method(loop.streamType, "readexactly", (a, kw) -> {
            Stream st = (Stream) a[0];
            long n0 = Ops.toLong(a[1]);
            return new IoWait(loop, st.s, 0) {
                byte[] r = new byte[0];
                long n = n0;

                PyGenerator.Resume ready() {
                    if (n == 0) {
                        return done(new PyBytes(r));
                    }
                    Object r2 = Ops.call(Ops.getattr(st.s, "read"), n);
                    if (r2 != PyNone.NONE) {
                        byte[] b = Ops.bytesOf(r2);
                        if (b.length == 0) {
                            throw new PyError(new PyException(Types.EOF_ERROR, PyTuple.EMPTY));
                        }
                        r = concat(r, b);
                        n -= b.length;
                    }
                    return n == 0 ? done(new PyBytes(r)) : null;
                }
            }.at("stream", "readexactly");
        });
        BuiltinTypes.method(loop.streamType, "readline", (a, kw) -> {
            Stream st = (Stream) a[0];
            return new IoWait(loop, st.s, 0) {
                byte[] l = new byte[0];

                PyGenerator.Resume ready() {
                    Object l2 = Ops.call(Ops.getattr(st.s, "readline"));
                    if (l2 == PyNone.NONE) {
                        return null;
                    }
                    byte[] b = l2 instanceof String str ? str.getBytes(java.nio.charset.StandardCharsets.UTF_8)
                            : Ops.bytesOf(l2);
                    l = concat(l, b);
                    if (b.length == 0 || l[l.length - 1] == '\n') {
                        return done(new PyBytes(l));
                    }
                    return null;
                }
            }.at("stream", "readline");
        });
        PyBuiltin.Native write = (a, kw) -> {
            Stream st = (Stream) a[0];
            Object buf = a[1];
            if (st.out.length == 0) {
                Object ret = Ops.call(Ops.getattr(st.s, "write"), buf);
                long len = Ops.len(buf);
                if (ret != PyNone.NONE && Ops.toLong(ret) == len) {
                    return PyNone.NONE;
                }
                if (ret != PyNone.NONE) {
                    byte[] b = Ops.bytesOf(buf);
                    buf = new PyBytes(java.util.Arrays.copyOfRange(b, (int) Ops.toLong(ret), b.length));
                }
            }
            st.out = concat(st.out, Ops.bytesOf(buf));
            return PyNone.NONE;
        };
        PyException.TracebackEntry writeFrame = pyFrame("stream", "write");
        BuiltinTypes.method(loop.streamType, "write", (a, kw) -> in(writeFrame, () -> write.call(a, kw)));
        PyBuiltin.Native drain = (a, kw) -> {
            Stream st = (Stream) a[0];
            if (st.out.length == 0) {
                // (a coroutine that awaits sleep_ms(0), not sleep's own object: create_task takes it)
                return awaiting(() -> sleepMs(loop, 0)).at("stream", "drain");
            }
            return new IoWait(loop, st.s, 1) {
                int off;

                PyGenerator.Resume ready() {
                    byte[] rest = java.util.Arrays.copyOfRange(st.out, off, st.out.length);
                    Object ret = Ops.call(Ops.getattr(st.s, "write"), new PyBytes(rest));
                    if (ret != PyNone.NONE) {
                        off += (int) Ops.toLong(ret);
                    }
                    if (off >= st.out.length) {
                        st.out = new byte[0];
                        return done(PyNone.NONE);
                    }
                    return null;
                }
            }.at("stream", "drain");
        };
        BuiltinTypes.method(loop.streamType, "drain", drain);
        BuiltinTypes.method(loop.streamType, "awrite", (a, kw) -> {
            Object buf = a[1];
            long off = a.length > 2 ? Ops.toLong(a[2]) : 0;
            long sz = a.length > 3 ? Ops.toLong(a[3]) : -1;
            if (off != 0 || sz != -1) {
                byte[] b = Ops.bytesOf(buf);
                int from = (int) Math.max(0, Math.min(off, b.length));
                int to = sz == -1 ? b.length : (int) Math.max(from, Math.min(b.length, off + sz));
                buf = new PyBytes(java.util.Arrays.copyOfRange(b, from, to));
            }
            write.call(new Object[] {a[0], buf}, null);
            return drain.call(new Object[] {a[0]}, null);
        });
        BuiltinTypes.method(loop.streamType, "awritestr", (a, kw) -> {
            write.call(new Object[] {a[0], a[1]}, null);
            return drain.call(new Object[] {a[0]}, null);
        });
        // aclose is wait_closed, as stream.py makes it: it closes the stream's socket
        BuiltinTypes.method(loop.streamType, "aclose", (a, kw) -> Ops.call(Ops.getattr(a[0], "wait_closed")));
    }
}
