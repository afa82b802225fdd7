package dev.mpt.monitor;

import dev.mpt.protocol.Link;
import dev.mpt.protocol.LinkException;
import dev.mpt.protocol.LinkTimeoutException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A serial terminal between the keyboard and a board: every key goes to the board as it is
 * typed, everything the board sends goes to the screen (and the log). The exit keys (Ctrl-]
 * and Ctrl-X, as in mpremote) leave; the menu key (Ctrl-T, as in tio) followed by a letter
 * runs one of the monitor's own commands (see {@link #MENU}).
 *
 * <p>When the board goes away (a reset over USB, the cable pulled, the socket closed), one
 * status line says so and the monitor reconnects by itself when it comes back, if it was
 * given a way to ({@link Reconnect}); otherwise the session ends.
 *
 * <p>The keyboard stream should be a terminal in raw mode (see {@link RawTerminal}), so that
 * Ctrl-C, Ctrl-D, Ctrl-Z and the rest reach the board rather than the host.
 */
public final class Monitor {
    /** Ctrl-]. */
    public static final int CTRL_RIGHT_BRACKET = 0x1d;
    /** Ctrl-X. */
    public static final int CTRL_X = 0x18;
    /** Ctrl-T. */
    public static final int CTRL_T = 0x14;
    /** The exit key of earlier versions; still the first of the defaults. */
    public static final int DEFAULT_EXIT_KEY = CTRL_RIGHT_BRACKET;

    /** The menu: the letter after the menu key, and what it does. */
    public static final List<String> MENU = List.of(
            "r  soft-reset the board (Ctrl-C, Ctrl-D at the prompt)",
            "p  paste a local file (asks for its path; sent through paste mode)",
            "t  timestamps on the screen on/off",
            "x  hex view on/off",
            "e  local echo on/off",
            "q  leave (as the exit keys do)",
            "h  list these keys",
            "the menu key twice sends it");

    /** Why the monitor stopped. */
    public enum End {
        /** The user pressed an exit key. */
        EXIT_KEY,
        /** The keyboard stream ended (stdin closed). */
        KEYBOARD_CLOSED,
        /** The board went away and no reconnection was to be tried. */
        BOARD_GONE
    }

    /** Opens the same board again after it went away. */
    @FunctionalInterface
    public interface Reconnect {
        /** @throws LinkException while the board is not back */
        Link open() throws LinkException;
    }

    /**
     * What the keys do.
     *
     * @param exitKeys  the keys that leave
     * @param menuKey   the key that starts a menu command, or -1 for none
     * @param map       the line-ending rewriting; {@code out} applies to keys
     * @param localEcho show typed keys on the screen as well
     * @param retry     how often to try to reconnect
     */
    public record Settings(List<Integer> exitKeys, int menuKey, LineMap.Pair map, boolean localEcho, Duration retry) {
        public static Settings defaults() {
            return new Settings(List.of(CTRL_RIGHT_BRACKET, CTRL_X), CTRL_T, LineMap.Pair.NONE, false,
                    Duration.ofMillis(250));
        }

        public Settings withExitKeys(List<Integer> keys) {
            return new Settings(List.copyOf(keys), menuKey, map, localEcho, retry);
        }

        public Settings withMenuKey(int key) {
            return new Settings(exitKeys, key, map, localEcho, retry);
        }

        public Settings withMap(LineMap.Pair m) {
            return new Settings(exitKeys, menuKey, m, localEcho, retry);
        }

        public Settings withLocalEcho(boolean on) {
            return new Settings(exitKeys, menuKey, map, on, retry);
        }
    }

    private static final byte[] EOF = new byte[0];
    private static final int PASTE_CHUNK = 256;

    private final Reconnect reconnect;
    private final Settings settings;
    private final BoardOutput output;
    private final BlockingQueue<byte[]> typed = new LinkedBlockingQueue<>();
    private volatile Link link;
    private volatile boolean connected = true;
    private volatile boolean gone;
    private volatile boolean stop;
    private volatile boolean localEcho;
    /** Keys read but not handled yet (those after a menu letter in the same batch). */
    private byte[] pendingKeys;
    /** The menu key was pressed; the next key says what to do. */
    private boolean menuPending;

    /**
     * @param reconnect how to open the board again after it went away, or null to end then
     */
    public Monitor(Link link, Reconnect reconnect, Settings settings, BoardOutput output) {
        this.link = link;
        this.reconnect = reconnect;
        this.settings = settings;
        this.output = output;
        this.localEcho = settings.localEcho();
    }

    /** The link in use now (a new one after a reconnection). */
    public Link link() {
        return link;
    }

    /** Runs until an exit key, the end of the keyboard stream, or the board going away for good. */
    public End run(InputStream keys) throws IOException {
        stop = false;
        Thread reader = new Thread(this::readBoard, "mpt-monitor-reader");
        reader.setDaemon(true);
        reader.start();
        // Keys are read on their own thread, so that the board going away is noticed even
        // while nobody types, and the end of the keyboard stream is seen as such.
        Thread keyboard = new Thread(() -> readKeys(keys), "mpt-monitor-keys");
        keyboard.setDaemon(true);
        keyboard.start();
        try {
            while (true) {
                if (gone) {
                    return End.BOARD_GONE;
                }
                byte[] chunk = nextKeys(20);
                if (chunk == null) {
                    continue;
                }
                if (chunk == EOF) {
                    return End.KEYBOARD_CLOSED;
                }
                End end = handleKeys(chunk);
                if (end != null) {
                    return end;
                }
            }
        } finally {
            stop = true;
            try {
                reader.join(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            output.flushLog();
        }
    }

    private void readKeys(InputStream keys) {
        byte[] buf = new byte[1024];
        try {
            while (!stop) {
                int n = keys.read(buf);
                if (n < 0) {
                    break;
                }
                if (n > 0) {
                    byte[] chunk = new byte[n];
                    System.arraycopy(buf, 0, chunk, 0, n);
                    typed.add(chunk);
                }
            }
        } catch (IOException e) {
            // the keyboard is gone
        }
        typed.add(EOF);
    }

    /** The next keys typed, waiting at most {@code millis}; null if none; {@link #EOF} at the end. */
    private byte[] nextKeys(long millis) {
        if (pendingKeys != null) {
            byte[] p = pendingKeys;
            pendingKeys = null;
            return p;
        }
        try {
            return typed.poll(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EOF;
        }
    }

    private End handleKeys(byte[] chunk) throws IOException {
        ByteArrayOutputStream send = new ByteArrayOutputStream(chunk.length);
        for (int i = 0; i < chunk.length; i++) {
            int k = chunk[i] & 0xff;
            if (menuPending) {
                menuPending = false;
                if (k == settings.menuKey()) {
                    send.write(k);
                    continue;
                }
                sendKeys(send);
                if (i + 1 < chunk.length) {
                    pendingKeys = Arrays.copyOfRange(chunk, i + 1, chunk.length);
                }
                return menu(k);
            }
            if (settings.exitKeys().contains(k)) {
                sendKeys(send);
                return End.EXIT_KEY;
            }
            if (k == settings.menuKey()) {
                menuPending = true;
                continue;
            }
            send.write(k);
        }
        sendKeys(send);
        return null;
    }

    private void sendKeys(ByteArrayOutputStream keys) throws IOException {
        if (keys.size() == 0) {
            return;
        }
        byte[] b = keys.toByteArray();
        keys.reset();
        byte[] mapped = settings.map().out().apply(b, 0, b.length);
        if (localEcho) {
            output.echo(mapped);
        }
        sendToBoard(mapped);
    }

    /** Writes to the board if it is there; keys typed while it is away are dropped. */
    private void sendToBoard(byte[] b) {
        if (!connected) {
            return;
        }
        try {
            link.write(b, 0, b.length);
        } catch (LinkException e) {
            // the reader notices the board has gone and reconnects
        }
    }

    private End menu(int k) throws IOException {
        if (settings.exitKeys().contains(k)) {
            return End.EXIT_KEY;
        }
        switch (Character.toLowerCase((char) k)) {
            case 'r', 0x12 -> {
                output.status("soft reset");
                softReset();
            }
            case 'p', 0x10 -> pasteAskingForFile();
            case 't', 0x14 -> {
                output.setTimestamps(!output.timestamps());
                output.status("timestamps " + (output.timestamps() ? "on" : "off"));
            }
            case 'x', 0x18 -> {
                output.setHex(!output.hex());
                output.status("hex view " + (output.hex() ? "on" : "off"));
            }
            case 'e', 0x05 -> {
                localEcho = !localEcho;
                output.status("local echo " + (localEcho ? "on" : "off"));
            }
            case 'q', 0x11 -> {
                return End.EXIT_KEY;
            }
            default -> showMenu();
        }
        return null;
    }

    /** A short line naming the exit keys and the menu key: "Ctrl-] or Ctrl-X leaves, Ctrl-T h lists the keys". */
    public static String keysHelp(Settings settings) {
        List<String> exits = new ArrayList<>();
        for (int k : settings.exitKeys()) {
            exits.add(keyName(k));
        }
        String s = String.join(" or ", exits) + " leaves";
        if (settings.menuKey() >= 0) {
            s += ", " + keyName(settings.menuKey()) + " h lists the keys";
        }
        return s;
    }

    /** The menu, one line per key, for {@code Ctrl-T h}. */
    private void showMenu() throws IOException {
        String m = keyName(settings.menuKey());
        StringBuilder sb = new StringBuilder("keys:");
        for (int k : settings.exitKeys()) {
            sb.append("\r\n  ").append(keyName(k)).append("      leave");
        }
        for (String line : MENU) {
            sb.append("\r\n  ").append(line.startsWith("the ") ? m + " " + m + "  sends " + m : m + " " + line);
        }
        output.status(sb.toString());
    }

    /** Interrupts what runs and soft-resets the board at its friendly prompt. */
    public void softReset() {
        for (byte b : new byte[] {0x03, 0x03, 0x04}) {
            sendToBoard(new byte[] {b});
            pause(60);
        }
    }

    private void pasteAskingForFile() throws IOException {
        String name = readLine("paste file: ");
        if (name == null || name.isBlank()) {
            output.status("paste cancelled");
            return;
        }
        Path file = Path.of(name.strip().replaceFirst("^~(?=/|$)", System.getProperty("user.home")));
        byte[] text;
        try {
            text = Files.readAllBytes(file);
        } catch (IOException e) {
            output.status("cannot read " + file + ": " + e.getMessage());
            return;
        }
        paste(text);
    }

    /**
     * Reads a line typed at a prompt of the monitor's own: Backspace erases, Enter ends,
     * Ctrl-C or Esc cancels (null).
     */
    private String readLine(String prompt) throws IOException {
        output.print("\r\n[mpt] " + prompt);
        StringBuilder line = new StringBuilder();
        while (true) {
            byte[] chunk = nextKeys(100);
            if (chunk == null) {
                continue;
            }
            if (chunk == EOF) {
                typed.add(EOF);
                return null;
            }
            for (int i = 0; i < chunk.length; i++) {
                int k = chunk[i] & 0xff;
                if (k == '\r' || k == '\n') {
                    output.print("\r\n");
                    if (i + 1 < chunk.length) {
                        pendingKeys = Arrays.copyOfRange(chunk, i + 1, chunk.length);
                    }
                    return line.toString();
                } else if (k == 0x03 || k == 0x1b) {
                    output.print("\r\n");
                    return null;
                } else if (k == 0x08 || k == 0x7f) {
                    if (line.length() > 0) {
                        line.setLength(line.length() - 1);
                        output.print("\b \b");
                    }
                } else if (k >= 0x20) {
                    line.append((char) k);
                    output.print(String.valueOf((char) k));
                }
            }
        }
    }

    /**
     * Sends text as if it were pasted in the REPL's paste mode: Ctrl-E, the text with its
     * line ends as Enter sends them (CR), Ctrl-D. Sent in small pieces, so a board's input
     * buffer keeps up.
     */
    public void paste(byte[] text) {
        byte[] body = Paste.asTyped(text);
        sendToBoard(new byte[] {0x05});
        pause(50);
        for (int off = 0; off < body.length; off += PASTE_CHUNK) {
            int n = Math.min(PASTE_CHUNK, body.length - off);
            sendToBoard(Arrays.copyOfRange(body, off, off + n));
            pause(5);
        }
        sendToBoard(new byte[] {0x04});
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Shows what the board sends; reconnects when it goes away. */
    private void readBoard() {
        byte[] buf = new byte[65536];
        while (!stop) {
            Link l = link;
            try {
                int n = l.read(buf, 0, buf.length, Duration.ofMillis(100));
                output.received(buf, 0, n);
            } catch (LinkTimeoutException e) {
                try {
                    output.flushLog();
                } catch (IOException ignored) {
                    // reported when the log is closed
                }
            } catch (LinkException e) {
                if (stop) {
                    return;
                }
                connected = false;
                l.close();
                if (!awaitBoard(l, e)) {
                    gone = true;
                    return;
                }
            } catch (IOException e) {
                // the screen or the log failed: nothing sensible is left to do
                gone = true;
                return;
            }
        }
    }

    /** After the board went away: waits until it is back (true), or tells it is gone (false). */
    private boolean awaitBoard(Link old, LinkException why) {
        String reason = reason(old.description(), why);
        try {
            if (reconnect == null) {
                output.status(old.description() + " went away" + reason);
                return false;
            }
            output.status(old.description() + " went away" + reason + "; waiting for it to come back, "
                    + keyName(settings.exitKeys().get(0)) + " leaves");
            while (!stop) {
                pause(settings.retry().toMillis());
                try {
                    link = reconnect.open();
                } catch (LinkException e) {
                    continue;
                }
                connected = true;
                output.status("reconnected to " + link.description());
                sendToBoard(new byte[] {'\r'}); // shows the prompt
                return true;
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** " (end of stream)": why a link ended, without the link's name repeated. */
    static String reason(String name, LinkException why) {
        String m = why.getMessage();
        if (m == null || m.isBlank()) {
            return "";
        }
        if (m.startsWith(name + ": ")) {
            m = m.substring(name.length() + 2);
        }
        if (m.contains(name)) {
            return "";
        }
        return " (" + m + ")";
    }

    /** The name of a control key for messages: 0x1d is "Ctrl-]". */
    public static String keyName(int key) {
        return key < 0x20 ? "Ctrl-" + (char) (key + 0x40) : String.valueOf((char) key);
    }

    /** Parses "ctrl-]", "^]", "ctrl-x" into the byte that key sends. */
    public static int parseKey(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        String ch = t.startsWith("ctrl-") ? t.substring(5) : t.startsWith("^") ? t.substring(1) : null;
        if (ch == null || ch.length() != 1) {
            throw new IllegalArgumentException("a key must look like ctrl-] or ^x: " + text);
        }
        int c = Character.toUpperCase(ch.charAt(0));
        if (c < 0x40 || c > 0x5f) {
            throw new IllegalArgumentException("no control key for '" + ch + "'");
        }
        return c - 0x40;
    }
}
