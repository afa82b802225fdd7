package dev.mpt.devicefs.cli;

import dev.mpt.devicefs.mount.MountLink;
import dev.mpt.monitor.BoardOutput;
import dev.mpt.monitor.Headless;
import dev.mpt.monitor.LineMap;
import dev.mpt.monitor.Monitor;
import dev.mpt.monitor.RawTerminal;
import dev.mpt.monitor.SameBoard;
import dev.mpt.protocol.Link;
import dev.mpt.protocol.LinkException;
import dev.mpt.protocol.ProcessLink;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mpt repl}: a terminal on the board's REPL. */
@Command(name = "repl", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Open a terminal on the board's REPL: every key goes to the board as typed (Ctrl-C, Ctrl-D, "
                + "Ctrl-E, Ctrl-Z, arrows, Tab), its output to the screen. Ctrl-] or Ctrl-X leaves.",
            "When the board goes away (reset over USB, re-plugged, socket closed) it says so on one line and "
                + "reconnects when the board is back: the same USB serial number, else the same VID:PID, else the "
                + "same path; for a socket the same address.",
            "Without a terminal on stdin, each input line is typed at the prompt in turn, the output printed, "
                + "and it ends when the input does and the board has settled (exit status 0)."},
        footer = {"", "Keys while connected: Ctrl-] or Ctrl-X leaves; Ctrl-T then a letter:",
            "  r  soft-reset the board        p  paste a local file (asks for the path)",
            "  t  timestamps on/off           x  hex view on/off",
            "  e  local echo on/off           q  leave",
            "  h  list the keys               Ctrl-T  send Ctrl-T itself",
            "", "--map rules (picocom's names; in: is the default, out: applies to keys):",
            "  crlf crcrlf igncr lfcr lfcrlf ignlf bsdel delbs; tio's icrnl, onlcrnl, ...",
            "", "Examples:", "  mpt repl",
            "  mpt -d /dev/ttyUSB0 repl --baud 9600 --log board.log --timestamps",
            "  mpt -d socket://127.0.0.1:7777 repl --map lfcrlf --exit-key ctrl-q",
            "  echo 'print(6*7)' | mpt repl"})
public final class ReplCommand extends BoardCommand {
    @Option(names = {"--log", "--capture"}, paramLabel = "FILE",
            description = "Append everything the board sends to FILE (with --timestamps, each line starts with its time).")
    Path log;

    @Option(names = "--timestamps", description = "Start each line with its ISO time, on the screen and in the log.")
    boolean timestamps;

    @Option(names = "--hex", description = "Show received bytes as hex and ASCII.")
    boolean hex;

    @Option(names = "--map", paramLabel = "RULE", split = ",",
            description = "Rewrite line endings: crlf, lfcrlf, igncr, ... (see below); out:RULE for keys.")
    List<String> map = new ArrayList<>();

    @Option(names = "--local-echo", description = "Show typed keys (for boards that do not echo).")
    boolean localEcho;

    @Option(names = "--baud", paramLabel = "BAUD", description = "Serial speed (as the global --baud).")
    Integer baud;

    @Option(names = "--inject", paramLabel = "FILE", description = "Send FILE through paste mode once connected.")
    Path inject;

    @Option(names = "--exit-key", paramLabel = "KEY", split = ",",
            description = "The keys that leave (default ctrl-],ctrl-x).")
    List<String> exitKeys = new ArrayList<>(List.of("ctrl-]", "ctrl-x"));

    @Option(names = "--menu-key", paramLabel = "KEY", description = "The key before a menu letter (default ctrl-t; "
            + "'none' for no menu).")
    String menuKey = "ctrl-t";

    @Option(names = "--no-reconnect", description = "End the session when the board goes away.")
    boolean noReconnect;

    @Option(names = "--settle", paramLabel = "SECONDS", description = "Without a terminal: how long the board may "
            + "stay silent without a prompt before the next line (or the end) (default 5).")
    double settle = 5;

    @Override
    public Integer call() throws IOException, LinkException {
        Monitor.Settings settings = settings();
        byte[] injected = inject == null ? null : Files.readAllBytes(inject);
        Session s = session();
        if (baud != null && !s.isOpen()) {
            s.setBaud(baud);
        }
        if (s.hasRepl()) {
            // An earlier command in the chain left the board in the raw REPL.
            s.repl().exit();
        }
        Link link = s.link();
        boolean terminal = RawTerminal.stdinIsTerminal();
        try (OutputStream logFile = log == null ? null
                : new BufferedOutputStream(new FileOutputStream(log.toFile(), true), 1 << 16)) {
            if (!terminal) {
                OutputStream stdout = new FileOutputStream(java.io.FileDescriptor.out);
                BoardOutput output = new BoardOutput(stdout, logFile, settings.map().in(), timestamps, hex,
                        Clock.systemDefaultZone());
                new Headless(link, output, Duration.ofMillis((long) (settle * 1000))).run(System.in, injected);
                return 0;
            }
            return interactive(s, link, settings, logFile, injected);
        }
    }

    private int interactive(Session s, Link link, Monitor.Settings settings, OutputStream logFile, byte[] injected)
            throws IOException, LinkException {
        // a mount's link answers the board's requests while the terminal runs; the board found
        // again after it went away gets the mount again at its first prompt
        Link board = link instanceof MountLink m ? m.base() : link;
        Monitor.Reconnect reconnect = noReconnect ? null : SameBoard.of(board, s.openOptions()).orElse(null);
        if (reconnect != null && link instanceof MountLink m && m.isActive()) {
            Monitor.Reconnect plain = reconnect;
            reconnect = () -> MountLink.reopened(plain.open(), m.directory());
        }
        err().println("Connected to " + link.description() + ". " + Monitor.keysHelp(settings) + ".");
        err().flush();
        Monitor monitor;
        Monitor.End end;
        try (RawTerminal term = RawTerminal.open()) {
            BoardOutput output = new BoardOutput(term.screen(), logFile, settings.map().in(), timestamps, hex,
                    Clock.systemDefaultZone());
            Thread flushLog = new Thread(() -> {
                try {
                    output.flushLog();
                } catch (IOException ignored) {
                    // the process is ending anyway
                }
            }, "mpt-log-flush");
            Runtime.getRuntime().addShutdownHook(flushLog);
            term.enterRaw();
            monitor = new Monitor(link, reconnect, settings, output);
            try {
                link.write(new byte[] {'\r'}); // shows the prompt
                if (injected != null) {
                    monitor.paste(injected);
                }
                end = monitor.run(term.keys());
            } finally {
                term.restore();
                Runtime.getRuntime().removeShutdownHook(flushLog);
                if (monitor.link() != link) {
                    monitor.link().close();
                }
            }
        }
        err().println();
        if (end == Monitor.End.BOARD_GONE && board instanceof ProcessLink) {
            // the child process was the board, and it has ended (exit() on the unix port)
            err().flush();
            return 0;
        }
        if (end == Monitor.End.BOARD_GONE) {
            err().println("error: the board went away (" + link.description() + ")");
            err().flush();
            return 1;
        }
        err().flush();
        return 0;
    }

    private Monitor.Settings settings() {
        List<Integer> exits = new ArrayList<>();
        for (String k : exitKeys) {
            exits.add(Monitor.parseKey(k));
        }
        int menu = menuKey.equalsIgnoreCase("none") ? -1 : Monitor.parseKey(menuKey);
        if (exits.contains(menu)) {
            throw new IllegalArgumentException("the menu key " + Monitor.keyName(menu) + " is also an exit key");
        }
        return Monitor.Settings.defaults().withExitKeys(exits).withMenuKey(menu)
                .withMap(LineMap.parse(map)).withLocalEcho(localEcho);
    }
}
