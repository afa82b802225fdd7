package dev.mpt.board;

import java.util.ArrayList;
import java.util.List;

/**
 * The friendly REPL's line editor, as MicroPython's {@code shared/readline/readline.c}: it
 * answers each key with the bytes firmware sends (VT100 cursor moves: up to four steps back
 * as backspaces, more as {@code ESC [ n D}; {@code ESC [ K} to erase), so a terminal shows
 * the same thing whichever board it talks to.
 *
 * <ul>
 * <li>insertion at the cursor; Backspace (removes a whole 4-space indent), Delete, Ctrl-D
 * (delete on a non-empty line), Ctrl-K and Ctrl-U;
 * <li>Left/Right, Home/End (every escape form), Ctrl-A/Ctrl-E, Ctrl-B/Ctrl-F;
 * <li>history on Up/Down and Ctrl-P/Ctrl-N (8 lines on a board, 50 on the unix port);
 * <li>Tab: four spaces after whitespace, else completion ({@link ReplCompletion});
 * <li>auto-indent of continuation lines: as deep as the line before, one level more after
 * a ':'; a space typed right after an auto-indent takes it back to one space, a Tab keeps it;
 * <li>with word moves (the unix port): Alt-B/Alt-F, Ctrl-Left/Ctrl-Right, Alt-D, Alt-Backspace
 * and Ctrl-W.
 * </ul>
 *
 * Ctrl-A..Ctrl-E on an empty line, and Ctrl-C on any line, end the edit and are returned to
 * the REPL, which decides what they mean.
 */
public final class Readline {
    /** Firmware's history length. */
    public static final int BOARD_HISTORY = 8;
    /** The unix port's history length. */
    public static final int UNIX_HISTORY = 50;

    private static final int CTRL_A = 0x01;
    private static final int CTRL_B = 0x02;
    private static final int CTRL_C = 0x03;
    private static final int CTRL_D = 0x04;
    private static final int CTRL_E = 0x05;
    private static final int CTRL_F = 0x06;
    private static final int CTRL_K = 0x0b;
    private static final int CTRL_N = 0x0e;
    private static final int CTRL_P = 0x10;
    private static final int CTRL_U = 0x15;
    private static final int CTRL_W = 0x17;
    private static final int ESC = 0x1b;

    private static final int AUTO_INDENT_ENABLED = 1;
    private static final int AUTO_INDENT_JUST_ADDED = 2;

    private enum Escape { NONE, ESC, BRACKET, BRACKET_DIGIT, O }

    private Stdio io;
    private final int historySize;
    private final boolean wordMoves;
    private final List<String> history = new ArrayList<>();
    private CompletionSource completion = CompletionSource.NONE;

    private StringBuilder line;
    private int origin;
    private int cursor;
    private int historyIndex;
    private Escape escape = Escape.NONE;
    private int escapeDigit;
    private int lastNewline;
    private int autoIndent;
    private String prompt = "";

    // what the key being handled asks the screen to do
    private int stepBack;
    private boolean fromCursor;
    private int stepForward;

    /**
     * @param historySize how many lines Up can recall ({@link #BOARD_HISTORY}, {@link #UNIX_HISTORY})
     * @param wordMoves   the Emacs word keys of the unix port
     */
    public Readline(Stdio io, int historySize, boolean wordMoves) {
        this.io = io;
        this.historySize = historySize;
        this.wordMoves = wordMoves;
    }

    /** Where Tab looks names up. */
    public void setCompletion(CompletionSource completion) {
        this.completion = completion == null ? CompletionSource.NONE : completion;
    }

    /** Forgets the history, as a board's soft reset does. */
    public void clearHistory() {
        history.clear();
    }

    /**
     * Shows {@code prompt} and edits a line appended to {@code buffer} (earlier lines of a
     * compound statement stay before it) until Enter, or a control key the REPL handles.
     *
     * @return 0 when the line was entered, else the control key (Ctrl-A..Ctrl-E, Ctrl-C)
     */
    public int readLine(StringBuilder buffer, String prompt) {
        begin(buffer, prompt);
        while (true) {
            int r = key(io.read());
            if (r >= 0) {
                return r;
            }
        }
    }

    /**
     * As {@link #readLine(StringBuilder, String)}, with keys and echo through {@code via}
     * (the same history): what {@code input()} uses while a program runs.
     */
    public int readLine(StringBuilder buffer, String prompt, Stdio via) {
        Stdio own = io;
        io = via;
        try {
            return readLine(buffer, prompt);
        } finally {
            io = own;
        }
    }

    private void begin(StringBuilder buffer, String prompt) {
        this.line = buffer;
        this.prompt = prompt;
        origin = buffer.length();
        cursor = origin;
        historyIndex = -1;
        escape = Escape.NONE;
        io.write(prompt);
        if (buffer.length() == 0) {
            autoIndent = AUTO_INDENT_ENABLED;
        }
        autoIndent();
    }

    /** Handles one byte; -1 while the line goes on, else what {@link #readLine} returns. */
    private int key(int c) {
        int lastLength = line.length();
        stepBack = 0;
        fromCursor = false;
        stepForward = 0;
        switch (escape) {
            case NONE -> {
                if (c >= CTRL_A && c <= CTRL_E && line.length() == origin) {
                    return c;
                } else if (c == CTRL_A) {
                    home();
                } else if (c == CTRL_B) {
                    left();
                } else if (c == CTRL_C) {
                    return c;
                } else if (c == CTRL_D) {
                    deleteAtCursor();
                } else if (c == CTRL_E) {
                    end();
                } else if (c == CTRL_F) {
                    right();
                } else if (c == CTRL_K) {
                    line.setLength(cursor);
                    fromCursor = true;
                } else if (c == CTRL_N) {
                    historyDown();
                } else if (c == CTRL_P) {
                    historyUp();
                } else if (c == CTRL_U) {
                    line.delete(origin, cursor);
                    stepBack = cursor - origin;
                    fromCursor = true;
                } else if (c == CTRL_W && wordMoves) {
                    killWordBack();
                } else if ((c == '\r' || c == '\n') && (lastNewline == 0 || lastNewline == c)) {
                    lastNewline = c;
                    io.write("\r\n");
                    remember(line.substring(origin));
                    return 0;
                } else {
                    lastNewline = 0;
                    other(c);
                }
            }
            case ESC -> {
                escape = Escape.NONE;
                if (c == '[') {
                    escape = Escape.BRACKET;
                } else if (c == 'O') {
                    escape = Escape.O;
                } else if (wordMoves && c == 'b') {
                    stepBack = countWord(false);
                } else if (wordMoves && c == 'f') {
                    stepForward = countWord(true);
                } else if (wordMoves && c == 'd') {
                    line.delete(cursor, cursor + countWord(true));
                    fromCursor = true;
                } else if (wordMoves && c == 127) {
                    killWordBack();
                }
            }
            case BRACKET -> {
                escape = Escape.NONE;
                if (c >= '0' && c <= '9') {
                    escape = Escape.BRACKET_DIGIT;
                    escapeDigit = c;
                } else if (c == 'A') {
                    historyUp();
                } else if (c == 'B') {
                    historyDown();
                } else if (c == 'C') {
                    right();
                } else if (c == 'D') {
                    left();
                } else if (c == 'H') {
                    home();
                } else if (c == 'F') {
                    end();
                }
            }
            case BRACKET_DIGIT -> {
                escape = Escape.NONE;
                if (c == '~') {
                    if (escapeDigit == '1' || escapeDigit == '7') {
                        home();
                    } else if (escapeDigit == '4' || escapeDigit == '8') {
                        end();
                    } else if (escapeDigit == '3') {
                        deleteAtCursor();
                    }
                } else if (wordMoves && c == ';' && escapeDigit == '1') {
                    // ESC [ 1 ; 5 C: a modifier follows; read it as a fresh ESC [
                    escape = Escape.BRACKET;
                } else if (wordMoves && escapeDigit == '5' && c == 'C') {
                    stepForward = countWord(true);
                } else if (wordMoves && escapeDigit == '5' && c == 'D') {
                    stepBack = countWord(false);
                }
            }
            case O -> {
                escape = Escape.NONE;
                if (c == 'H') {
                    home();
                } else if (c == 'F') {
                    end();
                }
            }
            default -> throw new IllegalStateException();
        }
        redraw(lastLength);
        autoIndent &= ~AUTO_INDENT_JUST_ADDED;
        return -1;
    }

    /** Keys that are neither control keys of the REPL nor line ends. */
    private void other(int c) {
        if (c == ESC) {
            escape = Escape.ESC;
        } else if (c == 8 || c == 127) {
            backspace();
        } else if ((autoIndent & AUTO_INDENT_JUST_ADDED) != 0 && (c == '\t' || c == ' ')) {
            // a space right after an auto-indent takes it back to one space; a tab keeps it
            autoIndent = 0;
            if (c == ' ') {
                line.setLength(line.length() - 3);
                stepBack = 3;
            }
        } else if (c == '\t') {
            tab();
        } else if (c >= 32 && c <= 126) {
            line.insert(cursor, (char) c);
            fromCursor = true;
            stepForward = 1;
        }
    }

    private void tab() {
        String insert;
        if (line.length() != 0 && cursor > 0 && isSpace(line.charAt(cursor - 1))) {
            // more indent, also at the start of a continuation line (after its '\n')
            insert = "    ";
        } else {
            ReplCompletion.Result r = ReplCompletion.complete(line.substring(origin, cursor), completion);
            if (r instanceof ReplCompletion.Result.Listing l) {
                io.print(l.listing());
                io.write(prompt);
                io.write(line.substring(origin, cursor));
                fromCursor = true;
                return;
            }
            if (!(r instanceof ReplCompletion.Result.Insert i)) {
                return;
            }
            insert = i.text();
        }
        line.insert(cursor, insert);
        fromCursor = true;
        stepForward = insert.length();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == 0x0c;
    }

    private void backspace() {
        if (cursor <= origin) {
            return;
        }
        int spaces = 0;
        for (int i = origin; i < cursor; i++) {
            if (line.charAt(i) != ' ') {
                spaces = 0;
                break;
            }
            spaces++;
        }
        int n = spaces < 4 ? 1 : 4;
        line.delete(cursor - n, cursor);
        stepBack = n;
        fromCursor = true;
    }

    private void deleteAtCursor() {
        if (cursor < line.length()) {
            line.deleteCharAt(cursor);
            fromCursor = true;
        }
    }

    private void killWordBack() {
        stepBack = countWord(false);
        line.delete(cursor - stepBack, cursor);
        fromCursor = true;
    }

    /** How far the cursor moves to the end (or start) of a word: over non-word characters, then the word. */
    private int countWord(boolean forward) {
        int pos = cursor;
        boolean inWord = false;
        while (forward ? pos != line.length() : pos != 0) {
            char ch = line.charAt(forward ? pos : pos - 1);
            if (ch < 128 && Character.isLetterOrDigit(ch)) {
                inWord = true;
            } else if (inWord) {
                break;
            }
            pos += forward ? 1 : -1;
        }
        return forward ? pos - cursor : cursor - pos;
    }

    private void home() {
        stepBack = cursor - origin;
    }

    private void end() {
        stepForward = line.length() - cursor;
    }

    private void left() {
        if (cursor > origin) {
            stepBack = 1;
        }
    }

    private void right() {
        if (cursor < line.length()) {
            stepForward = 1;
        }
    }

    private void historyUp() {
        if (historyIndex + 1 < history.size()) {
            historyIndex++;
            showHistory();
        }
    }

    private void historyDown() {
        if (historyIndex >= 0) {
            historyIndex--;
            showHistory();
        }
    }

    private void showHistory() {
        line.setLength(origin);
        if (historyIndex >= 0) {
            line.append(history.get(historyIndex));
        }
        stepBack = cursor - origin;
        fromCursor = true;
        stepForward = line.length() - origin;
    }

    private void remember(String entered) {
        if (!entered.isEmpty() && (history.isEmpty() || !history.get(0).equals(entered))) {
            history.add(0, entered);
            if (history.size() > historySize) {
                history.remove(historySize);
            }
        }
    }

    /** Brings the screen in line with the buffer, moving the cursor as little as possible. */
    private void redraw(int lastLength) {
        if (stepBack > 0) {
            cursorBack(stepBack);
            cursor -= stepBack;
        }
        if (fromCursor) {
            if (line.length() < lastLength) {
                io.write("\u001b[K");
            }
            io.write(line.substring(cursor));
            cursorBack(line.length() - (cursor + stepForward));
            cursor += stepForward;
        } else if (stepForward > 0) {
            io.write(line.substring(cursor, cursor + stepForward));
            cursor += stepForward;
        }
    }

    private void cursorBack(int n) {
        if (n <= 0) {
            return;
        }
        io.write(n <= 4 ? "\b".repeat(n) : "\u001b[" + n + "D");
    }

    /** After a prompt: indent as the line before, one level more after a ':'. */
    private void autoIndent() {
        if ((autoIndent & AUTO_INDENT_ENABLED) == 0) {
            return;
        }
        int len = line.length();
        if (len <= 1 || line.charAt(len - 1) != '\n') {
            return;
        }
        int start = len - 1;
        while (start > 0 && line.charAt(start - 1) != '\n') {
            start--;
        }
        int firstNonSpace = start;
        while (firstNonSpace < len && line.charAt(firstNonSpace) == ' ') {
            firstNonSpace++;
        }
        if (start > 0 && firstNonSpace + 1 == len) {
            // the line before was blank: no indent when the one before it was blank too
            for (int k = start - 1; k > 0; k--) {
                char ch = line.charAt(k - 1);
                if (ch == '\n') {
                    return;
                } else if (ch != ' ') {
                    break;
                }
            }
        }
        int levels = (firstNonSpace - start) / 4;
        if (line.charAt(len - 2) == ':') {
            levels++;
        }
        for (int i = 0; i < levels; i++) {
            line.append("    ");
            io.write("    ");
            cursor += 4;
            autoIndent |= AUTO_INDENT_JUST_ADDED;
        }
    }
}
