package dev.mpt.devicefs.cli;

import dev.mpt.devicefs.RemoteFs;
import dev.mpt.devicefs.Sync;
import dev.mpt.protocol.LinkException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mpt sync}: make a directory on the board match a local one, copying only changes. */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Make a directory on the board match a local directory, copying only files whose "
                + "content differs (compared by SHA-256 on both sides)."},
        footer = {"", "Examples:", "  mpt sync src :", "  mpt sync --delete --exclude '*.md' app :app"})
public final class SyncCommand extends BoardCommand {
    @Parameters(index = "0", paramLabel = "LOCAL_DIR")
    Path local;

    @Parameters(index = "1", arity = "0..1", paramLabel = ":REMOTE_DIR", description = "Default: the board's current directory.")
    String remoteDir = ":";

    @Option(names = "--delete", description = "Remove files and directories on the board that LOCAL_DIR does not have.")
    boolean delete;

    @Option(names = "--exclude", paramLabel = "GLOB", description = "Leave out names matching GLOB (repeatable); "
            + "__pycache__, .git, *.pyc and editor files are always left out.")
    List<String> excludes = new ArrayList<>();

    @Option(names = {"-n", "--dry-run"}, description = "Only print what would change.")
    boolean dryRun;

    @Option(names = {"-v", "--verbose"}, description = "Say how the content travels (binary or exec path) and the time and rate at the end.")
    boolean verbose;

    @Override
    public Integer call() throws IOException, LinkException {
        long t0 = System.nanoTime();
        RemoteFs fs = session().fs();
        if (verbose) {
            err().println("transfer: " + fs.transferDescription());
            err().flush();
        }
        Sync.Plan plan = Sync.plan(fs, local, remote(remoteDir), excludes, delete);
        PrintWriter out = out();
        if (!plan.boardCanHash()) {
            err().println("note: the board has no hashlib, so every file is copied");
        }
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
        if (!dryRun) {
            Sync.apply(plan, fs, bar());
        }
        out.printf("%s%d copied (%d bytes), %d unchanged, %d deleted%n", dryRun ? "would be: " : "",
                plan.copies().size(), plan.bytesToCopy(), plan.unchanged(), plan.deletes().size());
        if (verbose && !dryRun) {
            err().println("sync" + TransferRate.tail(plan.bytesToCopy(), System.nanoTime() - t0)
                    + ", verified by SHA-256");
            err().flush();
        }
        out.flush();
        return 0;
    }
}
