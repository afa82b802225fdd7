package dev.mpt.devicefs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Shortcut strings split into words as a shell splits them. */
class MptConfigTest {
    @Test
    void quotesAndEscapes() throws IOException {
        assertThat(MptConfig.words("exec \"print('a b')\" + eval 'x * 2'", ""))
                .containsExactly("exec", "print('a b')", "+", "eval", "x * 2");
        assertThat(MptConfig.words("cp a\\ b :  ", "")).containsExactly("cp", "a b", ":");
        assertThat(MptConfig.words("x\"\"", "")).containsExactly("x");
    }

    @Test
    void anUnterminatedQuoteIsAnError() {
        assertThatThrownBy(() -> MptConfig.words("exec 'oops", "f:3: ")).hasMessage("f:3: unterminated ' in shortcut");
    }
}
