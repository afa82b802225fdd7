package dev.mpt.devicefs.cli;

import dev.mpt.monitor.Monitor;
import dev.mpt.protocol.Link;
import dev.mpt.protocol.LinkException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mpt repl}: a terminal on the board's REPL. */
@Command(name = "repl", mixinStandardHelpOptions = true,
        description = {"Open a terminal on the board's REPL: keys go to the board, its output to the screen. "
                + "Ctrl-C, Ctrl-D and Ctrl-E reach the board; Ctrl-] leaves."},
        footer = {"", "Examples:", "  mpt repl", "  mpt -d /dev/ttyUSB0 --dtr-rts clear repl --capture log.txt"})
public final class ReplCommand extends BoardCommand {
    @Option(names = "--capture", paramLabel = "FILE", description = "Also write everything the board prints to FILE.")
    Path capture;

    @Option(names = "--exit-key", paramLabel = "KEY", description = "The key that leaves (default ctrl-]).")
    String exitKey = "ctrl-]";

    @Override
    public Integer call() throws IOException, LinkException {
        int key = Monitor.parseKey(exitKey);
        Session s = session();
        if (s.hasRepl()) {
            // An earlier command in the chain left the board in the raw REPL.
            s.repl().exit();
        }
        Link link = s.link();
        err().println("Connected to " + link.description() + ". " + Monitor.keyName(key) + " leaves.");
        err().flush();
        try (OutputStream cap = capture == null ? null : new FileOutputStream(capture.toFile(), true);
                Terminal term = TerminalBuilder.builder().system(true).streams(System.in, System.out).build()) {
            Attributes saved = term.enterRawMode();
            try {
                InputStream keys = term.input();
                OutputStream screen = term.output();
                link.write(new byte[] {'\r'}, 0, 1); // show the prompt
                Monitor.End end = new Monitor(link, key, cap).run(keys, screen);
                term.setAttributes(saved);
                err().println();
                if (end == Monitor.End.BOARD_GONE) {
                    err().println("The board went away (" + link.description() + ").");
                    err().flush();
                    return 1;
                }
            } finally {
                term.setAttributes(saved);
            }
        }
        err().flush();
        return 0;
    }
}
