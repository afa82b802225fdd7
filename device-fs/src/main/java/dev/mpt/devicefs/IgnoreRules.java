package dev.mpt.devicefs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which local files {@code mpt sync} leaves out, in gitignore syntax: the defaults, then the
 * lines of the {@code .mptignore} at the top of the synced directory, then each
 * {@code --exclude}. A pattern without a slash matches a name at any depth; one with a
 * slash (leading or inside) matches the path from the top; a trailing slash matches
 * directories only; {@code *}, {@code ?} and {@code [...]} stay within one name,
 * {@code **} spans directories; {@code !} takes a path back in; {@code #} starts a comment.
 * The last rule that matches decides, and a path in a left-out directory stays out.
 */
public final class IgnoreRules {
    /** The file of rules read from the top of a synced directory. */
    public static final String FILE_NAME = ".mptignore";

    private record Rule(Pattern regex, boolean negate, boolean dirOnly, String text) {}

    private final List<Rule> rules;

    private IgnoreRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Rules from lines of gitignore syntax, in order. */
    public static IgnoreRules of(List<String> lines) {
        List<Rule> rules = new ArrayList<>();
        for (String line : lines) {
            Rule r = parse(line);
            if (r != null) {
                rules.add(r);
            }
        }
        return new IgnoreRules(rules);
    }

    /**
     * The rules for syncing {@code localDir}: {@code defaults}, its {@code .mptignore} if
     * there is one, then {@code extra} ({@code --exclude}).
     */
    public static IgnoreRules forDirectory(Path localDir, List<String> defaults, List<String> extra)
            throws IOException {
        List<String> lines = new ArrayList<>(defaults);
        Path file = localDir.resolve(FILE_NAME);
        if (Files.isRegularFile(file)) {
            lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
        }
        lines.addAll(extra);
        return of(lines);
    }

    /**
     * Whether {@code relPath} ('/'-separated, relative to the top of the synced directory)
     * is left out, it or a directory above it.
     */
    public boolean ignored(String relPath, boolean isDir) {
        String[] parts = relPath.split("/");
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            if (i > 0) {
                prefix.append('/');
            }
            prefix.append(parts[i]);
            if (matches(prefix.toString(), true)) {
                return true;
            }
        }
        return matches(relPath, isDir);
    }

    /** Whether the rules themselves leave out this one path (its directories not asked). */
    private boolean matches(String path, boolean isDir) {
        boolean out = false;
        for (Rule r : rules) {
            if ((!r.dirOnly || isDir) && r.regex.matcher(path).matches()) {
                out = !r.negate;
            }
        }
        return out;
    }

    private static Rule parse(String line) {
        String p = line;
        if (p.startsWith("#") || p.isBlank()) {
            return null;
        }
        p = p.stripTrailing();
        if (p.startsWith("\\#") || p.startsWith("\\!")) {
            p = p.substring(1);
        }
        boolean negate = false;
        if (p.startsWith("!")) {
            negate = true;
            p = p.substring(1);
        }
        boolean dirOnly = false;
        while (p.endsWith("/") && p.length() > 1) {
            dirOnly = true;
            p = p.substring(0, p.length() - 1);
        }
        boolean anchored = p.contains("/");
        if (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.isEmpty()) {
            return null;
        }
        String regex = (anchored ? "" : "(?:.*/)?") + regexOf(p);
        return new Rule(Pattern.compile(regex, Pattern.DOTALL), negate, dirOnly, line);
    }

    /** The regular expression of one glob, matched against a whole '/'-separated path. */
    private static String regexOf(String glob) {
        StringBuilder re = new StringBuilder();
        int n = glob.length();
        for (int i = 0; i < n; i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < n && glob.charAt(i + 1) == '*') {
                boolean startOfName = i == 0 || glob.charAt(i - 1) == '/';
                boolean endOfName = i + 2 == n || glob.charAt(i + 2) == '/';
                if (startOfName && endOfName) {
                    if (i + 2 == n) {
                        re.append(".*"); // "a/**": everything inside
                    } else {
                        re.append("(?:.*/)?"); // "**/b" and "a/**/b": any number of directories
                        i++;
                    }
                    i++;
                    continue;
                }
                re.append("[^/]*");
                i++;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '[') {
                int end = glob.indexOf(']', i + 2);
                if (end < 0) {
                    re.append("\\[");
                    continue;
                }
                String body = glob.substring(i + 1, end);
                if (body.startsWith("!")) {
                    body = "^" + body.substring(1);
                }
                re.append('[').append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                i = end;
            } else if (c == '\\' && i + 1 < n) {
                re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }

    @Override
    public String toString() {
        return rules.stream().map(Rule::text).toList().toString();
    }
}
