package dev.mpt.vm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** str and bytes: indexing by code point, and their methods. */
public final class Strs {
    private Strs() {}

    static boolean hasSurrogates(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code s} as a name MicroPython interns (an attribute, keyword, type or module name, a
     * format key): a qstr holds at most 255 bytes, so a longer name raises
     * {@code RuntimeError: name too long}, as on the unix port.
     */
    static String qstr(String s) {
        if (s.length() > 85 && dev.mpt.bytecode.Utf8.encode(s).length > 255) { // 85 chars take at most 255 bytes
            throw Ops.error(Types.RUNTIME_ERROR, "name too long");
        }
        return s;
    }

    static int length(String s) {
        return hasSurrogates(s) ? s.codePointCount(0, s.length()) : s.length();
    }

    static int compare(String a, String b) {
        return a.compareTo(b);
    }

    static Object getitem(String s, Object key) {
        boolean sur = hasSurrogates(s);
        if (key instanceof PySlice sl) {
            if (!sur) {
                long[] ix = Seqs.stepOneSlice(sl, s.length());
                if (ix[2] == 1) {
                    return ix[3] <= 0 ? "" : s.substring((int) ix[0], (int) (ix[0] + ix[3]));
                }
                StringBuilder sb = new StringBuilder();
                for (long i = 0, j = ix[0]; i < ix[3]; i++, j += ix[2]) {
                    sb.append(s.charAt((int) j));
                }
                return sb.toString();
            }
            int[] cps = s.codePoints().toArray();
            long[] ix = Seqs.stepOneSlice(sl, cps.length);
            StringBuilder sb = new StringBuilder();
            for (long i = 0, j = ix[0]; i < ix[3]; i++, j += ix[2]) {
                sb.appendCodePoint(cps[(int) j]);
            }
            return sb.toString();
        }
        if (!sur) {
            int i = Seqs.index(key, s.length(), "string");
            return String.valueOf(s.charAt(i));
        }
        int[] cps = s.codePoints().toArray();
        int i = Seqs.index(key, cps.length, "string");
        return new String(Character.toChars(cps[i]));
    }

    public static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    public static String fromLatin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static boolean isSpace(int c) {
        return c == ' ' || (c >= 9 && c <= 13) || c == 0x1c || c == 0x1d || c == 0x1e || c == 0x1f || c == 0x85
                || c == 0xa0 || Character.isWhitespace(c);
    }

    // ---- methods ----------------------------------------------------------------------------

    private static String self(Object o) {
        return (String) o;
    }

    static Object arg(Object[] a, int i, Object dflt) {
        return i < a.length ? a[i] : dflt;
    }

    /** For methods shared with bytes: the text of a str or bytes argument (bytes as latin-1). */
    private static String text(Object o, boolean bytes) {
        if (bytes) {
            if (o instanceof String) {
                throw Ops.typeError("can't convert 'str' object to bytes implicitly");
            }
            return fromLatin1(Ops.bytesOf(o));
        }
        if (!(o instanceof String s)) {
            throw Ops.typeError("can't convert '" + Ops.typeName(o) + "' object to str implicitly");
        }
        return s;
    }

    /** startswith/endswith take a str or a bytes whichever the receiver (MicroPython reads either's data). */
    private static String affix(Object o, boolean bytes) {
        if (bytes && o instanceof String s) {
            return fromLatin1(s.getBytes(StandardCharsets.UTF_8));
        } else if (!bytes && o instanceof PyBytes p) {
            return new String(p.data, StandardCharsets.UTF_8);
        }
        return text(o, bytes);
    }

    private static Object same(String r, String s, boolean bytes, Object self) {
        if (r.length() == s.length() && (self instanceof PyBytes || self instanceof String)) {
            return self;
        }
        return wrap(r, bytes, self);
    }

    private static Object wrap(String s, boolean bytes, Object self) {
        if (!bytes) {
            return s;
        }
        byte[] b = latin1(s);
        return self instanceof PyByteArray ? new PyByteArray(b) : new PyBytes(b);
    }

    /** Base of the private-use characters that carry a template's non-ASCII bytes through format. */
    private static final int RAW_BYTE = 0xF700;

    /**
     * bytes.format / bytearray.format, as MicroPython: the template's bytes are copied as they
     * are and each replacement field's text is inserted UTF-8 encoded.
     */
    private static Object bytesFormat(byte[] template, Object[] a, Map<String, Object> kw, Object self) {
        StringBuilder t = new StringBuilder(template.length);
        for (byte x : template) {
            t.append(x >= 0 ? (char) x : (char) (RAW_BYTE + (x & 0xff)));
        }
        String r = Fmt.format(t.toString(), a, kw);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(r.length());
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c >= RAW_BYTE + 0x80 && c <= RAW_BYTE + 0xff) {
                out.write(c - RAW_BYTE);
            } else if (c < 0x80) {
                out.write(c);
            } else {
                int cp = r.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp) - 1;
            }
        }
        byte[] b = out.toByteArray();
        return self instanceof PyByteArray ? new PyByteArray(b) : new PyBytes(b);
    }

    interface StrFn {
        Object call(String self, Object[] args, Map<String, Object> kw, boolean bytes, Object orig);
    }

    static void register(PyType t, boolean bytes) {
        def(t, bytes, "find", (s, a, kw, b, o) -> find(s, a, b, false, false));
        def(t, bytes, "rfind", (s, a, kw, b, o) -> find(s, a, b, true, false));
        def(t, bytes, "index", (s, a, kw, b, o) -> find(s, a, b, false, true));
        def(t, bytes, "rindex", (s, a, kw, b, o) -> find(s, a, b, true, true));
        def(t, bytes, "count", (s, a, kw, b, o) -> {
            String sub = text(a[0], b);
            int[] r = range(s, a, 1);
            String part = s.substring(r[0], Math.max(r[0], r[1]));
            if (sub.isEmpty()) {
                return (long) (length(part) + 1);
            }
            long n = 0;
            VM vm = Heap.currentVm();
            for (int i = part.indexOf(sub); i >= 0; i = part.indexOf(sub, i + sub.length())) {
                n++;
                if ((n & 0xfff) == 0) {
                    Heap.step(vm, 0);
                }
            }
            return n;
        });
        def(t, bytes, "startswith", (s, a, kw, b, o) -> {
            int[] r = range(s, a, 1);
            String sub = r[0] > s.length() ? "" : s.substring(r[0], Math.max(r[0], Math.min(s.length(), r[1])));
            boolean past = r[0] > s.length();
            if (a[0] instanceof PyTuple tu) {
                for (Object x : tu.items) {
                    if (!past && sub.startsWith(affix(x, b))) {
                        return true;
                    }
                }
                return false;
            }
            String want = affix(a[0], b);
            return !past && sub.startsWith(want);
        });
        def(t, bytes, "endswith", (s, a, kw, b, o) -> {
            String sub = s;
            if (a.length > 1) {
                int[] r = range(s, a, 1);
                sub = s.substring(r[0], Math.max(r[0], r[1]));
            }
            if (a[0] instanceof PyTuple tu) {
                for (Object x : tu.items) {
                    if (sub.endsWith(affix(x, b))) {
                        return true;
                    }
                }
                return false;
            }
            return sub.endsWith(affix(a[0], b));
        });
        def(t, bytes, "strip", (s, a, kw, b, o) -> same(strip(s, a, b, true, true), s, b, o));
        def(t, bytes, "lstrip", (s, a, kw, b, o) -> same(strip(s, a, b, true, false), s, b, o));
        def(t, bytes, "rstrip", (s, a, kw, b, o) -> same(strip(s, a, b, false, true), s, b, o));
        def(t, bytes, "split", (s, a, kw, b, o) -> split(s, a, kw, b, o, false));
        def(t, bytes, "rsplit", (s, a, kw, b, o) -> split(s, a, kw, b, o, true));
        def(t, bytes, "splitlines", (s, a, kw, b, o) -> {
            boolean keep = Ops.truthy(a.length > 0 ? a[0] : kw != null && kw.containsKey("keepends") ? kw.get("keepends") : false);
            PyList out = new PyList();
            int i = 0;
            int n = s.length();
            while (i < n) {
                int j = i;
                while (j < n && s.charAt(j) != '\n' && s.charAt(j) != '\r') {
                    j++;
                }
                int e = j;
                if (j < n) {
                    e = j + 1;
                    if (s.charAt(j) == '\r' && j + 1 < n && s.charAt(j + 1) == '\n') {
                        e = j + 2;
                    }
                }
                out.items.add(wrap(s.substring(i, keep ? e : j), b, o));
                i = e;
            }
            return out;
        });
        def(t, bytes, "replace", (s, a, kw, b, o) -> {
            String old = text(a[0], b);
            String nw = text(a[1], b);
            long max = a.length > 2 ? Ops.toLong(a[2]) : -1;
            if (max < 0) {
                if (old.isEmpty()) {
                    StringBuilder sb = new StringBuilder(nw);
                    for (int i = 0; i < s.length(); i++) {
                        sb.append(s.charAt(i)).append(nw);
                    }
                    return wrap(sb.toString(), b, o);
                }
                return wrap(s.replace(old, nw), b, o);
            }
            StringBuilder sb = new StringBuilder();
            int i = 0;
            long done = 0;
            while (done < max) {
                int j = old.isEmpty() ? (i <= s.length() ? i : -1) : s.indexOf(old, i);
                if (j < 0) {
                    break;
                }
                sb.append(s, i, j).append(nw);
                if (old.isEmpty()) {
                    if (j < s.length()) {
                        sb.append(s.charAt(j));
                    }
                    i = j + 1;
                } else {
                    i = j + old.length();
                }
                done++;
            }
            if (i <= s.length()) {
                sb.append(s.substring(Math.min(i, s.length())));
            }
            return wrap(sb.toString(), b, o);
        });
        def(t, bytes, "upper", (s, a, kw, b, o) -> wrap(asciiCase(s, true), b, o));
        def(t, bytes, "lower", (s, a, kw, b, o) -> wrap(asciiCase(s, false), b, o));
        def(t, bytes, "isdigit", (s, a, kw, b, o) -> all(s, Character::isDigit));
        def(t, bytes, "isalpha", (s, a, kw, b, o) -> all(s, Character::isLetter));
        def(t, bytes, "isspace", (s, a, kw, b, o) -> all(s, Strs::isSpace));
        def(t, bytes, "isupper", (s, a, kw, b, o) -> cased(s, true));
        def(t, bytes, "islower", (s, a, kw, b, o) -> cased(s, false));
        def(t, bytes, "center", (s, a, kw, b, o) -> {
            int w = (int) Ops.toLong(a[0]);
            String fill = a.length > 1 ? text(a[1], b) : " ";
            int len = length(s);
            if (w <= len) {
                return wrap(s, b, o);
            }
            int marg = w - len;
            int left = marg / 2;
            int right = marg - left;
            return wrap(fill.repeat(left) + s + fill.repeat(right), b, o);
        });
        def(t, bytes, "partition", (s, a, kw, b, o) -> partition(s, text(a[0], b), b, o, false));
        def(t, bytes, "rpartition", (s, a, kw, b, o) -> partition(s, text(a[0], b), b, o, true));
        def(t, bytes, "join", (s, a, kw, b, o) -> {
            StringBuilder sb = new StringBuilder();
            boolean first = true;
            VM vm = Heap.currentVm();
            for (Object x : Ops.toList(a[0])) {
                if (!first) {
                    sb.append(s);
                }
                Heap.step(vm, s.length() + (x instanceof String xs ? xs.length()
                        : x instanceof PyBytes || x instanceof PyByteArray ? Ops.len(x) : 0));
                first = false;
                if (b ? !(x instanceof PyBytes || x instanceof PyByteArray) : !(x instanceof String)) {
                    throw Ops.typeError("join expects a list of str/bytes objects consistent with self object");
                }
                sb.append(text(x, b));
            }
            return wrap(sb.toString(), b, o);
        });
        if (bytes) {
            def(t, true, "format", (s, a, kw, b, o) -> bytesFormat(Ops.bytesOf(o), a, kw, o));
        }
        if (!bytes) {
            def(t, false, "format", (s, a, kw, b, o) -> Fmt.format(s, a, kw));
            def(t, false, "encode", (s, a, kw, b, o) -> new PyBytes(s.getBytes(StandardCharsets.UTF_8)));
        } else {
            def(t, true, "decode", (s, a, kw, b, o) -> BuiltinTypes.decodeUtf8(latin1(s)));
            def(t, true, "hex", (s, a, kw, b, o) -> {
                StringBuilder sb = new StringBuilder();
                String sep = a.length > 0 ? Ops.str(a[0]) : "";
                byte[] d = latin1(s);
                for (int i = 0; i < d.length; i++) {
                    if (i > 0) {
                        sb.append(sep);
                    }
                    sb.append(String.format("%02x", d[i] & 0xff));
                }
                return sb.toString();
            });
        }
    }

    private static void def(PyType t, boolean bytes, String name, StrFn fn) {
        t.dict.put(name, new PyBuiltin(name, (args, kw) -> {
            Object self = args[0];
            String s = bytes ? fromLatin1(Ops.bytesOf(self)) : self(self);
            Object[] rest = new Object[args.length - 1];
            System.arraycopy(args, 1, rest, 0, rest.length);
            return fn.call(s, rest, kw, bytes, self);
        }, true));
    }

    private static int clampIndex(long i, int n) {
        if (i < 0) {
            i += n;
        }
        return (int) Math.max(0, Math.min(n, i));
    }

    private static int[] range(String s, Object[] a, int at) {
        int n = s.length();
        int start = a.length > at && a[at] != PyNone.NONE ? clampIndex(Ops.toLong(a[at]), n) : 0;
        int end = a.length > at + 1 && a[at + 1] != PyNone.NONE ? clampIndex(Ops.toLong(a[at + 1]), n) : n;
        return new int[] {start, end};
    }

    private static Object find(String s, Object[] a, boolean bytes, boolean rev, boolean raise) {
        String sub = text(a[0], bytes);
        int[] r = range(s, a, 1);
        int idx = -1;
        if (r[1] - r[0] >= sub.length()) {
            if (rev) {
                idx = s.lastIndexOf(sub, r[1] - sub.length());
                if (idx < r[0]) {
                    idx = -1;
                }
            } else {
                idx = s.indexOf(sub, r[0]);
                if (idx >= 0 && idx + sub.length() > r[1]) {
                    idx = -1;
                }
            }
        }
        if (idx < 0 && raise) {
            throw Ops.valueError("substring not found");
        }
        if (idx > 0 && hasSurrogates(s)) {
            idx = s.codePointCount(0, idx);
        }
        return (long) idx;
    }

    private static String strip(String s, Object[] a, boolean bytes, boolean left, boolean right) {
        String chars = a.length > 0 && a[0] != PyNone.NONE ? text(a[0], bytes) : null;
        int i = 0;
        int j = s.length();
        if (left) {
            while (i < j && (chars == null ? isSpace(s.charAt(i)) : chars.indexOf(s.charAt(i)) >= 0)) {
                i++;
            }
        }
        if (right) {
            while (j > i && (chars == null ? isSpace(s.charAt(j - 1)) : chars.indexOf(s.charAt(j - 1)) >= 0)) {
                j--;
            }
        }
        return s.substring(i, j);
    }

    private static Object split(String s, Object[] a, Map<String, Object> kw, boolean bytes, Object o, boolean rev) {
        Object sepO = a.length > 0 ? a[0] : kw != null && kw.containsKey("sep") ? kw.get("sep") : PyNone.NONE;
        long max = a.length > 1 ? Ops.toLong(a[1]) : kw != null && kw.containsKey("maxsplit") ? Ops.toLong(kw.get("maxsplit")) : -1;
        List<String> parts = new ArrayList<>();
        if (sepO == PyNone.NONE && rev && max >= 0) {
            throw Ops.error(Types.NOT_IMPLEMENTED_ERROR, "rsplit(None,n)");
        }
        if (sepO == PyNone.NONE) {
            if (!rev) {
                int i = 0;
                int n = s.length();
                while (true) {
                    while (i < n && isSpace(s.charAt(i))) {
                        i++;
                    }
                    if (i >= n) {
                        break;
                    }
                    if (max >= 0 && parts.size() >= max) {
                        parts.add(s.substring(i));
                        break;
                    }
                    int j = i;
                    while (j < n && !isSpace(s.charAt(j))) {
                        j++;
                    }
                    parts.add(s.substring(i, j));
                    i = j;
                }
            } else {
                int j = s.length();
                while (true) {
                    while (j > 0 && isSpace(s.charAt(j - 1))) {
                        j--;
                    }
                    if (j <= 0) {
                        break;
                    }
                    if (max >= 0 && parts.size() >= max) {
                        parts.add(0, s.substring(0, j));
                        break;
                    }
                    int i = j;
                    while (i > 0 && !isSpace(s.charAt(i - 1))) {
                        i--;
                    }
                    parts.add(0, s.substring(i, j));
                    j = i;
                }
            }
        } else {
            String sep = text(sepO, bytes);
            if (sep.isEmpty()) {
                throw Ops.valueError("empty separator");
            }
            if (!rev) {
                int i = 0;
                while (true) {
                    int j = s.indexOf(sep, i);
                    if (j < 0 || (max >= 0 && parts.size() >= max)) {
                        parts.add(s.substring(i));
                        break;
                    }
                    parts.add(s.substring(i, j));
                    i = j + sep.length();
                }
            } else {
                int j = s.length();
                while (true) {
                    int i = j - sep.length() >= 0 ? s.lastIndexOf(sep, j - sep.length()) : -1;
                    if (i < 0 || (max >= 0 && parts.size() >= max)) {
                        parts.add(0, s.substring(0, j));
                        break;
                    }
                    parts.add(0, s.substring(i + sep.length(), j));
                    j = i;
                }
            }
        }
        PyList out = new PyList();
        for (String p : parts) {
            out.items.add(wrap(p, bytes, o));
        }
        return out;
    }

    private static Object partition(String s, String sep, boolean bytes, Object o, boolean rev) {
        if (sep.isEmpty()) {
            throw Ops.valueError("empty separator");
        }
        int i = rev ? s.lastIndexOf(sep) : s.indexOf(sep);
        if (i < 0) {
            return rev ? PyTuple.of(wrap("", bytes, o), wrap("", bytes, o), wrap(s, bytes, o))
                    : PyTuple.of(wrap(s, bytes, o), wrap("", bytes, o), wrap("", bytes, o));
        }
        return PyTuple.of(wrap(s.substring(0, i), bytes, o), wrap(sep, bytes, o),
                wrap(s.substring(i + sep.length()), bytes, o));
    }

    private static String asciiCase(String s, boolean upper) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            if (upper && c[i] >= 'a' && c[i] <= 'z') {
                c[i] -= 32;
            } else if (!upper && c[i] >= 'A' && c[i] <= 'Z') {
                c[i] += 32;
            }
        }
        return new String(c);
    }

    private static boolean all(String s, java.util.function.IntPredicate p) {
        if (s.isEmpty()) {
            return false;
        }
        return s.codePoints().allMatch(p);
    }

    private static boolean cased(String s, boolean upper) {
        boolean any = false;
        for (char c : s.toCharArray()) {
            if (Character.isLetter(c)) {
                if (upper ? !Character.isUpperCase(c) : !Character.isLowerCase(c)) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }
}
