package dev.mpt.board;

import dev.mpt.protocol.Link;
import dev.mpt.protocol.LinkException;
import dev.mpt.protocol.LinkTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** What a person at a terminal sees from the virtual board: the bytes on the wire. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class FriendlyReplTest {
    private static final String BANNER = "MicroPython v1.28.0 on 2026-01-01; mpt virtual board with JVM\r\n"
            + "Type \"help()\" for more information.\r\n";
    private final TestEngine engine = new TestEngine();
    private VirtualBoard board;
    private Link host;
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

    @BeforeEach
    void boot() throws Exception {
        engine.putFile("main.py", "print('main.py ran')");
        board = new VirtualBoard(engine);
        host = board.connect();
    }

    @AfterEach
    void tearDown() {
        board.close();
    }

    /** Reads until the output so far ends with {@code expected}; returns everything since the last call. */
    private String await(String expected) throws LinkException {
        long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        byte[] buf = new byte[4096];
        while (!seen.toString(StandardCharsets.UTF_8).endsWith(expected)) {
            if (System.nanoTime() > end) {
                fail("expected output ending with <" + expected + "> but got <" + seen.toString(StandardCharsets.UTF_8) + ">");
            }
            try {
                int n = host.read(buf, 0, buf.length, Duration.ofMillis(50));
                seen.write(buf, 0, n);
            } catch (LinkTimeoutException e) {
                // keep waiting
            }
        }
        String all = seen.toString(StandardCharsets.UTF_8);
        seen.reset();
        return all;
    }

    private void type(String s) throws LinkException {
        host.write(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bootsWithMainPyThenTheBannerAndPrompt() throws Exception {
        assertThat(await(">>> ")).isEqualTo("main.py ran\r\n" + BANNER + ">>> ");
    }

    @Test
    void echoesInputAndPrintsExpressionValues() throws Exception {
        await(">>> ");
        type("x = 'hi'\r");
        assertThat(await(">>> ")).isEqualTo("x = 'hi'\r\n>>> ");
        type("x\r");
        assertThat(await(">>> ")).isEqualTo("x\r\n'hi'\r\n>>> ");
        type("print(x)\r\n"); // CR LF counts as one line end
        assertThat(await(">>> ")).isEqualTo("print(x)\r\nhi\r\n>>> ");
    }

    @Test
    void backspaceErasesWithVt100Codes() throws Exception {
        await(">>> ");
        type("12\u007f3\r");
        assertThat(await(">>> ")).isEqualTo("12\b\u001b[K3\r\n13\r\n>>> ");
    }

    @Test
    void arrowKeysMoveTheCursorAndTypingInserts() throws Exception {
        await(">>> ");
        type("x = 'ac'\r");
        await(">>> ");
        type("print(x)\u001b[D\u001b[D\u0008\u001b[H\u001b[F\r"); // left twice, backspace over '(', home, end
        // as firmware's readline: cursor moves of up to 4 as backspaces, longer ones as ESC [ n D
        assertThat(await(">>> ")).isEqualTo("print(x)" + "\b" + "\b" + "\b\u001b[Kx)\b\b" + "\u001b[5D" + "printx)"
                + "\r\nTraceback (most recent call last):\r\n  File \"<stdin>\", line 1\r\nSyntaxError: invalid syntax\r\n>>> ");
    }

    @Test
    void typingInTheMiddleInserts() throws Exception {
        await(">>> ");
        type("x = 'hi'\r");
        await(">>> ");
        type("prnt(x)\u0001\u0006\u0006i\r"); // Ctrl-A home, Ctrl-F right twice, insert 'i'
        assertThat(await(">>> ")).isEqualTo("prnt(x)" + "\u001b[7D" + "p" + "r" + "int(x)\u001b[5D" + "\r\nhi\r\n>>> ");
    }

    @Test
    void upArrowRecallsHistory() throws Exception {
        await(">>> ");
        type("print(1)\r");
        await(">>> ");
        type("print(22)\r");
        await(">>> ");
        type("\u001b[A\u001b[A\u001b[B\r");
        assertThat(await(">>> ")).isEqualTo("print(22)" + "\u001b[9D\u001b[Kprint(1)" + "\u001b[8Dprint(22)"
                + "\r\n22\r\n>>> ");
    }

    @Test
    void exceptionsPrintTheirTraceback() throws Exception {
        await(">>> ");
        type("nope\r");
        assertThat(await(">>> ")).isEqualTo("nope\r\nTraceback (most recent call last):\r\n"
                + "  File \"<stdin>\", line 1, in <module>\r\nNameError: name 'nope' isn't defined\r\n>>> ");
    }

    @Test
    void compoundStatementsContinueWithAutoIndent() throws Exception {
        await(">>> ");
        type("for i in y:\r");
        assertThat(await("...     ")).isEqualTo("for i in y:\r\n...     ");
        type("pass\r");
        assertThat(await("...     ")).isEqualTo("pass\r\n...     ");
        type("\u007f\r"); // backspace removes the whole indent; an empty line ends the block
        assertThat(await(">>> ")).isEqualTo("\b\b\b\b\u001b[K\r\n>>> ");
    }

    @Test
    void openBracketsContinue() throws Exception {
        await(">>> ");
        type("print(\r");
        assertThat(await("... ")).isEqualTo("print(\r\n... ");
        type("7)\r");
        assertThat(await(">>> ")).isEqualTo("7)\r\n7\r\n>>> ");
    }

    @Test
    void ctrlCCancelsALine() throws Exception {
        await(">>> ");
        type("abc\u0003");
        assertThat(await(">>> ")).isEqualTo("abc\r\n>>> ");
    }

    @Test
    void ctrlCInterruptsRunningCode() throws Exception {
        await(">>> ");
        type("spin()\r");
        await("spin()\r\n");
        // a Ctrl-C that lands before the code has started is an ordinary key, as on firmware: press again
        long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (!seen.toString(StandardCharsets.UTF_8).contains("KeyboardInterrupt") && System.nanoTime() < end) {
            type("\u0003");
            try {
                byte[] buf = new byte[256];
                seen.write(buf, 0, host.read(buf, 0, buf.length, Duration.ofMillis(100)));
            } catch (LinkTimeoutException e) {
                // not yet
            }
        }
        assertThat(await(">>> ")).contains("KeyboardInterrupt: \r\n>>> ");
    }

    @Test
    void pasteModeEchoesWithItsPromptAndRunsTheWhole() throws Exception {
        await(">>> ");
        type("\u0005");
        assertThat(await("=== ")).isEqualTo("\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== ");
        type("print(1)\rprint(2)\r\u0004");
        assertThat(await(">>> ")).isEqualTo("print(1)\r\n=== print(2)\r\n=== \r\n1\r\n2\r\n>>> ");
    }

    @Test
    void ctrlDSoftResetsRerunningMainPy() throws Exception {
        await(">>> ");
        type("\u0004");
        assertThat(await(">>> ")).isEqualTo("\r\nMPY: soft reboot\r\nmain.py ran\r\n" + BANNER + ">>> ");
    }

    @Test
    void ctrlAEntersTheRawReplAndCtrlBLeavesIt() throws Exception {
        await(">>> ");
        type("\u0001");
        assertThat(await(">")).isEqualTo("\r\nraw REPL; CTRL-B to exit\r\n>");
        type("print(3)\u0004");
        assertThat(await("\u0004>")).isEqualTo("OK3\r\n\u0004\u0004>");
        type("\u0002");
        assertThat(await(">>> ")).isEqualTo("\r\n" + BANNER + ">>> ");
    }

    @Test
    void rawReplSoftResetDoesNotRunMainPy() throws Exception {
        await(">>> ");
        type("\u0001");
        await(">");
        type("\u0004");
        assertThat(await("\r\n>")).isEqualTo("OK\r\nMPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n>");
    }

    @Test
    void rawPasteHandshakeAndWindowGrants() throws Exception {
        board.close();
        board = new VirtualBoard(engine, BoardIdentity.defaults().withStdinBufferMax(8));
        host = board.connect();
        await(">>> ");
        type("\u0001");
        await(">");
        type("\u0005A\u0001");
        // window 4, and a first grant
        assertThat(await("R\u0001\u0004\u0000\u0001")).isEqualTo("R\u0001\u0004\u0000\u0001");
        type("print"); // 5 bytes: one window used, a grant follows
        assertThat(await("\u0001")).isEqualTo("\u0001");
        type("(5)\u0004");
        // the 4th byte fills the second window (another grant), then the end is acknowledged
        assertThat(await("\u0004>")).isEqualTo("\u0001\u00045\r\n\u0004\u0004>");
        assertThat(board.stats().flowControlViolations()).isZero();
    }
}
