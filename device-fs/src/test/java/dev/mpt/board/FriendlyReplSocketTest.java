package dev.mpt.board;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The friendly REPL of the virtual board (our compiler and VM) served on TCP, driven as a
 * person at a terminal drives it: keys in over a plain socket, the bytes the terminal would
 * show out. Expected bytes were checked against MicroPython's unix port fed the same keys.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FriendlyReplSocketTest {
    private static final String BANNER = "MicroPython v1.28.0 on 2026-01-01; mpt virtual board with JVM\r\n"
            + "Type \"help()\" for more information.\r\n";
    @TempDir
    Path flash;
    private VirtualBoard board;
    private BoardServer server;
    private Socket socket;
    private InputStream in;
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

    @BeforeEach
    void serve() throws Exception {
        board = VmBoard.create(flash);
        server = BoardServer.listen(board, 0);
        socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(50);
        in = socket.getInputStream();
        // the banner may or may not come (the board may boot before the host is attached):
        // an expression's echo and value mark the start of what each test sees
        type("'ready'\r");
        await("'ready'\r\n'ready'\r\n>>> ");
    }

    @AfterEach
    void tearDown() throws IOException {
        socket.close();
        server.close();
        board.close();
    }

    private void type(String keys) throws IOException {
        socket.getOutputStream().write(keys.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** Reads until what came ends with {@code expected}; returns all of it since the last call. */
    private String await(String expected) throws IOException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        byte[] buf = new byte[4096];
        while (!seen.toString(StandardCharsets.UTF_8).endsWith(expected)) {
            if (System.nanoTime() > end) {
                fail("expected output ending with <" + expected + "> but got <" + seen.toString(StandardCharsets.UTF_8) + ">");
            }
            try {
                int n = in.read(buf);
                if (n < 0) {
                    fail("the board closed the connection; got <" + seen.toString(StandardCharsets.UTF_8) + ">");
                }
                seen.write(buf, 0, n);
            } catch (SocketTimeoutException e) {
                // keep waiting
            }
        }
        String all = seen.toString(StandardCharsets.UTF_8);
        seen.reset();
        return all;
    }

    /** Types a line and waits for the next primary prompt. */
    private String enter(String line) throws IOException {
        type(line + "\r");
        return await(">>> ");
    }

    @Test
    void tabCompletesOneMatchInline() throws Exception {
        enter("import sys");
        type("sys.imp\t");
        assertThat(await("sys.implementation")).isEqualTo("sys.implementation");
        type("\r");
        assertThat(await(">>> ")).startsWith("\r\n(name='micropython'");
    }

    @Test
    void tabListsSeveralMatchesInColumnsThenRepeatsTheLine() throws Exception {
        enter("abc = 1; abd = 2; x = 3");
        type("ab\t");
        assertThat(await(">>> ab")).isEqualTo("ab\r\nabc             abd\r\n>>> ab");
        type("\u0003");
        await(">>> ");
        // an empty line: every name of __main__ but the ones starting with '_'
        type("\t");
        assertThat(await(">>> ")).isEqualTo("\r\nabc             abd             x\r\n>>> ");
        // MicroPython's order: .mpy's static names (append), other built-in names (argv), then
        // the program's own names in the order they were made
        type("\u0004");
        await("MPY: soft reboot\r\n" + BANNER + ">>> ");
        enter("zz = 1; argv = 2; append = 3; yy = 4");
        type("\t");
        assertThat(await(">>> ")).isEqualTo("\r\nappend          argv            zz              yy\r\n>>> ");
        type("l = []\r");
        await(">>> ");
        type("l.\t");
        assertThat(await(">>> l.")).isEqualTo("l.\r\n"
                + "append          clear           copy            count\r\n"
                + "extend          index           insert          pop\r\n"
                + "remove          reverse         sort\r\n"
                + ">>> l.");
    }

    @Test
    void tabExtendsToTheCommonPrefixAndCompletesImport() throws Exception {
        enter("abcd = 1; abce = 2");
        type("a\t");
        assertThat(await("abc")).isEqualTo("abc");
        type("\u0003");
        await(">>> ");
        type("im\t");
        assertThat(await("import ")).isEqualTo("import ");
        type("mi\t");
        assertThat(await("micropython")).isEqualTo("micropython");
        type("\r");
        await(">>> ");
        // after whitespace, Tab indents; inside a line, the rest of the line is redrawn
        type("x = \t");
        assertThat(await("    ")).isEqualTo("x =     ");
        type("\u0003");
        await(">>> ");
        // in the middle of a line: the completion goes in, the rest of the line is redrawn
        enter("import sys");
        type("(sys.imp)\u001b[D\t");
        assertThat(await("lementation)\b")).isEqualTo("(sys.imp)\blementation)\b");
        type("\u0003");
        await(">>> ");
    }

    @Test
    void upArrowRecallsTheLineBeforeAndDownGoesBack() throws Exception {
        enter("print(1)");
        enter("print(22)");
        type("\u001b[A\u001b[A\u001b[B\r");
        assertThat(await(">>> ")).isEqualTo("print(22)" + "\u001b[9D\u001b[Kprint(1)" + "\u001b[8Dprint(22)"
                + "\r\n22\r\n>>> ");
        type("\u0010\r"); // Ctrl-P, as Up
        assertThat(await(">>> ")).isEqualTo("print(22)\r\n22\r\n>>> ");
    }

    @Test
    void compoundStatementsAutoIndentAndRun() throws Exception {
        type("for i in range(2):\r");
        assertThat(await("...     ")).isEqualTo("for i in range(2):\r\n...     ");
        type("if i:\r");
        assertThat(await("...         ")).isEqualTo("if i:\r\n...         ");
        type("print('odd', i)\r");
        await("...         ");
        type("\u007f\u007f\r"); // backspace twice: two indent levels gone; an empty line ends it
        assertThat(await(">>> ")).isEqualTo("\b\b\b\b\u001b[K\b\b\b\b\u001b[K\r\nodd 1\r\n>>> ");
    }

    @Test
    void pasteModeRunsAPastedBlock() throws Exception {
        type("\u0005");
        assertThat(await("=== ")).isEqualTo("\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== ");
        type("def f(n):\r    return n * 7\r\rprint(f(6))\r\u0004");
        assertThat(await(">>> ")).isEqualTo("def f(n):\r\n===     return n * 7\r\n=== \r\n=== print(f(6))\r\n=== \r\n"
                + "42\r\n>>> ");
    }

    @Test
    void ctrlCInterruptsRunningCodeAndThePromptReturns() throws Exception {
        type("while True: pass\r");
        assertThat(await("... ")).isEqualTo("while True: pass\r\n... ");
        type("\r");
        await("\r\n");
        Thread.sleep(300); // the loop is running
        type("\u0003");
        assertThat(await(">>> ")).isEqualTo("Traceback (most recent call last):\r\n"
                + "  File \"<stdin>\", line 1, in <module>\r\nKeyboardInterrupt: \r\n>>> ");
        assertThat(enter("6 * 7")).isEqualTo("6 * 7\r\n42\r\n>>> ");
    }

    @Test
    void ctrlCOnAnInputLineDropsIt() throws Exception {
        type("print('never')\u0001\u0003");
        assertThat(await(">>> ")).isEqualTo("print('never')\u001b[14D\r\n>>> ");
    }

    @Test
    void ctrlDOnAnEmptyLineSoftResets() throws Exception {
        enter("gone = 1");
        type("\u0004");
        assertThat(await(">>> ")).isEqualTo("\r\nMPY: soft reboot\r\n" + BANNER + ">>> ");
        // state and history went with it, as on firmware: Up twice recalls only the line typed since
        assertThat(enter("gone")).endsWith("NameError: name 'gone' isn't defined\r\n>>> ");
        type("\u001b[A\u001b[A");
        type("\r");
        assertThat(await(">>> ")).isEqualTo("gone\r\nTraceback (most recent call last):\r\n"
                + "  File \"<stdin>\", line 1, in <module>\r\nNameError: name 'gone' isn't defined\r\n>>> ");
    }

    @Test
    void inputEchoesAndEditsThroughTheLineEditor() throws Exception {
        type("x = input('? ')\r");
        // (the echoed line itself holds "? ": wait for the prompt on its own line)
        assertThat(await("\r\n? ")).isEqualTo("x = input('? ')\r\n? ");
        type("he\u007flo\r");
        assertThat(await(">>> ")).isEqualTo("he\b\u001b[Klo\r\n>>> ");
        assertThat(enter("x")).isEqualTo("x\r\n'hlo'\r\n>>> ");
        // the line typed went into the history, as on firmware
        type("input()\r");
        await("input()\r\n");
        type("\u001b[A\u001b[A\r");
        assertThat(await(">>> ")).isEqualTo("input()\u001b[7D\u001b[Kx\r\n'x'\r\n>>> ");
        type("input()\r");
        await("input()\r\n");
        type("abc");
        assertThat(await("abc")).isEqualTo("abc");
        type("\u0003");
        assertThat(await(">>> ")).isEqualTo("Traceback (most recent call last):\r\n"
                + "  File \"<stdin>\", line 1, in <module>\r\nKeyboardInterrupt: \r\n>>> ");
        type("input()\r");
        await("input()\r\n");
        type("\u0004");
        assertThat(await(">>> ")).endsWith("EOFError: \r\n>>> ");
    }

    @Test
    void aProgramReadsStdinRawWithoutEcho() throws Exception {
        enter("import sys");
        type("sys.stdin.buffer.read(3)\r");
        await("sys.stdin.buffer.read(3)\r\n");
        type("xyz");
        assertThat(await(">>> ")).isEqualTo("b'xyz'\r\n>>> ");
    }

    @Test
    void ctrlAGoesRawAndCtrlBComesBackWithTheBanner() throws Exception {
        type("\u0001");
        assertThat(await(">")).isEqualTo("\r\nraw REPL; CTRL-B to exit\r\n>");
        type("print(5)\u0004");
        assertThat(await("\u0004>")).isEqualTo("OK5\r\n\u0004\u0004>");
        type("\u0002");
        assertThat(await(">>> ")).isEqualTo("\r\n" + BANNER + ">>> ");
    }
}
