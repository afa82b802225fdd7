package dev.mpt.vm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** re: MicroPython's regular-expression subset, on java.util.regex. */
final class Re {
    private Re() {}

    static final PyType REGEX = new PyType("re", new PyType[] {Types.OBJECT}, true);
    static final PyType MATCH = new PyType("match", new PyType[] {Types.OBJECT}, true);

    static final class Regex implements PyObject {
        final Pattern p;
        final boolean bytes;

        Regex(Pattern p, boolean bytes) {
            this.p = p;
            this.bytes = bytes;
        }

        public PyType type() {
            return REGEX;
        }
    }

    static final class Match implements PyObject {
        final Matcher m;
        final boolean bytes;
        final String subject;

        Match(Matcher m, boolean bytes, String subject) {
            this.m = m;
            this.bytes = bytes;
            this.subject = subject;
        }

        public PyType type() {
            return MATCH;
        }

        Object group(int i) {
            if (i < 0 || i > m.groupCount()) {
                throw Ops.indexError("group index out of range");
            }
            String g = m.group(i);
            if (g == null) {
                return PyNone.NONE;
            }
            return bytes ? new PyBytes(Strs.latin1(g)) : g;
        }
    }

    private static String text(Object o) {
        return o instanceof String s ? s : Strs.fromLatin1(Ops.bytesOf(o));
    }

    static Regex compile(Object pattern, long flags) {
        if (pattern instanceof Regex r) {
            return r;
        }
        try {
            int f = (flags & 2) != 0 ? Pattern.CASE_INSENSITIVE : 0;
            if ((flags & 16) != 0) {
                f |= Pattern.MULTILINE;
            }
            return new Regex(Pattern.compile(text(pattern), f), !(pattern instanceof String));
        } catch (PatternSyntaxException e) {
            throw Ops.valueError("Error in regex");
        }
    }

    private static Object match(Regex r, Object s, boolean anchored, int pos) {
        String t = text(s);
        Matcher m = r.p.matcher(t);
        if (pos > 0) {
            m.region(Math.min(pos, t.length()), t.length());
        }
        boolean ok = anchored ? m.lookingAt() : m.find();
        return ok ? new Match(m, !(s instanceof String), t) : PyNone.NONE;
    }

    private static Object sub(Regex r, Object repl, Object s, long count) {
        String t = text(s);
        Matcher m = r.p.matcher(t);
        StringBuilder sb = new StringBuilder();
        int last = 0;
        long n = 0;
        while ((count <= 0 || n < count) && m.find()) {
            sb.append(t, last, m.start());
            if (repl instanceof String || repl instanceof PyBytes) {
                String rs = text(repl);
                for (int i = 0; i < rs.length(); i++) {
                    char c = rs.charAt(i);
                    if (c == '\\' && i + 1 < rs.length()) {
                        char d = rs.charAt(++i);
                        if (Character.isDigit(d)) {
                            int g = d - '0';
                            if (g > m.groupCount()) {
                                throw Ops.error(Types.INDEX_ERROR, "group index out of range");
                            }
                            String gs = m.group(g);
                            sb.append(gs == null ? "" : gs);
                        } else if (d == 'g' && i + 1 < rs.length() && rs.charAt(i + 1) == '<') {
                            int close = rs.indexOf('>', i);
                            int g = Integer.parseInt(rs.substring(i + 2, close));
                            String gs = m.group(g);
                            sb.append(gs == null ? "" : gs);
                            i = close;
                        } else if (d == 'n') {
                            sb.append('\n');
                        } else {
                            sb.append('\\').append(d);
                        }
                    } else {
                        sb.append(c);
                    }
                }
            } else {
                sb.append(text(Ops.call(repl, new Match(m, !(s instanceof String), t))));
            }
            last = m.end();
            n++;
            if (m.end() == m.start()) {
                if (m.end() < t.length()) {
                    sb.append(t.charAt(m.end()));
                }
                last = m.end() + 1;
                if (last > t.length()) {
                    break;
                }
                m.region(last, t.length());
            }
        }
        if (last <= t.length()) {
            sb.append(t.substring(last));
        }
        return s instanceof String ? sb.toString() : new PyBytes(Strs.latin1(sb.toString()));
    }

    private static Object split(Regex r, Object s, long max) {
        String t = text(s);
        Matcher m = r.p.matcher(t);
        PyList out = new PyList();
        int last = 0;
        long n = 0;
        while ((max <= 0 || n < max) && m.find()) {
            if (m.end() == m.start()) {
                throw Ops.valueError("can't split on empty match");
            }
            out.items.add(wrap(t.substring(last, m.start()), s));
            for (int g = 1; g <= m.groupCount(); g++) {
                out.items.add(m.group(g) == null ? PyNone.NONE : wrap(m.group(g), s));
            }
            last = m.end();
            n++;
        }
        out.items.add(wrap(t.substring(last), s));
        return out;
    }

    private static Object wrap(String x, Object like) {
        return like instanceof String ? x : new PyBytes(Strs.latin1(x));
    }

    static PyModule module() {
        PyModule mod = new PyModule("re");
        mod.globals.put("IGNORECASE", 2L);
        mod.globals.put("I", 2L);
        mod.globals.put("MULTILINE", 16L);
        mod.globals.put("M", 16L);
        Modules.fn(mod, "compile", (a, kw) -> compile(a[0], a.length > 1 ? Ops.toLong(a[1]) : 0));
        Modules.fn(mod, "match", (a, kw) -> match(compile(a[0], 0), a[1], true, 0));
        Modules.fn(mod, "search", (a, kw) -> match(compile(a[0], 0), a[1], false, 0));
        Modules.fn(mod, "sub", (a, kw) -> sub(compile(a[0], 0), a[1], a[2], a.length > 3 ? Ops.toLong(a[3]) : 0));
        Modules.fn(mod, "split", (a, kw) -> split(compile(a[0], 0), a[1], a.length > 2 ? Ops.toLong(a[2]) : 0));
        Builtins.method(REGEX, "match", (a, kw) -> match((Regex) a[0], a[1], true, a.length > 2 ? (int) Ops.toLong(a[2]) : 0));
        Builtins.method(REGEX, "search", (a, kw) -> match((Regex) a[0], a[1], false, a.length > 2 ? (int) Ops.toLong(a[2]) : 0));
        Builtins.method(REGEX, "sub", (a, kw) -> sub((Regex) a[0], a[1], a[2], a.length > 3 ? Ops.toLong(a[3]) : 0));
        Builtins.method(REGEX, "split", (a, kw) -> split((Regex) a[0], a[1], a.length > 2 ? Ops.toLong(a[2]) : 0));
        Builtins.method(MATCH, "group", (a, kw) -> {
            Match m = (Match) a[0];
            if (a.length <= 2) {
                return m.group(a.length > 1 ? (int) Ops.toLong(a[1]) : 0);
            }
            Object[] out = new Object[a.length - 1];
            for (int i = 1; i < a.length; i++) {
                out[i - 1] = m.group((int) Ops.toLong(a[i]));
            }
            return new PyTuple(out);
        });
        Builtins.method(MATCH, "groups", (a, kw) -> {
            Match m = (Match) a[0];
            Object[] out = new Object[m.m.groupCount()];
            for (int i = 0; i < out.length; i++) {
                out[i] = m.group(i + 1);
            }
            return new PyTuple(out);
        });
        Builtins.method(MATCH, "start", (a, kw) -> (long) ((Match) a[0]).m.start(a.length > 1 ? (int) Ops.toLong(a[1]) : 0));
        Builtins.method(MATCH, "end", (a, kw) -> (long) ((Match) a[0]).m.end(a.length > 1 ? (int) Ops.toLong(a[1]) : 0));
        Builtins.method(MATCH, "span", (a, kw) -> {
            Matcher m = ((Match) a[0]).m;
            int g = a.length > 1 ? (int) Ops.toLong(a[1]) : 0;
            return PyTuple.of((long) m.start(g), (long) m.end(g));
        });
        return mod;
    }
}
