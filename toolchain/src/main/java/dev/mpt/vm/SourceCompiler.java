package dev.mpt.vm;

import dev.mpt.bytecode.MpyFile;

/**
 * Turns Python source into a compiled module, so the VM can import .py files and run
 * exec/eval/compile. The compiler module implements this; without one, those raise
 * ImportError / NotImplementedError.
 */
public interface SourceCompiler {
    /** How the source is compiled, as for the builtin compile(). */
    enum Mode {
        /** A module or exec() body. */
        FILE,
        /** A single expression whose value the code returns (eval()). */
        EVAL,
        /** One interactive statement: expression values are printed with __repl_print__. */
        SINGLE
    }

    /** Thrown for a syntax error: the message and position as MicroPython reports them. */
    final class CompileError extends Exception {
        public final String kind;
        public final String file;
        public final int line;
        /**
         * The code block the compiler was in ({@code <module>}, a function name), or null for
         * an error found while parsing: MicroPython's traceback line then has no ", in ...".
         */
        public final String block;

        public CompileError(String kind, String message, String file, int line) {
            this(kind, message, file, line, null);
        }

        public CompileError(String kind, String message, String file, int line, String block) {
            super(message);
            this.kind = kind;
            this.file = file;
            this.line = line;
            this.block = block;
        }

        /** The traceback firmware prints for it: "Traceback (most recent call last):\n  File ...\nSyntaxError: ...\n". */
        public String traceback() {
            String where = line < 0 ? "" : "Traceback (most recent call last):\n  File \"" + file + "\", line " + line
                    + (block == null ? "" : ", in " + block) + "\n";
            return where + kind + ": " + getMessage() + "\n";
        }
    }

    MpyFile compile(String source, String fileName, Mode mode) throws CompileError;

    /**
     * The names compiling {@code file} interned, in the order its source first mentions them
     * (identifiers and short strings), as a MicroPython firmware interns them while parsing;
     * empty when this compiler did not make the file or does not know. dir() lists names a
     * program made in this order.
     */
    default java.util.List<String> internedNames(MpyFile file) {
        return java.util.List.of();
    }

    /**
     * Compiles at an optimisation level as mpy-cross -O does (1 and up: {@code __debug__} is
     * False and asserts are left out; 3: no line numbers). Compilers without levels ignore it.
     */
    default MpyFile compile(String source, String fileName, Mode mode, int optLevel) throws CompileError {
        return compile(source, fileName, mode);
    }
}
