package dev.mpt.devicefs;

/**
 * Paths on the board as commands write them: mpremote's {@code :} prefix marks a board path
 * where host and board paths meet ({@code cp}); "" and ":" mean the current directory ".".
 * Board paths use '/' and may be absolute ({@code /flash/lib}) or relative ({@code lib}).
 */
public final class BoardPath {
    private BoardPath() {}

    /** Whether a command-line argument names a path on the board (starts with ':'). */
    public static boolean isBoard(String arg) {
        return arg.startsWith(":");
    }

    /** The board path an argument names, with or without its ':' ("" becomes "."). */
    public static String of(String arg) {
        String p = isBoard(arg) ? arg.substring(1) : arg;
        return p.isEmpty() ? "." : p;
    }

    /** A path below {@code dir}; below "." it is just the name, as the board's walk reports it. */
    public static String join(String dir, String name) {
        if (dir.isEmpty() || dir.equals(".")) {
            return name;
        }
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    /** The path without a trailing '/' ("/" stays "/"). */
    public static String stripSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The last component: "lib/m.py" → "m.py", "/" → "". */
    public static String name(String path) {
        String p = stripSlash(path);
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** What paths found by a walk of {@code dir} start with: "" for ".", "/" for "/", else "dir/". */
    public static String prefix(String dir) {
        String d = stripSlash(dir);
        return d.equals(".") || d.isEmpty() ? "" : d.equals("/") ? "/" : d + "/";
    }

    /** {@code path} relative to {@code dir} (as a walk of {@code dir} reported it). */
    public static String relative(String dir, String path) {
        String prefix = prefix(dir);
        return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
    }
}
