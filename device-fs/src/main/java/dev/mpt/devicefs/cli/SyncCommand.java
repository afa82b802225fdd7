package dev.mpt.devicefs.cli;

import dev.mpt.devicefs.BoardMpy;
import dev.mpt.devicefs.RemoteCode;
import dev.mpt.devicefs.RemoteFs;
import dev.mpt.devicefs.Sync;
import dev.mpt.devicefs.SyncWatch;
import dev.mpt.protocol.LinkException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mpt sync}: make a directory on the board match a local one, copying only changes. */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Make a directory on the board match a local directory, copying only files whose "
                + "content differs (compared by SHA-256 on both sides). Every copy is verified by SHA-256 "
                + "before it replaces the old file. Names matching the lines of LOCAL_DIR/.mptignore "
                + "(gitignore syntax) are left out, as are __pycache__, .git, *.pyc and editor files.",
                "Prints one summary line: files copied (bytes), unchanged, deleted, time and rate; -v also "
                + "each file."},
        footer = {"", "Examples:", "  mpt sync src :", "  mpt sync --delete --exclude '*.md' app :app",
                "  mpt sync --compile --watch src :"})
public final class SyncCommand extends BoardCommand {
    @Parameters(index = "0", paramLabel = "LOCAL_DIR")
    Path local;

    @Parameters(index = "1", arity = "0..1", paramLabel = ":REMOTE_DIR", description = "Default: the board's current directory.")
    String remoteDir = ":";

    @Option(names = "--delete", description = "Remove files and directories on the board that LOCAL_DIR does not have.")
    boolean delete;

    @Option(names = "--exclude", paramLabel = "PATTERN", description = "Leave out paths matching PATTERN "
            + "(gitignore syntax, as a line of .mptignore; repeatable).")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--compile", description = "Compile each .py (but main.py and boot.py at the top) to .mpy "
            + "for the board's .mpy version and architecture, and sync the .mpy; a .py of the same name on the "
            + "board is removed.")
    boolean compile;

    @Option(names = "--watch", description = "After syncing, stay running and sync each change as it is saved "
            + "(one line per file); Ctrl-C ends.")
    boolean watch;

    @Option(names = {"-n", "--dry-run"}, description = "Only print what would change.")
    boolean dryRun;

    @Option(names = {"-v", "--verbose"}, description = "Print each file, and say how the content travels "
            + "(binary or exec path).")
    boolean verbose;

    @Override
    public Integer call() throws IOException, LinkException {
        if (watch && dryRun) {
            throw new IllegalArgumentException("--watch and --dry-run do not go together");
        }
        long t0 = System.nanoTime();
        RemoteFs fs = session().fs();
        BoardMpy target = compile ? BoardMpy.of(new RemoteCode(session().repl())) : null;
        if (verbose) {
            err().println("transfer: " + fs.transferDescription());
            if (target != null) {
                err().println("compile: .mpy " + target);
            }
            err().flush();
        }
        Sync.Options options = new Sync.Options(excludes, delete, target);
        Sync.Plan plan = Sync.plan(fs, local, remote(remoteDir), options);
        PrintWriter out = out();
        if (!plan.boardCanHash()) {
            err().println("note: the board has no hashlib, so every file is copied");
        }
        if (verbose || dryRun) {
            for (String d : plan.deletes()) {
                out.println("delete :" + d);
            }
            for (String d : plan.mkdirs()) {
                out.println("mkdir  :" + d);
            }
            for (Sync.Copy c : plan.copies()) {
                out.println("copy   " + c.local() + " -> :" + c.remote());
            }
            out.flush();
        }
        List<RemoteFs.Node> onBoard = dryRun ? null : Sync.apply(plan, fs, bar());
        out.printf("%s%d copied (%d bytes), %d unchanged, %d deleted%s%n", dryRun ? "would be: " : "",
                plan.copies().size(), plan.bytesToCopy(), plan.unchanged(), plan.deletes().size(),
                dryRun ? "" : TransferRate.tail(plan.bytesToCopy(), System.nanoTime() - t0));
        out.flush();
        if (watch) {
            watch(options, onBoard);
        }
        return 0;
    }

    private void watch(Sync.Options options, List<RemoteFs.Node> onBoard) throws IOException {
        PrintWriter out = out();
        out.println("watching " + local + " (Ctrl-C ends)");
        out.flush();
        AtomicBoolean stop = new AtomicBoolean();
        SyncWatch.Board board = new SyncWatch.Board() {
            @Override
            public RemoteFs fs() throws IOException {
                return session().fs();
            }

            @Override
            public void reconnect() {
                session().close();
            }
        };
        SyncWatch w = new SyncWatch(board, local, remote(remoteDir), options, onBoard, line -> {
            (line.startsWith("error: ") ? err() : out).println(line);
            (line.startsWith("error: ") ? err() : out).flush();
        }, WATCH_QUIET);
        try (Interrupts.Handle h = Interrupts.onCtrlC(() -> stop.set(true))) {
            w.run(stop::get);
        }
        out.println("stopped watching");
        out.flush();
    }

    /** How long the tree must stay unchanged before a change is synced (editors save in bursts). */
    static final Duration WATCH_QUIET = Duration.ofMillis(250);
}
