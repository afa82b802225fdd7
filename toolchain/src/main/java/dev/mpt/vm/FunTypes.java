package dev.mpt.vm;

import java.util.HashMap;
import java.util.Map;

/**
 * Which type each function written in Java reports, as the unix port types the same function.
 * MicroPython gives a built-in function one of several types, all printed
 * {@code <class 'function'>}: by how it takes its arguments (exactly 0, 1, 2 or 3 positional
 * ones, else "var"); a method of a built-in type reached through the type is a "checked"
 * function; a frozen module's functions (asyncio) are Python functions or generator functions.
 * Programs tell them apart by type (micropython-lib's {@code inspect.signature} counts a
 * built-in's parameters that way), and a fixed-arity built-in refuses other argument counts.
 *
 * <p>The table below was found by experiment: asking the unix port v1.28.0 for
 * {@code type(f) is type(abs)} and the like over every function of every built-in module and
 * every member of their types. Functions not named here are "var" (methods: "checked").
 */
final class FunTypes {
    private FunTypes() {}

    /** "module.function" to type. */
    private static final Map<String, PyType> MODULES = new HashMap<>();
    /** "TypeName.member" to type. */
    private static final Map<String, PyType> TYPES = new HashMap<>();

    private static void module(PyType t, String spec) {
        parse(MODULES, t, spec);
    }

    private static void type(PyType t, String spec) {
        parse(TYPES, t, spec);
    }

    /** Reads "group: name name; group: name ...". */
    private static void parse(Map<String, PyType> into, PyType t, String spec) {
        for (String group : spec.split(";")) {
            int colon = group.indexOf(':');
            String owner = group.substring(0, colon).trim();
            for (String n : group.substring(colon + 1).trim().split("\\s+")) {
                into.put(owner + "." + n, t);
            }
        }
    }

    static {
        module(Types.FUN_BUILTIN_0, "_thread: allocate_lock exit get_ident; asyncio: ticks; builtins: "
                + "globals locals; gc: "
                + "collect disable enable isenabled mem_alloc mem_free; machine: idle; micropython: heap_lock"
                + " heap_unlock mem_current mem_peak mem_total stack_use; os: getcwd; platform: "
                + "python_compiler; random: __init__ random; select: poll; sys: exc_info; time: clock "
                + "ticks_cpu ticks_ms ticks_us time time_ns");
        module(Types.FUN_BUILTIN_1, "binascii: a2b_base64 unhexlify; builtins: __repl_print__ abs all any "
                + "bin callable chr hash"
                + " hex id iter len oct ord repr; cmath: cos exp log log10 phase polar sin sqrt; heapq: "
                + "heapify heappop; json: load loads; math: acos acosh asin asinh atan atanh ceil cos cosh "
                + "degrees erf erfc exp expm1 fabs factorial floor frexp gamma isfinite isinf isnan lgamma "
                + "log10 log2 modf radians sin sinh sqrt tan tanh trunc; micropython: const kbd_intr; os: "
                + "chdir mkdir remove rmdir stat statvfs system umount unlink unsetenv urandom; random: "
                + "choice getrandbits; socket: sockaddr; struct: calcsize; sys: atexit; time: mktime sleep "
                + "sleep_ms sleep_us; uctypes: addressof; vfs: umount");
        module(Types.FUN_BUILTIN_2, "asyncio: ticks_add ticks_diff; builtins: delattr divmod hasattr "
                + "isinstance issubclass; "
                + "cmath: rect; collections: namedtuple; heapq: heappush; math: atan2 copysign fmod ldexp "
                + "pow; micropython: schedule; os: putenv rename; random: randint uniform; socket: inet_ntop "
                + "inet_pton; time: ticks_add ticks_diff; uctypes: bytearray_at bytes_at");
        module(Types.FUN_BUILTIN_3, "builtins: setattr");
        module(Types.FUNCTION, "asyncio: __getattr__ create_task current_task get_event_loop new_event_loop "
                + "run "
                + "run_until_complete sleep sleep_ms wait_for_ms");
        module(Types.GENFUNCTION, "asyncio: gather open_connection start_server wait_for");
        type(Types.FUN_BUILTIN_1, "object: __init__ __new__; VfsFat: mkfs");
        type(Types.FUN_BUILTIN_2, "object: __delattr__");
        type(Types.FUN_BUILTIN_3, "object: __setattr__");
        type(Types.FUNCTION, "Event: __init__ clear is_set set; IOQueue: __init__ _dequeue _enqueue "
                + "queue_read "
                + "queue_write remove wait_io_event; Lock: __init__ locked release; Loop: "
                + "call_exception_handler close create_task default_exception_handler get_exception_handler "
                + "run_forever run_until_complete set_exception_handler stop; SingletonGenerator: __init__ "
                + "__iter__ __next__; Stream: __init__ close get_extra_info write; ThreadSafeFlag: __init__ "
                + "clear ioctl set");
        type(Types.GENFUNCTION, "Event: wait; Lock: __aenter__ __aexit__ acquire; Stream: aclose awrite "
                + "awritestr drain "
                + "read readexactly readinto readline wait_closed; ThreadSafeFlag: wait");
    }

    /** Gives the functions of a module just made, and of the types it holds, their types. */
    static void apply(String module, Map<String, Object> globals) {
        for (Map.Entry<String, Object> e : globals.entrySet()) {
            Object v = e.getValue();
            if (v instanceof PyBuiltin b) {
                PyType t = MODULES.get(module + "." + e.getKey());
                if (t != null) {
                    b.funType(t);
                }
            } else if (v instanceof PyType pt) {
                applyType(pt);
            }
        }
    }

    private static void applyType(PyType pt) {
        for (Map.Entry<String, Object> e : pt.dict.entrySet()) {
            Object v = e.getValue();
            if (v instanceof PyStaticMethod sm) {
                v = sm.fn();
            } else if (v instanceof PyClassMethod cm) {
                v = cm.fn();
            }
            if (v instanceof PyBuiltin b) {
                PyType t = TYPES.get(pt.name + "." + e.getKey());
                if (t != null) {
                    b.funType(t);
                }
            }
        }
    }
}
