package dev.mpt.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** help(): MicroPython's builtinhelp — the REPL's help text, help(obj) and help('modules'). */
final class Help {
    private Help() {}

    /** The unix port's help text (MicroPython's default). */
    static final String TEXT = "Welcome to MicroPython!\n"
            + "\n"
            + "For online docs please visit http://docs.micropython.org/\n"
            + "\n"
            + "Control commands:\n"
            + "  CTRL-A        -- on a blank line, enter raw REPL mode\n"
            + "  CTRL-B        -- on a blank line, enter normal REPL mode\n"
            + "  CTRL-C        -- interrupt a running program\n"
            + "  CTRL-D        -- on a blank line, exit or do a soft reset\n"
            + "  CTRL-E        -- on a blank line, enter paste mode\n"
            + "\n"
            + "For further help on a specific object, type help(obj)\n";

    static Object help(VM vm, Object[] a) {
        if (a.length == 0) {
            vm.write(TEXT);
        } else if ("modules".equals(a[0])) {
            vm.write(modules());
        } else {
            vm.write(about(a[0]));
        }
        return PyNone.NONE;
    }

    /** "object X is of type T", then the names of the module's globals or the type's dict. */
    static String about(Object obj) {
        PyType type = Ops.typeOf(obj);
        StringBuilder out = new StringBuilder("object ").append(Ops.str(obj)).append(" is of type ")
                .append(type.name).append('\n');
        Map<String, Object> map;
        if (obj instanceof PyModule m) {
            map = m.globals;
        } else {
            map = (obj instanceof PyType t ? t : type).dict;
        }
        for (Map.Entry<String, Object> e : new ArrayList<>(map.entrySet())) {
            out.append("  ").append(e.getKey()).append(" -- ").append(Ops.str(e.getValue())).append('\n');
        }
        return out.toString();
    }

    /** The built-in modules, sorted, column by column in four columns of 18, as MicroPython lists them. */
    static String modules() {
        List<String> names = new ArrayList<>(BuiltinModules.names());
        names.add("__main__");
        java.util.Collections.sort(names);
        int rows = (names.size() + 3) / 4;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            for (int j = i;; ) {
                String n = names.get(j);
                out.append(n);
                j += rows;
                if (j >= names.size()) {
                    break;
                }
                int gap = 18 - n.length();
                while (gap < 1) {
                    gap += 18;
                }
                out.append(" ".repeat(gap));
            }
            out.append('\n');
        }
        return out.append("Plus any modules on the filesystem\n").toString();
    }
}
