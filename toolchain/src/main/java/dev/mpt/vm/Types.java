package dev.mpt.vm;

import java.util.LinkedHashMap;
import java.util.Map;

/** The built-in types, created once; their methods are filled in by {@link BuiltinTypes}. */
public final class Types {
    private Types() {}

    private static PyType t(String name, PyType... bases) {
        return new PyType(name, bases, true);
    }

    public static final PyType OBJECT = t("object");
    public static final PyType TYPE = t("type", OBJECT);
    public static final PyType NONETYPE = t("NoneType", OBJECT);
    public static final PyType ELLIPSIS = t("ellipsis", OBJECT);
    public static final PyType NOTIMPL = t("NotImplementedType", OBJECT);
    public static final PyType INT = t("int", OBJECT);
    public static final PyType BOOL = t("bool", OBJECT);
    public static final PyType FLOAT = t("float", OBJECT);
    public static final PyType COMPLEX = t("complex", OBJECT);
    public static final PyType STR = t("str", OBJECT);
    public static final PyType BYTES = t("bytes", OBJECT);
    public static final PyType BYTEARRAY = t("bytearray", OBJECT);
    public static final PyType MEMORYVIEW = t("memoryview", OBJECT);
    public static final PyType LIST = t("list", OBJECT);
    public static final PyType TUPLE = t("tuple", OBJECT);
    public static final PyType DICT = t("dict", OBJECT);
    public static final PyType ORDERED_DICT = t("OrderedDict", DICT);
    public static final PyType SET = t("set", OBJECT);
    public static final PyType FROZENSET = t("frozenset", OBJECT);
    public static final PyType RANGE = t("range", OBJECT);
    public static final PyType SLICE = t("slice", OBJECT);
    public static final PyType FUNCTION = t("function", OBJECT);
    public static final PyType CODE = t("code", OBJECT);
    public static final PyType GENFUNCTION = t("generator", OBJECT);
    public static final PyType BOUND_METHOD = t("bound_method", OBJECT);
    /**
     * The types of functions written in Java, as MicroPython types its built-in functions: by how
     * the function takes its arguments (exactly 0, 1, 2 or 3 positional ones; anything else),
     * and, for a method of a built-in type reached through the type ({@code str.join}), a
     * function that checks its first argument's type. All print as {@code <class 'function'>}
     * and are distinct from each other and from a Python function's type, as on the unix port
     * (micropython-lib's {@code inspect.signature} tells the arities apart by type). Which
     * built-in has which is set by {@link FunTypes}.
     */
    public static final PyType FUN_BUILTIN_0 = t("function", OBJECT);
    public static final PyType FUN_BUILTIN_1 = t("function", OBJECT);
    public static final PyType FUN_BUILTIN_2 = t("function", OBJECT);
    public static final PyType FUN_BUILTIN_3 = t("function", OBJECT);
    public static final PyType FUN_BUILTIN_VAR = t("function", OBJECT);
    public static final PyType CHECKED_FUN = t("function", OBJECT);
    /** The default type of a function written in Java. */
    public static final PyType BUILTIN_FUNCTION = FUN_BUILTIN_VAR;
    /** A Python function with closed-over variables (generator functions too). */
    public static final PyType CLOSURE = t("closure", OBJECT);
    /** A viper function (MicroPython gives it a type of its own, also printed 'function'). */
    public static final PyType FUN_VIPER = t("function", OBJECT);
    /** A {@code @micropython.native} function (run as bytecode here, typed as the firmware types it). */
    public static final PyType FUN_NATIVE = t("function", OBJECT);
    public static final PyType MODULE = t("module", OBJECT);
    public static final PyType GENERATOR = t("generator", OBJECT);
    public static final PyType COROUTINE = t("coroutine", OBJECT);
    public static final PyType ITERATOR = t("iterator", OBJECT);
    public static final PyType PROPERTY = t("property", OBJECT);
    public static final PyType STATICMETHOD = t("staticmethod", OBJECT);
    public static final PyType CLASSMETHOD = t("classmethod", OBJECT);
    public static final PyType SUPER = t("super", OBJECT);
    public static final PyType CELL = t("cell", OBJECT);
    public static final PyType ENUMERATE = t("enumerate", OBJECT);
    public static final PyType ZIP = t("zip", OBJECT);
    public static final PyType MAP = t("map", OBJECT);
    public static final PyType FILTER = t("filter", OBJECT);
    public static final PyType REVERSED = t("reversed", OBJECT);
    public static final PyType DICT_VIEW = t("dict_view", OBJECT);

    public static final PyType BASE_EXCEPTION = t("BaseException", OBJECT);
    public static final PyType SYSTEM_EXIT = t("SystemExit", BASE_EXCEPTION);
    public static final PyType KEYBOARD_INTERRUPT = t("KeyboardInterrupt", BASE_EXCEPTION);
    public static final PyType GENERATOR_EXIT = t("GeneratorExit", BASE_EXCEPTION);
    public static final PyType EXCEPTION = t("Exception", BASE_EXCEPTION);
    public static final PyType STOP_ITERATION = t("StopIteration", EXCEPTION);
    public static final PyType STOP_ASYNC_ITERATION = t("StopAsyncIteration", EXCEPTION);
    public static final PyType ARITHMETIC_ERROR = t("ArithmeticError", EXCEPTION);
    public static final PyType OVERFLOW_ERROR = t("OverflowError", ARITHMETIC_ERROR);
    public static final PyType ZERO_DIVISION_ERROR = t("ZeroDivisionError", ARITHMETIC_ERROR);
    public static final PyType ASSERTION_ERROR = t("AssertionError", EXCEPTION);
    public static final PyType ATTRIBUTE_ERROR = t("AttributeError", EXCEPTION);
    public static final PyType EOF_ERROR = t("EOFError", EXCEPTION);
    public static final PyType IMPORT_ERROR = t("ImportError", EXCEPTION);
    public static final PyType LOOKUP_ERROR = t("LookupError", EXCEPTION);
    public static final PyType INDEX_ERROR = t("IndexError", LOOKUP_ERROR);
    public static final PyType KEY_ERROR = t("KeyError", LOOKUP_ERROR);
    public static final PyType MEMORY_ERROR = t("MemoryError", EXCEPTION);
    public static final PyType NAME_ERROR = t("NameError", EXCEPTION);
    public static final PyType OS_ERROR = t("OSError", EXCEPTION);
    public static final PyType RUNTIME_ERROR = t("RuntimeError", EXCEPTION);
    public static final PyType NOT_IMPLEMENTED_ERROR = t("NotImplementedError", RUNTIME_ERROR);
    public static final PyType SYNTAX_ERROR = t("SyntaxError", EXCEPTION);
    public static final PyType INDENTATION_ERROR = t("IndentationError", SYNTAX_ERROR);
    public static final PyType TYPE_ERROR = t("TypeError", EXCEPTION);
    public static final PyType VIPER_TYPE_ERROR = t("ViperTypeError", TYPE_ERROR);
    public static final PyType VALUE_ERROR = t("ValueError", EXCEPTION);
    public static final PyType UNICODE_ERROR = t("UnicodeError", VALUE_ERROR);

    /** The exception types by name, in the order the builtins module lists them. */
    static final Map<String, PyType> EXCEPTIONS = new LinkedHashMap<>();

    static {
        for (PyType e : new PyType[] {BASE_EXCEPTION, SYSTEM_EXIT, KEYBOARD_INTERRUPT, GENERATOR_EXIT, EXCEPTION,
            STOP_ITERATION, STOP_ASYNC_ITERATION, ARITHMETIC_ERROR, OVERFLOW_ERROR, ZERO_DIVISION_ERROR,
            ASSERTION_ERROR, ATTRIBUTE_ERROR, EOF_ERROR, IMPORT_ERROR, LOOKUP_ERROR, INDEX_ERROR, KEY_ERROR,
            MEMORY_ERROR, NAME_ERROR, OS_ERROR, RUNTIME_ERROR, NOT_IMPLEMENTED_ERROR, SYNTAX_ERROR,
            INDENTATION_ERROR, TYPE_ERROR, VIPER_TYPE_ERROR, VALUE_ERROR, UNICODE_ERROR}) {
            EXCEPTIONS.put(e.name, e);
        }
        BuiltinTypes.initTypes();
    }
}
