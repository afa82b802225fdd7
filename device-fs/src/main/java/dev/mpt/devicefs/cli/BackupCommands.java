package dev.mpt.devicefs.cli;

import dev.mpt.devicefs.Backup;
import dev.mpt.protocol.LinkException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mpt backup} and {@code mpt restore}: the board's files to and from a .tar.gz. */
public final class BackupCommands {
    private BackupCommands() {}

    public static final List<Class<?>> ALL = List.of(Save.class, Load.class);

    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = "Save every file on the board (below :DIR) into a .tar.gz archive.",
            footer = {"", "Example:", "  mpt backup board-2026-11-26.tar.gz"})
    static final class Save extends BoardCommand {
        @Parameters(index = "0", paramLabel = "ARCHIVE.tar.gz")
        Path archive;

        @Parameters(index = "1", arity = "0..1", paramLabel = ":DIR", description = "Default: the current directory.")
        String dir = ":";

        @Override
        public Integer call() throws IOException, LinkException {
            Backup.Summary s = Backup.backup(session().fs(), remote(dir), archive, bar());
            out().printf("saved %d files in %d directories (%d bytes) to %s%n", s.files(), s.dirs(), s.bytes(), archive);
            out().flush();
            return 0;
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Copy the files of a .tar.gz backup onto the board (below :DIR); each file is written "
                    + "atomically, files not in the archive are left alone.",
            footer = {"", "Example:", "  mpt restore board-2026-11-26.tar.gz"})
    static final class Load extends BoardCommand {
        @Parameters(index = "0", paramLabel = "ARCHIVE.tar.gz")
        Path archive;

        @Parameters(index = "1", arity = "0..1", paramLabel = ":DIR", description = "Default: the current directory.")
        String dir = ":";

        @Override
        public Integer call() throws IOException, LinkException {
            Backup.Summary s = Backup.restore(session().fs(), archive, remote(dir), bar());
            out().printf("restored %d files in %d directories (%d bytes)%n", s.files(), s.dirs(), s.bytes());
            out().flush();
            return 0;
        }
    }
}
