package dev.mpt.devicefs.cli;

import dev.mpt.devicefs.BoardHash;
import dev.mpt.devicefs.RemoteCode;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mpt sha256sum}: SHA-256 of files on the board, computed there. */
@Command(name = "sha256sum", mixinStandardHelpOptions = true,
        description = "Print the SHA-256 of files on the board (computed on the board), as sha256sum does.",
        footer = {"", "Example:", "  mpt sha256sum :main.py :lib/util.mpy"})
public final class Sha256sumCommand extends BoardCommand {
    @Parameters(arity = "1..*", paramLabel = ":FILE")
    List<String> files;

    @Override
    public Integer call() throws IOException {
        BoardHash hash = new BoardHash(new RemoteCode(session().repl()));
        for (String f : files) {
            String path = remote(f);
            out().println(hash.sha256(path) + "  " + path);
            out().flush();
        }
        return 0;
    }
}
