package dev.mpt.board;

/**
 * Decides, as MicroPython's REPL does, whether what was typed at {@code >>> } needs more
 * lines: an open bracket or triple quote, a trailing backslash, or a compound statement
 * (if/while/for/try/with/def/class/async/@decorator) whose last line is not yet empty.
 */
public final class ReplContinuation {
    private ReplContinuation() {
    }

    private static final String[] COMPOUND = {"if", "while", "for", "try", "with", "def", "class", "async"};

    public static boolean needsMore(String input) {
        if (input.isEmpty()) {
            return false;
        }
        boolean compound = input.charAt(0) == '@';
        for (String word : COMPOUND) {
            if (startsWithWord(input, word)) {
                compound = true;
            }
        }
        // quote state: none, inside '...', inside "...", inside '''...''', inside """..."""
        final int none = 0;
        final int single1 = 1;
        final int double1 = 2;
        final int single3 = 3;
        final int double3 = 4;
        int quote = none;
        int parens = 0;
        int brackets = 0;
        int braces = 0;
        int n = input.length();
        for (int i = 0; i < n; i++) {
            char c = input.charAt(i);
            boolean three = i + 2 < n && input.charAt(i + 1) == c && input.charAt(i + 2) == c;
            if (c == '\'') {
                if ((quote == none || quote == single3) && three) {
                    i += 2;
                    quote = quote == none ? single3 : none;
                } else if (quote == none || quote == single1) {
                    quote = quote == none ? single1 : none;
                }
            } else if (c == '"') {
                if ((quote == none || quote == double3) && three) {
                    i += 2;
                    quote = quote == none ? double3 : none;
                } else if (quote == none || quote == double1) {
                    quote = quote == none ? double1 : none;
                }
            } else if (c == '\\' && i + 1 < n && "'\"\\".indexOf(input.charAt(i + 1)) >= 0) {
                if (quote != none) {
                    i++;
                }
            } else if (quote == none) {
                switch (c) {
                    case '(' -> parens++;
                    case ')' -> parens--;
                    case '[' -> brackets++;
                    case ']' -> brackets--;
                    case '{' -> braces++;
                    case '}' -> braces--;
                    default -> {
                    }
                }
            }
        }
        if (quote == single3 || quote == double3) {
            return true;
        }
        if ((parens > 0 || brackets > 0 || braces > 0) && quote == none) {
            return true;
        }
        char last = input.charAt(n - 1);
        if (last == '\\') {
            return true;
        }
        return compound && last != '\n';
    }

    private static boolean startsWithWord(String s, String word) {
        if (!s.startsWith(word)) {
            return false;
        }
        return s.length() == word.length() || !Character.isLetterOrDigit(s.charAt(word.length())) && s.charAt(word.length()) != '_';
    }
}
