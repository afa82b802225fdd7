package dev.mpt.devicefs;

import dev.mpt.console.Progress;
import dev.mpt.protocol.BoardException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What {@code mpt cp} does: copies files, and with {@code recursive} whole trees, between
 * the host and the board. Board paths start with ':' (see {@link BoardPath}); of each
 * source and the destination exactly one is on the board.
 *
 * <p>The destination is resolved as {@code cp} does: an existing directory (or a name
 * ending in '/', or several sources) receives each source under its own name; otherwise
 * the source is copied to that name. A board root or "." downloaded into a directory
 * arrives as {@code board}. Every file is written atomically on either side: a failed copy
 * leaves an existing file as it was. Each file is one progress phase, named after it.
 */
public final class Copy {
    /** What a copy did. */
    public record Summary(int files, int dirs, long bytes) {}

    private final RemoteFs fs;
    private final boolean recursive;
    private final Progress progress;
    private int files;
    private int dirs;
    private long bytes;

    public Copy(RemoteFs fs, boolean recursive, Progress progress) {
        this.fs = fs;
        this.recursive = recursive;
        this.progress = progress;
    }

    /**
     * Copies {@code sources} to {@code dest}, as given on the command line.
     *
     * @throws IllegalArgumentException for arguments that cannot be carried out (both or
     *                                  neither side on the board, a missing source, a
     *                                  directory without {@code recursive})
     */
    public Summary run(List<String> sources, String dest) throws IOException, BoardException {
        boolean toBoard = BoardPath.isBoard(dest);
        for (String s : sources) {
            if (BoardPath.isBoard(s) == toBoard) {
                throw new IllegalArgumentException("cp copies between the host and the board: "
                        + "exactly one of '" + s + "' and '" + dest + "' must start with ':'");
            }
        }
        if (!toBoard && sources.size() > 1 && !Files.isDirectory(Path.of(dest))) {
            throw new IllegalArgumentException(dest + ": not a directory (copying several files)");
        }
        for (String s : sources) {
            if (toBoard) {
                upload(Path.of(s), BoardPath.of(dest), sources.size() > 1);
            } else {
                download(BoardPath.of(s), Path.of(dest));
            }
        }
        return new Summary(files, dirs, bytes);
    }

    private void upload(Path src, String dest, boolean many) throws IOException, BoardException {
        if (!Files.exists(src)) {
            throw new IllegalArgumentException(src + ": no such file or directory");
        }
        boolean isDir = Files.isDirectory(src);
        if (isDir && !recursive) {
            throw new IllegalArgumentException(src + " is a directory (use -r)");
        }
        String target = dest;
        Optional<RemoteFs.Stat> st = fs.stat(dest);
        if (st.isPresent() && st.get().isDir() || dest.endsWith("/") || dest.equals(".") || many) {
            target = BoardPath.join(dest, src.toAbsolutePath().normalize().getFileName().toString());
        }
        if (!isDir) {
            put(src, target);
            return;
        }
        fs.mkdirs(target);
        dirs++;
        try (Stream<Path> walk = Files.walk(src)) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                if (p.equals(src)) {
                    continue;
                }
                String t = BoardPath.join(target, src.relativize(p).toString().replace('\\', '/'));
                if (Files.isDirectory(p)) {
                    fs.mkdirs(t);
                    dirs++;
                } else {
                    put(p, t);
                }
            }
        }
    }

    private void put(Path p, String target) throws IOException, BoardException {
        byte[] data = Files.readAllBytes(p);
        progress.begin(p.getFileName().toString(), data.length);
        fs.write(target, data, progress);
        progress.end();
        files++;
        bytes += data.length;
    }

    private void download(String src, Path dest) throws IOException, BoardException {
        RemoteFs.Stat st = fs.stat(src).orElseThrow(() -> new IllegalArgumentException(
                ":" + src + ": no such file or directory on the board"));
        if (st.isDir() && !recursive) {
            throw new IllegalArgumentException(":" + src + " is a directory (use -r)");
        }
        String name = BoardPath.name(src);
        Path target = Files.isDirectory(dest) ? dest.resolve(name.isEmpty() || name.equals(".") ? "board" : name) : dest;
        if (!st.isDir()) {
            get(src, st.size(), target);
            return;
        }
        Files.createDirectories(target);
        dirs++;
        for (RemoteFs.Node n : fs.walk(src, false)) {
            Path local = target.resolve(BoardPath.relative(src, n.path()));
            if (n.isDir()) {
                Files.createDirectories(local);
                dirs++;
            } else {
                get(n.path(), n.size(), local);
            }
        }
    }

    private void get(String src, long size, Path target) throws IOException, BoardException {
        progress.begin(BoardPath.name(src), size);
        byte[] data = fs.read(src, progress);
        progress.end();
        HostFile.replace(target, data);
        files++;
        bytes += data.length;
    }
}
