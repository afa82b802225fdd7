package dev.mpt.devicefs.cli;

import dev.mpt.console.ProgressBar;
import dev.mpt.devicefs.BoardPath;
import dev.mpt.devicefs.BoardRun;
import dev.mpt.protocol.LinkException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What the board commands have in common: the session, output streams, remote paths. */
abstract class BoardCommand implements Callable<Integer> {
    /** Exit status when the code on the board raised. */
    static final int RAISED = 1;

    @Spec
    CommandSpec spec;

    Session session() {
        return Session.current();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A path on the board: mpremote's ':' prefix is optional for commands that only take board paths. */
    static String remote(String arg) {
        return BoardPath.of(arg);
    }

    /** Running code over this session's raw REPL. */
    BoardRun boardRun() throws LinkException {
        return new BoardRun(session().repl(), session().fs());
    }

    /** The progress bar for board transfers, quiet without a terminal. */
    ProgressBar bar() {
        return ProgressBar.forTerminal(err());
    }

    /** Prints how code on the board ended: its traceback on stderr; returns the exit status. */
    int report(BoardRun.Outcome outcome) {
        if (!outcome.raised()) {
            return 0;
        }
        System.out.flush();
        err().print(outcome.traceback());
        err().flush();
        return RAISED;
    }
}
