package dev.mpt.devicefs;

import dev.mpt.console.Progress;
import dev.mpt.protocol.BoardException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

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
            boolean boardCanHash, List<RemoteFs.Node> before) {
        public Plan(String root, List<String> mkdirs, List<Copy> copies, List<String> deletes, int unchanged,
                boolean boardCanHash) {
            this(root, mkdirs, copies, deletes, unchanged, boardCanHash, List.of());
        }

        public boolean isEmpty() {
            return mkdirs.isEmpty() && copies.isEmpty() && deletes.isEmpty();
        }

        public long bytesToCopy() {
            return copies.stream().mapToLong(Copy::size).sum();
        }

        /**
         * What the board's tree holds once the plan is carried out, as a walk with hashes
         * would find it: {@link #before} without what was deleted or replaced, with the new
         * directories and files (as the local files are now). {@code mpt sync --watch} plans
         * the next change against it without asking the board.
         */
        public List<RemoteFs.Node> after() throws IOException {
            Map<String, byte[]> sent = new TreeMap<>();
            for (Copy c : copies) {
                sent.put(c.remote(), c.data());
            }
            return after(sent);
        }

        /** {@link #after()} with the bytes that were sent to each board path. */
        List<RemoteFs.Node> after(Map<String, byte[]> sent) {
            Map<String, RemoteFs.Node> nodes = new TreeMap<>();
            for (RemoteFs.Node n : before) {
                boolean gone = deletes.stream().anyMatch(d -> n.path().equals(d) || n.path().startsWith(d + "/"));
                if (!gone) {
                    nodes.put(n.path(), n);
                }
            }
            for (String d : mkdirs) {
                nodes.put(d, new RemoteFs.Node(d, true, 0, ""));
            }
            for (Map.Entry<String, byte[]> e : sent.entrySet()) {
                nodes.put(e.getKey(), new RemoteFs.Node(e.getKey(), false, e.getValue().length,
                        RemoteFs.sha256(e.getValue())));
            }
            return new ArrayList<>(nodes.values());
        }
    }

    /**
     * One file to copy: local file, board path, size, and the bytes to send when they are not
     * the local file's (a .mpy compiled from it), else null.
     */
    public record Copy(Path local, String remote, long size, byte[] content) {
        public Copy(Path local, String remote, long size) {
            this(local, remote, size, null);
        }

        /** What goes to the board. */
        public byte[] data() throws IOException {
            return content != null ? content : Files.readAllBytes(local);
        }
    }

    /**
     * How to sync: patterns to leave out (gitignore syntax, after the defaults and
     * {@code .mptignore}), whether to delete what the local side lacks, and the board to
     * compile {@code .py} files for (null: copy them as they are).
     */
    public record Options(List<String> excludes, boolean delete, BoardMpy compileFor) {
        public Options(List<String> excludes, boolean delete) {
            this(excludes, delete, null);
        }
    }

    /**
     * Names left out by default: caches, version control, editor droppings, and the ignore
     * file itself.
     */
    public static final List<String> DEFAULT_EXCLUDES = List.of("__pycache__", ".git", ".hg", ".svn", ".DS_Store",
            "*.pyc", "*~", ".*.swp", IgnoreRules.FILE_NAME);

    /** Files that stay source with {@code --compile}: the board runs them by these names. */
    public static final List<String> KEPT_AS_SOURCE = List.of("main.py", "boot.py");

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
        return plan(fs, localDir, remoteDir, new Options(excludes, delete));
    }

    /**
     * Works out what {@code mpt sync} does with {@code options}: the rules are the defaults,
     * then {@code localDir/.mptignore}, then the options' excludes. Nothing on the board
     * changes.
     *
     * @throws IllegalArgumentException when {@code localDir} is not a directory, or a file to
     *                                  compile does not compile
     */
    public static Plan plan(RemoteFs fs, Path localDir, String remoteDir, Options options)
            throws IOException, BoardException {
        if (!Files.isDirectory(localDir)) {
            throw new IllegalArgumentException(localDir + ": not a directory");
        }
        IgnoreRules ignore = IgnoreRules.forDirectory(localDir, DEFAULT_EXCLUDES, options.excludes());
        List<RemoteFs.Node> onBoard = fs.stat(remoteDir).isPresent() ? fs.walk(remoteDir, true) : List.of();
        return plan(localDir, remoteDir, onBoard, ignore, options.delete(), options.compileFor());
    }

    /**
     * Works out what to do to make {@code remoteDir} match {@code localDir}, given what a
     * walk of {@code remoteDir} found on the board.
     *
     * @param excludes patterns (gitignore syntax) of files and directories to leave out
     */
    public static Plan plan(Path localDir, String remoteDir, List<RemoteFs.Node> remote, List<String> excludes,
            boolean delete) throws IOException {
        return plan(localDir, remoteDir, remote, IgnoreRules.of(excludes), delete, null);
    }

    /**
     * Works out what to do to make {@code remoteDir} match {@code localDir}, given what a
     * walk of {@code remoteDir} found on the board; with {@code compileFor}, each
     * {@code .py} but {@link #KEPT_AS_SOURCE} at the top goes as a {@code .mpy}, and a
     * {@code .py} of the same name on the board is deleted (it would be imported instead).
     */
    public static Plan plan(Path localDir, String remoteDir, List<RemoteFs.Node> remote, IgnoreRules ignore,
            boolean delete, BoardMpy compileFor) throws IOException {
        String base = BoardPath.stripSlash(remoteDir);
        Map<String, Path> localFiles = new TreeMap<>();
        Map<String, byte[]> compiled = new TreeMap<>();
        TreeSet<String> localDirs = new TreeSet<>();
        Files.walkFileTree(localDir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(localDir)) {
                    return FileVisitResult.CONTINUE;
                }
                String rel = relative(localDir, dir);
                if (ignore.ignored(rel, true)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                localDirs.add(BoardPath.join(base, rel));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String rel = relative(localDir, file);
                if (!Files.isRegularFile(file) || ignore.ignored(rel, false)) {
                    return FileVisitResult.CONTINUE;
                }
                if (compileFor != null && rel.endsWith(".py") && !KEPT_AS_SOURCE.contains(rel)) {
                    String target = BoardPath.join(base, rel.substring(0, rel.length() - 3) + ".mpy");
                    compiled.put(target, compileFor.compile(file, rel, Files.readAllBytes(file)));
                    localFiles.put(target, file);
                } else {
                    localFiles.put(BoardPath.join(base, rel), file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
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
            byte[] content = compiled.get(e.getKey());
            long size = content != null ? content.length : Files.size(e.getValue());
            if (n != null && !n.isDir() && n.size() == size && !n.sha256().isEmpty()
                    && n.sha256().equals(content != null ? RemoteFs.sha256(content) : sha256(e.getValue()))) {
                unchanged++;
            } else {
                copies.add(new Copy(e.getValue(), e.getKey(), size, content));
            }
        }
        List<String> deletes = new ArrayList<>();
        if (delete) {
            for (RemoteFs.Node n : remote) {
                boolean keep = n.isDir() ? localDirs.contains(n.path()) : localFiles.containsKey(n.path());
                boolean parentGoing = deletes.stream().anyMatch(d -> n.path().startsWith(d + "/"));
                if (!keep && !parentGoing && !excludedRemote(base, n, ignore)) {
                    deletes.add(n.path());
                }
            }
        }
        // A stale .py next to a new .mpy would be imported instead of it.
        for (String target : compiled.keySet()) {
            String py = target.substring(0, target.length() - 4) + ".py";
            RemoteFs.Node n = remoteByPath.get(py);
            if (n != null && !n.isDir() && !deletes.contains(py)) {
                deletes.add(py);
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
        return new Plan(base, mkdirs, copies, deletes, unchanged, canHash, List.copyOf(remote));
    }

    private static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    /**
     * Carries out a plan: the root directory made if missing, deletions first, then
     * directories, then files (each written atomically), reported as one phase "sync".
     * Returns what the board's tree then holds (see {@link Plan#after()}), from the bytes
     * that were sent: a file saved again meanwhile shows as changed.
     */
    public static List<RemoteFs.Node> apply(Plan plan, RemoteFs fs, Progress progress)
            throws IOException, BoardException {
        fs.mkdirsAll(List.of(plan.root()));
        for (String d : plan.deletes()) {
            fs.removeTree(d);
        }
        fs.mkdirsAll(plan.mkdirs());
        progress.begin("sync", plan.bytesToCopy());
        List<FileTransfer.Put> puts = new ArrayList<>();
        Map<String, byte[]> sent = new TreeMap<>();
        for (Copy c : plan.copies()) {
            byte[] data = c.data();
            puts.add(new FileTransfer.Put(c.remote(), data));
            sent.put(c.remote(), data);
        }
        fs.writeAll(puts, progress);
        progress.end();
        return plan.after(sent);
    }

    private static boolean excludedRemote(String base, RemoteFs.Node n, IgnoreRules ignore) {
        String rel = BoardPath.relative(base, n.path());
        return !rel.isEmpty() && ignore.ignored(rel, n.isDir());
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
