package dev.mpt.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LexerTest {

    private static List<TokenKind> kinds(String src) {
        return Lexer.tokenize(src).stream().map(Token::kind).collect(Collectors.toList());
    }

    private static String texts(String src) {
        return Lexer.tokenize(src).stream()
            .map(t -> t.text().isEmpty() ? t.kind().name() : t.text())
            .collect(Collectors.joining("|"));
    }

    @Test
    void indentationGivesIndentAndDedentAndAFinalNewline() {
        assertThat(kinds("if x:\n    y\nz")).containsExactly(
            TokenKind.KW_IF, TokenKind.NAME, TokenKind.DEL_COLON, TokenKind.NEWLINE, TokenKind.INDENT,
            TokenKind.NAME, TokenKind.NEWLINE, TokenKind.DEDENT, TokenKind.NAME, TokenKind.NEWLINE, TokenKind.END);
    }

    @Test
    void tabsIndentToMultiplesOfEight() {
        List<Token> toks = Lexer.tokenize("if x:\n\ty\n        z\n");
        assertThat(toks.stream().map(Token::kind)).doesNotContain(TokenKind.DEDENT_MISMATCH);
    }

    @Test
    void mismatchedDedentIsReported() {
        assertThat(kinds("if x:\n    y\n  z\n")).contains(TokenKind.DEDENT_MISMATCH);
    }

    @Test
    void firstTokenIndentedBecomesIndent() {
        assertThat(kinds("  x = 1\n").get(0)).isEqualTo(TokenKind.INDENT);
    }

    @Test
    void bracketsJoinLinesAndBackslashContinues() {
        assertThat(kinds("(1,\n 2)\nx = 1 + \\\n 2\n")).filteredOn(k -> k == TokenKind.NEWLINE).hasSize(2);
    }

    @Test
    void numbersKeepTheirTextWithoutUnderscores() {
        List<Token> toks = Lexer.tokenize("1_000 0x_ff 0o17 0b101 1.5e-3 2j .5 1e5\n");
        assertThat(toks.subList(0, 8).stream().map(Token::kind)).containsExactly(
            TokenKind.INTEGER, TokenKind.INTEGER, TokenKind.INTEGER, TokenKind.INTEGER,
            TokenKind.FLOAT_OR_IMAG, TokenKind.FLOAT_OR_IMAG, TokenKind.FLOAT_OR_IMAG, TokenKind.FLOAT_OR_IMAG);
        assertThat(toks.get(0).text()).isEqualTo("1000");
        assertThat(toks.get(1).text()).isEqualTo("0xff");
    }

    @Test
    void stringEscapesAndAdjacentLiteralsJoin() {
        Token t = Lexer.tokenize("'a\\n' \"b\\x41\" '''c\nd''' r'\\q'\n").get(0);
        assertThat(t.kind()).isEqualTo(TokenKind.STRING);
        assertThat(t.text()).isEqualTo("a\nbAc\nd\\q");
    }

    @Test
    void bytesAndStringsDoNotJoin() {
        assertThat(kinds("b'x' 'y'\n").subList(0, 2)).containsExactly(TokenKind.BYTES, TokenKind.STRING);
    }

    @Test
    void unicodeEscapesAreUtf8InStrAndLiteralInBytes() {
        assertThat(Lexer.tokenize("'\\u00e9'\n").get(0).text()).isEqualTo("\u00c3\u00a9");
        assertThat(Lexer.tokenize("b'\\u00e9'\n").get(0).text()).isEqualTo("\\u00e9");
    }

    @Test
    void fStringBecomesAFormatCall() {
        assertThat(texts("f'a{x!r:>4}b{y}'\n")).isEqualTo("a{!r:>4}b{}|DEL_PERIOD|format|DEL_PAREN_OPEN|"
            + "DEL_PAREN_OPEN|x|DEL_PAREN_CLOSE|DEL_COMMA|DEL_PAREN_OPEN|y|DEL_PAREN_CLOSE|DEL_COMMA|DEL_PAREN_CLOSE|"
            + "NEWLINE|END");
    }

    @Test
    void fStringDebugSpecifierKeepsTheExpressionText() {
        assertThat(Lexer.tokenize("f'{a=}'\n").get(0).text()).isEqualTo("a={}");
    }

    @Test
    void emptyFStringFieldIsMalformed() {
        assertThat(kinds("f'{}'\n").get(0)).isEqualTo(TokenKind.MALFORMED_FSTRING);
    }

    @Test
    void tStringBecomesATemplateCall() {
        // t'a{x}' reads as __template__(("a", ""), (x), "x", None, "")
        assertThat(texts("t'a{x}'\n")).isEqualTo("__template__|DEL_PAREN_OPEN|DEL_PAREN_OPEN|a|DEL_COMMA|STRING|"
            + "DEL_COMMA|DEL_PAREN_CLOSE|DEL_COMMA|DEL_PAREN_OPEN|x|DEL_PAREN_CLOSE|DEL_COMMA|x|DEL_COMMA|None|"
            + "DEL_COMMA|STRING|DEL_COMMA|DEL_PAREN_CLOSE|NEWLINE|END");
    }

    @Test
    void unterminatedStringIsReported() {
        assertThat(kinds("'abc\n").get(0)).isEqualTo(TokenKind.LONELY_STRING_OPEN);
    }

    @Test
    void operatorsTakeTheLongestMatch() {
        assertThat(kinds("a **= b // c -> d := e != f ... g\n").subList(0, 15)).containsExactly(
            TokenKind.NAME, TokenKind.DEL_DBL_STAR_EQUAL, TokenKind.NAME, TokenKind.OP_DBL_SLASH, TokenKind.NAME,
            TokenKind.DEL_MINUS_MORE, TokenKind.NAME, TokenKind.OP_ASSIGN, TokenKind.NAME, TokenKind.OP_NOT_EQUAL,
            TokenKind.NAME, TokenKind.ELLIPSIS, TokenKind.NAME, TokenKind.NEWLINE, TokenKind.END);
    }

    @Test
    void debugIsAConstant() {
        assertThat(kinds("__debug__\n").get(0)).isEqualTo(TokenKind.KW_TRUE);
        Lexer optimised = new Lexer("__debug__\n".getBytes(), true);
        assertThat(optimised.kind()).isEqualTo(TokenKind.KW_FALSE);
    }

    @Test
    void crLfIsOneNewline() {
        assertThat(Lexer.tokenize("x\r\ny\r\n").get(2).line()).isEqualTo(2);
    }

    @Test
    void unicodeNameEscapesAreNotImplemented() {
        assertThatThrownBy(() -> Lexer.tokenize("'\\N{DASH}'\n"))
            .isInstanceOf(CompileError.class)
            .hasMessage("unicode name escapes");
    }
}
