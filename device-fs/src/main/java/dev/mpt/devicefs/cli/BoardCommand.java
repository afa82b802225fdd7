package dev.mpt.devicefs.cli;

import dev.mpt.console.ProgressBar;
import dev.mpt.devicefs.RemoteFs;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What the board commands have in common: the session, output streams, remote paths. */
abstract class BoardCommand implements Callable<Integer> {
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
        String p = arg.startsWith(":") ? arg.substring(1) : arg;
        return p.isEmpty() ? "." : p;
    }

    static boolean isRemote(String arg) {
        return arg.startsWith(":");
    }

    /** A progress bar for board transfers, quiet without a terminal. */
    RemoteFs.Progress progress(ProgressBar bar) {
        return (done, total) -> bar.update(done);
    }

    ProgressBar bar() {
        return ProgressBar.forTerminal(err());
    }
}
