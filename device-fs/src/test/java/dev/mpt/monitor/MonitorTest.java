package dev.mpt.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpt.board.BoardServer;
import dev.mpt.board.VirtualBoard;
import dev.mpt.board.VmBoard;
import dev.mpt.protocol.Devices;
import dev.mpt.protocol.Link;
import dev.mpt.protocol.MemoryLink;
import dev.mpt.protocol.SocketLink;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class MonitorTest {
    @TempDir
    Path dir;

    /** A screen the test can watch while the monitor writes to it. */
    static final class Screen extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        void await(String expected, int times) throws InterruptedException {
            long until = System.currentTimeMillis() + 20000;
            while (count(text(), expected) < times) {
                if (System.currentTimeMillis() > until) {
                    throw new AssertionError("screen never showed " + times + "x '" + expected + "':\n" + text());
                }
                Thread.sleep(10);
            }
        }
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    static BoardOutput output(OutputStream screen, OutputStream log) {
        return new BoardOutput(screen, log, LineMap.NONE, false, false, Clock.systemDefaultZone());
    }

    @Test
    void keysGoToTheBoardAndItsOutputToTheScreenUntilTheExitKey() throws Exception {
        MemoryLink.Pair pair = MemoryLink.pair("test");
        PipedOutputStream typing = new PipedOutputStream();
        PipedInputStream keys = new PipedInputStream(typing);
        Screen screen = new Screen();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Thread board = new Thread(() -> {
            try {
                byte[] buf = new byte[16];
                int n = 0;
                while (n < 2) {
                    n += pair.board().read(buf, n, buf.length - n, Duration.ofSeconds(5));
                }
                pair.board().write(("echo:" + new String(buf, 0, n)).getBytes());
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        board.start();
        CompletableFuture<Monitor.End> end = CompletableFuture.supplyAsync(() -> run(
                new Monitor(pair.host(), null, Monitor.Settings.defaults(), output(screen, log)), keys));
        typing.write("x\u0003".getBytes());
        typing.flush();
        screen.await("echo:", 1);
        typing.write(Monitor.CTRL_X);
        typing.flush();
        assertThat(end.get()).isEqualTo(Monitor.End.EXIT_KEY);
        assertThat(screen.text()).isEqualTo("echo:x\u0003");
        assertThat(log.toString()).isEqualTo(screen.text());
    }

    static Monitor.End run(Monitor m, java.io.InputStream keys) {
        try {
            return m.run(keys);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    @Test
    void aBoardThatGoesAwayWithoutAWayBackEndsTheSessionWithOneStatusLine() throws Exception {
        MemoryLink.Pair pair = MemoryLink.pair("test");
        pair.board().write("bye".getBytes());
        pair.board().close();
        PipedInputStream keys = new PipedInputStream(new PipedOutputStream());
        Screen screen = new Screen();
        assertThat(new Monitor(pair.host(), null, Monitor.Settings.defaults(), output(screen, null)).run(keys))
                .isEqualTo(Monitor.End.BOARD_GONE);
        assertThat(screen.text()).startsWith("bye\r\n[mpt] test").contains("went away").endsWith("\r\n");
        assertThat(count(screen.text(), "\n")).isEqualTo(2);
    }

    @Test
    void theEndOfTheKeyboardStreamEndsTheSession() throws Exception {
        MemoryLink.Pair pair = MemoryLink.pair("test");
        assertThat(new Monitor(pair.host(), null, Monitor.Settings.defaults(), output(new Screen(), null))
                .run(new ByteArrayInputStream(new byte[0])))
                .isEqualTo(Monitor.End.KEYBOARD_CLOSED);
    }

    @Test
    void theMenuKeyTwiceSendsItAndOutMapRewritesKeys() throws Exception {
        MemoryLink.Pair pair = MemoryLink.pair("test");
        Monitor.Settings settings = Monitor.Settings.defaults().withMap(LineMap.parse(java.util.List.of("out:crlf")))
                .withLocalEcho(true);
        Screen screen = new Screen();
        byte[] typed = {'a', Monitor.CTRL_T, Monitor.CTRL_T, '\r', Monitor.CTRL_T, 'q'};
        assertThat(new Monitor(pair.host(), null, settings, output(screen, null)).run(new ByteArrayInputStream(typed)))
                .isEqualTo(Monitor.End.EXIT_KEY);
        byte[] buf = new byte[16];
        int n = pair.board().read(buf, 0, buf.length, Duration.ofSeconds(1));
        while (pair.board().available() > 0) {
            n += pair.board().read(buf, n, buf.length - n, Duration.ofSeconds(1));
        }
        assertThat(new String(buf, 0, n, StandardCharsets.ISO_8859_1)).isEqualTo("a\u0014\n");
        assertThat(screen.text()).isEqualTo("a\u0014\n"); // local echo shows what was sent
    }

    @Test
    void ctrlCInterruptsALoopOnTheVirtualBoardAndCtrlDSoftResets() throws Exception {
        try (VirtualBoard board = VmBoard.create(Files.createDirectories(dir.resolve("fs")));
                BoardServer server = BoardServer.listen(board, 0)) {
            Link link = SocketLink.connect("127.0.0.1", server.port(), Duration.ofSeconds(5));
            PipedOutputStream typing = new PipedOutputStream();
            PipedInputStream keys = new PipedInputStream(typing);
            Screen screen = new Screen();
            Monitor monitor = new Monitor(link, null, Monitor.Settings.defaults(), output(screen, null));
            CompletableFuture<Monitor.End> end = CompletableFuture.supplyAsync(() -> run(monitor, keys));
            typing.write("\r".getBytes());
            screen.await(">>> ", 1);
            typing.write("while True: pass\r".getBytes());
            screen.await("... ", 1);
            typing.write('\r');
            Thread.sleep(1500); // the loop has started
            typing.write(3);
            screen.await("KeyboardInterrupt", 1);
            screen.await(">>> ", 2);
            typing.write(4);
            screen.await("soft reboot", 1);
            screen.await(">>> ", 3);
            typing.write(new byte[] {Monitor.CTRL_T, 'r'}); // the menu's soft reset
            screen.await("[mpt] soft reset", 1);
            screen.await("soft reboot", 2);
            typing.write(Monitor.CTRL_RIGHT_BRACKET);
            assertThat(end.get()).isEqualTo(Monitor.End.EXIT_KEY);
            link.close();
        }
    }

    @Test
    void whenTheServedBoardGoesAndComesBackTheMonitorReconnects() throws Exception {
        Path fs = Files.createDirectories(dir.resolve("fs"));
        VirtualBoard board = VmBoard.create(fs);
        BoardServer server = BoardServer.listen(board, 0);
        int port = server.port();
        Link link = SocketLink.connect("127.0.0.1", port, Duration.ofSeconds(5));
        Monitor.Reconnect again = SameBoard.of(link, Devices.OpenOptions.defaults()).orElseThrow();
        PipedOutputStream typing = new PipedOutputStream();
        PipedInputStream keys = new PipedInputStream(typing);
        Screen screen = new Screen();
        Monitor monitor = new Monitor(link, again, Monitor.Settings.defaults(), output(screen, null));
        CompletableFuture<Monitor.End> end = CompletableFuture.supplyAsync(() -> run(monitor, keys));
        typing.write("\r".getBytes());
        screen.await(">>> ", 1);
        server.close();
        board.close();
        screen.await("went away", 1);
        Thread.sleep(600); // a few attempts fail while it is away
        try (VirtualBoard board2 = VmBoard.create(fs); BoardServer server2 = BoardServer.listen(board2, port)) {
            screen.await("[mpt] reconnected to socket://127.0.0.1:" + port, 1);
            typing.write("6*7\r".getBytes());
            screen.await("42\r\n>>> ", 1);
            typing.write(Monitor.CTRL_RIGHT_BRACKET);
            assertThat(end.get()).isEqualTo(Monitor.End.EXIT_KEY);
            assertThat(count(screen.text(), "went away")).isEqualTo(1);
            monitor.link().close();
        }
    }

    @Test
    void pasteSendsAFileThroughPasteMode() throws Exception {
        try (VirtualBoard board = VmBoard.create(Files.createDirectories(dir.resolve("fs")));
                BoardServer server = BoardServer.listen(board, 0)) {
            Link link = SocketLink.connect("127.0.0.1", server.port(), Duration.ofSeconds(5));
            Screen screen = new Screen();
            PipedOutputStream typing = new PipedOutputStream();
            PipedInputStream keys = new PipedInputStream(typing);
            Monitor monitor = new Monitor(link, null, Monitor.Settings.defaults(), output(screen, null));
            CompletableFuture<Monitor.End> end = CompletableFuture.supplyAsync(() -> run(monitor, keys));
            typing.write('\r');
            screen.await(">>> ", 1);
            Path file = dir.resolve("block.py");
            Files.writeString(file, "for i in range(3):\n    print('line', i * 11)\n");
            typing.write(Monitor.CTRL_T);
            typing.write('p');
            screen.await("[mpt] paste file: ", 1);
            typing.write((file + "\r").getBytes());
            screen.await("line 22", 1);
            typing.write(Monitor.CTRL_X);
            assertThat(end.get()).isEqualTo(Monitor.End.EXIT_KEY);
            assertThat(screen.text()).contains("line 0", "line 11", "line 22");
            link.close();
        }
    }

    @Test
    void keysParse() {
        assertThat(Monitor.parseKey("ctrl-]")).isEqualTo(0x1d);
        assertThat(Monitor.parseKey("^X")).isEqualTo(0x18);
        assertThat(Monitor.keyName(0x1d)).isEqualTo("Ctrl-]");
        assertThatThrownBy(() -> Monitor.parseKey("q")).hasMessageContaining("ctrl-]");
        assertThat(Monitor.keysHelp(Monitor.Settings.defaults())).isEqualTo("Ctrl-] or Ctrl-X leaves, Ctrl-T h lists the keys");
    }
}
