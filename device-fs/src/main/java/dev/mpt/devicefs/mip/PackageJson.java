package dev.mpt.devicefs.mip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A package description ({@code package.json}, or an index's {@code VERSION.json}): files
 * fetched from the index by short SHA-256 ({@code hashes}), files fetched from URLs
 * ({@code urls}, relative to the description's own URL), and other packages ({@code deps}).
 */
record PackageJson(List<Pair> hashes, List<Pair> urls, List<Pair> deps, String version,
        Map<String, PackageJson> arch) {
    /** A two-element entry: target path and hash, target path and URL, or package and version (may be null). */
    record Pair(String first, String second) {}

    static PackageJson parse(byte[] data, String source) throws MipException {
        Object v;
        try {
            v = JsonText.parse(new String(data, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new MipException("bad package description " + source + ": " + e.getMessage());
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new MipException("bad package description " + source + ": not a JSON object");
        }
        return of(m, source, true);
    }

    /**
     * The description in {@code m}; with {@code top}, also its {@code arch} object: for each
     * native architecture name ({@code mpy-cross -march=}), more {@code urls}, {@code hashes}
     * and {@code deps} for boards of that architecture (mpt's addition: MicroPython's mip
     * ignores the key).
     */
    private static PackageJson of(Map<?, ?> m, String source, boolean top) throws MipException {
        Object version = m.get("version");
        Map<String, PackageJson> arch = new java.util.LinkedHashMap<>();
        Object a = m.get("arch");
        if (top && a != null) {
            if (!(a instanceof Map<?, ?> byArch)) {
                throw new MipException("bad package description " + source + ": 'arch' is not an object");
            }
            for (Map.Entry<?, ?> e : byArch.entrySet()) {
                if (!(e.getValue() instanceof Map<?, ?> one)) {
                    throw new MipException("bad package description " + source + ": 'arch' entry " + e.getKey()
                            + " is not an object");
                }
                arch.put(String.valueOf(e.getKey()), of(one, source, false));
            }
        }
        return new PackageJson(pairs(m, "hashes", source), pairs(m, "urls", source), pairs(m, "deps", source),
                version instanceof String s ? s : null, arch);
    }

    private static List<Pair> pairs(Map<?, ?> m, String key, String source) throws MipException {
        Object v = m.get(key);
        List<Pair> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof List<?> list)) {
            throw new MipException("bad package description " + source + ": '" + key + "' is not a list");
        }
        for (Object e : list) {
            if (!(e instanceof List<?> pair) || pair.isEmpty() || pair.size() > 2 || !(pair.get(0) instanceof String a)
                    || (pair.size() == 2 && pair.get(1) != null && !(pair.get(1) instanceof String))) {
                throw new MipException("bad package description " + source + ": '" + key
                        + "' entries must be pairs of strings");
            }
            out.add(new Pair(a, pair.size() == 2 ? (String) pair.get(1) : null));
        }
        return out;
    }
}
