package dev.mpt.devicefs;

import dev.mpt.protocol.BoardException;
import dev.mpt.protocol.ExecException;
import dev.mpt.protocol.RawRepl;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Short pieces of MicroPython run on the board for an operation on a path: what they print
 * comes back as text, and an exception they raise becomes one {@link RemoteFsException}
 * line naming the path and the reason ({@code OSError}s by their errno). Also says once per
 * connection whether the board has a module ({@code binascii}, {@code hashlib},
 * {@code deflate}…), so callers pick the code the firmware can run.
 */
public final class RemoteCode {
    private final RawRepl repl;
    private final Map<String, Boolean> modules = new HashMap<>();

    public RemoteCode(RawRepl repl) {
        this.repl = repl;
    }

    /** The raw REPL the code runs in. */
    public RawRepl repl() {
        return repl;
    }

    /** Runs code for an operation on {@code path} ("" for none) and returns what it printed. */
    public String run(String path, String code) throws RemoteFsException, BoardException {
        try {
            return repl.exec(code).stdoutText();
        } catch (ExecException e) {
            throw translate(path, e);
        }
    }

    /** Runs clean-up code, ignoring what it raises (the original failure is what matters). */
    public void quietly(String code) {
        try {
            repl.exec(code);
        } catch (ExecException | BoardException ignored) {
            // best effort
        }
    }

    /** Records what a program that also did something else found out about a module. */
    void known(String module, boolean present) {
        modules.put(module, present);
    }

    /**
     * Whether the board can import {@code module} (asked once, then remembered). The answer
     * names the module the board tried, so code garbled on a noisy line (which could import a
     * misspelt name and say "no") is asked again rather than believed: what depends on this
     * (verification by SHA-256) must not be turned off by a bad byte.
     */
    public boolean has(String module) throws RemoteFsException, BoardException {
        Boolean known = modules.get(module);
        for (int attempt = 0; known == null; attempt++) {
            String answer = run("", "_mpt_n=" + PyLiteral.str(module) + "\ntry:\n __import__(_mpt_n)\n print('Y',_mpt_n)\n"
                    + "except ImportError:\n print('N',_mpt_n)\ndel _mpt_n\n").strip();
            if (answer.equals("Y " + module) || answer.equals("N " + module)) {
                known = answer.charAt(0) == 'Y';
                modules.put(module, known);
            } else if (attempt >= 2) {
                throw new BoardException(BoardException.Kind.PROTOCOL,
                        "garbled answer from the board while asking for module " + module + ": " + answer);
            }
        }
        return known;
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

}
