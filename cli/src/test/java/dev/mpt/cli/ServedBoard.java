package dev.mpt.cli;

import static org.junit.jupiter.api.Assertions.fail;

import dev.mpt.board.BoardServer;
import dev.mpt.board.PtyBridge;
import dev.mpt.board.VirtualBoard;
import dev.mpt.board.VmBoard;
import dev.mpt.bytecode.NativeArch;
import dev.mpt.cli.MainTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A virtual board served for the end-to-end tests, its filesystem the directory
 * {@link #flash}: on a TCP socket ({@code socket://127.0.0.1:PORT}), or on a real pty (a
 * socat bridge to that socket), as a board running MicroPython on a serial port looks to
 * mpt. Without socat a pty test is skipped, and fails in CI.
 */
public final class ServedBoard implements AutoCloseable {
    /** How mpt reaches the board; the end-to-end test classes run once for each. */
    public enum Link { TCP, PTY }

    /** What the board is made with; {@link #serve} starts it. */
    public static final class Spec {
        private final Path dir;
        private long size = -1;
        private int romBytes;
        private NativeArch arch = NativeArch.NONE;

        private Spec(Path dir) {
            this.dir = dir;
        }

        /** A filesystem of at most {@code bytes}. */
        public Spec size(long bytes) {
            size = bytes;
            return this;
        }

        /** A ROMFS partition of {@code bytes} (kept in {@code DIR/board.romfs}). */
        public Spec romfs(int bytes) {
            romBytes = bytes;
            return this;
        }

        /** The CPU the board reports in sys.implementation._mpy ({@code mpt board serve --arch}). */
        public Spec arch(NativeArch a) {
            arch = a;
            return this;
        }

        public ServedBoard serve(Link link) throws IOException {
            return new ServedBoard(this, link);
        }
    }

    public final VirtualBoard board;
    /** The board's filesystem. */
    public final Path flash;
    private final BoardServer server;
    private final PtyBridge pty;

    /** A board whose files live in {@code DIR/fs}. */
    public static Spec in(Path dir) {
        return new Spec(dir);
    }

    /** A plain board in {@code dir} on {@code link}. */
    public static ServedBoard serve(Path dir, Link link) throws IOException {
        return in(dir).serve(link);
    }

    private ServedBoard(Spec spec, Link link) throws IOException {
        flash = Files.createDirectories(spec.dir.resolve("fs"));
        board = VmBoard.create(flash, spec.size, spec.dir.resolve("board.romfs"), spec.romBytes, false, spec.arch);
        server = BoardServer.listen(board, 0);
        PtyBridge p = null;
        if (link == Link.PTY) {
            try {
                p = PtyBridge.start(spec.dir.resolve("board"), server.port(), Duration.ofSeconds(5));
            } catch (IOException e) {
                close();
                if ("true".equals(System.getenv("CI"))) {
                    fail(e.getMessage());
                }
                Assumptions.abort(e.getMessage());
                throw e;
            }
        }
        pty = p;
    }

    /** What to give as {@code -d}: the socket URL or the pty's path. */
    public String device() {
        return pty != null ? pty.path().toString() : server.deviceName();
    }

    /** {@code mpt -d <this board> ARGS…}, run in-process. */
    public Result mpt(String... args) {
        List<String> all = new ArrayList<>(List.of("-d", device()));
        all.addAll(List.of(args));
        return MainTest.mpt(all.toArray(new String[0]));
    }

    @Override
    public void close() {
        if (pty != null) {
            pty.close();
        }
        server.close();
        board.close();
    }
}
