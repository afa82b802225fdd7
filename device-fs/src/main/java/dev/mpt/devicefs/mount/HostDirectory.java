package dev.mpt.devicefs.mount;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The host directory a board has mounted: answers the board's requests (see
 * {@link MountLink}) with the files below {@link #root()}. A board path is absolute within
 * the mount ({@code /lib/x.py}); {@code .} and {@code ..} are resolved on the host and never
 * climb above the root. Unless links are allowed to lead anywhere, a path whose real
 * location (symbolic links followed) is outside the root is answered as if it did not
 * exist, and a listing leaves it out.
 *
 * <p>Each answer is a header line of decimal numbers, the first 0 or a negative errno, then
 * a body of bytes.
 */
public final class HostDirectory implements AutoCloseable {
    /** Files up to this size travel whole with the answer to {@code open}. */
    static final int WHOLE_FILE = 64 * 1024;
    /** The most one read request returns. */
    static final int MAX_READ = 64 * 1024;

    static final int ENOENT = 2;
    static final int EIO = 5;
    static final int EBADF = 9;
    static final int EACCES = 13;
    static final int EEXIST = 17;
    static final int ENOTDIR = 20;
    static final int EISDIR = 21;
    static final int EINVAL = 22;
    static final int ENOTEMPTY = 39;

    private static final int S_IFDIR = 0x4000;
    private static final int S_IFREG = 0x8000;

    private final Path root;
    private final Path realRoot;
    private final boolean unsafeLinks;
    private final Map<Integer, FileChannel> open = new HashMap<>();
    private int nextFd = 1;
    private long requests;

    /**
     * @param unsafeLinks follow symbolic links wherever they lead (mpremote's {@code --unsafe-links})
     * @throws IOException when {@code root} is not a directory
     */
    public HostDirectory(Path root, boolean unsafeLinks) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new NotDirectoryException(root + ": not a directory");
        }
        this.root = root.toAbsolutePath().normalize();
        this.realRoot = this.root.toRealPath();
        this.unsafeLinks = unsafeLinks;
    }

    public Path root() {
        return root;
    }

    /** How many requests have been answered. */
    public synchronized long requests() {
        return requests;
    }

    /**
     * The answer to one request.
     *
     * @param op   the request's letter
     * @param args its arguments, as the board sent them
     */
    public synchronized byte[] answer(char op, List<String> args) {
        requests++;
        try {
            return switch (op) {
                case 'S' -> stat(arg(args, 0));
                case 'L' -> list(arg(args, 0));
                case 'O' -> open(arg(args, 0), arg(args, 1));
                case 'R' -> read(number(args, 0), number(args, 1));
                case 'W' -> write(number(args, 0), arg(args, 1));
                case 'C' -> close(number(args, 0));
                case 'M' -> done(() -> Files.createDirectory(existingParent(arg(args, 0))));
                case 'X' -> rmdir(arg(args, 0));
                case 'D' -> remove(arg(args, 0));
                case 'N' -> rename(arg(args, 0), arg(args, 1));
                case 'V' -> statvfs();
                default -> error(EINVAL);
            };
        } catch (NoSuchFileException e) {
            return error(ENOENT);
        } catch (FileAlreadyExistsException e) {
            return error(EEXIST);
        } catch (DirectoryNotEmptyException e) {
            return error(ENOTEMPTY);
        } catch (NotDirectoryException e) {
            return error(ENOTDIR);
        } catch (AccessDeniedException e) {
            return error(EACCES);
        } catch (IllegalArgumentException e) {
            return error(EINVAL);
        } catch (IOException e) {
            return error(EIO);
        }
    }

    /** Whether {@code op} is a request letter this directory answers. */
    public static boolean isRequest(int op) {
        return "SLORWCMXDNV".indexOf(op) >= 0;
    }

    // ---------------------------------------------------------------- requests

    private byte[] stat(String path) throws IOException {
        Path p = resolve(path);
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        int mode = a.isDirectory() ? S_IFDIR : S_IFREG;
        long size = a.isDirectory() ? 0 : a.size();
        long mtime = a.lastModifiedTime().toMillis() / 1000;
        return answer("0 " + mode + " " + size + " " + mtime, boardPath(p).getBytes(StandardCharsets.UTF_8));
    }

    private byte[] list(String path) throws IOException {
        Path dir = resolve(path);
        if (!Files.isDirectory(dir)) {
            return error(Files.exists(dir) ? ENOTDIR : ENOENT);
        }
        List<String> entries = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                if (!allowed(p)) {
                    continue;
                }
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(p, BasicFileAttributes.class);
                } catch (IOException e) {
                    continue; // a dangling link
                }
                entries.add(p.getFileName() + "\u001f" + (a.isDirectory() ? S_IFDIR : S_IFREG) + "\u001f"
                        + (a.isDirectory() ? 0 : a.size()));
            }
        }
        return answer("0", String.join("\u001e", entries).getBytes(StandardCharsets.UTF_8));
    }

    private byte[] open(String path, String mode) throws IOException {
        Path p = resolve(path);
        if (Files.isDirectory(p)) {
            return error(EISDIR);
        }
        if (mode.contains("+")) {
            return error(EINVAL); // read-and-write files are not offered
        }
        List<OpenOption> options = new ArrayList<>();
        if (mode.contains("r")) {
            long size = Files.size(p);
            if (size <= WHOLE_FILE) {
                return answer("0 0", Files.readAllBytes(p));
            }
            options.add(StandardOpenOption.READ);
        } else if (mode.contains("w")) {
            options.addAll(List.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING));
        } else if (mode.contains("a")) {
            options.addAll(List.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        } else if (mode.contains("x")) {
            options.addAll(List.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW));
        } else {
            return error(EINVAL);
        }
        if (!mode.contains("r")) {
            existingParent(path);
        }
        FileChannel ch = FileChannel.open(p, options.toArray(new OpenOption[0]));
        int fd = nextFd++;
        open.put(fd, ch);
        return answer("0 " + fd, new byte[0]);
    }

    private byte[] read(int fd, int n) throws IOException {
        FileChannel ch = open.get(fd);
        if (ch == null) {
            return error(EBADF);
        }
        ByteBuffer b = ByteBuffer.allocate(Math.max(0, Math.min(n, MAX_READ)));
        while (b.hasRemaining() && ch.read(b) > 0) {
            // fill what is asked for, up to the end of the file
        }
        byte[] data = new byte[b.position()];
        b.flip().get(data);
        return answer("0", data);
    }

    private byte[] write(int fd, String base64) throws IOException {
        FileChannel ch = open.get(fd);
        if (ch == null) {
            return error(EBADF);
        }
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(base64.strip()));
        int n = b.remaining();
        while (b.hasRemaining()) {
            ch.write(b);
        }
        return answer("0 " + n, new byte[0]);
    }

    private byte[] close(int fd) throws IOException {
        FileChannel ch = open.remove(fd);
        if (ch == null) {
            return error(EBADF);
        }
        ch.close();
        return answer("0", new byte[0]);
    }

    private byte[] rmdir(String path) throws IOException {
        Path p = resolve(path);
        if (p.equals(root)) {
            return error(EACCES);
        }
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return error(Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? ENOTDIR : ENOENT);
        }
        Files.delete(p);
        return answer("0", new byte[0]);
    }

    private byte[] remove(String path) throws IOException {
        Path p = resolve(path);
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return error(EISDIR);
        }
        Files.delete(p);
        return answer("0", new byte[0]);
    }

    private byte[] rename(String from, String to) throws IOException {
        Path a = resolve(from);
        Path b = existingParent(to);
        if (a.equals(root)) {
            return error(EACCES);
        }
        if (!Files.exists(a, LinkOption.NOFOLLOW_LINKS)) {
            return error(ENOENT);
        }
        Files.move(a, b, StandardCopyOption.REPLACE_EXISTING);
        return answer("0", new byte[0]);
    }

    private byte[] statvfs() throws IOException {
        FileStore store = Files.getFileStore(root);
        long block = 4096;
        return answer("0 " + block + " " + store.getTotalSpace() / block + " " + store.getUsableSpace() / block,
                new byte[0]);
    }

    // ---------------------------------------------------------------- paths

    /** The host path for a board path, or NoSuchFileException when it is not to be reached. */
    Path resolve(String boardPath) throws IOException {
        List<String> parts = new ArrayList<>();
        for (String part : boardPath.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
                continue;
            }
            if (part.indexOf('\\') >= 0 || part.indexOf('\0') >= 0) {
                throw new NoSuchFileException(boardPath);
            }
            parts.add(part);
        }
        Path p = root;
        for (String part : parts) {
            p = p.resolve(part);
        }
        if (!allowed(p)) {
            throw new NoSuchFileException(boardPath);
        }
        return p;
    }

    /** {@link #resolve} for a path to be created: its parent directory must exist. */
    private Path existingParent(String boardPath) throws IOException {
        Path p = resolve(boardPath);
        Path parent = p.getParent();
        if (p.equals(root) || parent == null) {
            throw new FileAlreadyExistsException(boardPath);
        }
        if (!Files.isDirectory(parent)) {
            throw new NoSuchFileException(boardPath);
        }
        return p;
    }

    /** Whether the real location of {@code p} (or of its nearest existing ancestor) is inside the root. */
    private boolean allowed(Path p) {
        if (unsafeLinks) {
            return true;
        }
        Path q = p;
        while (q != null && !Files.exists(q, LinkOption.NOFOLLOW_LINKS)) {
            q = q.getParent();
        }
        if (q == null) {
            return false;
        }
        try {
            return q.toRealPath().startsWith(realRoot);
        } catch (IOException e) {
            // a dangling link: where it points is not known to be inside
            return !Files.isSymbolicLink(q);
        }
    }

    /** The board's path of a host path below the root: "/" for the root. */
    private String boardPath(Path p) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        return "/" + rel;
    }

    // ---------------------------------------------------------------- answers

    @FunctionalInterface
    private interface Action {
        void run() throws IOException;
    }

    private static byte[] done(Action a) throws IOException {
        a.run();
        return answer("0", new byte[0]);
    }

    static byte[] error(int errno) {
        return answer("-" + errno, new byte[0]);
    }

    private static byte[] answer(String header, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(header.length() + 1 + body.length);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.write('\n');
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static String arg(List<String> args, int i) {
        if (i >= args.size()) {
            throw new IllegalArgumentException("missing argument " + i);
        }
        return args.get(i);
    }

    private static int number(List<String> args, int i) {
        return Integer.parseInt(arg(args, i).strip());
    }

    /** Closes the files the board left open. */
    @Override
    public synchronized void close() {
        for (FileChannel ch : open.values()) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing more to do with it
            }
        }
        open.clear();
    }
}
