package dev.mpt.compiler;

import dev.mpt.compiler.ParseNode.Const;
import dev.mpt.compiler.ParseNode.Id;
import dev.mpt.compiler.ParseNode.Singleton;
import dev.mpt.compiler.ParseNode.SmallInt;
import dev.mpt.compiler.ParseNode.Str;
import dev.mpt.compiler.ParseNode.Struct;
import dev.mpt.compiler.ParseNode.Tok;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * MicroPython's table-driven parser: a rule stack and a result stack walked over the
 * {@link Rule} table, building rule nodes as rules complete, with the same parse-time work:
 * constant folding of numeric and logical expressions, {@code const()} definitions and their
 * substitution, {@code math.*} constants, constant tuples, and dropping of lonely constant
 * statements such as doc strings.
 */
public final class Parser {
    /** Strings up to this many bytes are interned and become leaves. */
    private static final int INTERN_STRING_LEN = 10;

    private record Frame(Rule rule, int argI, int line) {}

    private final Lexer lex;
    private final Qstrs qstrs;
    private final int smallIntBits;
    private final List<Frame> rules = new ArrayList<>();
    private final List<ParseNode> results = new ArrayList<>();
    private final Map<String, Object> consts = new HashMap<>();

    private Parser(Lexer lex, Qstrs qstrs, int smallIntBits) {
        this.lex = lex;
        this.qstrs = qstrs;
        this.smallIntBits = smallIntBits;
    }

    /** What is being parsed, as for the builtin {@code compile()}: a module, an expression, a REPL line. */
    public enum InputKind { FILE, EVAL, SINGLE }

    private InputKind inputKind = InputKind.FILE;

    /** Parses a whole module (file input). */
    public static ParseNode parse(Lexer lex, Qstrs qstrs, int smallIntBits) {
        return parse(lex, qstrs, smallIntBits, InputKind.FILE);
    }

    /** Parses {@code kind} input: file_input, eval_input or single_input. */
    public static ParseNode parse(Lexer lex, Qstrs qstrs, int smallIntBits, InputKind kind) {
        Parser p = new Parser(lex, qstrs, smallIntBits);
        p.inputKind = kind;
        return p.run(switch (kind) {
            case FILE -> Rule.file_input;
            case EVAL -> Rule.eval_input;
            case SINGLE -> Rule.single_input;
        });
    }

    /** Parses a whole module with the default 31-bit small ints (for tests). */
    public static ParseNode parse(String src) {
        return parse(new Lexer(src), new Qstrs(), 31);
    }

    private void pushRule(int line, Rule rule, int argI) {
        rules.add(new Frame(rule, argI, line));
    }

    private ParseNode pop() {
        return results.remove(results.size() - 1);
    }

    private ParseNode peek(int pos) {
        return results.get(results.size() - 1 - pos);
    }

    private void push(ParseNode pn) {
        results.add(pn);
    }

    private Rule peekRule(int n) {
        return rules.get(rules.size() - 1 - n).rule();
    }

    private CompileError syntaxError() {
        return switch (lex.kind()) {
            case INDENT -> new CompileError("IndentationError", "unexpected indent", lex.tokenLine());
            case DEDENT_MISMATCH -> new CompileError("IndentationError",
                "unindent doesn't match any outer indent level", lex.tokenLine());
            case MALFORMED_FSTRING -> CompileError.syntax("malformed f-string", lex.tokenLine());
            default -> CompileError.syntax("invalid syntax", lex.tokenLine());
        };
    }

    private ParseNode run(Rule top) {
        pushRule(lex.tokenLine(), top, 0);
        boolean backtrack = false;
        while (!rules.isEmpty()) {
            Frame f = rules.remove(rules.size() - 1);
            Rule rule = f.rule();
            int i = f.argI();
            int line = f.line();
            int n = rule.argCount();
            switch (rule.act) {
                case OR -> {
                    if (i > 0 && !backtrack) {
                        continue;
                    }
                    backtrack = false;
                    boolean descended = false;
                    for (; i < n; i++) {
                        if (rule.argKind(i) == Rule.ARG_TOK) {
                            if (lex.kind() == rule.argToken(i)) {
                                pushToken(rule);
                                lex.next();
                                descended = true;
                                break;
                            }
                        } else {
                            if (i + 1 < n) {
                                pushRule(line, rule, i + 1);
                            }
                            pushRule(lex.tokenLine(), rule.argRule(i), 0);
                            descended = true;
                            break;
                        }
                    }
                    if (!descended) {
                        backtrack = true;
                    }
                }
                case AND, AND_IDENT, AND_BLANK -> {
                    if (backtrack) {
                        if (rule.argKind(i - 1) == Rule.ARG_OPT_RULE) {
                            push(null);
                            backtrack = false;
                        } else {
                            if (i > 1) {
                                throw syntaxError();
                            }
                            continue;
                        }
                    }
                    boolean suspended = false;
                    for (; i < n; i++) {
                        if (rule.argKind(i) == Rule.ARG_TOK) {
                            TokenKind want = rule.argToken(i);
                            if (lex.kind() == want) {
                                if (want == TokenKind.NAME) {
                                    pushToken(rule);
                                }
                                lex.next();
                            } else {
                                if (i > 0) {
                                    throw syntaxError();
                                }
                                backtrack = true;
                                suspended = true;
                                break;
                            }
                        } else {
                            pushRule(line, rule, i + 1);
                            pushRule(lex.tokenLine(), rule.argRule(i), 0);
                            suspended = true;
                            break;
                        }
                    }
                    if (suspended) {
                        continue;
                    }
                    if (inputKind != InputKind.SINGLE && rule == Rule.expr_stmt && peek(0) == null) {
                        ParseNode p = peek(1);
                        if (p instanceof SmallInt || p instanceof Str || p instanceof Tok || p instanceof Const) {
                            pop();
                            pop();
                            pushResultRule(line, Rule.pass_stmt, 0);
                            continue;
                        }
                    }
                    int count = 0;
                    int notNil = 0;
                    for (int x = n - 1; x >= 0; x--) {
                        if (rule.argKind(x) == Rule.ARG_TOK) {
                            if (rule.argToken(x) == TokenKind.NAME) {
                                count++;
                                notNil++;
                            }
                        } else {
                            if (peek(count) != null) {
                                notNil++;
                            }
                            count++;
                        }
                    }
                    if (notNil == 1 && rule.act == Rule.Act.AND_IDENT) {
                        ParseNode pn = null;
                        for (int x = 0; x < count; x++) {
                            ParseNode pn2 = pop();
                            if (pn2 != null) {
                                pn = pn2;
                            }
                        }
                        push(pn);
                    } else {
                        if (rule.act == Rule.Act.AND_BLANK) {
                            push(null);
                            count++;
                        }
                        pushResultRule(line, rule, count);
                    }
                }
                default -> {
                    int listN = rule.listN();
                    boolean trailingSep = false;
                    boolean done = false;
                    if (!backtrack) {
                        while (true) {
                            int argIdx = i & 1 & listN;
                            if (rule.argKind(argIdx) == Rule.ARG_TOK) {
                                if (lex.kind() == rule.argToken(argIdx)) {
                                    if ((i & 1 & listN) == 0) {
                                        pushToken(rule);
                                    }
                                    lex.next();
                                    i++;
                                } else {
                                    i++;
                                    backtrack = true;
                                    break;
                                }
                            } else {
                                pushRule(line, rule, i + 1);
                                pushRule(lex.tokenLine(), rule.argRule(argIdx), 0);
                                done = true;
                                break;
                            }
                        }
                    }
                    if (done) {
                        continue;
                    }
                    // backtrack handling
                    if (listN == 2) {
                        if (i == 1) {
                            continue;
                        }
                        backtrack = false;
                    } else {
                        if (i == 1) {
                            continue;
                        } else if ((i & 1) == 1) {
                            if (listN == 3) {
                                trailingSep = true;
                                backtrack = false;
                            } else {
                                throw syntaxError();
                            }
                        } else {
                            backtrack = false;
                        }
                    }
                    i -= 1;
                    if ((listN & 1) == 1 && rule.argKind(1) == Rule.ARG_TOK) {
                        i = (i + 1) / 2;
                    }
                    if (i != 1 || trailingSep) {
                        pushResultRule(line, rule, i);
                    }
                }
            }
        }
        if (lex.kind() != TokenKind.END || results.isEmpty()) {
            throw syntaxError();
        }
        return results.get(0);
    }

    // ---- leaves -------------------------------------------------------------------------

    private boolean fitsSmallInt(BigInteger v) {
        return v.bitLength() < smallIntBits;
    }

    private static final BigInteger HOST_MIN = BigInteger.ONE.shiftLeft(62).negate();
    private static final BigInteger HOST_MAX = BigInteger.ONE.shiftLeft(62).subtract(BigInteger.ONE);

    /** Whether the official (64-bit) mpy-cross holds {@code v} as a small int. */
    static boolean fitsHost(BigInteger v) {
        return v.compareTo(HOST_MIN) >= 0 && v.compareTo(HOST_MAX) <= 0;
    }

    private ParseNode constOptimised(int line, Object obj) {
        return constOptimised(line, obj, obj instanceof BigInteger v && !fitsHost(v));
    }

    private ParseNode constOptimised(int line, Object obj, boolean mpz) {
        if (!mpz && obj instanceof BigInteger v && fitsSmallInt(v)) {
            return new SmallInt(v.longValue());
        }
        return new Const(obj, line, mpz);
    }

    private void pushToken(Rule rule) {
        String text = lex.text();
        int line = lex.tokenLine();
        ParseNode pn;
        switch (lex.kind()) {
            case NAME -> {
                qstrs.intern(text);
                Object c = rule == Rule.atom ? consts.get(text) : null;
                pn = c != null ? constOptimised(line, c) : new Id(text);
            }
            case INTEGER -> pn = constOptimised(line, Literals.parseInteger(text, line));
            case FLOAT_OR_IMAG -> pn = new Const(Literals.parseFloat(text, line), line);
            case STRING -> {
                if (text.length() <= INTERN_STRING_LEN) {
                    qstrs.intern(text);
                    pn = new Str(text);
                } else if (qstrs.contains(text)) {
                    pn = new Str(text);
                } else {
                    pn = new Const(text, line);
                }
            }
            case BYTES -> pn = new Const(new ParseNode.Bytes(text), line);
            default -> pn = new Tok(lex.kind());
        }
        push(pn);
    }

    // ---- constants ----------------------------------------------------------------------

    static boolean isConst(ParseNode pn) {
        if (pn instanceof SmallInt || pn instanceof Str || pn instanceof Const) {
            return true;
        }
        if (pn instanceof Tok t) {
            return t.kind() == TokenKind.KW_NONE || t.kind() == TokenKind.KW_FALSE
                || t.kind() == TokenKind.KW_TRUE || t.kind() == TokenKind.ELLIPSIS;
        }
        return pn instanceof Struct s && s.rule == Rule.atom_paren && s.nodes[0] == null;
    }

    static Object toObj(ParseNode pn) {
        if (pn instanceof SmallInt si) {
            return BigInteger.valueOf(si.value());
        } else if (pn instanceof Str s) {
            return s.value();
        } else if (pn instanceof Const c) {
            return c.value();
        } else if (pn instanceof Tok t) {
            return switch (t.kind()) {
                case KW_NONE -> Singleton.NONE;
                case KW_FALSE -> Singleton.FALSE;
                case KW_TRUE -> Singleton.TRUE;
                default -> Singleton.ELLIPSIS;
            };
        }
        return List.of();
    }

    static boolean isConstBool(ParseNode pn, boolean value) {
        return isConst(pn) && Folding.isTrue(toObj(pn)) == value;
    }

    private static Object number(ParseNode pn) {
        if (pn instanceof SmallInt si) {
            return BigInteger.valueOf(si.value());
        }
        if (pn instanceof Const c && (c.value() instanceof BigInteger || c.value() instanceof Double)) {
            return c.value();
        }
        return null;
    }

    private boolean foldLogical(Rule rule, int[] numArgs) {
        if (rule == Rule.or_test || rule == Rule.and_test) {
            int copyTo = numArgs[0];
            for (int i = copyTo; i > 0; ) {
                ParseNode pn = peek(--i);
                results.set(results.size() - copyTo, pn);
                if (i == 0) {
                    break;
                }
                if (rule == Rule.or_test) {
                    if (isConstBool(pn, true)) {
                        break;
                    } else if (!isConstBool(pn, false)) {
                        copyTo--;
                    }
                } else {
                    if (isConstBool(pn, false)) {
                        break;
                    } else if (!isConstBool(pn, true)) {
                        copyTo--;
                    }
                }
            }
            copyTo--;
            for (int i = 0; i < copyTo; i++) {
                pop();
            }
            numArgs[0] -= copyTo;
            return numArgs[0] == 1;
        } else if (rule == Rule.not_test_2) {
            ParseNode pn = peek(0);
            if (isConstBool(pn, false)) {
                pn = new Tok(TokenKind.KW_TRUE);
            } else if (isConstBool(pn, true)) {
                pn = new Tok(TokenKind.KW_FALSE);
            } else {
                return false;
            }
            pop();
            push(pn);
            return true;
        }
        return false;
    }

    private boolean foldConstants(Rule rule, int numArgs) {
        Object arg0;
        switch (rule) {
            case expr, xor_expr, and_expr, power -> {
                arg0 = number(peek(numArgs - 1));
                if (arg0 == null) {
                    return false;
                }
                String op = switch (rule) {
                    case expr -> "|";
                    case xor_expr -> "^";
                    case and_expr -> "&";
                    default -> "**";
                };
                for (int i = numArgs - 2; i >= 0; i--) {
                    Object arg1 = number(peek(i));
                    if (arg1 == null) {
                        return false;
                    }
                    arg0 = Folding.binary(op, arg0, arg1);
                    if (arg0 == null) {
                        return false;
                    }
                }
            }
            case shift_expr, arith_expr, term -> {
                arg0 = number(peek(numArgs - 1));
                if (arg0 == null) {
                    return false;
                }
                for (int i = numArgs - 2; i >= 1; i -= 2) {
                    Object arg1 = number(peek(i - 1));
                    if (arg1 == null) {
                        return false;
                    }
                    TokenKind tok = ((Tok) peek(i)).kind();
                    arg0 = Folding.binary(Folding.opOf(tok), arg0, arg1);
                    if (arg0 == null) {
                        return false;
                    }
                }
            }
            case factor_2 -> {
                arg0 = number(peek(0));
                if (arg0 == null) {
                    return false;
                }
                TokenKind tok = ((Tok) peek(1)).kind();
                ParseNode operand = peek(0);
                boolean operandMpz = operand instanceof Const c && (c.mpz()
                    || (c.value() instanceof BigInteger v && !fitsHost(v)));
                if (tok == TokenKind.OP_TILDE) {
                    if (!(arg0 instanceof BigInteger v)) {
                        return false;
                    }
                    arg0 = v.not();
                } else if (tok == TokenKind.OP_MINUS) {
                    arg0 = arg0 instanceof BigInteger v ? v.negate() : (Object) (-(Double) arg0);
                }
                if (arg0 instanceof BigInteger v) {
                    pop();
                    pop();
                    push(constOptimised(0, arg0, operandMpz || !fitsHost(v)));
                    return true;
                }
            }
            case expr_stmt -> {
                ParseNode pn1 = peek(0);
                if (pn1 != null && !ParseNode.isStruct(pn1, Rule.expr_stmt_augassign)
                        && !ParseNode.isStruct(pn1, Rule.expr_stmt_assign_list)) {
                    ParseNode pn0 = peek(1);
                    if (pn0 instanceof Id id && pn1 instanceof Struct s1 && s1.rule == Rule.atom_expr_normal
                            && s1.nodes[0] instanceof Id callee && callee.name().equals("const")
                            && ParseNode.isStruct(s1.nodes[1], Rule.trailer_paren)) {
                        ParseNode value = ((Struct) s1.nodes[1]).nodes[0];
                        if (!isConst(value)) {
                            throw CompileError.syntax("not a constant", s1.line);
                        }
                        consts.put(id.name(), toObj(value));
                        if (id.name().startsWith("_")) {
                            pop();
                            pop();
                            pushResultRule(0, Rule.pass_stmt, 0);
                            return true;
                        }
                        pop();
                        push(value);
                        return false;
                    }
                }
                return false;
            }
            case atom_expr_normal -> {
                ParseNode pn0 = peek(1);
                ParseNode pn1 = peek(0);
                if (!(pn0 instanceof Id base && pn1 instanceof Struct s1 && s1.rule == Rule.trailer_period)) {
                    return false;
                }
                arg0 = Folding.moduleConstant(base.name(), ((Id) s1.nodes[0]).name());
                if (arg0 == null) {
                    return false;
                }
            }
            default -> {
                return false;
            }
        }
        for (int i = numArgs; i > 0; i--) {
            pop();
        }
        push(constOptimised(0, arg0));
        return true;
    }

    private boolean buildTupleFromStack(int line, int numArgs) {
        for (int i = numArgs; i > 0; ) {
            if (!isConst(peek(--i))) {
                return false;
            }
        }
        Object[] items = new Object[numArgs];
        for (int i = numArgs; i > 0; ) {
            items[--i] = toObj(pop());
        }
        push(new Const(List.of(items), line));
        return true;
    }

    private boolean buildTuple(int line, Rule rule, int numArgs) {
        if (rule == Rule.testlist_comp && peekRule(0) == Rule.atom_paren) {
            return buildTupleFromStack(line, numArgs);
        }
        if (rule == Rule.testlist_comp_3c && peekRule(2) == Rule.atom_paren) {
            if (buildTupleFromStack(line, numArgs)) {
                rules.remove(rules.size() - 1);
                rules.remove(rules.size() - 1);
                return true;
            }
        }
        if (rule == Rule.testlist_star_expr || rule == Rule.testlist || rule == Rule.subscriptlist) {
            return buildTupleFromStack(line, numArgs);
        }
        return false;
    }

    private void pushResultRule(int line, Rule rule, int numArgs) {
        if (rule == Rule.atom_paren) {
            ParseNode pn = peek(0);
            if (pn != null && !ParseNode.isStruct(pn, Rule.testlist_comp)) {
                return;
            }
        } else if (rule == Rule.testlist_comp) {
            ParseNode pn = peek(0);
            if (pn instanceof Struct s) {
                if (s.rule == Rule.testlist_comp_3b) {
                    pop();
                    numArgs--;
                } else if (s.rule == Rule.testlist_comp_3c) {
                    pop();
                    s.rule = rule;
                    return;
                }
            }
        } else if (rule == Rule.testlist_comp_3c) {
            numArgs++;
        }
        int[] na = {numArgs};
        if (foldLogical(rule, na)) {
            return;
        }
        numArgs = na[0];
        if (foldConstants(rule, numArgs)) {
            return;
        }
        if (buildTuple(line, rule, numArgs)) {
            return;
        }
        ParseNode[] nodes = new ParseNode[numArgs];
        for (int i = numArgs; i > 0; i--) {
            nodes[i - 1] = pop();
        }
        Struct pn = new Struct(rule, line, nodes);
        if (rule == Rule.testlist_comp_3c) {
            push(pn);
        }
        push(pn);
    }
}
