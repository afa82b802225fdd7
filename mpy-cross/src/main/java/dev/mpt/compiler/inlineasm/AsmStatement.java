package dev.mpt.compiler.inlineasm;

import java.util.List;
import java.util.Objects;

/** One statement of an inline-assembler function body, as the compiler hands it over. */
public sealed interface AsmStatement {

    /** A {@code pass} statement: no code. */
    record Pass(int line) implements AsmStatement {
    }

    /**
     * A statement that is not a plain call of a name ({@code x = 1}, {@code a.b(c)}, {@code if ...},
     * {@code f(x)(y)}...). {@code line} is the statement node's source line.
     */
    record NotInstruction(int line) implements AsmStatement {
    }

    /**
     * An expression statement {@code name(arg, ...)}: an instruction, or one of the directives
     * {@code label(x)}, {@code align(n)}, {@code data(size, v, ...)}.
     *
     * @param line      source line of the statement node (used for directive errors)
     * @param parenLine source line of the call's argument node ({@code trailer_paren}), i.e.
     *                  the line of the {@code (} token; used for instruction errors
     */
    record Call(int line, int parenLine, String name, List<AsmNode> args) implements AsmStatement {
        public Call {
            Objects.requireNonNull(name);
            args = List.copyOf(args);
        }

        public Call(int line, String name, List<AsmNode> args) {
            this(line, line, name, args);
        }
    }
}
