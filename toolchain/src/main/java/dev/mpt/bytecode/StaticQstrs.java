package dev.mpt.bytecode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The qstrs every MicroPython firmware has at fixed indices. A .mpy file refers to these
 * by index (encoded as {@code index << 1 | 1}) instead of spelling them out. Index 0 is the
 * null qstr and never appears in a file; the last static qstr is {@code zip}.
 */
public final class StaticQstrs {
    private StaticQstrs() {}

    /** Strings of static qstrs 1..{@link #LAST}, in index order; element 0 is qstr 1. */
    private static final List<String> TABLE = List.of(
        "", "__dir__", "\n", " ", "*", "/", "<module>", "_", "__call__", "__class__",
        "__delitem__", "__enter__", "__exit__", "__getattr__", "__getitem__", "__hash__",
        "__init__", "__int__", "__iter__", "__len__", "__main__", "__module__", "__name__",
        "__new__", "__next__", "__qualname__", "__repr__", "__setitem__", "__str__",
        "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "EOFError",
        "Ellipsis", "Exception", "GeneratorExit", "ImportError", "IndentationError", "IndexError",
        "KeyError", "KeyboardInterrupt", "LookupError", "MemoryError", "NameError", "NoneType",
        "NotImplementedError", "OSError", "OverflowError", "RuntimeError", "StopIteration",
        "SyntaxError", "SystemExit", "TypeError", "ValueError", "ZeroDivisionError", "abs", "all",
        "any", "append", "args", "bool", "builtins", "bytearray", "bytecode", "bytes", "callable",
        "chr", "classmethod", "clear", "close", "const", "copy", "count", "dict", "dir", "divmod",
        "end", "endswith", "eval", "exec", "extend", "find", "format", "from_bytes", "get",
        "getattr", "globals", "hasattr", "hash", "id", "index", "insert", "int", "isalpha",
        "isdigit", "isinstance", "islower", "isspace", "issubclass", "isupper", "items", "iter",
        "join", "key", "keys", "len", "list", "little", "locals", "lower", "lstrip", "main", "map",
        "micropython", "next", "object", "open", "ord", "pop", "popitem", "pow", "print", "range",
        "read", "readinto", "readline", "remove", "replace", "repr", "reverse", "rfind", "rindex",
        "round", "rsplit", "rstrip", "self", "send", "sep", "set", "setattr", "setdefault", "sort",
        "sorted", "split", "start", "startswith", "staticmethod", "step", "stop", "str", "strip",
        "sum", "super", "throw", "to_bytes", "tuple", "type", "update", "upper", "utf-8", "value",
        "values", "write", "zip");

    /** Index of the last static qstr ({@code zip}). */
    public static final int LAST = TABLE.size();

    private static final Map<String, Integer> INDEX = new HashMap<>();

    static {
        for (int i = 0; i < TABLE.size(); i++) {
            INDEX.put(TABLE.get(i), i + 1);
        }
    }

    /** The string of static qstr {@code index} (1..{@link #LAST}). */
    public static Optional<String> string(int index) {
        return index >= 1 && index <= LAST ? Optional.of(TABLE.get(index - 1)) : Optional.empty();
    }

    /** The static index of {@code s}, if it is a static qstr. */
    public static Optional<Integer> index(String s) {
        return Optional.ofNullable(INDEX.get(s));
    }
}
