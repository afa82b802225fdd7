package dev.mpt.board;

import dev.mpt.compiler.VmCompiler;
import dev.mpt.protocol.ExecException;
import dev.mpt.protocol.RawRepl;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The virtual board with the real engine (our compiler and VM) behind the raw REPL. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VmBoardTest {
    @TempDir
    Path flash;
    @RegisterExtension
    final BoardUnderTest target = new BoardUnderTest();
    private RawRepl repl;

    private RawRepl open() throws Exception {
        repl = target.open(new VirtualBoard(new VmEngine(flash, new VmCompiler())));
        return repl;
    }

    @Test
    void runsPythonAndKeepsStateUntilASoftReset() throws Exception {
        open();
        assertThat(repl.exec("def sq(n):\n    return n * n\nprint([sq(i) for i in range(5)])").stdoutText())
                .isEqualTo("[0, 1, 4, 9, 16]\n");
        assertThat(repl.eval("sq(12)")).isEqualTo("144");
        repl.exec("import builtins\nbuiltins.len = lambda x: -1\nbuiltins.extra = 7");
        assertThat(repl.eval("(len('ab'), extra)")).isEqualTo("(-1, 7)");
        repl.softReset();
        assertThatThrownBy(() -> repl.eval("sq(2)"))
                .isInstanceOfSatisfying(ExecException.class, e -> assertThat(e.exceptionType()).isEqualTo("NameError"));
        // the builtins a program overrode are the board's own again
        assertThat(repl.eval("len('ab')")).isEqualTo("2");
        assertThatThrownBy(() -> repl.eval("extra"))
                .isInstanceOfSatisfying(ExecException.class, e -> assertThat(e.exceptionType()).isEqualTo("NameError"));
    }

    @Test
    void tracebacksComeFromTheVm() throws Exception {
        open();
        assertThatThrownBy(() -> repl.exec("x = 1\ny = [][x]"))
                .isInstanceOfSatisfying(ExecException.class, e -> {
                    assertThat(e.exceptionType()).isEqualTo("IndexError");
                    assertThat(e.traceback()).startsWith("Traceback (most recent call last):\n")
                            .contains("line 2");
                });
        assertThatThrownBy(() -> repl.exec("def f(:\n  pass"))
                .isInstanceOfSatisfying(ExecException.class, e -> assertThat(e.exceptionType()).isEqualTo("SyntaxError"));
    }

    /** Runs `while True: pass` on the board, sends Ctrl-C and checks it ended in KeyboardInterrupt. */
    static void interruptedLoop(RawRepl repl) throws Exception {
        CompletableFuture<Throwable> run = CompletableFuture.supplyAsync(() -> {
            try {
                repl.exec("while True:\n    pass", Duration.ofSeconds(20), (b, o, l) -> { });
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        Thread.sleep(300);
        repl.interrupt();
        assertThat(run.get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(ExecException.class,
                e -> assertThat(e.isKeyboardInterrupt()).isTrue());
    }

    @Test
    void ctrlCStopsALoop() throws Exception {
        open();
        interruptedLoop(repl);
        assertThat(repl.exec("print('still here')").stdoutText()).isEqualTo("still here\n");
    }

    @Test
    void machineResetRebootsTheBoardAndPinsKeepTheirLevel() throws Exception {
        open();
        assertThat(repl.exec("import machine\np = machine.Pin('LED', machine.Pin.OUT, value=1)\n"
                + "print(p, p(), machine.reset_cause() == machine.PWRON_RESET)\n"
                + "p.toggle(); print(p.value())\n"
                + "q = machine.Pin('X1', machine.Pin.IN, machine.Pin.PULL_UP); print(q(), q)\n"
                + "print(len(machine.unique_id()), machine.freq() > 0)").stdoutText())
                .isEqualTo("Pin('LED', mode=OUT) 1 True\n0\n1 Pin('X1', mode=IN, pull=PULL_UP)\n12 True\n");
        assertThatThrownBy(() -> repl.exec("machine.Pin('X2', 7)"))
                .isInstanceOfSatisfying(ExecException.class, e -> assertThat(e.exceptionType()).isEqualTo("ValueError"));
        // machine.reset(): nothing after it runs (not even finally), the board boots again
        assertThatThrownBy(() -> repl.exec("try:\n    machine.reset()\nfinally:\n    print('not on hardware')",
                Duration.ofSeconds(2), (b, o, l) -> { }))
                .isNotInstanceOf(ExecException.class);
        repl.close();
        assertThat(target.board.stats().hardResets()).isEqualTo(1);
        repl = target.reconnect(RawRepl.Timeouts.defaults());
        assertThat(repl.eval("__import__('machine').reset_cause()")).isEqualTo("2");
    }

    @Test
    void bootPyRunsOnSoftReset() throws Exception {
        Files.writeString(flash.resolve("boot.py"), "booted = 'yes'\n");
        open();
        assertThat(repl.eval("booted")).isEqualTo("'yes'");
    }

    @Test
    void friendlyReplPrintsExpressionValues() throws Exception {
        target.board = new VirtualBoard(new VmEngine(flash, new VmCompiler()));
        dev.mpt.protocol.Link host = target.board.connect();
        StringBuilder seen = new StringBuilder();
        awaitOutput(host, seen, ">>> ");
        host.write("6 * 7\r".getBytes());
        assertThat(awaitOutput(host, seen, ">>> ")).isEqualTo("6 * 7\r\n42\r\n>>> ");
        host.write("for i in range(2):\r".getBytes());
        awaitOutput(host, seen, "...     ");
        host.write("print(i)\r\b\r".getBytes());
        assertThat(awaitOutput(host, seen, ">>> ")).endsWith("0\r\n1\r\n>>> ");
    }

    private static String awaitOutput(dev.mpt.protocol.Link host, StringBuilder seen, String end) throws Exception {
        byte[] buf = new byte[1024];
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (seen.length() < end.length() || !seen.toString().endsWith(end)) {
            assertThat(System.nanoTime()).as("output ending with " + end + "; got " + seen).isLessThan(deadline);
            try {
                int n = host.read(buf, 0, buf.length, Duration.ofMillis(100));
                seen.append(new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8));
            } catch (dev.mpt.protocol.LinkTimeoutException e) {
                // waiting
            }
        }
        String all = seen.toString();
        seen.setLength(0);
        return all;
    }
}
