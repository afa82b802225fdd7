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

    @Override
    public Integer call() throws IOException {
        new Copy(session().fs(), recursive, bar()).run(args.subList(0, args.size() - 1), args.get(args.size() - 1));
        return 0;
    }
}
