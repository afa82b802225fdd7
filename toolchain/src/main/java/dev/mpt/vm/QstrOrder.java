package dev.mpt.vm;

import dev.mpt.bytecode.BinaryOp;
import dev.mpt.bytecode.StaticQstrs;
import dev.mpt.bytecode.UnaryOp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order dir() lists names in. MicroPython's dir(obj) tries every interned name (qstr) in
 * the order of their numbers, and a firmware numbers them: first the static qstrs of the
 * .mpy format, then the names of the operator special methods, then the rest of the
 * firmware's own names sorted by their text, and then the names interned while it runs, in
 * the order they were interned (the compiler interns a module's identifiers as it reads
 * them). This class orders names the same way, with the VM's own built-in names (its
 * built-in functions, the attributes of its built-in types, its built-in modules) standing
 * for the firmware's, and the qstr tables of the modules the VM has loaded, in load order,
 * for the order names were interned; a name neither built in nor in a loaded module keeps
 * its place after all of them.
 */
final class QstrOrder {
    private QstrOrder() {}

    /**
     * The operator special methods the unix port numbers right after the static qstrs (those
     * its build has: not the in-place ones other than {@code +=} and {@code -=}, nor
     * {@code __sizeof__}); checked on the unix port v1.28.0 by setting them as class attributes
     * in reverse order and listing the class.
     */
    private static final Set<String> OPERATORS = operators();

    private static Set<String> operators() {
        Set<String> s = new HashSet<>();
        for (BinaryOp op : BinaryOp.values()) {
            String m = op.methodName();
            if (!m.startsWith("__")) {
                continue;
            }
            if (op.isInplace()) {
                if (op == BinaryOp.INPLACE_ADD || op == BinaryOp.INPLACE_SUBTRACT) {
                    s.add(m);
                }
                continue;
            }
            s.add(m);
            if (op.ordinal() >= BinaryOp.OR.ordinal()) {
                s.add("__r" + m.substring(2)); // the reflected operator
            }
        }
        for (UnaryOp op : UnaryOp.values()) {
            if (op.methodName().startsWith("__")) {
                s.add(op.methodName());
            }
        }
        s.addAll(List.of("__bool__", "__abs__", "__float__", "__complex__", "__contains__", "__divmod__",
                "__get__", "__set__", "__delete__"));
        return s;
    }

    /**
     * Special names the runtime itself uses (modules' {@code __file__} and {@code __path__},
     * classes' {@code __bases__} and {@code __dict__}, the async protocol...), which the unix
     * port v1.28.0 numbers among its own sorted names (seen by where dir() lists them).
     */
    private static final List<String> RUNTIME_NAMES = List.of("__aenter__", "__aexit__", "__aiter__", "__all__",
            "__anext__", "__bases__", "__del__", "__delattr__", "__dict__", "__file__", "__globals__", "__path__",
            "__reversed__", "__set_name__", "__setattr__", "__traceback__", "__version__");

    /** The names built into this VM, as the firmware's own qstrs. */
    private static Set<String> builtInNames(VM vm) {
        Set<String> s = new HashSet<>(vm.builtins.keySet());
        s.addAll(RUNTIME_NAMES);
        for (Object v : vm.builtins.values()) {
            if (v instanceof PyType t) {
                s.add(t.name);
                s.addAll(t.dict.keySet());
            }
        }
        s.addAll(BuiltinModules.moduleNames());
        for (PyModule m : vm.importer.builtinModules()) {
            s.addAll(m.globals.keySet());
        }
        return s;
    }

    /** {@code names} (strings) in the order MicroPython's dir() gives them. */
    static List<Object> sort(VM vm, List<Object> names) {
        Set<String> builtIn = builtInNames(vm);
        Map<String, Integer> interned = new HashMap<>();
        for (String q : vm.dynamicQstrs()) {
            interned.putIfAbsent(q, interned.size());
        }
        List<Object> out = new ArrayList<>(names);
        out.sort(Comparator.comparingInt((Object n) -> group(n, builtIn))
                .thenComparing((a, b) -> within(a, b, builtIn, interned)));
        return out;
    }

    private static int group(Object n, Set<String> builtIn) {
        if (!(n instanceof String s)) {
            return 4;
        }
        if (StaticQstrs.index(s).isPresent()) {
            return 0;
        }
        if (OPERATORS.contains(s)) {
            return 1;
        }
        return builtIn.contains(s) ? 2 : 3;
    }

    private static int within(Object a, Object b, Set<String> builtIn, Map<String, Integer> interned) {
        if (!(a instanceof String x) || !(b instanceof String y)) {
            return 0;
        }
        switch (group(x, builtIn)) {
            case 0:
                return Integer.compare(StaticQstrs.index(x).get(), StaticQstrs.index(y).get());
            case 1:
            case 2:
                return x.compareTo(y);
            default:
                return Integer.compare(interned.getOrDefault(x, Integer.MAX_VALUE),
                        interned.getOrDefault(y, Integer.MAX_VALUE));
        }
    }
}
