import dev.mpt.board.BoardServer;
import dev.mpt.board.VirtualBoard;
import dev.mpt.board.VmBoard;
import dev.mpt.protocol.Link;
import dev.mpt.protocol.OutputSink;
import dev.mpt.protocol.RawRepl;
import dev.mpt.protocol.SocketLink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Board protocol benchmark (issue 5): the round-trip time of a trivial exec and the
 * throughput of a large stdout stream, over the TCP link to the virtual board, with the
 * in-memory link to the same board as the baseline, and their ratio.
 *
 * <p>Run: {@code scripts/bench/protocol.sh} (a single-file program on the mpt jar).
 */
public final class ProtocolBench {
    private ProtocolBench() {
    }

    private record Numbers(double roundTripMicros, double megabytesPerSecond) {
    }

    public static void main(String[] args) throws Exception {
        Numbers memory;
        Numbers tcp;
        Path flash = Files.createTempDirectory("mpt-bench-flash");
        try (VirtualBoard board = VmBoard.create(flash).start()) {
            memory = measure(board.connect());
        }
        try (VirtualBoard board = VmBoard.create(flash);
             BoardServer server = BoardServer.listen(board, 0)) {
            tcp = measure(SocketLink.connect("127.0.0.1", server.port(), Duration.ofSeconds(5)));
        }
        System.out.printf("exec round trip: tcp %.0f us, in-memory %.0f us (ratio %.2f)%n",
                tcp.roundTripMicros, memory.roundTripMicros, tcp.roundTripMicros / memory.roundTripMicros);
        System.out.printf("stdout stream:   tcp %.1f MB/s, in-memory %.1f MB/s (ratio %.2f)%n",
                tcp.megabytesPerSecond, memory.megabytesPerSecond, tcp.megabytesPerSecond / memory.megabytesPerSecond);
    }

    private static Numbers measure(Link link) throws Exception {
        try (RawRepl repl = new RawRepl(link)) {
            repl.enter(true);
            for (int i = 0; i < 300; i++) {
                repl.exec("print(1)"); // warm-up
            }
            int n = 2000;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                repl.exec("print(1)");
            }
            double rtt = (System.nanoTime() - t0) / 1000.0 / n;
            int size = 4_000_000;
            repl.exec("print('x' * 1000)");
            long t1 = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                repl.exec("print('0123456789' * " + size / 10 + ")", Duration.ofSeconds(60), OutputSink.DISCARD);
            }
            double seconds = (System.nanoTime() - t1) / 1e9;
            return new Numbers(rtt, 5.0 * size / 1e6 / seconds);
        }
    }
}
