package dev.mpt.devicefs.mip;

import java.util.Arrays;

/** Where mip fetches from: URL prefixes and the {@code github:} and {@code gitlab:} shortcuts. */
public final class MipSource {
    private MipSource() {}

    /** MicroPython's public package index. */
    public static final String DEFAULT_INDEX = "https://micropython.org/pi/v2";

    /** Whether {@code s} names something fetched over the network rather than a host path. */
    public static boolean isUrl(String s) {
        return s.startsWith("http://") || s.startsWith("https://") || s.startsWith("github:")
                || s.startsWith("gitlab:");
    }

    /** Where {@code github:} files are fetched from (raw content, a mirror may stand in). */
    public static final String GITHUB_RAW = "https://raw.githubusercontent.com";

    /** Where {@code gitlab:} files are fetched from. */
    public static final String GITLAB = "https://gitlab.com";

    /**
     * {@code github:ORG/REPO/PATH} and {@code gitlab:ORG/REPO/PATH} as raw-file URLs at
     * {@code branch} (HEAD when null or empty) below {@code githubRaw} and {@code gitlab};
     * other URLs unchanged.
     */
    public static String rewrite(String url, String branch, String githubRaw, String gitlab) {
        String b = branch == null || branch.isEmpty() ? "HEAD" : branch;
        boolean github = url.startsWith("github:");
        if (!github && !url.startsWith("gitlab:")) {
            return url;
        }
        String[] parts = url.substring(7).split("/", -1);
        if (parts.length < 2) {
            return url;
        }
        String rest = String.join("/", Arrays.asList(parts).subList(2, parts.length));
        return github
                ? strip(githubRaw) + "/" + parts[0] + "/" + parts[1] + "/" + b + "/" + rest
                : strip(gitlab) + "/" + parts[0] + "/" + parts[1] + "/-/raw/" + b + "/" + rest;
    }

    static String strip(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
