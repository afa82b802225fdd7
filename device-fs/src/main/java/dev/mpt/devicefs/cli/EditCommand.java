package dev.mpt.devicefs.cli;

import dev.mpt.console.Progress;
import dev.mpt.devicefs.BoardPath;
import dev.mpt.devicefs.RemoteFs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mpt edit}: each file is fetched into a temporary directory, opened in the editor,
 * and written back (atomically, by {@link RemoteFs}) only if the editor exited with status
 * 0 and the content changed.
 */
@Command(name = "edit", mixinStandardHelpOptions = true,
        description = {"Edit files on the board in your editor ($VISUAL, else $EDITOR, else vi).",
            "A file is written back, atomically, only if the editor succeeded and the file changed."},
        footer = {"", "Examples:", "  mpt edit :main.py", "  mpt edit --editor \"code --wait\" :boot.py"})
public final class EditCommand extends BoardCommand {
    @Parameters(arity = "1..*", paramLabel = ":FILE")
    List<String> files;

    @Option(names = "--editor", paramLabel = "COMMAND",
            description = "The editor command, run by the shell with the file's path appended.")
    String editor;

    @Override
    public Integer call() throws IOException, InterruptedException {
        String command = editor != null ? editor : firstSet(System.getenv("VISUAL"), System.getenv("EDITOR"), "vi");
        RemoteFs fs = session().fs();
        Path dir = Files.createTempDirectory("mpt-edit");
        try {
            for (String f : files) {
                String path = remote(f);
                byte[] before = fs.read(path, Progress.NONE);
                Path local = dir.resolve(BoardPath.name(path).isEmpty() ? "file" : BoardPath.name(path));
                Files.write(local, before);
                int status = new ProcessBuilder("sh", "-c", command + " \"$1\"", "mpt-edit", local.toString())
                        .inheritIO().start().waitFor();
                if (status != 0) {
                    throw new IOException("the editor (" + command + ") exited with status " + status + "; " + path
                            + " is unchanged on the board");
                }
                byte[] after = Files.readAllBytes(local);
                if (!Arrays.equals(before, after)) {
                    fs.write(path, after, Progress.NONE);
                    out().println("saved " + path);
                } else {
                    out().println(path + " unchanged");
                }
                out().flush();
                Files.delete(local);
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return 0;
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "vi";
    }
}
