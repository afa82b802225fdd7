package dev.mpt.vm;

/** errno: the error numbers MicroPython's unix port knows, and the OSError that carries one (moderrno). */
public final class Errno {
    private Errno() {}

    // the numbers of the unix port (Linux), for the VM's own errors
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EIO = 5;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EEXIST = 17;
    public static final int ENODEV = 19;
    public static final int ENOTDIR = 20;
    public static final int EISDIR = 21;
    public static final int EINVAL = 22;
    public static final int EFBIG = 27;
    public static final int ENOSPC = 28;
    public static final int EROFS = 30;
    public static final int ENAMETOOLONG = 36;
    public static final int ENOTEMPTY = 39;

    public static PyError oserror(int errno) {
        VM vm = Heap.currentVm();
        if (vm != null) {
            vm.errno = errno; // (os.errno() on the unix port)
        }
        return new PyError(new PyException(Types.OS_ERROR, PyTuple.of((long) errno)));
    }

    /** Whether an error is an OSError with this errno. */
    public static boolean is(PyError e, int errno) {
        Object[] args = e.exc.args.items;
        return e.exc.isInstance(Types.OS_ERROR) && args.length > 0 && args[0] instanceof Long l && l == errno;
    }

    public static final Object[][] ERRNO = {{"EPERM", 1L}, {"ENOENT", 2L}, {"EIO", 5L}, {"EBADF", 9L},
        {"EAGAIN", 11L}, {"ENOMEM", 12L}, {"EACCES", 13L}, {"EEXIST", 17L}, {"ENODEV", 19L}, {"EISDIR", 21L},
        {"EINVAL", 22L}, {"EOPNOTSUPP", 95L}, {"EADDRINUSE", 98L}, {"ECONNABORTED", 103L}, {"ECONNRESET", 104L},
        {"ENOBUFS", 105L}, {"ENOTCONN", 107L}, {"ETIMEDOUT", 110L}, {"ECONNREFUSED", 111L}, {"EHOSTUNREACH", 113L},
        {"EALREADY", 114L}, {"EINPROGRESS", 115L}};

    static PyModule module() {
        PyModule m = new PyModule("errno");
        PyDict codes = new PyDict();
        for (Object[] e : ERRNO) {
            m.globals.put((String) e[0], e[1]);
            codes.put(e[1], e[0]);
        }
        codes.fixed = true;
        m.globals.put("errorcode", codes);
        return m;
    }
}
