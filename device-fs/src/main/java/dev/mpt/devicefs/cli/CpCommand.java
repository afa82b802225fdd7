package dev.mpt.devicefs.cli;

import dev.mpt.console.ProgressBar;
import dev.mpt.devicefs.RemoteFs;
import dev.mpt.protocol.LinkException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mpt cp}: copy between the host and the board, paths on the board written with a
 * leading ':' as with mpremote. Copies to the board are atomic per file.
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
    public Integer call() throws IOException, LinkException {
        List<String> sources = args.subList(0, args.size() - 1);
        String dest = args.get(args.size() - 1);
        boolean toBoard = isRemote(dest);
        for (String s : sources) {
            if (isRemote(s) == toBoard) {
                throw new IllegalArgumentException("cp copies between the host and the board: "
                        + "exactly one of '" + s + "' and '" + dest + "' must start with ':'");
            }
        }
        ProgressBar bar = bar();
        RemoteFs fs = session().fs();
        for (String s : sources) {
            if (toBoard) {
                upload(fs, Path.of(s), remote(dest), sources.size() > 1, bar);
            } else {
                download(fs, remote(s), Path.of(dest), bar);
            }
        }
        return 0;
    }

    private void upload(RemoteFs fs, Path src, String dest, boolean many, ProgressBar bar)
            throws IOException, LinkException {
        if (!Files.exists(src)) {
            throw new IllegalArgumentException(src + ": no such file or directory");
        }
        String target = dest;
        java.util.Optional<RemoteFs.Stat> st = fs.stat(dest);
        if (st.isPresent() && st.get().isDir() || dest.endsWith("/") || dest.equals(".") || many) {
            target = join(dest, src.getFileName().toString());
        }
        if (Files.isDirectory(src)) {
            if (!recursive) {
                throw new IllegalArgumentException(src + " is a directory (use -r)");
            }
            fs.mkdirs(target);
            try (Stream<Path> walk = Files.walk(src)) {
                for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                    if (p.equals(src)) {
                        continue;
                    }
                    String t = join(target, src.relativize(p).toString().replace('\\', '/'));
                    if (Files.isDirectory(p)) {
                        fs.mkdirs(t);
                    } else {
                        put(fs, p, t, bar);
                    }
                }
            }
        } else {
            put(fs, src, target, bar);
        }
    }

    private void put(RemoteFs fs, Path p, String target, ProgressBar bar) throws IOException, LinkException {
        byte[] data = Files.readAllBytes(p);
        bar.begin(p.getFileName().toString(), data.length);
        fs.write(target, data, progress(bar));
        bar.end();
    }

    private void download(RemoteFs fs, String src, Path dest, ProgressBar bar) throws IOException, LinkException {
        RemoteFs.Stat st = fs.stat(src).orElseThrow(() -> new IllegalArgumentException(
                ":" + src + ": no such file or directory on the board"));
        String name = src.substring(src.lastIndexOf('/') + 1);
        Path target = Files.isDirectory(dest) ? dest.resolve(name.isEmpty() || name.equals(".") ? "board" : name) : dest;
        if (st.isDir()) {
            if (!recursive) {
                throw new IllegalArgumentException(":" + src + " is a directory (use -r)");
            }
            Files.createDirectories(target);
            String prefix = src.equals(".") ? "" : src.equals("/") ? "/" : src + "/";
            for (RemoteFs.Node n : fs.walk(src, false)) {
                Path local = target.resolve(n.path().substring(prefix.length()));
                if (n.isDir()) {
                    Files.createDirectories(local);
                } else {
                    get(fs, n.path(), local, bar);
                }
            }
        } else {
            get(fs, src, target, bar);
        }
    }

    private void get(RemoteFs fs, String src, Path target, ProgressBar bar) throws IOException, LinkException {
        bar.begin(src.substring(src.lastIndexOf('/') + 1), fs.stat(src).map(RemoteFs.Stat::size).orElse(0L));
        byte[] data = fs.read(src, progress(bar));
        bar.end();
        // Write next to the target first, so a failed copy leaves an existing file intact.
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".mpt-", ".tmp");
        try {
            Files.write(tmp, data);
            Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String join(String dir, String name) {
        if (dir.equals(".")) {
            return name;
        }
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }
}
