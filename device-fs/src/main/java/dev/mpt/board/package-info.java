/**
 * The virtual board: a board's main loop (boot.py, main.py, soft and hard reset, Ctrl-C) in
 * {@link dev.mpt.board.VirtualBoard}, its REPL modes (friendly REPL, paste mode, raw REPL,
 * raw-paste) in {@link dev.mpt.board.Pyexec} as MicroPython's {@code shared/runtime/pyexec.c},
 * the line editor in {@link dev.mpt.board.Readline} as {@code shared/readline/readline.c},
 * Tab completion in {@link dev.mpt.board.ReplCompletion} as {@code py/repl.c}; the code is run
 * by a {@link dev.mpt.board.BoardEngine} ({@link dev.mpt.board.VmEngine}: our compiler and
 * VM). {@code mpt-micropython} serves the same REPL on the host terminal.
 *
 * <pre>{@code
 * VirtualBoard board = new VirtualBoard(new VmEngine(flashDir, new VmCompiler()));
 * Link link = board.connect();                                // in-process
 * BoardServer server = BoardServer.listen(board, 0);          // socket://127.0.0.1:PORT
 * PtyBridge pty = PtyBridge.start(Path.of("/tmp/mpt-board"), server.port(), Duration.ofSeconds(5));
 * }</pre>
 */
package dev.mpt.board;
