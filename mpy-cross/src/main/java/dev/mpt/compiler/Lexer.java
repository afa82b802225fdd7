package dev.mpt.compiler;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns source bytes into tokens with MicroPython's rules: a three-byte look-ahead window,
 * CR and CR LF read as LF, a newline added at the end of input, INDENT/DEDENT from column
 * counts (tabs to multiples of 8), adjacent string literals joined into one token, and
 * f-strings rewritten into a {@code '...'.format(...)} call by injecting the argument text
 * back into the input.
 */
public final class Lexer {
    private static final int EOF = 0;
    private static final int INVALID_BYTE = 1;
    private static final int TAB_SIZE = 8;

    private static final Map<String, TokenKind> OPERATORS = Map.ofEntries(
        Map.entry("(", TokenKind.DEL_PAREN_OPEN), Map.entry(")", TokenKind.DEL_PAREN_CLOSE),
        Map.entry("[", TokenKind.DEL_BRACKET_OPEN), Map.entry("]", TokenKind.DEL_BRACKET_CLOSE),
        Map.entry("{", TokenKind.DEL_BRACE_OPEN), Map.entry("}", TokenKind.DEL_BRACE_CLOSE),
        Map.entry(",", TokenKind.DEL_COMMA), Map.entry(";", TokenKind.DEL_SEMICOLON),
        Map.entry("~", TokenKind.OP_TILDE),
        Map.entry(":", TokenKind.DEL_COLON), Map.entry(":=", TokenKind.OP_ASSIGN),
        Map.entry("<", TokenKind.OP_LESS), Map.entry("<=", TokenKind.OP_LESS_EQUAL),
        Map.entry("<<", TokenKind.OP_DBL_LESS), Map.entry("<<=", TokenKind.DEL_DBL_LESS_EQUAL),
        Map.entry(">", TokenKind.OP_MORE), Map.entry(">=", TokenKind.OP_MORE_EQUAL),
        Map.entry(">>", TokenKind.OP_DBL_MORE), Map.entry(">>=", TokenKind.DEL_DBL_MORE_EQUAL),
        Map.entry("*", TokenKind.OP_STAR), Map.entry("*=", TokenKind.DEL_STAR_EQUAL),
        Map.entry("**", TokenKind.OP_DBL_STAR), Map.entry("**=", TokenKind.DEL_DBL_STAR_EQUAL),
        Map.entry("+", TokenKind.OP_PLUS), Map.entry("+=", TokenKind.DEL_PLUS_EQUAL),
        Map.entry("-", TokenKind.OP_MINUS), Map.entry("-=", TokenKind.DEL_MINUS_EQUAL),
        Map.entry("->", TokenKind.DEL_MINUS_MORE),
        Map.entry("&", TokenKind.OP_AMPERSAND), Map.entry("&=", TokenKind.DEL_AMPERSAND_EQUAL),
        Map.entry("|", TokenKind.OP_PIPE), Map.entry("|=", TokenKind.DEL_PIPE_EQUAL),
        Map.entry("/", TokenKind.OP_SLASH), Map.entry("/=", TokenKind.DEL_SLASH_EQUAL),
        Map.entry("//", TokenKind.OP_DBL_SLASH), Map.entry("//=", TokenKind.DEL_DBL_SLASH_EQUAL),
        Map.entry("%", TokenKind.OP_PERCENT), Map.entry("%=", TokenKind.DEL_PERCENT_EQUAL),
        Map.entry("^", TokenKind.OP_CARET), Map.entry("^=", TokenKind.DEL_CARET_EQUAL),
        Map.entry("@", TokenKind.OP_AT), Map.entry("@=", TokenKind.DEL_AT_EQUAL),
        Map.entry("=", TokenKind.DEL_EQUAL), Map.entry("==", TokenKind.OP_DBL_EQUAL));

    private final byte[] src;
    private int srcPos;
    private final boolean optimised;

    private int chr0, chr1, chr2;
    private int line = 1;
    private int column = -2;
    private int emitDent;
    private int nestedBracketLevel;
    private final List<Integer> indents = new ArrayList<>(List.of(0));

    private final StringBuilder text = new StringBuilder();
    private final StringBuilder inject = new StringBuilder();
    private int injectIdx;
    private final StringBuilder fstringArgs = new StringBuilder();

    private TokenKind tokKind;
    private int tokLine;
    private int tokColumn;

    /** A lexer over {@code src}; {@code optimised} (-O1 and up) makes {@code __debug__} False. */
    public Lexer(byte[] src, boolean optimised) {
        this.src = src;
        this.optimised = optimised;
        nextChar();
        nextChar();
        nextChar();
        next();
        if (tokColumn != 1 && tokKind != TokenKind.NEWLINE) {
            tokKind = TokenKind.INDENT;
        }
    }

    public Lexer(String src) {
        this(src.getBytes(StandardCharsets.UTF_8), false);
    }

    /** The current token. */
    public Token token() {
        return new Token(tokKind, text.toString(), tokLine, tokColumn);
    }

    public TokenKind kind() {
        return tokKind;
    }

    public String text() {
        return text.toString();
    }

    public int tokenLine() {
        return tokLine;
    }

    /** Lexes the whole input (for tests and tools): every token up to and including END. */
    public static List<Token> tokenize(String src) {
        Lexer lex = new Lexer(src);
        List<Token> out = new ArrayList<>();
        while (true) {
            out.add(lex.token());
            if (lex.kind() == TokenKind.END) {
                return out;
            }
            lex.next();
        }
    }

    private int readByte() {
        if (srcPos >= src.length) {
            return EOF;
        }
        int b = src[srcPos++] & 0xff;
        return b == EOF ? INVALID_BYTE : b;
    }

    private void nextChar() {
        if (chr0 == '\n') {
            line++;
            column = 1;
        } else if (chr0 == '\t') {
            column = ((column - 1 + TAB_SIZE) / TAB_SIZE) * TAB_SIZE + 1;
        } else {
            column++;
        }
        chr0 = chr1;
        chr1 = chr2;
        int c;
        while (true) {
            if (injectIdx > 0) {
                c = inject.charAt(injectIdx++);
                if (injectIdx >= inject.length()) {
                    inject.setLength(0);
                    injectIdx = 0;
                }
            } else {
                c = readByte();
            }
            if (chr1 == '\r') {
                chr1 = '\n';
                if (c == '\n') {
                    continue;
                }
            }
            break;
        }
        if (c == EOF && chr1 != EOF && chr1 != '\n') {
            c = '\n';
        }
        chr2 = c;
    }

    private boolean isEnd() {
        return chr0 == EOF;
    }

    private boolean is(int c) {
        return chr0 == c;
    }

    private static boolean isSpace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static boolean isAlpha(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isXDigit(int c) {
        return isDigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
    }

    private static boolean isQuote(int c) {
        return c == '\'' || c == '"';
    }

    private boolean isStringOrBytes() {
        if (isQuote(chr0)) {
            return true;
        }
        if ((chr0 == 'r' || chr0 == 'u' || chr0 == 'b' || chr0 == 'f' || chr0 == 't') && isQuote(chr1)) {
            return true;
        }
        boolean pair = (chr0 == 'r' && chr1 == 'f') || (chr0 == 'f' && chr1 == 'r')
            || (chr0 == 'r' && chr1 == 't') || (chr0 == 't' && chr1 == 'r')
            || (chr0 == 'r' && chr1 == 'b') || (chr0 == 'b' && chr1 == 'r');
        return pair && isQuote(chr2);
    }

    private boolean isHeadOfIdentifier() {
        return isAlpha(chr0) || chr0 == '_' || chr0 >= 0x80;
    }

    private boolean isTailOfIdentifier() {
        return isHeadOfIdentifier() || isDigit(chr0);
    }

    /** Appends code point {@code c} as UTF-8 bytes. */
    private static void addChar(StringBuilder sb, int c) {
        if (c < 0x80) {
            sb.append((char) c);
        } else if (c < 0x800) {
            sb.append((char) (0xc0 | c >> 6)).append((char) (0x80 | (c & 0x3f)));
        } else if (c < 0x10000) {
            sb.append((char) (0xe0 | c >> 12)).append((char) (0x80 | (c >> 6 & 0x3f)))
                .append((char) (0x80 | (c & 0x3f)));
        } else {
            sb.append((char) (0xf0 | c >> 18)).append((char) (0x80 | (c >> 12 & 0x3f)))
                .append((char) (0x80 | (c >> 6 & 0x3f))).append((char) (0x80 | (c & 0x3f)));
        }
    }

    /** Reads {@code n} hex digits after the current char; -1 if one is missing. */
    private long hexDigits(int n) {
        long num = 0;
        while (n-- > 0) {
            nextChar();
            if (!isXDigit(chr0)) {
                return -1;
            }
            num = (num << 4) + Character.digit(chr0, 16);
        }
        return num;
    }

    private void stringLiteral(boolean raw, boolean fstring, boolean tstring) {
        int quote = is('"') ? '"' : '\'';
        nextChar();
        int numQuotes = 1;
        if (chr0 == quote && chr1 == quote) {
            nextChar();
            nextChar();
            numQuotes = 3;
        }
        int closing = 0;
        if (fstring && fstringArgs.length() == 0) {
            fstringArgs.append(".format(");
        }
        if (tstring && fstringArgs.length() == 0) {
            text.append("((");
            for (int q = 0; q < numQuotes; q++) {
                text.append((char) quote);
            }
        }
        int interpolations = 0;
        int endOfFormat = 0;
        int nestedFormatting = 0;
        boolean nestedNeedsFstring = false;
        while (!isEnd() && (numQuotes > 1 || !is('\n')) && closing < numQuotes) {
            if (is(quote)) {
                closing++;
                addChar(text, chr0);
                nextChar();
                continue;
            }
            if (tstring && is('\n')) {
                text.append("\\n");
                nextChar();
                continue;
            }
            closing = 0;
            if ((fstring || tstring) && is('{') && nestedFormatting > 0) {
                nestedFormatting++;
            } else if ((fstring || tstring) && is('{')) {
                nextChar();
                if (is('{')) {
                    if (!tstring) {
                        text.append('{');
                    }
                    nextChar();
                } else {
                    fstringArgs.append('(');
                    int start = fstringArgs.length();
                    int level = 0;
                    while (!isEnd() && (level != 0 || !(is(':') || is('}')
                            || (is('!') && (chr1 == 'r' || chr1 == 's') && (chr2 == ':' || chr2 == '}'))))) {
                        if (chr0 == '[' || chr0 == '{') {
                            level++;
                        } else if (chr0 == ']' || chr0 == '}') {
                            level--;
                        }
                        fstringArgs.append((char) chr0);
                        nextChar();
                    }
                    boolean wasDebug = false;
                    if (fstringArgs.charAt(fstringArgs.length() - 1) == '=') {
                        text.append(fstringArgs, start, fstringArgs.length());
                        fstringArgs.setLength(fstringArgs.length() - 1);
                        wasDebug = true;
                    }
                    if (tstring) {
                        while (fstringArgs.length() > 0 && isSpace(fstringArgs.charAt(fstringArgs.length() - 1))) {
                            fstringArgs.setLength(fstringArgs.length() - 1);
                        }
                    }
                    if (fstringArgs.length() == start) {
                        tokKind = TokenKind.MALFORMED_FSTRING;
                    }
                    fstringArgs.append(')').append(',');
                    if (tstring) {
                        fstringArgs.append((char) quote);
                        int nn = fstringArgs.length() - start - 3;
                        for (int j = 0; j < nn; j++) {
                            char b = fstringArgs.charAt(start + j);
                            if (b == quote || b == '\\') {
                                fstringArgs.append('\\');
                            }
                            fstringArgs.append(b);
                        }
                        fstringArgs.append((char) quote).append(',');
                        for (int q = 0; q < numQuotes; q++) {
                            text.append((char) quote);
                        }
                        text.append(',');
                        for (int q = 0; q < numQuotes; q++) {
                            text.append((char) quote);
                        }
                        if (is('!')) {
                            nextChar();
                            fstringArgs.append((char) quote).append((char) chr0);
                            nextChar();
                            fstringArgs.append((char) quote).append(',');
                        } else if (wasDebug && !is(':')) {
                            fstringArgs.append("'r',");
                        } else {
                            fstringArgs.append("None,");
                        }
                        if (is(':')) {
                            nextChar();
                        }
                        nestedFormatting = 1;
                        endOfFormat = text.length();
                    }
                }
                text.append('{');
                continue;
            }
            if (tstring && is('\\')) {
                text.append('\\');
                if (raw) {
                    text.append('\\');
                } else {
                    nextChar();
                    text.append((char) chr0);
                }
            } else if (is('\\')) {
                nextChar();
                int c = chr0;
                if (raw) {
                    text.append('\\');
                } else {
                    switch (c) {
                        case '\n' -> {
                            nextChar();
                            continue;
                        }
                        case '\\', '\'', '"' -> { }
                        case 'a' -> c = 7;
                        case 'b' -> c = 8;
                        case 't' -> c = 9;
                        case 'n' -> c = 10;
                        case 'v' -> c = 11;
                        case 'f' -> c = 12;
                        case 'r' -> c = 13;
                        case 'N' -> throw new CompileError("NotImplementedError", "unicode name escapes", -1);
                        default -> {
                            if ((c == 'u' || c == 'U') && tokKind == TokenKind.BYTES) {
                                text.append('\\');
                            } else if (c == 'x' || c == 'u' || c == 'U') {
                                long num = hexDigits(c == 'x' ? 2 : c == 'u' ? 4 : 8);
                                if (num < 0) {
                                    tokKind = TokenKind.INVALID;
                                    num = 0;
                                }
                                c = (int) Math.min(num, Integer.MAX_VALUE);
                            } else if (c >= '0' && c <= '7') {
                                int digits = 3;
                                int num = c - '0';
                                while (chr1 >= '0' && chr1 <= '7' && --digits != 0) {
                                    nextChar();
                                    num = num * 8 + (chr0 - '0');
                                }
                                c = num;
                            } else {
                                text.append('\\');
                            }
                        }
                    }
                }
                if (c >= 0 && c < 0x110000 && tokKind == TokenKind.STRING) {
                    addChar(text, c);
                } else if (c >= 0 && c < 0x100 && tokKind == TokenKind.BYTES) {
                    text.append((char) c);
                } else {
                    tokKind = TokenKind.INVALID;
                }
            } else if (tstring && nestedFormatting > 0 && is('}')) {
                if (--nestedFormatting > 0) {
                    nestedNeedsFstring = true;
                    text.append('}');
                } else {
                    interpolations++;
                    if (nestedNeedsFstring) {
                        fstringArgs.append('f');
                        nestedNeedsFstring = false;
                    }
                    fstringArgs.append((char) quote).append(text, endOfFormat + 1, text.length())
                        .append((char) quote).append(',');
                    text.setLength(endOfFormat);
                }
            } else {
                text.append((char) chr0);
                if (tstring && chr0 == '}' && chr1 == '}') {
                    nextChar();
                } else if (tstring && is('}')) {
                    tokKind = TokenKind.MALFORMED_FSTRING;
                }
            }
            nextChar();
        }
        if (closing < numQuotes) {
            tokKind = TokenKind.LONELY_STRING_OPEN;
        }
        if (tstring) {
            if (nestedFormatting > 0) {
                tokKind = TokenKind.MALFORMED_FSTRING;
            }
            if (1 + interpolations * 4 > 255) {
                fstringArgs.insert(0, '(');
                fstringArgs.append(')');
            }
        } else {
            text.setLength(text.length() - closing);
        }
    }

    /** Skips spaces, comments and line continuations; true if it stopped at a newline. */
    private boolean skipWhitespace(boolean stopAtNewline) {
        while (!isEnd()) {
            if (is('\n')) {
                if (stopAtNewline && nestedBracketLevel == 0) {
                    return true;
                }
                nextChar();
            } else if (isSpace(chr0)) {
                nextChar();
            } else if (is('#')) {
                nextChar();
                while (!isEnd() && !is('\n')) {
                    nextChar();
                }
            } else if (chr0 == '\\' && chr1 == '\n') {
                nextChar();
                nextChar();
            } else {
                break;
            }
        }
        return false;
    }

    /** Advances to the next token. */
    public void next() {
        text.setLength(0);
        boolean hadNewline = skipWhitespace(true);
        tokLine = line;
        tokColumn = column;
        if (emitDent < 0) {
            tokKind = TokenKind.DEDENT;
            emitDent++;
        } else if (emitDent > 0) {
            tokKind = TokenKind.INDENT;
            emitDent--;
        } else if (hadNewline) {
            skipWhitespace(false);
            tokKind = TokenKind.NEWLINE;
            int spaces = column - 1;
            int top = indents.get(indents.size() - 1);
            if (spaces > top) {
                indents.add(spaces);
                emitDent++;
            } else if (spaces < top) {
                while (spaces < indents.get(indents.size() - 1)) {
                    indents.remove(indents.size() - 1);
                    emitDent--;
                }
                if (spaces != indents.get(indents.size() - 1)) {
                    tokKind = TokenKind.DEDENT_MISMATCH;
                }
            }
        } else if (isEnd()) {
            tokKind = TokenKind.END;
        } else if (isStringOrBytes()) {
            strings();
        } else if (isHeadOfIdentifier()) {
            name();
        } else if (isDigit(chr0) || (is('.') && isDigit(chr1))) {
            number();
        } else {
            operator();
        }
    }

    private void strings() {
        tokKind = TokenKind.END;
        boolean hadTstring = false;
        do {
            boolean raw = false;
            boolean fstring = false;
            boolean tstring = false;
            TokenKind kind = TokenKind.STRING;
            int prefix = 0;
            if (is('u')) {
                prefix = 1;
            } else if (is('b')) {
                kind = TokenKind.BYTES;
                prefix = 1;
                if (chr1 == 'r') {
                    raw = true;
                    prefix = 2;
                }
            } else if (is('r')) {
                raw = true;
                prefix = 1;
                if (chr1 == 'b') {
                    kind = TokenKind.BYTES;
                    prefix = 2;
                } else if (chr1 == 'f') {
                    fstring = true;
                    prefix = 2;
                } else if (chr1 == 't') {
                    tstring = true;
                    prefix = 2;
                }
            } else if (is('f')) {
                fstring = true;
                prefix = 1;
                if (chr1 == 'r') {
                    raw = true;
                    prefix = 2;
                }
            } else if (is('t')) {
                tstring = true;
                prefix = 1;
                if (chr1 == 'r') {
                    raw = true;
                    prefix = 2;
                }
            }
            if (tstring) {
                hadTstring = true;
            }
            if (tokKind == TokenKind.END) {
                tokKind = kind;
            } else if (tokKind != kind) {
                break;
            }
            for (int i = 0; i < prefix; i++) {
                nextChar();
            }
            stringLiteral(raw, fstring, tstring);
            skipWhitespace(true);
        } while (isStringOrBytes());

        if (hadTstring) {
            text.append(",),");
            fstringArgs.insert(0, text);
            if (tokKind.ordinal() > TokenKind.MALFORMED_FSTRING.ordinal()) {
                tokKind = TokenKind.NAME;
                text.setLength(0);
                text.append("__template__");
            }
        }
        if (fstringArgs.length() > 0) {
            fstringArgs.append(')');
            if (injectIdx == 0) {
                inject.setLength(0);
                inject.append((char) chr0).append((char) chr1).append((char) chr2);
            } else {
                injectIdx -= 3;
            }
            inject.insert(injectIdx, fstringArgs);
            fstringArgs.setLength(0);
            chr0 = inject.charAt(injectIdx++);
            chr1 = inject.charAt(injectIdx++);
            chr2 = inject.charAt(injectIdx++);
        }
    }

    private void name() {
        tokKind = TokenKind.NAME;
        text.append((char) chr0);
        nextChar();
        while (!isEnd() && isTailOfIdentifier()) {
            text.append((char) chr0);
            nextChar();
        }
        String s = text.toString();
        for (int i = 0; i < TokenKind.KEYWORDS.length; i++) {
            int cmp = s.compareTo(TokenKind.KEYWORDS[i]);
            if (cmp == 0) {
                tokKind = TokenKind.values()[TokenKind.KW_FALSE.ordinal() + i];
                if (tokKind == TokenKind.KW___DEBUG__) {
                    tokKind = optimised ? TokenKind.KW_FALSE : TokenKind.KW_TRUE;
                }
                break;
            } else if (cmp < 0) {
                break;
            }
        }
    }

    private void number() {
        boolean forcedInteger = false;
        if (is('.')) {
            tokKind = TokenKind.FLOAT_OR_IMAG;
        } else {
            tokKind = TokenKind.INTEGER;
            int b = chr1 | 0x20;
            if (is('0') && (b == 'b' || b == 'o' || b == 'x')) {
                forcedInteger = true;
            }
        }
        text.append((char) chr0);
        nextChar();
        while (!isEnd()) {
            if (!forcedInteger && (is('e') || is('E'))) {
                tokKind = TokenKind.FLOAT_OR_IMAG;
                text.append('e');
                nextChar();
                if (is('+') || is('-')) {
                    text.append((char) chr0);
                    nextChar();
                }
            } else if (isAlpha(chr0) || isDigit(chr0) || is('.')) {
                if (is('.') || is('j') || is('J')) {
                    tokKind = TokenKind.FLOAT_OR_IMAG;
                }
                text.append((char) chr0);
                nextChar();
            } else if (is('_')) {
                nextChar();
            } else {
                break;
            }
        }
    }

    private void operator() {
        int c = chr0;
        nextChar();
        if (c == '!') {
            if (is('=')) {
                nextChar();
                tokKind = TokenKind.OP_NOT_EQUAL;
            } else {
                tokKind = TokenKind.INVALID;
            }
            return;
        }
        if (c == '.') {
            if (chr0 == '.' && chr1 == '.') {
                nextChar();
                nextChar();
                tokKind = TokenKind.ELLIPSIS;
            } else {
                tokKind = TokenKind.DEL_PERIOD;
            }
            return;
        }
        String op = String.valueOf((char) c);
        TokenKind kind = OPERATORS.get(op);
        if (kind == null) {
            tokKind = TokenKind.INVALID;
            return;
        }
        while (true) {
            TokenKind longer = OPERATORS.get(op + (char) chr0);
            if (longer == null || isEnd()) {
                break;
            }
            op = op + (char) chr0;
            kind = longer;
            nextChar();
        }
        tokKind = kind;
        switch (kind) {
            case DEL_PAREN_OPEN, DEL_BRACKET_OPEN, DEL_BRACE_OPEN -> nestedBracketLevel++;
            case DEL_PAREN_CLOSE, DEL_BRACKET_CLOSE, DEL_BRACE_CLOSE -> nestedBracketLevel--;
            default -> { }
        }
    }
}
