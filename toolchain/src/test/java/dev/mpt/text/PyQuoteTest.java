package dev.mpt.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Expected values checked against MicroPython v1.28's unix port ({@code print(repr(...))}). */
class PyQuoteTest {
    @Test
    void strAsMicroPythonsRepr() {
        assertThat(PyQuote.str("it's")).isEqualTo("\"it's\"");
        assertThat(PyQuote.str("a\"b'c")).isEqualTo("'a\"b\\'c'");
        assertThat(PyQuote.str("\u0000\t\r\n\u007f\u0080\u0101\uD83D\uDE00\\"))
                .isEqualTo("'\\x00\\t\\r\\n\\x7f\\x80\\u0101\\U0001f600\\\\'");
        assertThat(PyQuote.str("")).isEqualTo("''");
    }

    @Test
    void strKeepingUnicode() {
        assertThat(PyQuote.str("caf\u00e9 \u0101\n\u0004", PyQuote.Unicode.KEEP)).isEqualTo("'caf\u00e9 \u0101\\n\\x04'");
        // a byte that was not UTF-8, held as a lone surrogate
        assertThat(PyQuote.str("a\udce9b", PyQuote.Unicode.KEEP)).isEqualTo("'a\\xe9b'");
        assertThat(PyQuote.str("a\udce9b")).isEqualTo("'a\\xe9b'");
    }

    @Test
    void bytesAsMicroPythonsRepr() {
        assertThat(PyQuote.bytes("it's\u00ff\n\u0000".getBytes(StandardCharsets.ISO_8859_1)))
                .isEqualTo("b\"it's\\xff\\n\\x00\"");
        assertThat(PyQuote.bytes("a\"b'c".getBytes(StandardCharsets.ISO_8859_1))).isEqualTo("b'a\"b\\'c'");
        assertThat(PyQuote.bytes(new byte[] {'x', 'y', 'z'}, 1, 1)).isEqualTo("b'y'");
    }
}
