package dev.mpt.devicefs.mip;

import dev.mpt.bytecode.MpyHeader;
import dev.mpt.bytecode.NativeArch;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns package names into the files to put on the board, as mpremote's mip reads a
 * package: a name is looked up in the index at {@code package/MPY/NAME/VERSION.json} (MPY
 * the board's .mpy version, or {@code py} for source); a URL or {@code github:}/
 * {@code gitlab:} shortcut names a {@code package.json} (or a single {@code .py}/{@code .mpy}
 * file); its {@code hashes} are fetched from the index's {@code file/HH/HASH} and checked
 * against their short SHA-256, its {@code urls} relative to the description, its
 * {@code deps} resolved the same way — each package once. Nothing touches the board here.
 *
 * <p>Native code: a description may carry an {@code arch} object whose entry for the board's
 * architecture ({@code "armv7emsp": {"urls": …, "hashes": …}}) adds files, replacing those of
 * the same path, so one package offers a native module for several architectures. A
 * {@code .mpy} that holds machine code for another architecture than the board's is refused.
 */
public final class MipResolver {
    /** Where packages come from. */
    public record Sources(String index, String githubRaw, String gitlab) {
        public static Sources defaults() {
            return new Sources(MipSource.DEFAULT_INDEX, MipSource.GITHUB_RAW, MipSource.GITLAB);
        }

        public Sources withIndex(String i) {
            return new Sources(MipSource.strip(i), githubRaw, gitlab);
        }
    }

    /**
     * A file to write on the board.
     *
     * @param shortHash the index's short SHA-256 of it, or null for files fetched by URL
     */
    public record BoardFile(String path, byte[] data, String shortHash) {}

    private final Fetcher fetcher;
    private final Sources sources;
    private final String target;
    private final String mpyVersion;
    private NativeArch arch = NativeArch.NONE;
    private final Consumer<String> log;
    private final Set<String> seen = new HashSet<>();
    private final Map<String, BoardFile> files = new LinkedHashMap<>();

    /**
     * @param target     the directory on the board packages go into
     * @param mpyVersion the board's .mpy version ("6"), or "py" for source packages
     * @param log        receives a line per package and per file
     */
    public MipResolver(Fetcher fetcher, Sources sources, String target, String mpyVersion, Consumer<String> log) {
        this.fetcher = fetcher;
        this.sources = sources;
        this.target = target.endsWith("/") && target.length() > 1 ? target.substring(0, target.length() - 1) : target;
        this.mpyVersion = mpyVersion;
        this.log = log;
    }

    /** The board's native architecture, which picks the {@code arch} entries of descriptions. */
    public MipResolver forArch(NativeArch boardArch) {
        this.arch = boardArch;
        return this;
    }

    /** Resolves {@code PKG[@VERSION]} (and what it depends on) into files, added to {@link #files()}. */
    public void add(String spec) throws MipException {
        String name = spec;
        String version = null;
        int at = spec.lastIndexOf('@');
        if (at > 0 && !spec.substring(at).contains("/")) {
            name = spec.substring(0, at);
            version = spec.substring(at + 1);
        }
        addPackage(name, version);
    }

    /** Every file to write, in the order found; a path named twice keeps its last content. */
    public List<BoardFile> files() {
        return new ArrayList<>(files.values());
    }

    private void addPackage(String pkg, String version) throws MipException {
        if (!seen.add(pkg)) {
            return;
        }
        String json;
        if (MipSource.isUrl(pkg)) {
            if (pkg.endsWith(".py") || pkg.endsWith(".mpy")) {
                log.accept("Downloading " + pkg + " to " + target);
                String url = rewrite(pkg, version);
                put(target + "/" + pkg.substring(pkg.lastIndexOf('/') + 1), fetcher.fetch(url, "file"), null);
                return;
            }
            json = pkg.endsWith(".json") ? pkg : (pkg.endsWith("/") ? pkg : pkg + "/") + "package.json";
            log.accept("Installing " + json + " to " + target);
        } else if (pkg.endsWith(".json")) {
            json = pkg;
            log.accept("Installing " + json + " to " + target);
        } else {
            if (version == null || version.isEmpty()) {
                version = "latest";
            }
            log.accept("Installing " + pkg + " (" + version + ") from " + sources.index() + " to " + target);
            json = sources.index() + "/package/" + mpyVersion + "/" + pkg + "/" + version + ".json";
        }
        addJson(json, version);
    }

    private void addJson(String json, String version) throws MipException {
        String base;
        byte[] data;
        if (MipSource.isUrl(json)) {
            data = fetcher.fetch(rewrite(json, version), "package");
            base = json.substring(0, Math.max(0, json.lastIndexOf('/')));
        } else {
            data = fetcher.fetch(json, "package");
            Path parent = Path.of(json).getParent();
            base = parent == null ? "" : parent.toString();
        }
        PackageJson whole = PackageJson.parse(data, json);
        addFiles(whole, json, base, version);
        PackageJson forBoard = arch == NativeArch.NONE ? null : whole.arch().get(arch.marchName());
        if (forBoard != null) {
            log.accept("Native code for " + arch.marchName());
            addFiles(forBoard, json, base, version);
        }
    }

    private void addFiles(PackageJson p, String json, String base, String version) throws MipException {
        for (PackageJson.Pair h : p.hashes()) {
            String hash = h.second();
            if (hash == null || hash.length() < 2) {
                throw new MipException("bad package description " + json + ": a hash is missing for " + h.first());
            }
            String url = sources.index() + "/file/" + hash.substring(0, 2) + "/" + hash;
            byte[] content = fetcher.fetch(url, "file");
            String actual = sha256(content);
            if (!actual.startsWith(hash.toLowerCase())) {
                throw new MipException("hash mismatch for " + target + "/" + h.first() + ": the index says " + hash
                        + ", " + url + " has " + actual.substring(0, Math.min(actual.length(), hash.length()))
                        + "; nothing was installed");
            }
            put(target + "/" + h.first(), content, hash.toLowerCase());
        }
        for (PackageJson.Pair u : p.urls()) {
            String url = u.second();
            if (url == null) {
                throw new MipException("bad package description " + json + ": a URL is missing for " + u.first());
            }
            if (!base.isEmpty() && !MipSource.isUrl(url)) {
                url = base + "/" + url;
            }
            put(target + "/" + u.first(), fetcher.fetch(rewrite(url, version), "file"), null);
        }
        for (PackageJson.Pair d : p.deps()) {
            addPackage(d.first(), d.second());
        }
    }

    private void put(String path, byte[] data, String hash) throws MipException {
        if (path.endsWith(".mpy") && data.length >= 4 && data[0] == 'M' && (data[2] & 3) == MpyHeader.SUB_VERSION) {
            NativeArch code = NativeArch.ofCode((data[2] & 0xff) >> 2 & 0xf).orElse(NativeArch.NONE);
            if (code != NativeArch.NONE && code != arch) {
                throw new MipException(path + " holds machine code for " + code.marchName() + ", the board "
                        + (arch == NativeArch.NONE ? "runs no machine code" : "is " + arch.marchName())
                        + "; nothing was installed");
            }
        }
        files.remove(path);
        files.put(path, new BoardFile(path, data, hash));
    }

    private String rewrite(String url, String version) {
        return MipSource.rewrite(url, version, sources.githubRaw(), sources.gitlab());
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
