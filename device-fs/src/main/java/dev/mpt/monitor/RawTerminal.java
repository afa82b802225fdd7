package dev.mpt.monitor;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumSet;
import org.jline.terminal.Attributes;
import org.jline.terminal.Attributes.ControlChar;
import org.jline.terminal.Attributes.InputFlag;
import org.jline.terminal.Attributes.LocalFlag;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The user's terminal (stdin/stdout) switched to raw input: no signals from Ctrl-C, Ctrl-Z
 * or Ctrl-\, no line editing, no echo, no flow control, no CR/LF translation of keys. Every
 * key reaches the program as typed. Output processing stays as it was (normally a lone LF
 * moves to the start of a new line), as in miniterm and mpremote: MicroPython's unix port
 * prints bare LFs while code runs, and they should not show as a staircase.
 *
 * <p>The terminal is reached through JLine's {@code exec} provider, which runs {@code stty}
 * for the few attribute changes. The other providers need a native library: JLine's own
 * (unpacked into the temporary directory on every run, where it stays), JNA, or the
 * foreign-function API (Java 22). The settings from before are put back on every way out:
 * {@link #close()}, and a shutdown hook for SIGTERM, SIGHUP and SIGINT from outside.
 */
public final class RawTerminal implements AutoCloseable {
    private final Terminal terminal;
    private final Attributes saved;
    private final Thread hook;
    private boolean raw;

    private RawTerminal(Terminal terminal) {
        this.terminal = terminal;
        this.saved = terminal.getAttributes();
        this.hook = new Thread(this::restore, "mpt-terminal-restore");
    }

    /** Whether standard input is a terminal (the {@code test -t 0} of the shell). */
    public static boolean stdinIsTerminal() {
        if (System.console() != null) {
            return true;
        }
        try {
            Process p = new ProcessBuilder("test", "-t", "0").redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");

    /** The system terminal, not yet raw. */
    public static RawTerminal open() throws IOException {
        TerminalBuilder b = TerminalBuilder.builder().system(true).dumb(false)
                .nativeSignals(false).signalHandler(Terminal.SignalHandler.SIG_DFL);
        if (!WINDOWS) {
            // (Windows consoles need one of the native providers; there JLine picks one)
            b.provider("exec").exec(true).jni(false).jna(false).jansi(false).ffm(false);
        }
        return new RawTerminal(b.build());
    }

    /** Switches to raw mode; the settings from before come back on {@link #restore()}. */
    public synchronized void enterRaw() {
        Attributes a = new Attributes(saved);
        a.setLocalFlags(EnumSet.of(LocalFlag.ICANON, LocalFlag.ECHO, LocalFlag.ECHOE, LocalFlag.ECHOK,
                LocalFlag.ECHONL, LocalFlag.ISIG, LocalFlag.IEXTEN), false);
        a.setInputFlags(EnumSet.of(InputFlag.IGNBRK, InputFlag.BRKINT, InputFlag.PARMRK, InputFlag.ISTRIP,
                InputFlag.INLCR, InputFlag.IGNCR, InputFlag.ICRNL, InputFlag.IXON, InputFlag.IXOFF), false);
        a.setControlChar(ControlChar.VMIN, 1);
        a.setControlChar(ControlChar.VTIME, 0);
        Runtime.getRuntime().addShutdownHook(hook);
        terminal.setAttributes(a);
        raw = true;
    }

    /** Puts the settings from before back (again harmless). */
    public synchronized void restore() {
        if (raw) {
            raw = false;
            terminal.setAttributes(saved);
        }
    }

    /** The keys as typed. */
    public InputStream keys() {
        return WINDOWS ? terminal.input() : new FileInputStream(FileDescriptor.in);
    }

    /** The screen, unbuffered. */
    public OutputStream screen() {
        return WINDOWS ? terminal.output() : new FileOutputStream(FileDescriptor.out);
    }

    @Override
    public void close() throws IOException {
        restore();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // shutting down already, or never added
        }
        terminal.close();
    }
}
