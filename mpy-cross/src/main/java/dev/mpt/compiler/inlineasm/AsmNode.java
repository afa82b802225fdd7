package dev.mpt.compiler.inlineasm;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * One argument of an inline-assembler statement, in the shape the MicroPython parser leaves it
 * in: the assembler only ever looks at these few forms, so this is all the compiler has to
 * translate its parse tree into (see {@code ThumbAssembler} for the mapping).
 */
public sealed interface AsmNode {

    /** A bare identifier: a register ({@code r0}, {@code sp}), a label, a condition, {@code FPSCR}... */
    record Id(String name) implements AsmNode {
        public Id {
            Objects.requireNonNull(name);
        }
    }

    /**
     * An integer the parser produced (after constant folding and {@code const()} substitution).
     * {@code small} is true when the parser stored it as a small-int leaf rather than as a
     * constant object: mpy-cross does so when the value fits the target's small int
     * ({@code -msmall-int-bits}, 31 by default: -2^30 <= value < 2^30). {@code align} and the
     * first argument of {@code data} accept only small ints.
     */
    record Int(BigInteger value, boolean small) implements AsmNode {
        public Int {
            Objects.requireNonNull(value);
        }
    }

    /**
     * A list display {@code [a, b, ...]}. {@code items} are the elements when the display holds a
     * comma-separated list; a display holding a single element without a comma ({@code [r0]}) is
     * passed as {@code Bracket(List.of(thatElement))} too, and an empty one as an empty list; a
     * comprehension is passed as its element followed by an {@link Other}.
     */
    record Bracket(List<AsmNode> items) implements AsmNode {
        public Bracket {
            items = List.copyOf(items);
        }
    }

    /**
     * A set display {@code {a, b, ...}} with at least one element. Dict displays, empty braces and
     * set comprehensions are not sets here: pass them as {@link Other}.
     */
    record Brace(List<AsmNode> items) implements AsmNode {
        public Brace {
            items = List.copyOf(items);
        }
    }

    /**
     * A call or subscript of a value, {@code head(inner)}: the parser's {@code atom_expr_normal}
     * node, which is how RISC-V's {@code offset(base)} operand reaches the assembler.
     * {@code inner} is the first node of the (first) trailer: the one argument of
     * {@code head(x)}, the index of {@code head[x]}, the name of {@code head.x}; an
     * {@link Other} when that node is something else (several arguments, none, several
     * trailers).
     */
    record Applied(AsmNode head, AsmNode inner) implements AsmNode {
        public Applied {
            Objects.requireNonNull(head);
            Objects.requireNonNull(inner);
        }
    }

    /**
     * {@code -x} or {@code +x} where the parser could not fold {@code x} into a number (the
     * {@code factor_2} node): RISC-V's {@code -4(a1)}. Other unary operators are {@link Other}.
     */
    record Signed(boolean minus, AsmNode operand) implements AsmNode {
        public Signed {
            Objects.requireNonNull(operand);
        }
    }

    /** Anything else (strings, floats, expressions the parser did not fold, keyword arguments...). */
    record Other(String what) implements AsmNode {
    }

    static Id id(String name) {
        return new Id(name);
    }

    /** An integer, classified as small or not as mpy-cross does by default (31-bit small ints). */
    static Int integer(BigInteger value) {
        return integer(value, 31);
    }

    /** An integer, classified for a target whose small ints have {@code smallIntBits} bits. */
    static Int integer(BigInteger value, int smallIntBits) {
        return new Int(value, value.bitLength() < smallIntBits);
    }

    static Int integer(long value) {
        return integer(BigInteger.valueOf(value));
    }

    /** An address {@code [base, offset]}. */
    static Bracket address(AsmNode base, AsmNode offset) {
        return new Bracket(List.of(base, offset));
    }

    static Brace set(AsmNode... items) {
        return new Brace(List.of(items));
    }
}
