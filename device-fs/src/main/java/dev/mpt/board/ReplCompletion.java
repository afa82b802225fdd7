package dev.mpt.board;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tab completion of the friendly REPL, as MicroPython's {@code py/repl.c} does it: the
 * dotted name before the cursor ({@code sys.imp}) is looked up link by link from
 * {@code __main__}; one match, or several sharing a longer prefix, complete inline; several
 * others are listed in 16-column slots, at most 64 columns a row, after a line break.
 * Names starting with "_" are offered only once something has been typed. After
 * {@code import } the built-in modules are offered, and a first word that begins
 * {@code import} completes to it.
 */
public final class ReplCompletion {
    private static final String IMPORT = "import ";
    private static final int SLOT = 16;
    private static final int ROW = 4 * SLOT;

    private ReplCompletion() {
    }

    /** What a Tab press gives. */
    public sealed interface Result {
        /** Nothing to insert, nothing printed. */
        record None() implements Result {
        }

        /** Text to insert at the cursor. */
        record Insert(String text) implements Result {
        }

        /** Several names: {@code listing} is to be printed, then the prompt and line again. */
        record Listing(String listing) implements Result {
        }
    }

    /**
     * Completes {@code typed}, the current line's text up to the cursor.
     *
     * @return what to insert, or the listing to print (lines ended by "\n", starting with one)
     */
    public static Result complete(String typed, CompletionSource source) {
        int start = typed.length();
        while (start > 0 && isNameChar(typed.charAt(start - 1))) {
            start--;
        }
        String dotted = typed.substring(start);
        int lastDot = dotted.lastIndexOf('.');
        String partial = dotted.substring(lastDot + 1);
        List<String> chain = lastDot < 0 ? List.of() : List.of(dotted.substring(0, lastDot).split("\\.", -1));
        List<String> names;
        if (chain.stream().anyMatch(String::isEmpty)) {
            return new Result.None();
        }
        Optional<List<String>> found = source.names(chain);
        if (found.isEmpty()) {
            return new Result.None();
        }
        names = found.get();
        if (typed.startsWith(IMPORT)) {
            names = source.builtinModules();
        }

        List<String> matches = new ArrayList<>();
        for (String name : names) {
            if (partial.isEmpty() && name.startsWith("_")) {
                continue;
            }
            if (name.startsWith(partial)) {
                matches.add(name);
            }
        }
        if (matches.isEmpty()) {
            boolean firstWord = start == 0 && lastDot < 0;
            if (firstWord && !partial.isEmpty() && partial.length() < IMPORT.length() && IMPORT.startsWith(partial)) {
                return new Result.Insert(IMPORT.substring(partial.length()));
            }
            return new Result.None();
        }
        String common = matches.get(0);
        for (String m : matches) {
            int n = partial.length();
            while (n < common.length() && n < m.length() && common.charAt(n) == m.charAt(n)) {
                n++;
            }
            common = common.substring(0, n);
        }
        if (matches.size() == 1 || common.length() > partial.length()) {
            String rest = common.substring(partial.length());
            return rest.isEmpty() ? new Result.None() : new Result.Insert(rest);
        }
        return new Result.Listing(columns(matches));
    }

    /** The names in rows of 16-column slots, as firmware prints them. */
    static String columns(List<String> names) {
        StringBuilder out = new StringBuilder();
        int used = ROW; // the first name starts a new row
        for (String name : names) {
            int gap = (used + SLOT - 1) / SLOT * SLOT - used;
            if (gap < 2) {
                gap += SLOT;
            }
            if (used + gap + name.length() <= ROW) {
                out.append(" ".repeat(gap)).append(name);
                used += gap + name.length();
            } else {
                out.append('\n').append(name);
                used = name.length();
            }
        }
        return out.append('\n').toString();
    }

    private static boolean isNameChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.');
    }
}
