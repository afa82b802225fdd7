package dev.mpt.compiler.thumb;

import dev.mpt.compiler.inlineasm.AsmNode;
import dev.mpt.compiler.inlineasm.AsmStatement;
import dev.mpt.compiler.inlineasm.InlineAsmFunction;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test scaffolding standing in for the compiler's adapter: reads one small inline-assembler
 * function written as Python text (one {@code def} on one line, one statement per line or a
 * call spread over lines by its parentheses) into an {@link InlineAsmFunction}. Lines count
 * from 1 at the first line of the text, as in a source file.
 */
final class AsmText {

    private static final Pattern DEF = Pattern.compile("def\\s+\\w+\\((.*)\\)\\s*(?:->\\s*(.*?))?\\s*:\\s*");
    private static final Pattern CALL = Pattern.compile("([A-Za-z_]\\w*)\\((.*)\\)", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("[A-Za-z_]\\w*");
    private static final Pattern INT = Pattern.compile("-?(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|[0-9][0-9_]*)");

    private AsmText() {
    }

    static InlineAsmFunction parse(String text) {
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (lines[i].isBlank() || lines[i].trim().startsWith("@")) {
            i++;
        }
        Matcher def = DEF.matcher(lines[i].trim());
        if (!def.matches()) {
            throw new IllegalArgumentException("not a def line: " + lines[i]);
        }
        int defLine = i + 1;
        List<AsmNode> params = new ArrayList<>();
        for (String p : split(def.group(1))) {
            params.add(NAME.matcher(p).matches() ? AsmNode.id(p) : new AsmNode.Other(p));
        }
        AsmNode annotation = null;
        int annotationLine = 0;
        if (def.group(2) != null) {
            annotation = node(def.group(2));
            if (annotation instanceof AsmNode.Other) {
                annotationLine = defLine;
            }
        }
        List<AsmStatement> body = new ArrayList<>();
        for (i++; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            int line = i + 1;
            StringBuilder stmt = new StringBuilder(lines[i].trim());
            while (depth(stmt) > 0 && i + 1 < lines.length) {
                stmt.append(' ').append(lines[++i].trim());
            }
            String s = stmt.toString();
            Matcher call = CALL.matcher(s);
            if (s.equals("pass")) {
                body.add(new AsmStatement.Pass(line));
            } else if (call.matches() && depth(call.group(2)) == 0 && balancedAtEnd(call.group(2))) {
                List<AsmNode> args = new ArrayList<>();
                for (String a : split(call.group(2))) {
                    args.add(node(a));
                }
                body.add(new AsmStatement.Call(line, line, call.group(1), args));
            } else {
                body.add(new AsmStatement.NotInstruction(line));
            }
        }
        return new InlineAsmFunction(defLine, params, annotation, annotationLine, body);
    }

    /** One argument, mapped the way the compiler's adapter maps parse nodes. */
    static AsmNode node(String a) {
        a = a.trim();
        if (NAME.matcher(a).matches()) {
            return AsmNode.id(a);
        }
        if (INT.matcher(a).matches()) {
            return AsmNode.integer(parseInt(a));
        }
        if (a.startsWith("[") && a.endsWith("]") && balancedAtEnd(a.substring(1, a.length() - 1))) {
            List<AsmNode> items = new ArrayList<>();
            for (String x : split(a.substring(1, a.length() - 1))) {
                items.add(node(x));
            }
            return new AsmNode.Bracket(items);
        }
        if (a.startsWith("{") && a.endsWith("}") && a.length() > 2 && !a.contains(":")) {
            List<AsmNode> items = new ArrayList<>();
            for (String x : split(a.substring(1, a.length() - 1))) {
                items.add(node(x));
            }
            return new AsmNode.Brace(items);
        }
        return new AsmNode.Other(a);
    }

    private static BigInteger parseInt(String a) {
        boolean neg = a.startsWith("-");
        String s = (neg ? a.substring(1) : a).replace("_", "").toLowerCase();
        BigInteger v;
        if (s.startsWith("0x")) {
            v = new BigInteger(s.substring(2), 16);
        } else if (s.startsWith("0b")) {
            v = new BigInteger(s.substring(2), 2);
        } else if (s.startsWith("0o")) {
            v = new BigInteger(s.substring(2), 8);
        } else {
            v = new BigInteger(s);
        }
        return neg ? v.negate() : v;
    }

    /** Splits at commas outside brackets; an empty or blank string gives no items. */
    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        if (s.isBlank()) {
            return out;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(s.substring(start, i).trim());
                start = i + 1;
            }
        }
        String last = s.substring(start).trim();
        if (!last.isEmpty()) {
            out.add(last);
        }
        return out;
    }

    private static int depth(CharSequence s) {
        int d = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                d++;
            } else if (c == ')' || c == ']' || c == '}') {
                d--;
            }
        }
        return d;
    }

    /** True when brackets never close below depth 0 (so "a)(b" is not one argument list). */
    private static boolean balancedAtEnd(String s) {
        int d = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                d++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (--d < 0) {
                    return false;
                }
            }
        }
        return d == 0;
    }
}
