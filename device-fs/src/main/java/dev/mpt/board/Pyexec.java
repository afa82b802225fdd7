package dev.mpt.board;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The board's REPL modes, as MicroPython's {@code shared/runtime/pyexec.c}: the friendly
 * REPL ({@code >>> } with {@link Readline}, continuation lines, paste mode with Ctrl-E), the
 * raw REPL (Ctrl-A; code ended by Ctrl-D, answered {@code OK}, output, 0x04, errors, 0x04)
 * and raw-paste mode (Ctrl-E 'A' Ctrl-A, with its window flow control).
 *
 * <p>Each mode runs until the host switches mode (returns false) or asks for a soft reset
 * (returns true); the board's main loop then reboots.
 */
final class Pyexec {
    static final int CTRL_A = 0x01;
    static final int CTRL_B = 0x02;
    static final int CTRL_C = 0x03;
    static final int CTRL_D = 0x04;
    static final int CTRL_E = 0x05;

    /** Which REPL the board serves; survives a soft reset, as {@code pyexec_mode_kind}. */
    enum Mode { FRIENDLY, RAW }

    private final VirtualBoard board;
    private final Readline readline;
    private Mode mode = Mode.FRIENDLY;

    Pyexec(VirtualBoard board, Readline readline) {
        this.board = board;
        this.readline = readline;
    }

    Mode mode() {
        return mode;
    }

    void setMode(Mode mode) {
        this.mode = mode;
    }

    /** Serves the current REPL mode until the host asks for a soft reset. */
    void serve() {
        boolean softReset = false;
        while (!softReset) {
            softReset = mode == Mode.RAW ? rawRepl() : friendlyRepl();
        }
    }

    // ---------------------------------------------------------------- friendly REPL

    private void banner() {
        board.emit(board.identity().bannerLine() + "\r\nType \"help()\" for more information.\r\n");
    }

    /** Serves the friendly REPL; true when it ends in a soft reset, false when the host went raw. */
    boolean friendlyRepl() {
        banner();
        while (true) {
            StringBuilder line = new StringBuilder();
            int ret = readline.readLine(line, ">>> ");
            BoardEngine.InputKind kind = BoardEngine.InputKind.SINGLE;
            if (ret == CTRL_A) {
                board.emit("\r\n");
                mode = Mode.RAW;
                return false;
            } else if (ret == CTRL_B) {
                board.emit("\r\n");
                banner();
                continue;
            } else if (ret == CTRL_C) {
                board.emit("\r\n");
                continue;
            } else if (ret == CTRL_D) {
                board.emit("\r\n");
                return true;
            } else if (ret == CTRL_E) {
                String pasted = pasteMode();
                if (pasted == null) {
                    continue;
                }
                line.append(pasted);
                kind = BoardEngine.InputKind.FILE;
            } else if (line.length() == 0) {
                continue;
            } else if (!continuationLines(line)) {
                continue;
            }
            BoardEngine.Outcome outcome = board.execute(line.toString(), kind, "<stdin>");
            if (outcome instanceof BoardEngine.Outcome.Raised r) {
                board.emitCooked(r.traceback());
            } else if (outcome instanceof BoardEngine.Outcome.SoftReset) {
                return true;
            }
        }
    }

    /** Reads "... " lines while the statement needs more; false if Ctrl-C cancelled it. */
    private boolean continuationLines(StringBuilder line) {
        while (ReplContinuation.needsMore(line.toString())) {
            line.append('\n');
            int r = readline.readLine(line, "... ");
            if (r == CTRL_C) {
                board.emit("\r\n");
                return false;
            } else if (r == CTRL_D) {
                break;
            }
        }
        return true;
    }

    /** Paste mode: echoes everything until Ctrl-D; null if cancelled with Ctrl-C. */
    private String pasteMode() {
        board.emit("\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== ");
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        while (true) {
            int c = board.next();
            if (c == CTRL_C) {
                board.emit("\r\n");
                return null;
            } else if (c == CTRL_D) {
                board.emit("\r\n");
                return text.toString(StandardCharsets.UTF_8).replace("\r\n", "\n").replace('\r', '\n');
            }
            text.write(c);
            if (c == '\r') {
                board.emit("\r\n=== ");
            } else {
                board.emit(new byte[] {(byte) c});
            }
        }
    }

    // ---------------------------------------------------------------- raw REPL

    /** Serves the raw REPL; true when it ends in a soft reset, false when the host left with Ctrl-B. */
    boolean rawRepl() {
        board.emit("raw REPL; CTRL-B to exit\r\n");
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            line.reset();
            board.emit(">");
            boolean restart = false;
            while (true) {
                int c = board.next();
                if (c == CTRL_A) {
                    byte[] sofar = line.toByteArray();
                    if (sofar.length == 2 && sofar[0] == CTRL_E
                            && board.rawPasteSupport() != VirtualBoard.RawPasteSupport.UNKNOWN) {
                        Boolean end = rawPaste(sofar[1]);
                        if (end != null && end) {
                            return true;
                        }
                        line.reset();
                        board.emit(">");
                        continue;
                    }
                    restart = true;
                    break;
                } else if (c == CTRL_B) {
                    board.emit("\r\n");
                    mode = Mode.FRIENDLY;
                    return false;
                } else if (c == CTRL_C) {
                    line.reset();
                } else if (c == CTRL_D) {
                    break;
                } else {
                    line.write(c);
                }
            }
            if (restart) {
                board.emit("raw REPL; CTRL-B to exit\r\n");
                continue;
            }
            board.emit("OK");
            if (line.size() == 0) {
                board.emit("\r\n");
                return true;
            }
            BoardEngine.Outcome outcome = board.execute(line.toString(StandardCharsets.UTF_8),
                    BoardEngine.InputKind.FILE, "<stdin>");
            if (endMarkers(outcome)) {
                return true;
            }
        }
    }

    /** Prints the two 0x04 markers around the error output; true if the code asked for a soft reset. */
    private boolean endMarkers(BoardEngine.Outcome outcome) {
        board.emit(new byte[] {CTRL_D});
        if (outcome instanceof BoardEngine.Outcome.Raised r) {
            board.emitCooked(r.traceback());
        }
        board.emit(new byte[] {CTRL_D});
        return outcome instanceof BoardEngine.Outcome.SoftReset;
    }

    /**
     * Raw-paste: Ctrl-E, command byte, Ctrl-A. Returns null for an unknown command, else
     * whether the code asked for a soft reset.
     */
    private Boolean rawPaste(byte command) {
        if (command != 'A' || board.rawPasteSupport() == VirtualBoard.RawPasteSupport.REFUSED) {
            board.emit("R\u0000");
            return null;
        }
        board.emit("R\u0001");
        int window = board.identity().stdinBufferMax() / 2;
        board.emit(new byte[] {(byte) (window & 0xff), (byte) (window >> 8), CTRL_A});
        board.rawPasteBegins(window);
        try {
            return pasteBody(window);
        } finally {
            board.rawPasteEnds();
        }
    }

    private boolean pasteBody(int window) {
        int remain = window;
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        while (true) {
            int c = board.next();
            if (c == CTRL_C || c == CTRL_D) {
                board.emit(new byte[] {CTRL_D});
                if (c == CTRL_C) {
                    return endMarkers(new BoardEngine.Outcome.Raised("KeyboardInterrupt: \n"));
                }
                break;
            }
            code.write(c);
            if (--remain == 0) {
                board.rawPasteGrants(window);
                board.emit(new byte[] {CTRL_A});
                remain = window;
            }
        }
        BoardEngine.Outcome outcome = board.execute(code.toString(StandardCharsets.UTF_8),
                BoardEngine.InputKind.FILE, "<stdin>");
        return endMarkers(outcome);
    }
}
