package dev.mpt.devicefs;

import dev.mpt.console.Progress;
import dev.mpt.protocol.BoardException;
import dev.mpt.protocol.ExecException;
import dev.mpt.protocol.RawRepl;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Files on a board, through its raw REPL: list, stat, read, write, make and remove
 * directories, rename, and walk a tree with content hashes for {@link Sync}.
 *
 * <p>Writes are atomic as far as the board's filesystem allows: data goes to a temporary
 * file next to the target, which replaces the target only once it is complete, so a
 * failed copy (full disk, lost connection) leaves the old file as it was.
 *
 * <p>All file content crosses the link through {@link #read} and {@link #write}; they report
 * each chunk to a {@link Progress} with {@code advance(bytes)} and leave the phases
 * ({@code begin}/{@code end}) to the workflow that calls them ({@link Copy}, {@link Sync},
 * {@link Backup}).
 *
 * <p>Everything the board is sent is plain MicroPython that any firmware runs; binary data
 * travels as base64 when the board has {@code binascii}, otherwise as bytes literals.
 */
public final class RemoteFs {
    /** Data bytes per {@code write()} call in the code sent to the board. */
    static final int WRITE_CALL_BYTES = 1024;

    private final RawRepl repl;
    private final int chunkBytes;
    private Boolean hasBinascii;

    /** A directory entry. */
    public record Entry(String name, boolean isDir, long size) {}

    /** What {@code os.stat} says of a path. */
    public record Stat(boolean isDir, long size, long mtime) {}

    /** Space on the filesystem holding a path, in bytes. */
    public record Usage(long total, long free) {
        public long used() {
            return total - free;
        }
    }

    /** A file or directory found by {@link #walk}: path, size and SHA-256 (hex, "" if not hashed). */
    public record Node(String path, boolean isDir, long size, String sha256) {}

    /**
     * @param repl       a raw REPL session with the board
     * @param chunkBytes data bytes sent or received per exec call
     */
    public RemoteFs(RawRepl repl, int chunkBytes) {
        if (chunkBytes < 64) {
            throw new IllegalArgumentException("chunk size must be at least 64 bytes");
        }
        this.repl = repl;
        this.chunkBytes = chunkBytes;
    }

    public RemoteFs(RawRepl repl) {
        this(repl, 4096);
    }

    // ------------------------------------------------------------------ queries

    /** The entries of a directory, directories first then files, each sorted by name. */
    public List<Entry> list(String dir) throws RemoteFsException, BoardException {
        String out = run(dir, "import os\n"
                + "for e in os.ilistdir(" + PyLiteral.str(dir) + "):\n"
                + " s=e[3] if len(e)>3 else -1\n"
                + " print(repr((e[0],e[1],s)))\n");
        List<Entry> entries = new ArrayList<>();
        List<String> unsized = new ArrayList<>();
        for (String line : out.lines().toList()) {
            List<?> t = (List<?>) PyLiteral.parse(line);
            String name = (String) t.get(0);
            boolean isDir = (((BigInteger) t.get(1)).intValue() & 0x4000) != 0;
            long size = ((BigInteger) t.get(2)).longValue();
            if (size < 0 && !isDir) {
                unsized.add(name);
            }
            entries.add(new Entry(name, isDir, isDir ? 0 : size));
        }
        if (!unsized.isEmpty()) {
            // Ports whose ilistdir omits sizes: ask stat for them.
            List<Entry> fixed = new ArrayList<>();
            for (Entry e : entries) {
                fixed.add(unsized.contains(e.name()) ? new Entry(e.name(), false,
                        stat(BoardPath.join(dir, e.name())).map(Stat::size).orElse(0L)) : e);
            }
            entries = fixed;
        }
        entries.sort((a, b) -> a.isDir() != b.isDir() ? (a.isDir() ? -1 : 1) : a.name().compareTo(b.name()));
        return entries;
    }

    /** {@code os.stat} of a path, or empty when it does not exist. */
    public Optional<Stat> stat(String path) throws RemoteFsException, BoardException {
        String out = run(path, "import os\n"
                + "try:\n s=os.stat(" + PyLiteral.str(path) + ")\n print(repr((s[0],s[6],s[8])))\n"
                + "except OSError:\n print('None')\n").strip();
        Object v = PyLiteral.parse(out);
        if (v == null) {
            return Optional.empty();
        }
        List<?> t = (List<?>) v;
        return Optional.of(new Stat((((BigInteger) t.get(0)).intValue() & 0x4000) != 0,
                ((BigInteger) t.get(1)).longValue(), ((BigInteger) t.get(2)).longValue()));
    }

    /** Total and free bytes of the filesystem that holds {@code path}. */
    public Usage usage(String path) throws RemoteFsException, BoardException {
        String out = run(path, "import os\ns=os.statvfs(" + PyLiteral.str(path) + ")\n"
                + "print(repr((s[0]*s[2],s[0]*s[3])))\n").strip();
        List<?> t = (List<?>) PyLiteral.parse(out);
        return new Usage(((BigInteger) t.get(0)).longValue(), ((BigInteger) t.get(1)).longValue());
    }

    /**
     * Every file and directory below {@code dir} (not {@code dir} itself), with SHA-256 of
     * each file when {@code hash} is set and the board has {@code hashlib}.
     */
    public List<Node> walk(String dir, boolean hash) throws RemoteFsException, BoardException {
        String code = "import os\n"
                + "try:\n import hashlib,binascii\nexcept ImportError:\n hashlib=None\n"
                + "def _mpt_w(d):\n"
                + " for e in os.ilistdir(d):\n"
                + "  p=e[0] if d=='.' else (d+'/' if d!='/' else '/')+e[0]\n"
                + "  if e[1]&0x4000:\n"
                + "   print(repr(('d',p,0,'')))\n"
                + "   _mpt_w(p)\n"
                + "  else:\n"
                + "   h=''\n"
                + (hash ? "   if hashlib:\n"
                        + "    g=hashlib.sha256()\n"
                        + "    f=open(p,'rb')\n"
                        + "    while 1:\n"
                        + "     b=f.read(1024)\n"
                        + "     if not b:break\n"
                        + "     g.update(b)\n"
                        + "    f.close()\n"
                        + "    h=binascii.hexlify(g.digest()).decode()\n" : "")
                + "   print(repr(('f',p,os.stat(p)[6],h)))\n"
                + "_mpt_w(" + PyLiteral.str(BoardPath.stripSlash(dir)) + ")\n"
                + "del _mpt_w\n";
        List<Node> nodes = new ArrayList<>();
        for (String line : run(dir, code).lines().toList()) {
            List<?> t = (List<?>) PyLiteral.parse(line);
            nodes.add(new Node((String) t.get(1), t.get(0).equals("d"), ((BigInteger) t.get(2)).longValue(),
                    (String) t.get(3)));
        }
        return nodes;
    }

    // ------------------------------------------------------------------ contents

    /** The contents of a file. */
    public byte[] read(String path, Progress progress) throws RemoteFsException, BoardException {
        long total = stat(path).orElseThrow(() -> new RemoteFsException(path + ": no such file on the board",
                "ENOENT")).size();
        boolean b64 = binascii();
        ByteArrayOutputStream data = new ByteArrayOutputStream((int) Math.min(total, 1 << 20));
        String open = "_mpt_f=open(" + PyLiteral.str(path) + ",'rb')\n";
        run(path, (b64 ? "import binascii\n" : "") + open);
        try {
            while (true) {
                String out = run(path, "b=_mpt_f.read(" + chunkBytes + ")\n"
                        + (b64 ? "print(binascii.b2a_base64(b).decode().strip())\n" : "print(repr(b))\n"));
                byte[] chunk = b64 ? Base64.getMimeDecoder().decode(out.strip()) : (byte[]) PyLiteral.parse(out.strip());
                if (chunk.length == 0) {
                    break;
                }
                data.writeBytes(chunk);
                progress.advance(chunk.length);
            }
        } finally {
            quietly("_mpt_f.close()\ndel _mpt_f\n");
        }
        return data.toByteArray();
    }

    /**
     * Writes a file atomically: to {@code path + ".mpt-tmp"} first, renamed over
     * {@code path} once complete. On any failure the temporary file is removed and the old
     * file, if there was one, is untouched.
     */
    public void write(String path, byte[] data, Progress progress) throws RemoteFsException, BoardException {
        String tmp = path + ".mpt-tmp";
        boolean b64 = binascii();
        run(path, (b64 ? "import binascii\n" : "") + "_mpt_f=open(" + PyLiteral.str(tmp) + ",'wb')\n_mpt_w=_mpt_f.write\n");
        boolean done = false;
        try {
            for (int off = 0; off < data.length; off += chunkBytes) {
                int n = Math.min(chunkBytes, data.length - off);
                StringBuilder code = new StringBuilder();
                for (int p = off; p < off + n; p += WRITE_CALL_BYTES) {
                    int m = Math.min(WRITE_CALL_BYTES, off + n - p);
                    code.append("_mpt_w(").append(literal(data, p, m, b64)).append(")\n");
                }
                run(path, code.toString());
                progress.advance(n);
            }
            run(path, "_mpt_f.close()\n"
                    + "import os\n"
                    + "try:\n os.rename(" + PyLiteral.str(tmp) + "," + PyLiteral.str(path) + ")\n"
                    + "except OSError:\n os.remove(" + PyLiteral.str(path) + ")\n os.rename(" + PyLiteral.str(tmp)
                    + "," + PyLiteral.str(path) + ")\n");
            done = true;
        } finally {
            if (!done) {
                quietly("try:\n _mpt_f.close()\nexcept Exception:\n pass\n"
                        + "import os\ntry:\n os.remove(" + PyLiteral.str(tmp) + ")\nexcept OSError:\n pass\n");
            }
            quietly("try:\n del _mpt_f,_mpt_w\nexcept NameError:\n pass\n");
        }
    }

    private static String literal(byte[] data, int off, int len, boolean b64) {
        int printable = 0;
        for (int i = off; i < off + len; i++) {
            int b = data[i] & 0xff;
            if (b >= 0x20 && b < 0x7f || b == '\n') {
                printable++;
            }
        }
        if (!b64 || printable * 10 >= len * 9) {
            return PyLiteral.bytes(data, off, len);
        }
        return "binascii.a2b_base64('" + Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(data, off,
                off + len)) + "')";
    }

    // ------------------------------------------------------------------ changes

    public void mkdir(String path) throws RemoteFsException, BoardException {
        run(path, "import os\nos.mkdir(" + PyLiteral.str(path) + ")\n");
    }

    /** Makes a directory and any missing parents; existing ones are fine. */
    public void mkdirs(String path) throws RemoteFsException, BoardException {
        run(path, "import os\n"
                + "p=''\n"
                + "for c in " + PyLiteral.str(BoardPath.stripSlash(path)) + ".split('/'):\n"
                + " if not c:\n  p='/' if not p else p\n  continue\n"
                + " p=p+c if p.endswith('/') else (p+'/'+c if p else c)\n"
                + " try:\n  os.mkdir(p)\n except OSError as e:\n  if e.args[0]!=17:raise\n");
    }

    /** Removes a file. */
    public void remove(String path) throws RemoteFsException, BoardException {
        run(path, "import os\nos.remove(" + PyLiteral.str(path) + ")\n");
    }

    /** Removes an empty directory. */
    public void rmdir(String path) throws RemoteFsException, BoardException {
        run(path, "import os\nos.rmdir(" + PyLiteral.str(path) + ")\n");
    }

    /** Removes a file, or a directory with everything in it. */
    public void removeTree(String path) throws RemoteFsException, BoardException {
        run(path, "import os\n"
                + "def _mpt_r(p):\n"
                + " if os.stat(p)[0]&0x4000:\n"
                + "  for e in os.ilistdir(p):\n"
                + "   _mpt_r((p+'/' if p!='/' else '/')+e[0])\n"
                + "  if p!='/':os.rmdir(p)\n"
                + " else:\n"
                + "  os.remove(p)\n"
                + "_mpt_r(" + PyLiteral.str(BoardPath.stripSlash(path)) + ")\n"
                + "del _mpt_r\n");
    }

    public void rename(String from, String to) throws RemoteFsException, BoardException {
        run(from, "import os\nos.rename(" + PyLiteral.str(from) + "," + PyLiteral.str(to) + ")\n");
    }

    /** Creates an empty file, or leaves an existing one as it is. */
    public void touch(String path) throws RemoteFsException, BoardException {
        run(path, "open(" + PyLiteral.str(path) + ",'ab').close()\n");
    }

    // ------------------------------------------------------------------ plumbing

    private boolean binascii() throws RemoteFsException, BoardException {
        if (hasBinascii == null) {
            String out = run("", "try:\n import binascii\n print(1)\nexcept ImportError:\n print(0)\n").strip();
            hasBinascii = out.equals("1");
        }
        return hasBinascii;
    }

    private static final Pattern ERRNO = Pattern.compile("\\[Errno (\\d+)\\] ?(\\w*)");
    private static final Map<String, String> ERRNO_TEXT = Map.ofEntries(
            Map.entry("ENOENT", "no such file or directory"),
            Map.entry("EEXIST", "already exists"),
            Map.entry("EISDIR", "is a directory"),
            Map.entry("ENOTDIR", "not a directory"),
            Map.entry("ENOSPC", "no space left on the board's filesystem"),
            Map.entry("EACCES", "permission denied"),
            Map.entry("EPERM", "operation not permitted"),
            Map.entry("EROFS", "the filesystem is read-only"),
            Map.entry("EINVAL", "invalid argument"),
            Map.entry("ENOTEMPTY", "directory not empty"),
            Map.entry("EIO", "input/output error on the board"),
            Map.entry("ENODEV", "no such device"),
            Map.entry("ENOMEM", "the board ran out of memory"));
    private static final Map<Integer, String> ERRNO_NAMES = Map.of(1, "EPERM", 2, "ENOENT", 5, "EIO", 12, "ENOMEM",
            13, "EACCES", 17, "EEXIST", 20, "ENOTDIR", 21, "EISDIR", 22, "EINVAL", 28, "ENOSPC");

    /** Runs code for an operation on {@code path}; a remote exception becomes one line. */
    private String run(String path, String code) throws RemoteFsException, BoardException {
        try {
            return repl.exec(code).stdoutText();
        } catch (ExecException e) {
            throw translate(path, e);
        }
    }

    static RemoteFsException translate(String path, ExecException e) {
        String where = path.isEmpty() ? "" : path + ": ";
        if (e.exceptionType().equals("OSError")) {
            Matcher m = ERRNO.matcher(e.exceptionMessage());
            String name = "";
            if (m.find()) {
                name = m.group(2).isEmpty() ? ERRNO_NAMES.getOrDefault(Integer.parseInt(m.group(1)), "") : m.group(2);
            } else if (e.exceptionMessage().matches("\\d+")) {
                name = ERRNO_NAMES.getOrDefault(Integer.parseInt(e.exceptionMessage()), "");
            }
            String text = ERRNO_TEXT.getOrDefault(name, e.exceptionMessage().isEmpty() ? "OSError"
                    : "OSError " + e.exceptionMessage());
            return new RemoteFsException(where + text, name);
        }
        if (e.exceptionType().equals("MemoryError")) {
            return new RemoteFsException(where + "the board ran out of memory; try a smaller --chunk-size", "ENOMEM");
        }
        return new RemoteFsException(where + "the board raised " + e.getMessage());
    }

    /** Runs clean-up code, ignoring what it raises (the original failure is what matters). */
    private void quietly(String code) {
        try {
            repl.exec(code);
        } catch (ExecException | BoardException ignored) {
            // best effort
        }
    }

    /** For tests: whether text crossed the wire as base64. */
    boolean usesBase64() throws RemoteFsException, BoardException {
        return binascii();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
