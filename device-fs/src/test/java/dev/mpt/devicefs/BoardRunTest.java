package dev.mpt.devicefs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpt.board.VirtualBoard;
import dev.mpt.board.VmBoard;
import dev.mpt.protocol.OutputSink;
import dev.mpt.protocol.RawRepl;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Running code on the virtual board in-process, as {@code exec}, {@code eval} and {@code run} do. */
@Timeout(60)
class BoardRunTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private Path flash;
    private VirtualBoard board;
    private RawRepl repl;
    private BoardRun run;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final OutputSink out = (buf, off, len) -> {
        synchronized (printed) {
            printed.write(buf, off, len);
        }
    };

    @BeforeEach
    void connect() throws Exception {
        flash = Files.createDirectories(tmp.resolve("flash"));
        board = VmBoard.create(flash).start();
        repl = new RawRepl(board.connect());
        repl.enter(true);
        run = new BoardRun(repl, new RemoteFs(repl));
    }

    @AfterEach
    void close() {
        repl.close();
        board.close();
    }

    private String printed() {
        synchronized (printed) {
            return printed.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
        }
    }

    @Test
    void execStreamsOutputAndReportsARaise() throws Exception {
        assertThat(run.exec("print('a')", LONG, out).raised()).isFalse();
        BoardRun.Outcome bad = run.exec("print('b')\n1/0", LONG, out);
        assertThat(bad.raised()).isTrue();
        assertThat(bad.traceback()).endsWith("ZeroDivisionError: divide by zero\n");
        assertThat(printed()).isEqualTo("a\nb\n");
    }

    @Test
    void evalPrintsTheRepr() throws Exception {
        run.eval("[1, 'x']", LONG, out);
        assertThat(printed()).isEqualTo("[1, 'x']\n");
    }

    @Test
    void programsGetTheirArgumentsInSysArgv() throws Exception {
        Path f = Files.writeString(tmp.resolve("p.py"), "import sys\nprint(sys.argv[1:])\n");
        run.run(BoardRun.program(null, null, List.of(f.toString(), "it's", "\u00e9")), LONG, out);
        run.run(BoardRun.program("import sys\nprint(sys.argv)", null, List.of("z")), LONG, out);
        Files.writeString(flash.resolve("mod.py"), "import sys\nprint(__name__, sys.argv)\n");
        run.run(BoardRun.program(null, "mod", List.of()), LONG, out);
        // MicroPython's repr escapes what is not ASCII
        assertThat(printed()).isEqualTo("[\"it's\", '\\xe9']\n['-c', 'z']\nmod ['mod']\n");
    }

    @Test
    void theProgramMustBeNamedOnce() {
        assertThatThrownBy(() -> BoardRun.program(null, null, List.of()))
                .hasMessage("run needs one of: FILE, -c CODE, -m MODULE");
        assertThatThrownBy(() -> BoardRun.program("pass", "m", List.of()))
                .hasMessage("run needs one of: FILE, -c CODE, -m MODULE");
        assertThatThrownBy(() -> BoardRun.program(null, null, List.of(tmp.resolve("no.py").toString())))
                .hasMessage(tmp.resolve("no.py") + ": no such file");
    }

    @Test
    void anInterruptEndsALoopWithKeyboardInterrupt() throws Exception {
        CompletableFuture<BoardRun.Outcome> running = CompletableFuture.supplyAsync(() -> {
            try {
                return run.exec("print('started')\nwhile True:\n    pass\n", LONG, out);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        while (!printed().contains("started")) {
            Thread.sleep(10);
        }
        run.interrupt();
        BoardRun.Outcome outcome = running.get();
        assertThat(outcome.traceback()).endsWith("KeyboardInterrupt: \n");
        assertThat(run.exec("print('still here')", LONG, out).raised()).isFalse();
        assertThat(printed()).endsWith("still here\n");
    }
}
