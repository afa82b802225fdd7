package dev.mpt.compiler;

import java.math.BigInteger;
import java.util.List;

/**
 * A node of the parse tree, in MicroPython's shape: leaves (small ints, identifiers, interned
 * strings, tokens) and rule nodes holding their arguments. A missing optional argument is
 * Java {@code null}, like MicroPython's null parse node.
 */
public sealed interface ParseNode {

    /** An integer that fits the target's small int. */
    record SmallInt(long value) implements ParseNode {}

    /** An identifier. */
    record Id(String name) implements ParseNode {}

    /** A short (interned) string literal; its value is bytes, one char per byte. */
    record Str(String value) implements ParseNode {}

    /** A bare token (None, True, False, ..., or an operator kept in the tree). */
    record Tok(TokenKind kind) implements ParseNode {}

    /**
     * A constant object made by the parser: a {@link BigInteger} int, a {@link Double} float, a
     * {@link Complex}, a {@link String} str (bytes as chars), {@link Bytes}, a tuple as a
     * {@link List} of such values, or a {@link Singleton}. {@code mpz} marks an int held
     * as a long-int object on the compiling host even though its value may be small (MicroPython
     * does not shrink the result of negating or inverting a long int).
     */
    record Const(Object value, int line, boolean mpz) implements ParseNode {
        Const(Object value, int line) {
            this(value, line, false);
        }
    }

    /** A grammar rule with its arguments. */
    final class Struct implements ParseNode {
        Rule rule;
        final int line;
        final ParseNode[] nodes;
        /** Per-node data the compiler attaches (the scope of a function, class, lambda...). */
        Object data;

        Struct(Rule rule, int line, ParseNode[] nodes) {
            this.rule = rule;
            this.line = line;
            this.nodes = nodes;
        }

        public Rule rule() {
            return rule;
        }

        public int line() {
            return line;
        }

        public int size() {
            return nodes.length;
        }

        public ParseNode node(int i) {
            return nodes[i];
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(rule.name()).append('(');
            for (int i = 0; i < nodes.length; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(nodes[i]);
            }
            return sb.append(')').toString();
        }
    }

    static boolean isStruct(ParseNode pn, Rule rule) {
        return pn instanceof Struct s && s.rule == rule;
    }

    static boolean isId(ParseNode pn) {
        return pn instanceof Id;
    }

    static boolean isToken(ParseNode pn, TokenKind kind) {
        return pn instanceof Tok t && t.kind() == kind;
    }

    /** The nodes of {@code pn} if it is a {@code rule} node, else {@code pn} alone (none if null). */
    static ParseNode[] extractList(ParseNode pn, Rule rule) {
        if (pn == null) {
            return new ParseNode[0];
        }
        if (pn instanceof Struct s && s.rule == rule) {
            return s.nodes;
        }
        return new ParseNode[] {pn};
    }

    record Complex(double real, double imag) {}

    record Bytes(String value) {}

    enum Singleton { NONE, FALSE, TRUE, ELLIPSIS }
}
