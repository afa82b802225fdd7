package dev.mpt.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Code run on the board raised an exception that it did not catch. Carries the board's
 * traceback as printed, the exception's type name and message, and what the code printed
 * before it raised.
 */
public class ExecException extends Exception {
    private final String exceptionType;
    private final String exceptionMessage;
    private final String traceback;
    private final byte[] stdout;

    public ExecException(String traceback, byte[] stdout) {
        super(summary(traceback));
        this.traceback = traceback;
        this.stdout = stdout.clone();
        String last = lastLine(traceback);
        int colon = last.indexOf(':');
        String type = colon >= 0 ? last.substring(0, colon) : last;
        if (type.isEmpty() || !type.chars().allMatch(c -> Character.isJavaIdentifierPart(c) || c == '.')) {
            this.exceptionType = "";
            this.exceptionMessage = last;
        } else {
            this.exceptionType = type;
            this.exceptionMessage = colon >= 0 ? last.substring(colon + 1).strip() : "";
        }
    }

    /** Builds one from the bytes the board sent between the two end markers. */
    public static ExecException fromStderr(byte[] stderr, byte[] stdout) {
        return new ExecException(normalize(stderr), stdout);
    }

    static String normalize(byte[] text) {
        return new String(text, StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    private static String lastLine(String traceback) {
        List<String> lines = traceback.strip().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
    }

    private static String summary(String traceback) {
        String last = lastLine(traceback);
        return last.isEmpty() ? "the board reported an error" : last;
    }

    /** "ValueError", "KeyboardInterrupt", "OSError"; "" when the last line names no type. */
    public String exceptionType() {
        return exceptionType;
    }

    /** The text after the type: "name 'x' isn't defined"; may be "". */
    public String exceptionMessage() {
        return exceptionMessage;
    }

    /** The whole traceback as the board printed it, with "\n" line ends. */
    public String traceback() {
        return traceback;
    }

    /** What the code printed to stdout before raising. */
    public byte[] stdout() {
        return stdout.clone();
    }

    public boolean isKeyboardInterrupt() {
        return exceptionType.equals("KeyboardInterrupt");
    }
}
