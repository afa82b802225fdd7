package dev.mpt.devicefs;

import dev.mpt.console.Progress;
import dev.mpt.protocol.BoardException;
import dev.mpt.protocol.RawRepl;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
 * <p>Everything the board is sent is plain MicroPython that any firmware runs; how content
 * travels is the {@link FileTransfer}'s business ({@link ExecTransfer} by default).
 */
public final class RemoteFs {
    private final RemoteCode code;
    private final FileTransfer transfer;

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
        this.code = new RemoteCode(repl);
        this.transfer = new ExecTransfer(code, chunkBytes);
    }

    /** File operations whose content moves by {@code transfer}. */
    public RemoteFs(RemoteCode code, FileTransfer transfer) {
        this.code = code;
        this.transfer = transfer;
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
            Entry e = decoded(dir, () -> {
                List<?> t = (List<?>) PyLiteral.parse(line);
                boolean isDir = (((BigInteger) t.get(1)).intValue() & 0x4000) != 0;
                return new Entry((String) t.get(0), isDir, ((BigInteger) t.get(2)).longValue());
            });
            if (e.size() < 0 && !e.isDir()) {
                unsized.add(e.name());
            }
            entries.add(new Entry(e.name(), e.isDir(), e.isDir() ? 0 : e.size()));
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

    /** Reads the board's printed answer; one that does not parse as expected (a noisy line) is one error line. */
    static <T> T decoded(String path, java.util.function.Supplier<T> read) throws RemoteFsException {
        try {
            return read.get();
        } catch (RuntimeException e) {
            throw new RemoteFsException(path + ": the board's answer arrived garbled");
        }
    }

    /** {@code os.stat} of a path, or empty when it does not exist. */
    public Optional<Stat> stat(String path) throws RemoteFsException, BoardException {
        String out = run(path, "import os\n"
                + "try:\n s=os.stat(" + PyLiteral.str(path) + ")\n print(repr((s[0],s[6],s[8])))\n"
                + "except OSError:\n print('None')\n").strip();
        return decoded(path, () -> {
            Object v = PyLiteral.parse(out);
            if (v == null) {
                return Optional.<Stat>empty();
            }
            List<?> t = (List<?>) v;
            return Optional.of(new Stat((((BigInteger) t.get(0)).intValue() & 0x4000) != 0,
                    ((BigInteger) t.get(1)).longValue(), ((BigInteger) t.get(2)).longValue()));
        });
    }

    /** Total and free bytes of the filesystem that holds {@code path}. */
    public Usage usage(String path) throws RemoteFsException, BoardException {
        String out = run(path, "import os\ns=os.statvfs(" + PyLiteral.str(path) + ")\n"
                + "print(repr((s[0]*s[2],s[0]*s[3])))\n").strip();
        return decoded(path, () -> {
            List<?> t = (List<?>) PyLiteral.parse(out);
            return new Usage(((BigInteger) t.get(0)).longValue(), ((BigInteger) t.get(1)).longValue());
        });
    }

    /**
     * Every file and directory below {@code dir} (not {@code dir} itself), with SHA-256 of
     * each file when {@code hash} is set and the board has {@code hashlib}.
     */
    public List<Node> walk(String dir, boolean hash) throws RemoteFsException, BoardException {
        // One short line per entry, as little as possible crossing the link: "d PATH" or
        // "f SIZE DIGEST PATH", PATH relative to dir as a Python literal, DIGEST the SHA-256 in
        // base64 ("-" without hashlib).
        String root = BoardPath.stripSlash(dir);
        String code = "import os\n"
                + "try:\n import hashlib,binascii\nexcept ImportError:\n hashlib=None\n"
                + "def _mpt_w(d,n):\n"
                + " for e in os.ilistdir(d):\n"
                + "  p=e[0] if d=='.' else (d+'/' if d!='/' else '/')+e[0]\n"
                + "  if e[1]&0x4000:\n"
                + "   print('d',repr(p[n:]))\n"
                + "   _mpt_w(p,n)\n"
                + "  else:\n"
                + "   h='-'\n"
                + (hash ? "   if hashlib:\n"
                        + "    g=hashlib.sha256()\n"
                        + "    f=open(p,'rb')\n"
                        + "    while 1:\n"
                        + "     b=f.read(1024)\n"
                        + "     if not b:break\n"
                        + "     g.update(b)\n"
                        + "    f.close()\n"
                        + "    h=binascii.b2a_base64(g.digest()).decode().strip()\n" : "")
                + "   print('f',os.stat(p)[6],h,repr(p[n:]))\n"
                + "_mpt_d=" + PyLiteral.str(root) + "\n"
                + "_mpt_w(_mpt_d,0 if _mpt_d=='.' else len(_mpt_d)+1 if _mpt_d!='/' else 1)\n"
                + "del _mpt_w,_mpt_d\n";
        String prefix = root.equals(".") ? "" : root.equals("/") ? "/" : root + "/";
        List<Node> nodes = new ArrayList<>();
        for (String line : run(dir, code).lines().toList()) {
            nodes.add(decoded(dir, () -> {
                if (line.startsWith("d ")) {
                    return new Node(prefix + (String) PyLiteral.parse(line.substring(2)), true, 0, "");
                }
                String[] f = line.split(" ", 4);
                if (f.length != 4 || !f[0].equals("f")) {
                    throw new IllegalArgumentException(line);
                }
                String sha = "";
                if (!f[2].equals("-")) {
                    byte[] digest = java.util.Base64.getDecoder().decode(f[2]);
                    if (digest.length != 32) {
                        throw new IllegalArgumentException(line);
                    }
                    sha = java.util.HexFormat.of().formatHex(digest);
                }
                return new Node(prefix + (String) PyLiteral.parse(f[3]), false, Long.parseLong(f[1]), sha);
            }));
        }
        return nodes;
    }

    // ------------------------------------------------------------------ contents

    /**
     * The contents of a file, verified: the SHA-256 of what arrived must equal the one the
     * board computes of the file (its size where the board has no {@code hashlib}). A
     * mismatch or a garbled transfer is retried once, then fails with one line.
     */
    public byte[] read(String path, Progress progress) throws RemoteFsException, BoardException {
        for (int attempt = 1; ; attempt++) {
            try {
                long size = stat(path).orElseThrow(() -> new RemoteFsException(path + ": no such file on the board",
                        "ENOENT")).size();
                byte[] data = transfer.receive(path, size, progress);
                String theirs = digest(path);
                if (theirs.equals(digestOf(data))) {
                    return data;
                }
                if (attempt >= ATTEMPTS) {
                    throw new RemoteFsException(path + ": the data received differs from the file on the board "
                            + "(SHA-256 mismatch, twice); the line is garbling data, nothing was written");
                }
            } catch (RemoteFsException | BoardException e) {
                if (attempt >= ATTEMPTS || !retryable(e)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Writes a file atomically and verified: to {@code path + ".mpt-tmp"} first, whose
     * SHA-256 the board computes and compares with the source's before renaming it over
     * {@code path}. On any failure the temporary file is removed and the old file, if there
     * was one, is untouched; a mismatch or a garbled transfer is retried once, then fails
     * with one line.
     */
    public void write(String path, byte[] data, Progress progress) throws RemoteFsException, BoardException {
        String want = sha256(data);
        for (int attempt = 1; ; attempt++) {
            try {
                if (writeOnce(path, data, want, progress)) {
                    return;
                }
                if (attempt >= ATTEMPTS) {
                    if (landedEarlier(path, data)) {
                        return;
                    }
                    throw new RemoteFsException(path + ": the copy on the board differs from the source "
                            + "(SHA-256 mismatch, twice); the line is garbling data, the old file is kept");
                }
            } catch (RemoteFsException | BoardException e) {
                if (attempt >= ATTEMPTS || !retryable(e)) {
                    if (attempt > 1 && landedEarlier(path, data)) {
                        return;
                    }
                    throw e;
                }
            }
        }
    }

    /**
     * Whether the board's file already holds data: an earlier attempt's verified rename may
     * have got through while both its answer and the question that settles it were garbled.
     * Asked up to three times (a garbled answer cannot spell the right digest), so that a
     * failure reported after retries never leaves the new file in place unsaid.
     */
    private boolean landedEarlier(String path, byte[] data) {
        try {
            String expect = digestOf(data);
            for (int i = 0; i < 3; i++) {
                if (holds(path, expect)) {
                    return true;
                }
            }
        } catch (RemoteFsException | BoardException e) {
            // the board cannot be asked: report the failure as it is
        }
        return false;
    }

    /**
     * Writes many files, each atomically and verified as {@link #write} does, in as few
     * streams as the transfer allows ({@link FileTransfer#sendVerified}: one for a whole
     * source tree on the binary path); files the batch did not place are written one by
     * one, so a failure is reported for the file it concerns.
     */
    public void writeAll(List<FileTransfer.Put> files, Progress progress) throws RemoteFsException, BoardException {
        if (files.isEmpty()) {
            return;
        }
        boolean[] done = files.size() > 1 || files.get(0).data().length > 0 ? transfer.sendVerified(files, progress)
                : new boolean[1];
        for (int i = 0; i < files.size(); i++) {
            if (!done[i]) {
                write(files.get(i).path(), files.get(i).data(), progress);
            }
        }
    }

    /** How many times a transfer is tried before its failure is reported. */
    static final int ATTEMPTS = 2;

    /** Sends, verifies and renames once; false when the board's copy did not match (nothing renamed). */
    private boolean writeOnce(String path, byte[] data, String want, Progress progress)
            throws RemoteFsException, BoardException {
        String tmp = path + ".mpt-tmp";
        boolean done = false;
        try {
            transfer.send(tmp, data, progress);
            String expect = code.has("hashlib") ? want : Long.toString(data.length);
            String out;
            try {
                out = renameIfVerified(tmp, path, expect);
            } catch (RemoteFsException | BoardException e) {
                // the check-and-rename may have got through with its answer lost: ask what is there
                if (e instanceof RemoteFsException r && !r.errnoName().isEmpty()) {
                    throw e;
                }
                if (holds(path, expect)) {
                    done = true;
                    return true;
                }
                throw e;
            }
            // "ok" only where the board found the digest it was told to expect (and renamed)
            done = out.equals("ok " + expect + " " + path) || !out.startsWith("differs ") && holds(path, expect);
            return done;
        } catch (RemoteFsException e) {
            throw e.reportedAs(tmp, path);
        } finally {
            if (!done) {
                code.quietly("import os\ntry:\n os.remove(" + PyLiteral.str(tmp) + ")\nexcept OSError:\n pass\n");
            }
        }
    }

    /**
     * Whether {@code path} on the board has the digest {@code expect}: asked when the answer to
     * a check-and-rename was lost or garbled, since the rename may have happened; false when
     * even that question fails.
     */
    private boolean holds(String path, String expect) {
        try {
            return digest(path).equals(expect);
        } catch (RemoteFsException | BoardException e) {
            return false;
        }
    }

    /**
     * Renames {@code tmp} over {@code path} if its digest is {@code expect}; prints "ok", the
     * digest and the path, or "differs" and the digest.
     */
    private String renameIfVerified(String tmp, String path, String expect) throws RemoteFsException, BoardException {
        // each name is written once and the answer repeats the target's, so a byte garbled in
        // a name shows in the answer instead of renaming to or from the wrong file unseen
        return run(path, "import os\n_mpt_t=" + PyLiteral.str(tmp) + "\n_mpt_p=" + PyLiteral.str(path) + "\n"
                    + digestCode("_mpt_t")
                    + "if _mpt_d==" + PyLiteral.str(expect) + ":\n"
                    + " try:\n  os.rename(_mpt_t,_mpt_p)\n"
                    + " except OSError:\n  os.remove(_mpt_p)\n  os.rename(_mpt_t,_mpt_p)\n"
                    + " print('ok',_mpt_d,_mpt_p)\n"
                    + "else:\n print('differs',_mpt_d)\n"
                    + "del _mpt_d,_mpt_t,_mpt_p\n").strip();
    }

    /** Errors worth one more try: garbled code or answers, not what the filesystem said. */
    private static boolean retryable(Exception e) {
        if (e instanceof RemoteFsException r) {
            return r.errnoName().isEmpty();
        }
        return e instanceof BoardException b && b.kind() != BoardException.Kind.DISCONNECTED
                && b.kind() != BoardException.Kind.RESET;
    }

    /**
     * The SHA-256 (hex) of a file on the board, or its size in decimal where the board has no
     * {@code hashlib}.
     */
    private String digest(String path) throws RemoteFsException, BoardException {
        return run(path, digestCode(PyLiteral.str(path)) + "print(_mpt_d)\ndel _mpt_d\n").strip();
    }

    /** What {@link #digest} says of {@code data}, in the same form as {@code theirs}. */
    private String digestOf(byte[] data) throws RemoteFsException, BoardException {
        return code.has("hashlib") ? sha256(data) : Long.toString(data.length);
    }

    /** Code that sets {@code _mpt_d} to the digest of the file named by the expression {@code pathExpr}. */
    private String digestCode(String pathExpr) throws RemoteFsException, BoardException {
        if (!code.has("hashlib")) {
            return "import os\n_mpt_d=str(os.stat(" + pathExpr + ")[6])\n";
        }
        return "import hashlib,binascii\n"
                + "_mpt_d=hashlib.sha256()\n"
                + "_mpt_f=open(" + pathExpr + ",'rb')\n"
                + "while 1:\n"
                + " _mpt_b=_mpt_f.read(2048)\n"
                + " if not _mpt_b:break\n"
                + " _mpt_d.update(_mpt_b)\n"
                + "_mpt_f.close()\n"
                + "_mpt_d=binascii.hexlify(_mpt_d.digest()).decode()\n"
                + "del _mpt_f,_mpt_b\n";
    }

    /** SHA-256 of bytes, as lowercase hex. */
    static String sha256(byte[] data) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How file content travels (for {@code -v}). */
    public String transferDescription() throws RemoteFsException, BoardException {
        return transfer.description();
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

    /** Makes each directory and any missing parents, in one exec call per hundred. */
    public void mkdirsAll(List<String> paths) throws RemoteFsException, BoardException {
        for (int i = 0; i < paths.size(); i += 100) {
            List<String> some = paths.subList(i, Math.min(paths.size(), i + 100));
            StringBuilder list = new StringBuilder("(");
            for (String p : some) {
                list.append(PyLiteral.str(BoardPath.stripSlash(p))).append(',');
            }
            list.append(')');
            run(some.size() == 1 ? some.get(0) : "", "import os\n"
                    + "for d in " + list + ":\n"
                    + " p=''\n"
                    + " for c in d.split('/'):\n"
                    + "  if not c:\n   p='/' if not p else p\n   continue\n"
                    + "  p=p+c if p.endswith('/') else (p+'/'+c if p else c)\n"
                    + "  try:\n   os.mkdir(p)\n  except OSError as e:\n   if e.args[0]!=17:raise\n");
        }
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

    private String run(String path, String snippet) throws RemoteFsException, BoardException {
        return code.run(path, snippet);
    }
}
