package dev.mpt.compiler;

/**
 * Token kinds, in the same order as MicroPython's lexer enumerates them. The order matters:
 * keyword kinds follow the sorted keyword table, and binary operator tokens map onto binary
 * operations by offset.
 */
public enum TokenKind {
    END, INVALID, DEDENT_MISMATCH, LONELY_STRING_OPEN, MALFORMED_FSTRING,
    NEWLINE, INDENT, DEDENT,
    NAME, INTEGER, FLOAT_OR_IMAG, STRING, BYTES, ELLIPSIS,
    KW_FALSE, KW_NONE, KW_TRUE, KW___DEBUG__, KW_AND, KW_AS, KW_ASSERT, KW_ASYNC, KW_AWAIT,
    KW_BREAK, KW_CLASS, KW_CONTINUE, KW_DEF, KW_DEL, KW_ELIF, KW_ELSE, KW_EXCEPT, KW_FINALLY,
    KW_FOR, KW_FROM, KW_GLOBAL, KW_IF, KW_IMPORT, KW_IN, KW_IS, KW_LAMBDA, KW_NONLOCAL, KW_NOT,
    KW_OR, KW_PASS, KW_RAISE, KW_RETURN, KW_TRY, KW_WHILE, KW_WITH, KW_YIELD,
    OP_ASSIGN, OP_TILDE,
    OP_LESS, OP_MORE, OP_DBL_EQUAL, OP_LESS_EQUAL, OP_MORE_EQUAL, OP_NOT_EQUAL,
    OP_PIPE, OP_CARET, OP_AMPERSAND, OP_DBL_LESS, OP_DBL_MORE, OP_PLUS, OP_MINUS, OP_STAR, OP_AT,
    OP_DBL_SLASH, OP_SLASH, OP_PERCENT, OP_DBL_STAR,
    DEL_PIPE_EQUAL, DEL_CARET_EQUAL, DEL_AMPERSAND_EQUAL, DEL_DBL_LESS_EQUAL, DEL_DBL_MORE_EQUAL,
    DEL_PLUS_EQUAL, DEL_MINUS_EQUAL, DEL_STAR_EQUAL, DEL_AT_EQUAL, DEL_DBL_SLASH_EQUAL,
    DEL_SLASH_EQUAL, DEL_PERCENT_EQUAL, DEL_DBL_STAR_EQUAL,
    DEL_PAREN_OPEN, DEL_PAREN_CLOSE, DEL_BRACKET_OPEN, DEL_BRACKET_CLOSE, DEL_BRACE_OPEN,
    DEL_BRACE_CLOSE, DEL_COMMA, DEL_COLON, DEL_PERIOD, DEL_SEMICOLON, DEL_EQUAL, DEL_MINUS_MORE;

    /** Keywords, sorted as the lexer searches them; index i is kind KW_FALSE + i. */
    static final String[] KEYWORDS = {
        "False", "None", "True", "__debug__", "and", "as", "assert", "async", "await", "break",
        "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
        "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
        "return", "try", "while", "with", "yield"};
}
