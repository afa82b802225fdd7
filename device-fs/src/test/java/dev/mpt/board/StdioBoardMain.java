package dev.mpt.board;

import dev.mpt.protocol.StreamLink;

/**
 * A virtual board with the {@link TestEngine} on this process's stdin/stdout, so tests can
 * reach it as {@code exec:java ... StdioBoardMain}. Exits when stdin ends.
 */
public final class StdioBoardMain {
    private StdioBoardMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        TestEngine engine = new TestEngine();
        VirtualBoard board = new VirtualBoard(engine);
        StreamLink stdio = StreamLink.of(System.in, System.out, "stdio");
        board.attach(stdio);
        board.start();
        while (stdio.isOpen()) {
            Thread.sleep(100);
        }
        board.close();
        System.exit(0);
    }
}
