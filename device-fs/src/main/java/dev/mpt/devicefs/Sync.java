package dev.mpt.devicefs;

import dev.mpt.console.Progress;
import dev.mpt.protocol.BoardException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Makes a directory on the board hold what a local directory holds, copying only what
 * differs: the board hashes its files (SHA-256, in one pass over the tree), the host hashes
 * its own, and only new or changed files cross the wire. With {@code delete}, files and
 * directories the local side does not have are removed from the board.
 *
 * <p>A board without {@code hashlib} cannot say what its files hold; then every file is
 * copied, and {@link Plan#boardCanHash()} says so.
 */
public final class Sync {

    /**
     * What a sync will do to make {@code root} on the board match the local directory;
     * paths on the board are absolute or relative as {@code root} is.
     */
    public record Plan(String root, List<String> mkdirs, List<Copy> copies, List<String> deletes, int unchanged,
            boolean boardCanHash) {
        public boolean isEmpty() {
            return mkdirs.isEmpty() && copies.isEmpty() && deletes.isEmpty();
        }

        public long bytesToCopy() {
            return copies.stream().mapToLong(Copy::size).sum();
        }
    }

    /** One file to copy: local file, board path, size. */
    public record Copy(Path local, String remote, long size) {}

    /** Names left out by default: caches, version control, editor droppings. */
    public static final List<String> DEFAULT_EXCLUDES = List.of("__pycache__", ".git", ".hg", ".svn", ".DS_Store",
            "*.pyc", "*~", ".*.swp");

    private Sync() {}

    /**
     * Works out what {@code mpt sync} does: reads the board's tree below {@code remoteDir}
     * (with hashes) and compares it with {@code localDir}, leaving out
     * {@link #DEFAULT_EXCLUDES} and {@code excludes}. Nothing on the board changes.
     *
     * @throws IllegalArgumentException when {@code localDir} is not a directory
     */
    public static Plan plan(RemoteFs fs, Path localDir, String remoteDir, List<String> excludes, boolean delete)
            throws IOException, BoardException {
        if (!Files.isDirectory(localDir)) {
            throw new IllegalArgumentException(localDir + ": not a directory");
        }
        List<RemoteFs.Node> onBoard = fs.stat(remoteDir).isPresent() ? fs.walk(remoteDir, true) : List.of();
        List<String> all = new ArrayList<>(DEFAULT_EXCLUDES);
        all.addAll(excludes);
        return plan(localDir, remoteDir, onBoard, all, delete);
    }

    /**
     * Works out what to do to make {@code remoteDir} match {@code localDir}, given what a
     * walk of {@code remoteDir} found on the board.
     *
     * @param excludes glob patterns matched against each file or directory name
     */
    public static Plan plan(Path localDir, String remoteDir, List<RemoteFs.Node> remote, List<String> excludes,
            boolean delete) throws IOException {
        List<PathMatcher> matchers = new ArrayList<>();
        for (String glob : excludes) {
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
        }
        String base = BoardPath.stripSlash(remoteDir);
        Map<String, Path> localFiles = new TreeMap<>();
        TreeSet<String> localDirs = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(localDir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (p.equals(localDir) || excluded(localDir.relativize(p), matchers)) {
                    continue;
                }
                String rel = localDir.relativize(p).toString().replace('\\', '/');
                String target = BoardPath.join(base, rel);
                if (Files.isDirectory(p)) {
                    localDirs.add(target);
                } else if (Files.isRegularFile(p)) {
                    localFiles.put(target, p);
                }
            }
        }
        Map<String, RemoteFs.Node> remoteByPath = new TreeMap<>();
        boolean canHash = true;
        for (RemoteFs.Node n : remote) {
            remoteByPath.put(n.path(), n);
            if (!n.isDir() && n.sha256().isEmpty()) {
                canHash = false;
            }
        }

        List<String> mkdirs = new ArrayList<>();
        for (String d : localDirs) {
            RemoteFs.Node n = remoteByPath.get(d);
            if (n == null || !n.isDir()) {
                mkdirs.add(d);
            }
        }
        List<Copy> copies = new ArrayList<>();
        int unchanged = 0;
        for (Map.Entry<String, Path> e : localFiles.entrySet()) {
            RemoteFs.Node n = remoteByPath.get(e.getKey());
            long size = Files.size(e.getValue());
            if (n != null && !n.isDir() && n.size() == size && !n.sha256().isEmpty()
                    && n.sha256().equals(sha256(e.getValue()))) {
                unchanged++;
            } else {
                copies.add(new Copy(e.getValue(), e.getKey(), size));
            }
        }
        List<String> deletes = new ArrayList<>();
        if (delete) {
            for (RemoteFs.Node n : remote) {
                boolean keep = n.isDir() ? localDirs.contains(n.path()) : localFiles.containsKey(n.path());
                boolean parentGoing = deletes.stream().anyMatch(d -> n.path().startsWith(d + "/"));
                if (!keep && !parentGoing && !excludedRemote(base, n.path(), matchers)) {
                    deletes.add(n.path());
                }
            }
        }
        // A file on the board where the local side has a directory (or the other way round)
        // must go before the new one is made.
        for (String d : mkdirs) {
            RemoteFs.Node n = remoteByPath.get(d);
            if (n != null && !n.isDir() && !deletes.contains(d)) {
                deletes.add(d);
            }
        }
        for (Copy c : copies) {
            RemoteFs.Node n = remoteByPath.get(c.remote());
            if (n != null && n.isDir() && !deletes.contains(c.remote())) {
                deletes.add(c.remote());
            }
        }
        return new Plan(base, mkdirs, copies, deletes, unchanged, canHash);
    }

    /**
     * Carries out a plan: the root directory made if missing, deletions first, then
     * directories, then files (each written atomically), reported as one phase "sync".
     */
    public static void apply(Plan plan, RemoteFs fs, Progress progress) throws IOException, BoardException {
        fs.mkdirsAll(List.of(plan.root()));
        for (String d : plan.deletes()) {
            fs.removeTree(d);
        }
        fs.mkdirsAll(plan.mkdirs());
        progress.begin("sync", plan.bytesToCopy());
        List<FileTransfer.Put> puts = new ArrayList<>();
        for (Copy c : plan.copies()) {
            puts.add(new FileTransfer.Put(c.remote(), Files.readAllBytes(c.local())));
        }
        fs.writeAll(puts, progress);
        progress.end();
    }

    private static boolean excluded(Path rel, List<PathMatcher> matchers) {
        for (Path part : rel) {
            for (PathMatcher m : matchers) {
                if (m.matches(part)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean excludedRemote(String base, String path, List<PathMatcher> matchers) {
        String rel = path.startsWith(base + "/") ? path.substring(base.length() + 1) : path;
        return !rel.isEmpty() && excluded(Path.of(rel), matchers);
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
