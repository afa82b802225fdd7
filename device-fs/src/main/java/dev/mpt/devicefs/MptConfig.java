package dev.mpt.devicefs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * mpt's configuration: the user's file ({@code $XDG_CONFIG_HOME/mpt/config.toml}, else
 * {@code ~/.config/mpt/config.toml}), then the project's {@code .mpt.toml} (the first found
 * in the working directory or its parents), the project's settings winning. A small TOML
 * subset:
 *
 * <pre>
 * device = "/dev/ttyACM0"          # the board when neither -d nor MPT_DEVICE names one
 * [shortcuts]
 * hello = "exec \"print('hello')\""  # words split as a shell does
 * deploy = ["sync", "src", ":", "+", "reset"]
 * </pre>
 */
public final class MptConfig {
    /** A value and the file it came from. */
    public record Setting<T>(T value, Path from) {}

    /** The project file's name. */
    public static final String PROJECT_FILE = ".mpt.toml";

    private static final ThreadLocal<MptConfig> CURRENT = new ThreadLocal<>();

    private final List<Path> searched;
    private final List<Path> loaded = new ArrayList<>();
    private Setting<String> device;
    private final Map<String, Setting<List<String>>> shortcuts = new LinkedHashMap<>();

    private MptConfig(List<Path> searched) {
        this.searched = searched;
    }

    /** No configuration at all. */
    public static MptConfig empty() {
        return new MptConfig(List.of());
    }

    /** The configuration for a command run in {@code workDir}, with the user's file in {@code userConfigDir}. */
    public static MptConfig load(Path workDir, Path userConfigDir) throws IOException {
        Path user = userConfigDir == null ? null : userConfigDir.resolve("mpt").resolve("config.toml");
        Path project = null;
        for (Path d = workDir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(PROJECT_FILE))) {
                project = d.resolve(PROJECT_FILE);
                break;
            }
        }
        List<Path> searched = new ArrayList<>();
        if (user != null) {
            searched.add(user);
        }
        searched.add(workDir.toAbsolutePath().normalize().resolve(PROJECT_FILE));
        MptConfig c = new MptConfig(searched);
        if (user != null && Files.isRegularFile(user)) {
            c.read(user);
        }
        if (project != null) {
            c.read(project);
        }
        return c;
    }

    /** The configuration for this process: working directory and the user's config directory from the environment. */
    public static MptConfig forThisProcess() throws IOException {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path userDir = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return load(Path.of(System.getProperty("user.dir")), userDir);
    }

    /** The configuration of the command running on this thread (empty outside {@code mpt}). */
    public static MptConfig current() {
        MptConfig c = CURRENT.get();
        return c == null ? empty() : c;
    }

    public static void setCurrent(MptConfig c) {
        if (c == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(c);
        }
    }

    /** The default device, if a file names one. */
    public Setting<String> device() {
        return device;
    }

    /** Shortcut name → the arguments it stands for. */
    public Map<String, Setting<List<String>>> shortcuts() {
        return shortcuts;
    }

    /** The files read, user's first. */
    public List<Path> loaded() {
        return loaded;
    }

    /** Where files were looked for (the user's file, and the project file from the working directory up). */
    public List<Path> searched() {
        return searched;
    }

    private void read(Path file) throws IOException {
        loaded.add(file);
        String section = "";
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int n = 0; n < lines.size(); n++) {
            String where = file + ":" + (n + 1) + ": ";
            String line = stripComment(lines.get(n)).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]")) {
                    throw new IOException(where + "a table header must end with ']'");
                }
                section = line.substring(1, line.length() - 1).strip();
                if (!section.equals("shortcuts")) {
                    throw new IOException(where + "unknown table [" + section + "] (mpt knows [shortcuts])");
                }
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IOException(where + "expected KEY = VALUE");
            }
            String key = unquoteKey(line.substring(0, eq).strip());
            String value = line.substring(eq + 1).strip();
            if (section.isEmpty()) {
                if (!key.equals("device")) {
                    throw new IOException(where + "unknown setting '" + key + "' (mpt knows device)");
                }
                device = new Setting<>(string(value, where), file);
            } else {
                List<String> args = value.startsWith("[") ? array(value, where) : words(string(value, where), where);
                if (args.isEmpty()) {
                    throw new IOException(where + "shortcut '" + key + "' is empty");
                }
                shortcuts.put(key, new Setting<>(List.copyOf(args), file));
            }
        }
    }

    private static String stripComment(String line) {
        boolean inString = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inString) {
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote) {
                    inString = false;
                }
            } else if (c == '"' || c == '\'') {
                inString = true;
                quote = c;
            } else if (c == '#') {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static String unquoteKey(String key) {
        if (key.length() >= 2 && (key.startsWith("\"") && key.endsWith("\"") || key.startsWith("'") && key.endsWith("'"))) {
            return key.substring(1, key.length() - 1);
        }
        return key;
    }

    /** A TOML basic ("…", with escapes) or literal ('…') string that is the whole of {@code v}. */
    private static String string(String v, String where) throws IOException {
        int[] end = new int[1];
        String s = stringAt(v, 0, end, where);
        if (end[0] != v.length()) {
            throw new IOException(where + "unexpected text after the string");
        }
        return s;
    }

    private static String stringAt(String v, int start, int[] end, String where) throws IOException {
        if (start >= v.length() || (v.charAt(start) != '"' && v.charAt(start) != '\'')) {
            throw new IOException(where + "expected a quoted string");
        }
        char q = v.charAt(start);
        StringBuilder b = new StringBuilder();
        for (int i = start + 1; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == q) {
                end[0] = i + 1;
                return b.toString();
            }
            if (c == '\\' && q == '"' && i + 1 < v.length()) {
                char e = v.charAt(++i);
                b.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> e;
                });
            } else {
                b.append(c);
            }
        }
        throw new IOException(where + "unterminated string");
    }

    private static List<String> array(String v, String where) throws IOException {
        List<String> out = new ArrayList<>();
        int i = 1;
        int[] end = new int[1];
        while (true) {
            while (i < v.length() && (Character.isWhitespace(v.charAt(i)) || v.charAt(i) == ',')) {
                i++;
            }
            if (i < v.length() && v.charAt(i) == ']') {
                if (i + 1 != v.length()) {
                    throw new IOException(where + "unexpected text after the array");
                }
                return out;
            }
            out.add(stringAt(v, i, end, where));
            i = end[0];
        }
    }

    /** Splits a command line into words as a POSIX shell does with quotes (no expansions). */
    static List<String> words(String s, String where) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder w = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                if (w != null) {
                    out.add(w.toString());
                    w = null;
                }
                continue;
            }
            if (w == null) {
                w = new StringBuilder();
            }
            if (c == '\'') {
                int j = s.indexOf('\'', i + 1);
                if (j < 0) {
                    throw new IOException(where + "unterminated ' in shortcut");
                }
                w.append(s, i + 1, j);
                i = j;
            } else if (c == '"') {
                int j = i + 1;
                for (; j < s.length() && s.charAt(j) != '"'; j++) {
                    if (s.charAt(j) == '\\' && j + 1 < s.length()) {
                        j++;
                    }
                    w.append(s.charAt(j));
                }
                if (j >= s.length()) {
                    throw new IOException(where + "unterminated \" in shortcut");
                }
                i = j;
            } else if (c == '\\' && i + 1 < s.length()) {
                w.append(s.charAt(++i));
            } else {
                w.append(c);
            }
        }
        if (w != null) {
            out.add(w.toString());
        }
        return out;
    }
}
