package dev.mpt.vm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The table of built-in modules, name to factory, as MicroPython's {@code MP_REGISTER_MODULE}
 * and {@code MP_REGISTER_EXTENSIBLE_MODULE} build it. The core registers its own modules
 * here; a library of native modules (such as {@code dev.mpt.vm.extmod}) registers its own
 * through a {@link Library} named in {@code META-INF/services}, read on the first lookup the
 * core's own table cannot answer. Factories make a fresh module object for each VM (and after
 * each soft reset); state a module keeps lives in {@link VM#moduleState}.
 *
 * <p>Import follows MicroPython's rule: a non-extensible built-in ({@code sys},
 * {@code micropython}, {@code gc}, …) always wins; an extensible one ({@code time},
 * {@code json}, …) comes after the files on {@code sys.path}, so a {@code time.py} there can
 * extend or replace it, while {@code utime} still reaches the built-in. A frozen module (a
 * package the firmware carries as bytecode, such as {@code asyncio}) is found where
 * {@code .frozen} stands in {@code sys.path}.
 */
public final class BuiltinModules {
    private BuiltinModules() {}

    /** Makes a module object for one VM. */
    @FunctionalInterface
    public interface Factory {
        PyModule create(VM vm);
    }

    /** A set of native modules that registers itself (a {@link ServiceLoader} service). */
    public interface Library {
        /** Registers the library's modules with {@link BuiltinModules#register}. */
        void register();
    }

    private static final Map<String, Factory> FIXED = new HashMap<>();
    private static final Map<String, Factory> EXTENSIBLE = new HashMap<>();
    private static final Map<String, Factory> FROZEN = new HashMap<>();
    private static volatile boolean librariesLoaded;

    static {
        register("sys", false, Sys::module);
        register("builtins", false, vm -> new PyModule("builtins", vm.builtins));
        register("micropython", false, MicroPythonModule::module);
        register("gc", false, Gc::module);
        register("math", false, vm -> MathModule.math());
        register("cmath", false, vm -> MathModule.cmath());
        register("array", true, vm -> ArrayType.module());
        register("collections", true, vm -> Collections.module());
        register("errno", true, vm -> Errno.module());
        register("io", true, Io::io);
        register("struct", true, vm -> Struct.module());
        register("_thread", false, ModThread::module);
    }

    /**
     * Adds a built-in module. {@code extensible}: a module of that name on {@code sys.path}
     * is found first, and {@code u<name>} reaches the built-in.
     */
    public static synchronized void register(String name, boolean extensible, Factory factory) {
        (extensible ? EXTENSIBLE : FIXED).put(name, factory);
    }

    /** Adds a module that import finds at the {@code .frozen} entry of {@code sys.path}. */
    public static synchronized void registerFrozen(String name, Factory factory) {
        FROZEN.put(name, factory);
    }

    /** Every built-in and frozen module's name (help('modules')). */
    static List<String> names() {
        loadLibraries();
        synchronized (BuiltinModules.class) {
            List<String> all = new ArrayList<>(FIXED.keySet());
            all.addAll(EXTENSIBLE.keySet());
            all.addAll(FROZEN.keySet());
            return all;
        }
    }

    /** The factory of a frozen module, or null. */
    static Factory frozen(String name) {
        return lookup(FROZEN, name);
    }

    /** The factory of a non-extensible built-in, or of extensible {@code foo} asked for as {@code ufoo}. */
    static Factory fixed(String name) {
        Factory f = lookup(FIXED, name);
        if (f == null && name.equals("usys")) {
            f = lookup(FIXED, "sys");
        }
        if (f == null && name.length() > 1 && name.charAt(0) == 'u') {
            f = lookup(EXTENSIBLE, name.substring(1));
        }
        return f;
    }

    /** The factory of an extensible built-in, or null. */
    static Factory extensible(String name) {
        return lookup(EXTENSIBLE, name);
    }

    private static Factory lookup(Map<String, Factory> table, String name) {
        Factory f;
        synchronized (BuiltinModules.class) {
            f = table.get(name);
        }
        if (f == null && !librariesLoaded) {
            loadLibraries();
            synchronized (BuiltinModules.class) {
                f = table.get(name);
            }
        }
        return f;
    }

    /** The names of the built-in modules (a firmware has them among its own qstrs; see {@link QstrOrder}). */
    static synchronized java.util.Set<String> moduleNames() {
        loadLibraries();
        java.util.Set<String> names = new java.util.HashSet<>(FIXED.keySet());
        names.addAll(EXTENSIBLE.keySet());
        names.addAll(FROZEN.keySet());
        return names;
    }

    private static synchronized void loadLibraries() {
        if (librariesLoaded) {
            return;
        }
        for (Library lib : ServiceLoader.load(Library.class, BuiltinModules.class.getClassLoader())) {
            lib.register();
        }
        librariesLoaded = true;
    }

    /** Each module's names in the unix port's order (module-order.txt), read once. */
    private static volatile Map<String, List<String>> order;

    static List<String> order(String module) {
        Map<String, List<String>> o = order;
        if (o == null) {
            o = new HashMap<>();
            try (java.io.InputStream in = BuiltinModules.class.getResourceAsStream("module-order.txt")) {
                if (in != null) {
                    for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                        int colon = line.indexOf(": ");
                        if (!line.startsWith("#") && colon > 0) {
                            o.put(line.substring(0, colon), List.of(line.substring(colon + 2).trim().split(" ")));
                        }
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            order = o;
        }
        return o.getOrDefault(module, List.of("__name__"));
    }

    /**
     * Puts a built-in module's globals in MicroPython's order: its names iterate (list of
     * {@code m.__dict__}, {@code help(m)}, {@code from m import *}) in the order of the
     * module's table, as on the unix port, then any names it lacks in the order defined here.
     */
    static void ordered(PyModule m) {
        List<String> first = order(m.name);
        if (m.globals instanceof VM.DictBackedMap dm) {
            dm.dict.makeOrdered(first);
        } else if (m.globals instanceof java.util.LinkedHashMap<String, Object> lm) {
            Map<String, Object> all = new java.util.LinkedHashMap<>(lm);
            lm.clear();
            for (String k : first) {
                Object v = all.remove(k);
                if (v != null) {
                    lm.put(k, v);
                }
            }
            lm.putAll(all);
        }
    }

    /** Makes the module for one VM; built-ins other than sys and builtins are read-only from Python. */
    static PyModule create(VM vm, String name, Factory f) {
        PyModule m = f.create(vm);
        FunTypes.apply(m.name, m.globals);
        ordered(m);
        if (!name.equals("sys") && !name.equals("builtins") && !name.equals("usys")) {
            m.builtin = true;
        }
        return m;
    }
}
