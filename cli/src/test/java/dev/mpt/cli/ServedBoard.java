package dev.mpt.cli;

import static org.junit.jupiter.api.Assertions.fail;

import dev.mpt.board.BoardServer;
import dev.mpt.board.PtyBridge;
import dev.mpt.board.VirtualBoard;
import dev.mpt.board.VmBoard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;

/**
 * A virtual board served on a real pty (socat), as a board running MicroPython on a serial
 * port looks to mpt. Without socat the test is skipped, and fails in CI.
 */
public final class ServedBoard implements AutoCloseable {
    public final VirtualBoard board;
    private final BoardServer server;
    private final PtyBridge pty;

    public ServedBoard(Path dir) throws IOException {
        board = VmBoard.create(Files.createDirectories(dir.resolve("fs")));
        server = BoardServer.listen(board, 0);
        PtyBridge p;
        try {
            p = PtyBridge.start(dir.resolve("board"), server.port(), Duration.ofSeconds(5));
        } catch (IOException e) {
            close();
            if ("true".equals(System.getenv("CI"))) {
                fail(e.getMessage());
            }
            Assumptions.abort(e.getMessage());
            throw e;
        }
        pty = p;
    }

    /** The pty's path, to give as {@code -d}. */
    public String port() {
        return pty.path().toString();
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
