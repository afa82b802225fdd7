package dev.mpt.board;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TEST ENGINE — NOT PYTHON. A stand-in for the compiler + VM so the REPL protocol can be
 * tested before they exist. It understands, one statement per line:
 *
 * <pre>
 *   print(LIT)          print(LIT * N)       print(NAME)      print(repr(LIT|NAME))
 *   NAME = LIT          NAME                 (a bare name or literal in the friendly REPL prints its repr)
 *   raise NAME          raise NAME('text')
 *   sleep(SECONDS)      spin()               (wait / busy-wait; both stop with KeyboardInterrupt on Ctrl-C)
 *   soft_reset()        hard_reset()         engine_bug() (the engine itself throws)
 *   echo_stdin(N)       (reads N bytes of stdin and prints them)
 *   for/if/def blocks   (accepted and ignored, so friendly-REPL continuation can be exercised)
 * </pre>
 *
 * LIT is an int or a '...'/"..." string without escapes. Anything else is a SyntaxError.
 * Its "files" (boot.py, main.py) are set with {@link #putFile}.
 */
final class TestEngine implements BoardEngine {
    private static final Pattern PRINT = Pattern.compile("print\\((.*)\\)");
    private static final Pattern TIMES = Pattern.compile("(.+?)\\s*\\*\\s*(\\d+)");
    private static final Pattern REPR = Pattern.compile("repr\\((.*)\\)");
    private static final Pattern ASSIGN = Pattern.compile("([A-Za-z_]\\w*)\\s*=\\s*(.+)");
    private static final Pattern RAISE = Pattern.compile("raise\\s+([A-Za-z_]\\w*)(?:\\((?:'([^']*)'|\"([^\"]*)\")?\\))?");
    private static final Pattern CALL = Pattern.compile("([a-z_]+)\\(([^)]*)\\)");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_]\\w*");

    private final Map<String, Object> globals = new HashMap<>();
    private final Map<String, String> files = new ConcurrentHashMap<>();
    private volatile boolean interrupted;

    void putFile(String path, String content) {
        files.put(path, content);
    }

    @Override
    public Optional<String> readFile(String path) {
        return Optional.ofNullable(files.get(path));
    }

    @Override
    public void interrupt() {
        interrupted = true;
    }

    @Override
    public void clearInterrupt() {
        interrupted = false;
    }

    @Override
    public void reset() {
        globals.clear();
    }

    /** Raised inside execute to end it with a traceback. */
    private static final class Raise extends Exception {
        final String type;
        final String message;
        final int line;

        Raise(String type, String message, int line) {
            super(type, null, false, false);
            this.type = type;
            this.message = message;
            this.line = line;
        }
    }

    @Override
    public Outcome execute(String source, InputKind kind, String sourceName, Console console) {
        String[] lines = joinBrackets(source.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
        int lineNo = 0;
        try {
            boolean inBlock = false;
            for (String raw : lines) {
                lineNo++;
                if (interrupted) {
                    throw new Raise("KeyboardInterrupt", "", lineNo);
                }
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (inBlock && Character.isWhitespace(raw.charAt(0))) {
                    continue;
                }
                inBlock = false;
                if (line.matches("(for|if|def|while|class|with|try)\\b.*:")) {
                    inBlock = true;
                    continue;
                }
                Outcome special = statement(line, kind, console, lineNo);
                if (special != null) {
                    return special;
                }
            }
            return Outcome.OK;
        } catch (Raise r) {
            StringBuilder tb = new StringBuilder();
            if (r.type.equals("SyntaxError")) {
                tb.append("Traceback (most recent call last):\n  File \"").append(sourceName).append("\", line ")
                        .append(r.line).append("\nSyntaxError: invalid syntax\n");
            } else {
                tb.append("Traceback (most recent call last):\n  File \"").append(sourceName).append("\", line ")
                        .append(r.line).append(", in <module>\n").append(r.type);
                tb.append(r.message.isEmpty() && !r.type.equals("KeyboardInterrupt") ? "" : ": " + r.message);
                tb.append('\n');
            }
            return new Outcome.Raised(tb.toString());
        }
    }

    /** Joins a line with an unclosed '(' to the lines after it (keeping the line count for tracebacks). */
    private static String[] joinBrackets(String[] lines) {
        String[] out = new String[lines.length];
        StringBuilder pending = null;
        int depth = 0;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            for (char c : l.toCharArray()) {
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            }
            if (pending == null) {
                pending = new StringBuilder(l);
            } else {
                pending.append(l.strip());
                out[i - 1] = "";
            }
            if (depth <= 0 || i == lines.length - 1) {
                out[i] = pending.toString();
                pending = null;
                depth = 0;
            }
        }
        return out;
    }

    private Outcome statement(String line, InputKind kind, Console console, int lineNo) throws Raise {
        Matcher m;
        if ((m = PRINT.matcher(line)).matches()) {
            console.print(str(value(m.group(1), lineNo)) + "\n");
            return null;
        }
        if ((m = RAISE.matcher(line)).matches()) {
            String msg = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : "";
            throw new Raise(m.group(1), msg, lineNo);
        }
        if ((m = ASSIGN.matcher(line)).matches()) {
            globals.put(m.group(1), value(m.group(2), lineNo));
            return null;
        }
        if ((m = CALL.matcher(line)).matches()) {
            String arg = m.group(2).strip();
            switch (m.group(1)) {
                case "sleep" -> {
                    long end = System.nanoTime() + (long) (Double.parseDouble(arg) * 1e9);
                    while (System.nanoTime() < end) {
                        if (interrupted) {
                            throw new Raise("KeyboardInterrupt", "", lineNo);
                        }
                        pause();
                    }
                    return null;
                }
                case "spin" -> {
                    while (!interrupted) {
                        Thread.onSpinWait();
                    }
                    throw new Raise("KeyboardInterrupt", "", lineNo);
                }
                case "soft_reset" -> {
                    return new Outcome.SoftReset();
                }
                case "hard_reset" -> {
                    return new Outcome.HardReset();
                }
                case "engine_bug" -> throw new IllegalStateException("bug in the engine");
                case "echo_stdin" -> {
                    int n = Integer.parseInt(arg);
                    byte[] got = new byte[n];
                    for (int i = 0; i < n; i++) {
                        int b = console.read(Duration.ofSeconds(2));
                        if (b < 0) {
                            throw new Raise("OSError", "stdin timed out", lineNo);
                        }
                        got[i] = (byte) b;
                    }
                    console.print(new String(got, StandardCharsets.ISO_8859_1) + "\n");
                    return null;
                }
                default -> throw new Raise("NameError", "name '" + m.group(1) + "' isn't defined", lineNo);
            }
        }
        Object v = value(line, lineNo);
        if (kind == InputKind.SINGLE) {
            console.print(repr(v) + "\n");
        }
        return null;
    }

    private Object value(String expr, int lineNo) throws Raise {
        String e = expr.strip();
        Matcher m;
        if ((m = REPR.matcher(e)).matches()) {
            return repr(value(m.group(1), lineNo));
        }
        if ((m = TIMES.matcher(e)).matches()) {
            Object base = value(m.group(1), lineNo);
            int n = Integer.parseInt(m.group(2));
            if (base instanceof String s) {
                return s.repeat(n);
            }
            return (Integer) base * n;
        }
        if (e.matches("-?\\d+")) {
            return Integer.parseInt(e);
        }
        if (e.length() >= 2 && (e.startsWith("'") && e.endsWith("'") || e.startsWith("\"") && e.endsWith("\""))
                && e.substring(1, e.length() - 1).indexOf(e.charAt(0)) < 0) {
            return e.substring(1, e.length() - 1);
        }
        if (NAME.matcher(e).matches()) {
            if (!globals.containsKey(e)) {
                throw new Raise("NameError", "name '" + e + "' isn't defined", lineNo);
            }
            return globals.get(e);
        }
        throw new Raise("SyntaxError", "", lineNo);
    }

    private static String str(Object v) {
        return String.valueOf(v);
    }

    private static String repr(Object v) {
        return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
    }

    private static void pause() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
