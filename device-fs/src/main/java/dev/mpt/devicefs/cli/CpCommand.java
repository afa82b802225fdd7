package dev.mpt.devicefs.cli;

import dev.mpt.devicefs.Copy;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mpt cp}: copy between the host and the board, paths on the board written with a
 * leading ':' as with mpremote (the rules are {@link Copy}'s). Copies are atomic per file.
 */
@Command(name = "cp", mixinStandardHelpOptions = true,
        description = "Copy files between the host and the board (board paths start with ':').",
        footer = {"", "Examples:", "  mpt cp main.py :", "  mpt cp -r lib :lib", "  mpt cp :data.csv ."})
public final class CpCommand extends BoardCommand {
    @Parameters(arity = "2..*", paramLabel = "SRC... DEST")
    List<String> args;

    @Option(names = "-r", description = "Copy directories recursively.")
    boolean recursive;

    @Option(names = {"-v", "--verbose"}, description = "Say how the content travels (binary or exec path) and "
            + "print bytes, time and rate at the end.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        if (verbose) {
            err().println("transfer: " + session().fs().transferDescription());
            err().flush();
        }
        long t0 = System.nanoTime();
        Copy.Summary s = new Copy(session().fs(), recursive, bar()).run(args.subList(0, args.size() - 1),
                args.get(args.size() - 1));
        if (verbose) {
            err().println(TransferRate.summary(s.files(), s.bytes(), System.nanoTime() - t0));
            err().flush();
        }
        return 0;
    }
}
