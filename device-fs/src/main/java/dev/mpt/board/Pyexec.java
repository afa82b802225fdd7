package dev.mpt.board;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The board's REPL modes, as MicroPython's {@code shared/runtime/pyexec.c}: the friendly
 * REPL ({@code >>> } with {@link Readline}, continuation lines, paste mode with Ctrl-E), the
 * raw REPL (Ctrl-A; code ended by Ctrl-D, answered {@code OK}, output, 0x04, errors, 0x04)
 * and raw-paste mode (Ctrl-E 'A' Ctrl-A, with its window flow control).
 *
 * <p>{@link #serve} runs until a soft reset is asked for: the virtual board then reboots,
 * {@code mpt-micropython} (as the unix port) ends.
 */
public final class Pyexec {
    static final int CTRL_A = 0x01;
    static final int CTRL_B = 0x02;
    static final int CTRL_C = 0x03;
    static final int CTRL_D = 0x04;
    static final int CTRL_E = 0x05;

    /** Which REPL is served; survives a soft reset, as {@code pyexec_mode_kind}. */
    public enum Mode { FRIENDLY, RAW }

    /**
     * What the REPL runs on: the terminal ({@link Stdio}: bytes as typed in, echo out, and
     * {@link Stdio#print} for what the runtime prints) and the runtime that executes code.
     */
    public interface Host extends Stdio {
        /** Runs source text: a whole file (raw REPL, paste mode) or one statement typed at {@code >>> }. */
        BoardEngine.Outcome execute(String source, BoardEngine.InputKind kind);

        /** The first banner line, without its line end: {@code MicroPython v1.28.0 on ...; machine}. */
        String bannerLine();

        /** The primary prompt (the unix port takes it from {@code sys.ps1}). */
        default String ps1() {
            return ">>> ";
        }

        /** The continuation prompt (the unix port takes it from {@code sys.ps2}). */
        default String ps2() {
            return "... ";
        }

        /** How raw-paste requests are answered. */
        default VirtualBoard.RawPasteSupport rawPasteSupport() {
            return VirtualBoard.RawPasteSupport.SUPPORTED;
        }

        /** The stdin buffer; raw-paste's window is half of it. */
        default int stdinBufferMax() {
            return 256;
        }

        /** Raw-paste starts: two windows are granted. */
        default void rawPasteBegins(int window) {
        }

        /** Raw-paste grants one more window. */
        default void rawPasteGrants(int window) {
        }

        default void rawPasteEnds() {
        }
    }

    private final Host host;
    private final Readline readline;
    private Mode mode = Mode.FRIENDLY;

    /** The REPL on {@code host}, with {@code readline} as its line editor (reading from the host). */
    public Pyexec(Host host, Readline readline) {
        this.host = host;
        this.readline = readline;
    }

    public Mode mode() {
        return mode;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    /** Serves the current REPL mode until a soft reset is asked for (Ctrl-D on an empty line, SystemExit). */
    public void serve() {
        boolean softReset = false;
        while (!softReset) {
            softReset = mode == Mode.RAW ? rawRepl() : friendlyRepl();
        }
    }

    // ---------------------------------------------------------------- friendly REPL

    private void banner() {
        host.write(host.bannerLine() + "\r\nType \"help()\" for more information.\r\n");
    }

    /** Serves the friendly REPL; true when it ends in a soft reset, false when the host went raw. */
    private boolean friendlyRepl() {
        banner();
        while (true) {
            StringBuilder line = new StringBuilder();
            int ret = readline.readLine(line, host.ps1());
            BoardEngine.InputKind kind = BoardEngine.InputKind.SINGLE;
            if (ret == CTRL_A) {
                host.write("\r\n");
                mode = Mode.RAW;
                return false;
            } else if (ret == CTRL_B) {
                host.write("\r\n");
                banner();
                continue;
            } else if (ret == CTRL_C) {
                host.write("\r\n");
                continue;
            } else if (ret == CTRL_D) {
                host.write("\r\n");
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
            BoardEngine.Outcome outcome = host.execute(line.toString(), kind);
            if (outcome instanceof BoardEngine.Outcome.Raised r) {
                host.print(r.traceback());
            } else if (outcome instanceof BoardEngine.Outcome.SoftReset) {
                return true;
            }
        }
    }

    /** Reads "... " lines while the statement needs more; false if Ctrl-C cancelled it. */
    private boolean continuationLines(StringBuilder line) {
        while (ReplContinuation.needsMore(line.toString())) {
            line.append('\n');
            int r = readline.readLine(line, host.ps2());
            if (r == CTRL_C) {
                host.write("\r\n");
                return false;
            } else if (r == CTRL_D) {
                break;
            }
        }
        return true;
    }

    /** Paste mode: echoes everything until Ctrl-D; null if cancelled with Ctrl-C. */
    private String pasteMode() {
        host.write("\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== ");
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        while (true) {
            int c = host.read();
            if (c == CTRL_C) {
                host.write("\r\n");
                return null;
            } else if (c == CTRL_D) {
                host.write("\r\n");
                return text.toString(StandardCharsets.UTF_8).replace("\r\n", "\n").replace('\r', '\n');
            }
            text.write(c);
            if (c == '\r') {
                host.write("\r\n=== ");
            } else {
                host.write(new byte[] {(byte) c});
            }
        }
    }

    // ---------------------------------------------------------------- raw REPL

    /** Serves the raw REPL; true when it ends in a soft reset, false when the host left with Ctrl-B. */
    private boolean rawRepl() {
        host.write("raw REPL; CTRL-B to exit\r\n");
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            line.reset();
            host.write(">");
            boolean restart = false;
            while (true) {
                int c = host.read();
                if (c == CTRL_A) {
                    byte[] sofar = line.toByteArray();
                    if (sofar.length == 2 && sofar[0] == CTRL_E
                            && host.rawPasteSupport() != VirtualBoard.RawPasteSupport.UNKNOWN) {
                        Boolean end = rawPaste(sofar[1]);
                        if (end != null && end) {
                            return true;
                        }
                        line.reset();
                        host.write(">");
                        continue;
                    }
                    restart = true;
                    break;
                } else if (c == CTRL_B) {
                    host.write("\r\n");
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
                host.write("raw REPL; CTRL-B to exit\r\n");
                continue;
            }
            host.write("OK");
            if (line.size() == 0) {
                host.write("\r\n");
                return true;
            }
            BoardEngine.Outcome outcome = host.execute(line.toString(StandardCharsets.UTF_8),
                    BoardEngine.InputKind.FILE);
            if (endMarkers(outcome)) {
                return true;
            }
        }
    }

    /** Prints the two 0x04 markers around the error output; true if the code asked for a soft reset. */
    private boolean endMarkers(BoardEngine.Outcome outcome) {
        host.write(new byte[] {CTRL_D});
        if (outcome instanceof BoardEngine.Outcome.Raised r) {
            host.print(r.traceback());
        }
        host.write(new byte[] {CTRL_D});
        return outcome instanceof BoardEngine.Outcome.SoftReset;
    }

    /**
     * Raw-paste: Ctrl-E, command byte, Ctrl-A. Returns null for an unknown command, else
     * whether the code asked for a soft reset.
     */
    private Boolean rawPaste(byte command) {
        if (command != 'A' || host.rawPasteSupport() == VirtualBoard.RawPasteSupport.REFUSED) {
            host.write("R\u0000");
            return null;
        }
        host.write("R\u0001");
        int window = host.stdinBufferMax() / 2;
        host.write(new byte[] {(byte) (window & 0xff), (byte) (window >> 8), CTRL_A});
        host.rawPasteBegins(window);
        try {
            return pasteBody(window);
        } finally {
            host.rawPasteEnds();
        }
    }

    private boolean pasteBody(int window) {
        int remain = window;
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        while (true) {
            int c = host.read();
            if (c == CTRL_C || c == CTRL_D) {
                host.write(new byte[] {CTRL_D});
                if (c == CTRL_C) {
                    return endMarkers(new BoardEngine.Outcome.Raised("KeyboardInterrupt: \n"));
                }
                break;
            }
            code.write(c);
            if (--remain == 0) {
                host.rawPasteGrants(window);
                host.write(new byte[] {CTRL_A});
                remain = window;
            }
        }
        BoardEngine.Outcome outcome = host.execute(code.toString(StandardCharsets.UTF_8),
                BoardEngine.InputKind.FILE);
        return endMarkers(outcome);
    }
}
