package dev.mpt.compiler;

/**
 * An error in the source, reported the way MicroPython reports it: an exception type name
 * ({@code SyntaxError}, {@code IndentationError}, {@code NotImplementedError}...), a message and
 * the source line it was raised at (0 when there is none).
 */
public final class CompileError extends RuntimeException {
    private final String type;
    private final int line;
    private final String block;

    public CompileError(String type, String message, int line) {
        this(type, message, line, null);
    }

    /** An error inside a code block: {@code block} is the scope name ({@code <module>}, a function...). */
    public CompileError(String type, String message, int line, String block) {
        super(message);
        this.type = type;
        this.line = line;
        this.block = block;
    }

    /** The code block the compiler was in, or null for an error found while lexing or parsing. */
    public String block() {
        return block;
    }

    /**
     * The traceback mpy-cross prints: errors found while lexing and parsing name the input
     * file, errors found by the compiler name the source name embedded in the output (-s).
     */
    public String traceback(String inputFile, String sourceName) {
        return traceback(block != null ? sourceName : inputFile);
    }

    /** The traceback mpy-cross prints for this error, for source file {@code file}. */
    public String traceback(String file) {
        StringBuilder sb = new StringBuilder();
        if (line >= 0) {
            sb.append("Traceback (most recent call last):\n");
            sb.append("  File \"").append(file).append("\", line ").append(line);
            if (block != null) {
                sb.append(", in ").append(block);
            }
            sb.append('\n');
        }
        sb.append(type);
        if (getMessage() != null && !getMessage().isEmpty()) {
            sb.append(": ").append(getMessage());
        }
        return sb.append('\n').toString();
    }

    public static CompileError syntax(String message, int line) {
        return new CompileError("SyntaxError", message, line);
    }

    public String type() {
        return type;
    }

    public int line() {
        return line;
    }
}
