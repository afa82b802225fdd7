package dev.mpt.vm;

import dev.mpt.bytecode.MpyFile;
import dev.mpt.bytecode.MpyFormatException;
import dev.mpt.bytecode.MpyReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** import: built-in modules, then .py and .mpy files along sys.path, packages included. */
final class Importer {
    private final VM vm;
    /**
     * The built-in modules made since the last soft reset, by factory: as on a board, where a
     * built-in is one object in ROM, {@code ujson is json} and a second import after
     * {@code del sys.modules['json']} gives the same module.
     */
    private final Map<BuiltinModules.Factory, PyModule> builtinsMade = new java.util.HashMap<>();

    Importer(VM vm) {
        this.vm = vm;
    }

    Object importName(String name, Object fromList, long level, Map<String, Object> globals) {
        String full = name;
        if (level > 0) {
            String pkg = currentPackage(globals);
            if (pkg == null || pkg.isEmpty()) {
                throw Ops.error(Types.IMPORT_ERROR, "can't perform relative import");
            }
            String[] parts = pkg.split("\\.");
            int keep = parts.length - (int) (level - 1);
            if (keep <= 0) {
                throw Ops.error(Types.IMPORT_ERROR, "can't perform relative import");
            }
            String base = String.join(".", java.util.Arrays.copyOf(parts, keep));
            full = name.isEmpty() ? base : base + "." + name;
        }
        if (level == 0 && full.indexOf('.') < 0) {
            Object existing = vm.sysModules.get(full);
            if (existing != null && !(existing instanceof PyModule)) {
                // anything placed in sys.modules is what the import gives
                return existing;
            }
        }
        String[] parts = full.split("\\.");
        PyModule[] chain = new PyModule[parts.length];
        PyModule cur = null;
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                path.append('.');
            }
            path.append(parts[i]);
            boolean loaded = vm.sysModules.get(path.toString()) instanceof PyModule;
            PyModule m = load(path.toString(), cur);
            if (cur != null && !loaded) {
                // only a first import binds the submodule in its package
                cur.globals.put(parts[i], m);
            }
            chain[i] = m;
            cur = m;
        }
        boolean hasFrom = fromList != PyNone.NONE && fromList != null && Ops.truthy(fromList);
        if (hasFrom) {
            // any true fromlist asks for the module itself; a name that is a submodule not yet
            // imported is imported by IMPORT_FROM (importFrom), as MicroPython's mp_import_from,
            // so that an ImportError raised while the submodule runs is not taken for its absence
            return cur;
        }
        if (level > 0) {
            // as MicroPython (and CPython): the module named by the first part of the relative
            // name, so __import__("_sub", None, None, (), 1) in package p gives p._sub
            return name.isEmpty() ? cur : chain[parts.length - name.split("\\.").length];
        }
        return chain[0];
    }

    private String currentPackage(Map<String, Object> globals) {
        Object name = globals.get("__name__");
        if (name == null) {
            return null;
        }
        if ("__main__".equals(name)) {
            // a module run with -m keeps its real name under "__main__"; a script has none
            // and, as in MicroPython, the lookup raises KeyError
            name = globals.get("__main__");
            if (name == null) {
                throw new PyError(new PyException(Types.KEY_ERROR, PyTuple.of("__main__")));
            }
        }
        String n = Ops.str(name);
        if (globals.containsKey("__path__")) {
            return n;
        }
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(0, dot);
    }

    /** The module that -m is loading, which is to run as __main__; null otherwise. */
    private String asMain;

    /**
     * What the unix port's -m does: imports MODULE (its packages first) with the module
     * itself run as __main__; for a package, then its __main__ submodule.
     */
    void importMain(String module) {
        asMain = module;
        try {
            Object m = importName(module, PyTuple.of("*"), 0, Map.of());
            if (m instanceof PyModule pm && pm.globals.containsKey("__path__")) {
                asMain = module + ".__main__";
                importName(asMain, PyTuple.of("*"), 0, Map.of());
            }
        } finally {
            asMain = null;
        }
    }

    private PyModule load(String full, PyModule parent) {
        Object sysPath = vm.importPath();
        // an empty sys.path asks for the built-in: a module loaded from a file is passed over
        boolean noPath = sysPath instanceof PyList l ? l.items.isEmpty() : Ops.len(sysPath) == 0;
        Object existing = noPath ? null : vm.sysModules.get(full);
        if (existing instanceof PyModule m) {
            return m;
        }
        boolean topLevel = parent == null && full.indexOf('.') < 0;
        if (topLevel && full.equals("__main__") && vm.mainModule != null) {
            return vm.mainModule;
        }
        if (topLevel) {
            // a non-extensible built-in (or ufoo for an extensible foo) bypasses sys.path
            BuiltinModules.Factory fixed = BuiltinModules.fixed(full);
            if (fixed != null) {
                return loadBuiltin(full, fixed);
            }
        }
        String rel = full.replace('.', '/');
        List<Object> dirs;
        if (parent != null && parent.globals.get("__path__") instanceof String p) {
            dirs = List.of(p);
            rel = full.substring(full.lastIndexOf('.') + 1);
        } else {
            dirs = Ops.toList(sysPath);
        }
        for (Object d : dirs) {
            String dir = Ops.str(d);
            if (dir.equals(".frozen")) {
                BuiltinModules.Factory frozen = topLevel ? BuiltinModules.frozen(full) : null;
                if (frozen != null) {
                    return loadFrozen(full, frozen);
                }
                continue;
            }
            // names as MicroPython builds them: the sys.path entry as given, '/', the module path
            String shown = dir.isEmpty() ? rel : dir + "/" + rel;
            FileAccess files = vm.fileAccess();
            if (files.importStat(shown) == FileAccess.Kind.DIR) {
                PyModule m = new PyModule(full);
                m.globals.put("__path__", shown);
                vm.sysModules.put(full, m);
                String init = findFile(files, shown + "/__init__");
                if (init != null) {
                    m.globals.put("__file__", init);
                    exec(m, files, init);
                }
                return m;
            }
            String f = findFile(files, shown);
            if (f != null) {
                PyModule m = new PyModule(full);
                m.globals.put("__file__", f);
                vm.sysModules.put(full, m);
                if (full.equals(asMain)) {
                    // -m: the module runs as __main__ and keeps its real name for relative imports
                    m.globals.put("__name__", "__main__");
                    m.globals.put("__main__", full);
                    vm.sysModules.put("__main__", m);
                }
                try {
                    exec(m, files, f);
                } catch (RuntimeException e) {
                    vm.sysModules.remove(full);
                    throw e;
                }
                return m;
            }
        }
        BuiltinModules.Factory extensible = topLevel ? BuiltinModules.extensible(full) : null;
        if (extensible != null) {
            // an extensible built-in comes after sys.path: a foo.py there extends or replaces it
            return loadBuiltin(full, extensible);
        }
        throw Ops.error(Types.IMPORT_ERROR, "no module named '" + full + "'");
    }

    /**
     * A frozen module is a Python module on MicroPython (frozen .py): it goes into sys.modules,
     * with the submodules it imported (asyncio.core), and programs may change its attributes
     * (tests replace asyncio.wait_for, say).
     */
    private PyModule loadFrozen(String full, BuiltinModules.Factory factory) {
        PyModule m = factory.create(vm);
        FunTypes.apply(m.name, m.globals);
        vm.sysModules.put(full, m);
        for (Object v : m.globals.values()) {
            if (v instanceof PyModule sub && sub.name.startsWith(full + ".")) {
                vm.sysModules.put(sub.name, sub);
            }
        }
        return m;
    }

    private PyModule loadBuiltin(String full, BuiltinModules.Factory factory) {
        // as MicroPython's, built-in modules are not entered in sys.modules
        return builtinsMade.computeIfAbsent(factory, f -> BuiltinModules.create(vm, full, f));
    }

    /** The built-in modules imported so far. */
    java.util.Collection<PyModule> builtinModules() {
        return builtinsMade.values();
    }

    /** A soft reset: built-in modules are made afresh. */
    void reset() {
        builtinsMade.clear();
    }

    /** stem.py, else stem.mpy (a .py only when there is a compiler), as MicroPython's import looks. */
    private String findFile(FileAccess files, String stem) {
        if (vm.compiler != null && files.importStat(stem + ".py") == FileAccess.Kind.FILE) {
            return stem + ".py";
        }
        if (files.importStat(stem + ".mpy") == FileAccess.Kind.FILE) {
            return stem + ".mpy";
        }
        return null;
    }

    private void exec(PyModule m, FileAccess files, String file) {
        MpyFile mf;
        byte[] data = files.read(file);
        java.util.function.Consumer<Object[]> inPlace = null;
        if (file.endsWith(".mpy")) {
            try {
                mf = MpyReader.read(data);
            } catch (MpyFormatException e) {
                throw Ops.valueError("incompatible .mpy file");
            }
            Object[] map = files.mapping(file);
            if (map != null) {
                // a file mapped in place (ROM): its str and bytes constants are where their bytes are
                inPlace = constants -> {
                    try {
                        int[] at = MpyReader.constantDataOffsets(data);
                        for (int i = 0; i < at.length && i < constants.length; i++) {
                            if (at[i] >= 0 && (constants[i] instanceof String || constants[i] instanceof PyBytes)) {
                                vm.memory().alias(constants[i], map[0], ((Number) map[1]).longValue() + at[i]);
                            }
                        }
                    } catch (MpyFormatException e) {
                        throw Ops.valueError("incompatible .mpy file");
                    }
                };
            }
        } else {
            mf = vm.compile(new String(data, StandardCharsets.UTF_8), file, SourceCompiler.Mode.FILE);
        }
        vm.execModule(mf, m, inPlace);
    }

    Object importFrom(Object module, String name) {
        Object v = Ops.getattrOrNull(module, name);
        if (v == null) {
            if (module instanceof PyModule m && m.globals.containsKey("__path__")) {
                // a package: the name may be a submodule not yet imported; as MicroPython's
                // mp_import_from, the submodule's own ImportError ("no module named 'pkg.x'") stands
                PyModule sub = load(m.name + "." + name, m);
                m.globals.put(name, sub);
                return sub;
            }
            throw Ops.error(Types.IMPORT_ERROR, "can't import name " + name);
        }
        return v;
    }

    void importStar(Object module, Map<String, Object> into) {
        if (module instanceof PyModule m && m.globals.containsKey("__all__")) {
            Object all = m.globals.get("__all__");
            if (!(all instanceof PyList) && !(all instanceof PyTuple)) {
                throw Ops.typeError("__all__ must be a list or tuple");
            }
            for (Object n : Ops.toList(all)) {
                String name = Ops.str(n);
                Object v = Ops.getattrOrNull(module, name);
                if (v == null) {
                    throw Ops.error(Types.ATTRIBUTE_ERROR, "module has no attribute '" + name + "'");
                }
                into.put(name, v);
            }
            return;
        }
        if (module instanceof PyModule m) {
            for (Map.Entry<String, Object> e : new java.util.ArrayList<>(m.globals.entrySet())) {
                if (!e.getKey().startsWith("_")) {
                    into.put(e.getKey(), e.getValue());
                }
            }
            return;
        }
        // something else in sys.modules: its __all__, or the public names of its __dict__
        Object all = Ops.getattrOrNull(module, "__all__");
        if (all != null) {
            for (Object n : Ops.toList(all)) {
                String name = Ops.str(n);
                into.put(name, Ops.getattr(module, name));
            }
            return;
        }
        Object dict = Ops.getattr(module, "__dict__");
        if (dict instanceof PyDict d) {
            for (Object k : d.keys()) {
                if (k instanceof String name && !name.startsWith("_")) {
                    into.put(name, d.get(k));
                }
            }
        }
    }
}
