package dev.mpt.devicefs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class PyLiteralTest {

    @Test
    void readsWhatMicroPythonPrints() {
        assertThat(PyLiteral.parse("('main.py', 32768, 120)"))
                .isEqualTo(List.of("main.py", BigInteger.valueOf(32768), BigInteger.valueOf(120)));
        assertThat(PyLiteral.parse("[1, -2, None, True, False]"))
                .isEqualTo(Arrays.asList(BigInteger.ONE, BigInteger.valueOf(-2), null, true, false));
        assertThat((byte[]) PyLiteral.parse("b'a\\x00\\n\\'\"'")).containsExactly('a', 0, '\n', '\'', '"');
        assertThat(PyLiteral.parse("\"it's\"")).isEqualTo("it's");
        assertThat(PyLiteral.parse("'caf\\xe9 \\u20ac'")).isEqualTo("café €");
        assertThat(PyLiteral.parse("1.5")).isEqualTo(1.5);
        assertThat(PyLiteral.parse("('x',)")).isEqualTo(List.of("x"));
        assertThat(PyLiteral.parse("()")).isEqualTo(List.of());
    }

    @Test
    void badAnswersSayWhatIsWrong() {
        assertThatThrownBy(() -> PyLiteral.parse("('a', "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read the board's answer");
        assertThatThrownBy(() -> PyLiteral.parse("Traceback"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void bytesLiteralsRoundTrip(@ForAll byte[] data) {
        String lit = PyLiteral.bytes(data, 0, data.length);
        assertThat(lit).doesNotContain("\u0004").doesNotContain("\r");
        assertThat((byte[]) PyLiteral.parse(lit)).isEqualTo(data);
    }

    @Property
    void strLiteralsRoundTrip(@ForAll String s) {
        String lit = PyLiteral.str(s);
        assertThat(lit).doesNotContain("\n").doesNotContain("\u0004");
        // Lone surrogates cannot cross the wire as UTF-8; everything else must.
        if (new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(s)) {
            assertThat(PyLiteral.parse(lit)).isEqualTo(s);
        }
    }
}
