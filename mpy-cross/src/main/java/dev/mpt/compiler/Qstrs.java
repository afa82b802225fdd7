package dev.mpt.compiler;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The qstr pool as it stands while one file is compiled: the qstrs built into the official
 * mpy-cross plus every string interned so far (the source name, identifiers, short string
 * literals). The parser asks it whether a string literal longer than the intern limit is
 * nevertheless a qstr (then it is loaded by name, not from the constant table).
 */
public final class Qstrs {
    /**
     * The qstrs of the official mpy-cross v1.28.0 that are longer than the parser's intern
     * limit (10 bytes); shorter ones do not need listing since short literals are always
     * interned.
     */
    private static final Set<String> BUILT_IN_LONG = Set.of(
        "__delitem__", "__getattr__", "__getitem__", "__qualname__", "__setitem__",
        "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "GeneratorExit",
        "ImportError", "IndentationError", "KeyboardInterrupt", "LookupError", "MemoryError",
        "NotImplementedError", "OverflowError", "RuntimeError", "StopIteration", "SyntaxError",
        "ZeroDivisionError", "classmethod", "micropython", "staticmethod", "Interpolation",
        "StopAsyncIteration", "UnicodeError", "ViperTypeError", "__build_class__", "__complex__",
        "__contains__", "__repl_print__", "__reversed__", "__template__", "__traceback__",
        "bound_method", "difference_update", "format_spec", "heap_unlock", "interpolations",
        "intersection", "intersection_update", "maximum recursion depth exceeded",
        "string.templatelib", "symmetric_difference", "symmetric_difference_update",
        "templatelib", "unpack_from", "vcvt_f32_s32", "vcvt_s32_f32");

    private final Set<String> interned = new LinkedHashSet<>();

    public void intern(String s) {
        interned.add(checkLength(s));
    }

    /**
     * {@code s} if it can be a qstr: at most 255 bytes of UTF-8. A longer identifier, or a
     * longer dotted module name in an import, stops the compile with
     * {@code RuntimeError: name too long} (no traceback), as MicroPython's qstr pool does.
     */
    public static String checkLength(String s) {
        if (s.length() > 85 && dev.mpt.bytecode.Utf8.encode(s).length > 255) {
            throw new CompileError("RuntimeError", "name too long", -1);
        }
        return s;
    }

    /** What was interned, in the order it was first interned (the order the source mentions it). */
    public List<String> inOrder() {
        return List.copyOf(interned);
    }

    public boolean contains(String s) {
        return interned.contains(s) || BUILT_IN_LONG.contains(s);
    }
}
