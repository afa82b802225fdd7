/**
 * The virtual board: MicroPython's REPL protocol (friendly REPL, paste mode, raw REPL,
 * raw-paste, soft and hard reset, Ctrl-C) in {@link dev.mpt.board.VirtualBoard}, with the
 * code run by a {@link dev.mpt.board.BoardEngine} ({@link dev.mpt.board.VmEngine}: our
 * compiler and VM).
 *
 * <pre>{@code
 * VirtualBoard board = new VirtualBoard(new VmEngine(flashDir, new VmCompiler()));
 * Link link = board.connect();                                // in-process
 * BoardServer server = BoardServer.listen(board, 0);          // socket://127.0.0.1:PORT
 * PtyBridge pty = PtyBridge.start(Path.of("/tmp/mpt-board"), server.port(), Duration.ofSeconds(5));
 * }</pre>
 */
package dev.mpt.board;
