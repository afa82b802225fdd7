package dev.mpt.board;

import dev.mpt.bytecode.StaticQstrs;
import dev.mpt.vm.PyInstance;
import dev.mpt.vm.PyList;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.PyType;
import dev.mpt.vm.SourceCompiler;
import dev.mpt.vm.VM;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Tab completion over our VM: names are looked up from {@code __main__}'s globals (not the
 * builtins, as firmware), attributes through the VM itself ({@code getattr}, {@code dir}),
 * so properties and {@code __dir__} behave as in the language.
 *
 * <p>Names come in MicroPython's qstr order: first the static qstrs of .mpy files (in their
 * table order), then the other names firmware has built in (ASCII order), then names made
 * by the program, in the order they were made: {@link #lexed} is told each source text the
 * REPL runs, and notes its names (and short strings) in order, as the lexer interns them.
 */
public final class VmCompletion implements CompletionSource {
    /** The unix port's built-in modules that this VM has (not the frozen ones such as asyncio). */
    private static final List<String> BUILTIN_MODULES = List.of("__main__", "array", "binascii", "builtins",
            "cmath", "collections", "cryptolib", "deflate", "errno", "framebuf", "gc", "hashlib", "heapq", "io",
            "json", "machine", "math", "micropython", "os", "platform", "random", "re", "select", "struct", "sys",
            "time", "uctypes", "websocket");

    private static final Set<String> KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async",
            "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
            "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
            "while", "with", "yield");

    private final VM vm;
    private final SourceCompiler compiler;
    private final Supplier<PyModule> main;
    private Set<String> builtInNames;
    /** Names in the order the program's source made them, as MicroPython's lexer interns them. */
    private final Map<String, Integer> made = new HashMap<>();

    /**
     * @param main the REPL's {@code __main__} module (a supplier: a soft reset replaces it)
     */
    public VmCompletion(VM vm, SourceCompiler compiler, Supplier<PyModule> main) {
        this.vm = vm;
        this.compiler = compiler;
        this.main = main;
    }

    /** Notes the names {@code source} makes, in order; the REPL calls it with each input it runs. */
    public void lexed(String source) {
        int n = source.length();
        int i = 0;
        while (i < n) {
            char c = source.charAt(i);
            if (c == '#') {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '\'' || c == '"') {
                boolean triple = i + 2 < n && source.charAt(i + 1) == c && source.charAt(i + 2) == c;
                int q = triple ? 3 : 1;
                int start = i + q;
                int j = start;
                while (j < n && !(source.charAt(j) == c && (!triple || j + 2 < n && source.charAt(j + 1) == c
                        && source.charAt(j + 2) == c))) {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                boolean bytes = i > 0 && (source.charAt(i - 1) == 'b' || source.charAt(i - 1) == 'B');
                if (!bytes && j - start < 10 && j <= n) {
                    made.putIfAbsent(source.substring(start, Math.min(j, n)), made.size());
                }
                i = Math.min(n, j + q);
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(source.charAt(i)) || source.charAt(i) == '_')) {
                    i++;
                }
                String word = source.substring(start, i);
                boolean prefix = i < n && (source.charAt(i) == '\'' || source.charAt(i) == '"') && word.length() <= 2
                        && word.toLowerCase(java.util.Locale.ROOT).matches("[rbfu]+");
                if (!prefix && !KEYWORDS.contains(word)) {
                    made.putIfAbsent(word, made.size());
                }
            } else if (Character.isDigit(c)) {
                while (i < n && (Character.isLetterOrDigit(source.charAt(i)) || source.charAt(i) == '.')) {
                    i++;
                }
            } else {
                i++;
            }
        }
    }

    /** Forgets the names made, as a soft reset empties the qstr pool. */
    public void reset() {
        made.clear();
    }

    @Override
    public Optional<List<String>> names(List<String> chain) {
        PyModule m = main.get();
        if (chain.isEmpty()) {
            List<String> names = new ArrayList<>(m.globals.keySet());
            for (String more : List.of("__class__", "__dict__")) {
                if (!names.contains(more)) {
                    names.add(more);
                }
            }
            return Optional.of(ordered(m, names));
        }
        Object root = m.globals.get(chain.get(0));
        if (root == null) {
            return Optional.empty();
        }
        StringBuilder src = new StringBuilder("_o = _o");
        for (String word : chain.subList(1, chain.size())) {
            src.append('.').append(word);
        }
        src.append("\n_n = dir(_o)\n");
        Map<String, Object> result = run(src.toString(), Map.of("_o", root));
        if (result == null || !(result.get("_n") instanceof PyList list)) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        for (Object o : list.items) {
            if (o instanceof String s && !names.contains(s)) {
                names.add(s);
            }
        }
        Object obj = result.get("_o");
        // what firmware's attribute lookup answers beyond dir(): every object's __class__, a
        // module's and an instance's __dict__, a class's __name__ and __bases__
        List<String> more = obj instanceof PyModule ? List.of("__class__", "__dict__")
                : obj instanceof PyInstance ? List.of("__class__", "__dict__")
                : obj instanceof PyType t && !t.builtin ? List.of("__class__", "__name__", "__bases__", "__dict__")
                : List.of("__class__");
        for (String extra : more) {
            if (!names.contains(extra)) {
                names.add(extra);
            }
        }
        return Optional.of(ordered(obj, names));
    }

    @Override
    public List<String> builtinModules() {
        return ordered(null, new ArrayList<>(BUILTIN_MODULES));
    }

    /** Runs a few lines in a scratch module; its globals afterwards, or null if they failed. */
    private Map<String, Object> run(String source, Map<String, Object> globals) {
        try {
            PyModule scratch = new PyModule("__main__");
            scratch.globals.putAll(globals);
            vm.runIn(compiler.compile(source, "<stdin>", SourceCompiler.Mode.FILE), scratch);
            return scratch.globals;
        } catch (SourceCompiler.CompileError | RuntimeException | StackOverflowError e) {
            // AttributeError on the way, a property that raised, a name that is not one: no completion
            return null;
        }
    }

    /** The names in MicroPython's qstr order. */
    private List<String> ordered(Object holder, List<String> names) {
        Set<String> builtIn = builtInNames();
        boolean holderBuiltIn = holder instanceof PyType t ? t.builtin
                : holder instanceof PyModule pm ? pm != main.get() && BUILTIN_MODULES.contains(pm.name)
                : !(holder instanceof PyInstance);
        List<String> madeHere = holderBuiltIn ? List.of() : madeOrder(holder);
        Comparator<String> order = Comparator.comparingInt((String n) -> group(n, builtIn, holderBuiltIn))
                .thenComparing((a, b) -> {
                    int g = group(a, builtIn, holderBuiltIn);
                    if (g == 0) {
                        return Integer.compare(StaticQstrs.index(a).orElse(0), StaticQstrs.index(b).orElse(0));
                    } else if (g == 1) {
                        return a.compareTo(b);
                    }
                    return Integer.compare(madeRank(a, madeHere), madeRank(b, madeHere));
                });
        List<String> out = new ArrayList<>(names);
        out.sort(order);
        return out;
    }

    /** Where a name the program made comes: by when the REPL saw it, else by its place on the object. */
    private int madeRank(String name, List<String> madeHere) {
        Integer i = made.get(name);
        return i != null ? i : made.size() + Math.max(0, madeHere.indexOf(name));
    }

    private static int group(String name, Set<String> builtIn, boolean holderBuiltIn) {
        if (StaticQstrs.index(name).isPresent()) {
            return 0;
        }
        return builtIn.contains(name) || holderBuiltIn ? 1 : 2;
    }

    /** Names the program made on this object, oldest first. */
    private static List<String> madeOrder(Object holder) {
        Set<String> made = new LinkedHashSet<>();
        if (holder instanceof PyModule m) {
            made.addAll(m.globals.keySet());
        } else if (holder instanceof PyType t) {
            typeNames(t, made);
        } else if (holder instanceof PyInstance i) {
            typeNames(i.type(), made);
            made.addAll(i.memberNamesOldestFirst());
        }
        return new ArrayList<>(made);
    }

    private static void typeNames(PyType t, Set<String> out) {
        if (t.builtin) {
            return;
        }
        out.addAll(t.dict.keySet());
        for (PyType b : t.bases) {
            typeNames(b, out);
        }
    }

    /** The names built into the firmware (its ROM qstrs), found once per process. */
    private Set<String> builtInNames() {
        if (builtInNames == null) {
            builtInNames = RomNames.of(compiler);
        }
        return builtInNames;
    }

    /**
     * What stands in for firmware's ROM qstrs: the built-in module names, and every name of
     * the builtins, the built-in modules and the classes they hold, collected in a VM of its
     * own (importing there changes nothing the program sees).
     */
    private static final class RomNames {
        private static volatile Set<String> names;

        static Set<String> of(SourceCompiler compiler) {
            Set<String> n = names;
            if (n == null) {
                synchronized (RomNames.class) {
                    n = names;
                    if (n == null) {
                        n = collect(compiler);
                        names = n;
                    }
                }
            }
            return n;
        }

        private static Set<String> collect(SourceCompiler compiler) {
            Set<String> out = new HashSet<>(BUILTIN_MODULES);
            StringBuilder src = new StringBuilder();
            src.append("import builtins\n_n = []\n");
            src.append("def _add(_o):\n");
            src.append("    for _a in dir(_o):\n");
            src.append("        _n.append(_a)\n");
            src.append("        try:\n");
            src.append("            _v = getattr(_o, _a)\n");
            src.append("        except Exception:\n");
            src.append("            continue\n");
            src.append("        if type(_v) is type:\n");
            src.append("            _n.extend(dir(_v))\n");
            src.append("_add(builtins)\n");
            src.append("for _m in (");
            for (String m : BUILTIN_MODULES) {
                src.append('\'').append(m).append("', ");
            }
            src.append("):\n");
            src.append("    try:\n");
            src.append("        _add(__import__(_m))\n");
            src.append("    except Exception:\n");
            src.append("        pass\n");
            try {
                VM vm = new VM();
                vm.setCompiler(compiler);
                java.io.OutputStream nowhere = java.io.OutputStream.nullOutputStream();
                vm.setStdout(nowhere);
                vm.setStderr(nowhere);
                PyModule m = vm.run(compiler.compile(src.toString(), "<rom>", SourceCompiler.Mode.FILE), "__main__");
                if (m.globals.get("_n") instanceof PyList list) {
                    for (Object o : list.items) {
                        if (o instanceof String str) {
                            out.add(str);
                        }
                    }
                }
            } catch (SourceCompiler.CompileError | RuntimeException | StackOverflowError e) {
                // fewer names count as built in: only the order of a listing changes
            }
            return Set.copyOf(out);
        }
    }
}
