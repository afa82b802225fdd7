package dev.mpt.devicefs.mip;

import dev.mpt.bytecode.NativeArch;
import dev.mpt.console.Progress;
import dev.mpt.devicefs.BoardHash;
import dev.mpt.devicefs.BoardPath;
import dev.mpt.devicefs.PyLiteral;
import dev.mpt.devicefs.RemoteCode;
import dev.mpt.devicefs.RemoteFs;
import dev.mpt.devicefs.RemoteFsException;
import dev.mpt.protocol.BoardException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code mpt mip install} on a board: asks the board where libraries go and which .mpy
 * version it runs, resolves every package first ({@link MipResolver}: downloads, hashes,
 * dependencies), and only then writes the files — skipping those already there with the
 * same hash, each written atomically by {@link RemoteFs}.
 */
public final class MipInstall {
    /** What the board says about itself. */
    public record BoardInfo(List<String> sysPath, int mpyVersion, NativeArch arch) {
        /** The first {@code sys.path} entry that is a lib directory (not in /rom), as mpremote picks it. */
        public Optional<String> libDir() {
            return sysPath.stream().filter(p -> !p.startsWith("/rom") && (p.endsWith("/lib") || p.equals("lib")))
                    .findFirst();
        }
    }

    private final RemoteCode code;
    private final RemoteFs fs;
    private final Consumer<String> log;

    public MipInstall(RemoteCode code, RemoteFs fs, Consumer<String> log) {
        this.code = code;
        this.fs = fs;
        this.log = log;
    }

    /**
     * The board's {@code sys.path}, .mpy version ({@code sys.implementation._mpy & 0xff}, 0 if
     * absent) and native architecture (bits 10..13 of {@code _mpy}).
     */
    public BoardInfo boardInfo() throws RemoteFsException, BoardException {
        String out = code.run("", "import sys\nprint(repr(sys.path))\n"
                + "print(getattr(sys.implementation,'_mpy',0))\n");
        List<String> lines = out.strip().lines().toList();
        List<?> path = (List<?>) PyLiteral.parse(lines.get(0).strip());
        int mpy = Integer.parseInt(lines.get(1).strip());
        return new BoardInfo(path.stream().map(String::valueOf).toList(), mpy & 0xff,
                NativeArch.ofCode(mpy >> 10 & 0xf).orElse(NativeArch.NONE));
    }

    /**
     * Installs packages.
     *
     * @param target where they go, or null for the board's lib directory
     * @param mpy    prefer .mpy builds for the board's .mpy version (else source)
     */
    public void install(List<String> packages, Fetcher fetcher, MipResolver.Sources sources, String target,
            boolean mpy, Progress progress) throws java.io.IOException {
        BoardInfo info = boardInfo();
        String dir = target;
        if (dir == null) {
            dir = info.libDir().orElseThrow(() -> new MipException(
                    "no lib directory in the board's sys.path; use --target DIR"));
        } else {
            dir = BoardPath.of(dir);
        }
        String mpyVersion = mpy && info.mpyVersion() != 0 ? Integer.toString(info.mpyVersion()) : "py";
        MipResolver resolver = new MipResolver(fetcher, sources, dir, mpyVersion, log).forArch(info.arch());
        for (String p : packages) {
            log.accept("Install " + p);
            resolver.add(p);
        }
        BoardHash hashes = new BoardHash(code);
        boolean canHash = code.has("hashlib");
        int written = 0;
        for (MipResolver.BoardFile f : resolver.files()) {
            if (canHash && f.shortHash() != null && hashes.sha256IfExists(f.path()).map(h -> h.startsWith(f.shortHash()))
                    .orElse(false)) {
                log.accept("Exists: " + f.path());
                continue;
            }
            log.accept("Installing: " + f.path());
            int slash = f.path().lastIndexOf('/');
            try {
                if (slash > 0) {
                    fs.mkdirs(f.path().substring(0, slash));
                }
                fs.write(f.path(), f.data(), progress);
            } catch (RemoteFsException e) {
                throw written == 0 ? e : new RemoteFsException(e.getMessage() + "; " + written
                        + (written == 1 ? " file was" : " files were") + " installed before it", e.errnoName());
            }
            written++;
        }
        log.accept("Done");
    }
}
