package dev.mpt.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The raw REPL client against real firmware: MicroPython's unix port on a pty. Runs only
 * where {@code MPT_MICROPYTHON} names a built unix {@code micropython} binary (an oracle
 * built locally; nothing of it is part of this project).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UnixPortDifferentialTest {

    @Test
    void rawReplAgainstTheUnixPort() throws Exception {
        String binary = System.getenv("MPT_MICROPYTHON");
        assumeTrue(binary != null && Files.isExecutable(Path.of(binary)), "MPT_MICROPYTHON not set");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script is not installed");
        try (RawRepl repl = new RawRepl(ProcessLink.start(binary, true))) {
            repl.enter(false);
            assertThat(repl.exec("print('hi', 1 + 2)").stdoutText()).isEqualTo("hi 3\n");
            assertThat(repl.usesRawPaste()).isTrue();
            assertThat(repl.rawPasteWindow()).isEqualTo(128); // half of the 256-byte stdin buffer
            assertThat(repl.eval("[i * i for i in range(4)]")).isEqualTo("[0, 1, 4, 9]");
            StringBuilder code = new StringBuilder();
            for (int i = 0; i < 500; i++) {
                code.append("v").append(i).append(" = ").append(i).append('\n');
            }
            assertThat(repl.exec(code + "print(v499)").stdoutText()).isEqualTo("499\n");
            assertThat(repl.exec("print('z' * 100000)").stdout()).hasSize(100_001);
            assertThatThrownBy(() -> repl.exec("print('x')\nraise ValueError('boom')"))
                    .isInstanceOfSatisfying(ExecException.class, e -> {
                        assertThat(e.exceptionType()).isEqualTo("ValueError");
                        assertThat(e.traceback()).isEqualTo("Traceback (most recent call last):\n"
                                + "  File \"<stdin>\", line 2, in <module>\nValueError: boom\n");
                    });
            assertThatThrownBy(() -> repl.exec("def f(:\n  pass"))
                    .isInstanceOfSatisfying(ExecException.class, e -> assertThat(e.exceptionType()).isEqualTo("SyntaxError"));
            repl.exit();
            assertThat(repl.exec("print('back')", Duration.ofSeconds(5), OutputSink.DISCARD).stdoutText()).isEqualTo("back\n");
        }
    }
}
