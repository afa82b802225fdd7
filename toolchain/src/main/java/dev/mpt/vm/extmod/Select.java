package dev.mpt.vm.extmod;

import dev.mpt.vm.BuiltinTypes;
import dev.mpt.vm.Errno;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyInstance;
import dev.mpt.vm.PyIter;
import dev.mpt.vm.PyList;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyObject;
import dev.mpt.vm.PyTuple;
import dev.mpt.vm.PyType;
import dev.mpt.vm.Slots;
import dev.mpt.vm.Types;
import dev.mpt.vm.VM;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * select: poll objects as on a board. Each registered object is asked, with the stream ioctl
 * MP_STREAM_POLL, which of the requested events are ready: in-memory streams always are,
 * sys.stdin when input is waiting, stdout and stderr for writing, a Python stream class
 * through its own {@code ioctl(req, arg)} method; integer file descriptors 0, 1 and 2 stand
 * for the standard streams.
 */
public final class Select {
    private Select() {}

    public static final long POLLIN = Slots.Stream.POLL_RD;
    public static final long POLLOUT = Slots.Stream.POLL_WR;
    static final long POLLERR = Slots.Stream.POLL_ERR;
    static final long POLLHUP = Slots.Stream.POLL_HUP;
    static final long POLLNVAL = Slots.Stream.POLL_NVAL;
    /** The stream ioctl request that asks for ready events. */
    public static final long STREAM_POLL = 3;
    /** As many descriptors as a poll(2) call takes on Linux before EINVAL. */
    private static final int MAX_FDS = 1024;

    static final PyType POLL = new PyType("poll", new PyType[] {Types.OBJECT}, true);

    static final class Poll implements PyObject {
        /** Registered objects (ints by value, others by identity) and their event masks, in order. */
        final Map<Object, long[]> entries = new java.util.LinkedHashMap<>();
        final Map<Object, Object> identity = new IdentityHashMap<>();
        final VM vm;

        Poll(VM vm) {
            this.vm = vm;
        }

        public PyType type() {
            return POLL;
        }

        Object key(Object o) {
            if (o instanceof Long || o instanceof Boolean) {
                return o;
            }
            return identity.computeIfAbsent(o, x -> new IdKey(x));
        }
    }

    /** Wraps a registered object so that the map compares it by identity. */
    private record IdKey(Object obj) {
        @Override
        public boolean equals(Object o) {
            return o instanceof IdKey k && k.obj == obj;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(obj);
        }
    }

    private static Object unwrap(Object key) {
        return key instanceof IdKey k ? k.obj : key;
    }

    static PyModule module(VM vm) {
        PyModule m = new PyModule("select");
        m.globals.put("POLLIN", POLLIN);
        m.globals.put("POLLOUT", POLLOUT);
        m.globals.put("POLLERR", POLLERR);
        m.globals.put("POLLHUP", POLLHUP);
        m.fn("poll", (a, kw) -> new Poll(vm));
        if (vm.board) {
            // bare-metal firmware has select.select; the unix port is built without it
            m.fn("select", (a, kw) -> select(vm, a));
        }
        return m;
    }

    static {
        BuiltinTypes.method(POLL, "register", (a, kw) -> {
            Poll p = (Poll) a[0];
            if (a[1] instanceof Long fd && fd < 0) {
                throw Ops.valueError("negative file descriptor");
            }
            long mask = a.length > 2 ? Ops.toLong(a[2]) : POLLIN | POLLOUT;
            Object key = p.key(a[1]);
            long[] e = p.entries.get(key);
            if (e == null) {
                p.entries.put(key, new long[] {mask});
            } else {
                e[0] = mask;
            }
            return PyNone.NONE;
        });
        BuiltinTypes.method(POLL, "modify", (a, kw) -> {
            Poll p = (Poll) a[0];
            long[] e = p.entries.get(p.key(a[1]));
            if (e == null) {
                throw Errno.oserror(2);
            }
            e[0] = Ops.toLong(a[2]);
            return PyNone.NONE;
        });
        BuiltinTypes.method(POLL, "unregister", (a, kw) -> {
            Poll p = (Poll) a[0];
            Object key = p.key(a[1]);
            p.entries.remove(key);
            if (key instanceof IdKey) {
                p.identity.remove(a[1]);
            }
            return PyNone.NONE;
        });
        BuiltinTypes.method(POLL, "poll", (a, kw) -> {
            Poll p = (Poll) a[0];
            PyList out = new PyList();
            for (Object[] r : poll(p, a.length > 1 ? a[1] : PyNone.NONE, false)) {
                out.items.add(PyTuple.of(r[0], r[1]));
            }
            return out;
        });
        BuiltinTypes.method(POLL, "ipoll", (a, kw) -> {
            Poll p = (Poll) a[0];
            boolean oneShot = a.length > 2 && (Ops.toLong(a[2]) & 1) != 0;
            List<Object[]> ready = poll(p, a.length > 1 ? a[1] : PyNone.NONE, oneShot);
            return new PyIter() {
                int i;

                public Object next() {
                    if (i >= ready.size()) {
                        return null;
                    }
                    Object[] r = ready.get(i++);
                    return PyTuple.of(r[0], r[1]);
                }
            };
        });
    }

    /**
     * select.select(rlist, wlist, xlist[, timeout]) as a board's select module has it: the
     * objects that are readable, writable, or in error (an error or hang-up of any object
     * listed goes to the third list, as MicroPython reports it); timeout in seconds, None or
     * negative for none.
     */
    static PyTuple select(VM vm, Object[] a) {
        if (a.length < 3) {
            throw Ops.typeError("function takes at least 3 positional arguments");
        }
        Map<Object, long[]> wanted = new java.util.LinkedHashMap<>();
        Map<Object, Object> objs = new IdentityHashMap<>();
        long[] bits = {POLLIN, POLLOUT, POLLERR | POLLHUP};
        for (int i = 0; i < 3; i++) {
            for (Object o : Ops.toList(a[i])) {
                Object key = o instanceof Long || o instanceof Boolean ? o : objs.computeIfAbsent(o, IdKey::new);
                wanted.computeIfAbsent(key, k -> new long[1])[0] |= bits[i];
            }
        }
        long ms = a.length < 4 || a[3] == PyNone.NONE ? -1 : (long) (Ops.toDouble(a[3]) * 1000);
        ms = ms < 0 ? -1 : ms;
        long deadline = System.nanoTime() + ms * 1_000_000L;
        while (true) {
            PyList r = new PyList();
            PyList w = new PyList();
            PyList x = new PyList();
            for (Map.Entry<Object, long[]> e : wanted.entrySet()) {
                Object obj = unwrap(e.getKey());
                long mask = e.getValue()[0];
                long ev = events(vm, obj, mask & (POLLIN | POLLOUT));
                if ((ev & POLLIN) != 0) {
                    r.items.add(obj);
                }
                if ((ev & POLLOUT) != 0) {
                    w.items.add(obj);
                }
                if ((ev & ~(POLLIN | POLLOUT)) != 0) {
                    x.items.add(obj);
                }
            }
            if (!r.items.isEmpty() || !w.items.isEmpty() || !x.items.isEmpty() || ms == 0
                    || (ms > 0 && System.nanoTime() - deadline >= 0)) {
                return PyTuple.of(r, w, x);
            }
            vm.checkInterrupt();
            vm.pauseNanos(1_000_000L);
        }
    }

    /** Waits until something registered is ready or the timeout (ms; None or negative: none) ends. */
    private static List<Object[]> poll(Poll p, Object timeout, boolean oneShot) {
        long ms = timeout == PyNone.NONE ? -1 : Ops.toLong(timeout);
        int fds = 0;
        for (Object k : p.entries.keySet()) {
            if (k instanceof Long) {
                fds++;
            }
        }
        if (fds > MAX_FDS) {
            throw Errno.oserror(22);
        }
        long deadline = System.nanoTime() + ms * 1_000_000L;
        while (true) {
            List<Object[]> ready = new ArrayList<>();
            for (Map.Entry<Object, long[]> e : new ArrayList<>(p.entries.entrySet())) {
                long mask = e.getValue()[0];
                Object obj = unwrap(e.getKey());
                long ev = events(p.vm, obj, mask);
                if (ev != 0) {
                    ready.add(new Object[] {obj, ev});
                    if (oneShot) {
                        e.getValue()[0] = 0;
                    }
                }
            }
            if (!ready.isEmpty() || ms == 0 || (ms > 0 && System.nanoTime() - deadline >= 0)) {
                return ready;
            }
            p.vm.checkInterrupt();
            p.vm.pauseNanos(1_000_000L);
        }
    }

    /** The ready events of one object for the given mask (errors and hang-ups always count). */
    public static long events(VM vm, Object obj, long mask) {
        if (obj instanceof Long fd) {
            if (fd == 0) {
                return vm.stdinReady() ? mask & POLLIN : 0;
            }
            if (fd == 1 || fd == 2) {
                return mask & POLLOUT;
            }
            Slots.Stream sock = vm.hostNetwork() ? Socket.byFd(vm, fd) : null;
            return sock != null ? sock.poll(vm, mask) : POLLNVAL;
        }
        if (obj instanceof Slots.Stream s) {
            return s.poll(vm, mask);
        }
        Object ioctl = obj instanceof PyInstance ? Ops.getattrOrNull(obj, "ioctl") : null;
        if (ioctl == null) {
            throw Ops.error(Types.OS_ERROR, "stream operation not supported");
        }
        Object r = Ops.call(ioctl, STREAM_POLL, mask);
        long ev = r == PyNone.NONE ? 0 : Ops.toLong(r);
        if (ev < 0) {
            // a Python stream's ioctl answers -errno for an error (io.IOBase's rule)
            throw Errno.oserror((int) -ev);
        }
        return ev;
    }
}
