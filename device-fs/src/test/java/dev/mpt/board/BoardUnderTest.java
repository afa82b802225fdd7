package dev.mpt.board;

import dev.mpt.protocol.BoardException;
import dev.mpt.protocol.RawRepl;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A virtual board and the host's raw REPL on it, for one test at a time: {@link #open} connects
 * and enters the raw REPL (soft reset first); after each test the REPL and then the board are
 * closed. Register it with {@code @RegisterExtension}.
 */
final class BoardUnderTest implements AfterEachCallback {
    /** The board of the running test (null before it is opened). */
    VirtualBoard board;
    /** Its raw REPL (null before it is opened). */
    RawRepl repl;

    /** Connects to board with the usual time-outs and enters its raw REPL. */
    RawRepl open(VirtualBoard board) throws BoardException {
        return open(board, RawRepl.Timeouts.defaults());
    }

    RawRepl open(VirtualBoard board, RawRepl.Timeouts timeouts) throws BoardException {
        this.board = board;
        return reconnect(timeouts);
    }

    /** A new connection and raw REPL on the same board (after the last one was closed, e.g. by a hard reset). */
    RawRepl reconnect(RawRepl.Timeouts timeouts) throws BoardException {
        repl = new RawRepl(board.connect(), timeouts);
        repl.enter(true);
        return repl;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (repl != null) {
            repl.close();
        }
        if (board != null) {
            board.close();
        }
    }
}
