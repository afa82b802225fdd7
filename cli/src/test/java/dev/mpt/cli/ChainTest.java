package dev.mpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChainTest {
    @Test
    void lonePlusSplitsCommands() {
        assertThat(Main.split(new String[] {"exec", "x = 1 + 2", "+", "eval", "x", "+", "soft-reset"}))
                .containsExactly(List.of("exec", "x = 1 + 2"), List.of("eval", "x"), List.of("soft-reset"));
        assertThat(Main.split(new String[] {"ls"})).containsExactly(List.of("ls"));
    }

    @Test
    void aFailingCommandEndsTheChainWithItsStatus() {
        MainTest.Result r = MainTest.mpt("mpy", "info", "/nonexistent.mpy", "+", "mpy", "--help");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).doesNotContain("Usage: mpt mpy");
    }

    @Test
    void chainedCommandsAllRun() {
        MainTest.Result r = MainTest.mpt("mpy", "--help", "+", "devs", "--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("Usage: mpt mpy").contains("Usage: mpt devs");
    }
}
