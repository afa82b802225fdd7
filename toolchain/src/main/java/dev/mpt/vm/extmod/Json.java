package dev.mpt.vm.extmod;

import dev.mpt.vm.ArgCheck;
import dev.mpt.vm.BuiltinTypes;
import dev.mpt.vm.Io;
import dev.mpt.vm.Ops;
import dev.mpt.vm.ParseNum;
import dev.mpt.vm.PyByteArray;
import dev.mpt.vm.PyBytes;
import dev.mpt.vm.PyDict;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyInstance;
import dev.mpt.vm.PyList;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyTuple;
import dev.mpt.vm.Types;
import dev.mpt.vm.VM;

/** json: dumps, loads, dump, load. */
final class Json {
    private Json() {}

    static PyModule module(VM vm) {
        PyModule m = new PyModule("json");
        m.fn("dumps", (a, kw) -> {
            StringBuilder sb = new StringBuilder();
            dump(sb, a[0], separators(ArgCheck.arg(a, 1, kw, "separators", PyNone.NONE)));
            return sb.toString();
        });
        m.fn("dump", (a, kw) -> {
            StringBuilder sb = new StringBuilder();
            String[] seps = separators(ArgCheck.arg(a, 2, kw, "separators", PyNone.NONE));
            Object stream = a[1];
            if (!(stream instanceof Io.Stream) && !(stream instanceof PyInstance)) {
                throw Ops.error(Types.OS_ERROR, "stream operation not supported");
            }
            dump(sb, a[0], seps);
            if (stream instanceof Io.Stream fs && fs.text) {
                Ops.call(Ops.getattr(stream, "write"), sb.toString());
            } else if (stream instanceof Io.Stream) {
                Ops.call(Ops.getattr(stream, "write"), new PyBytes(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } else {
                Ops.call(Ops.getattr(stream, "write"),
                        new PyByteArray(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
            return PyNone.NONE;
        });
        m.fn("loads", (a, kw) -> {
            String s = a[0] instanceof String str ? str : BuiltinTypes.decodeUtf8(Ops.bytesOf(a[0]));
            Parser p = new Parser(s);
            try {
                p.ws();
                Object v = p.value();
                p.ws();
                if (p.i != s.length()) {
                    throw Ops.valueError("syntax error in JSON");
                }
                return v;
            } catch (PyError e) {
                if (e.exc.isInstance(Types.TYPE_ERROR)) {
                    throw Ops.valueError("syntax error in JSON");
                }
                throw e;
            } catch (RuntimeException e) {
                throw Ops.valueError("syntax error in JSON");
            }
        });
        m.fn("load", (a, kw) -> {
            Object text = Ops.call(Ops.getattr(a[0], "read"));
            return Ops.call(m.globals.get("loads"), text);
        });
        return m;
    }

    /** separators=None or a 2-item tuple/list of str: (item separator, key separator). */
    private static String[] separators(Object sep) {
        if (sep == PyNone.NONE) {
            return new String[] {", ", ": "};
        }
        Object[] items;
        if (sep instanceof PyTuple t) {
            items = t.items;
        } else if (sep instanceof PyList l) {
            items = l.items.toArray();
        } else {
            throw Ops.typeError("object '" + Ops.typeName(sep) + "' isn't a tuple or list");
        }
        if (items.length != 2) {
            throw Ops.valueError("requested length 2 but object has length " + items.length);
        }
        return new String[] {strArg(items[0]), strArg(items[1])};
    }

    private static String strArg(Object o) {
        if (!(o instanceof String s)) {
            throw Ops.typeError("can't convert '" + Ops.typeName(o) + "' object to str implicitly");
        }
        return s;
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c >= 0x20) {
                sb.append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        sb.append('"');
    }

    /** Prints o the way MicroPython's JSON print mode does; other objects print their repr. */
    private static void dump(StringBuilder sb, Object o, String[] seps) {
        if (o instanceof PyInstance pi && pi.base != null && pi.type().lookupNotObject("__repr__") == null) {
            // a subclass of a built-in type without its own __repr__ prints as its built-in value
            o = pi.base;
        }
        if (o == PyNone.NONE) {
            sb.append("null");
        } else if (o instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (o instanceof String s) {
            string(sb, s);
        } else if (o instanceof PyBytes b) {
            string(sb, new String(b.data, java.nio.charset.StandardCharsets.ISO_8859_1));
        } else if (Ops.isNumber(o)) {
            sb.append(Ops.repr(o));
        } else if (o instanceof PyList || o instanceof PyTuple) {
            sb.append('[');
            boolean first = true;
            for (Object x : Ops.toList(o)) {
                if (!first) {
                    sb.append(seps[0]);
                }
                first = false;
                dump(sb, x, seps);
            }
            sb.append(']');
        } else if (o instanceof PyDict d) {
            sb.append('{');
            boolean first = true;
            for (Object k : d.keys()) {
                if (!first) {
                    sb.append(seps[0]);
                }
                first = false;
                if (k instanceof String || k instanceof PyBytes) {
                    dump(sb, k, seps);
                } else {
                    sb.append('"');
                    dump(sb, k, seps);
                    sb.append('"');
                }
                sb.append(seps[1]);
                dump(sb, d.get(k), seps);
            }
            sb.append('}');
        } else {
            sb.append(Ops.repr(o));
        }
    }

    private static final class Parser {
        final String s;
        int i;

        Parser(String s) {
            this.s = s;
        }

        void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        PyError err() {
            return Ops.valueError("syntax error in JSON");
        }

        Object value() {
            if (i >= s.length()) {
                throw err();
            }
            char c = s.charAt(i);
            if (c == '{') {
                i++;
                PyDict d = new PyDict();
                ws();
                if (i < s.length() && s.charAt(i) == '}') {
                    i++;
                    return d;
                }
                while (true) {
                    ws();
                    Object k = value();
                    ws();
                    if (i >= s.length() || s.charAt(i) != ':') {
                        throw err();
                    }
                    i++;
                    ws();
                    d.put(k, value());
                    ws();
                    if (i < s.length() && s.charAt(i) == ',') {
                        i++;
                        continue;
                    }
                    if (i < s.length() && s.charAt(i) == '}') {
                        i++;
                        return d;
                    }
                    throw err();
                }
            } else if (c == '[') {
                i++;
                PyList l = new PyList();
                ws();
                if (i < s.length() && s.charAt(i) == ']') {
                    i++;
                    return l;
                }
                while (true) {
                    ws();
                    l.items.add(value());
                    ws();
                    if (i < s.length() && s.charAt(i) == ',') {
                        i++;
                        continue;
                    }
                    if (i < s.length() && s.charAt(i) == ']') {
                        i++;
                        return l;
                    }
                    throw err();
                }
            } else if (c == '"') {
                i++;
                StringBuilder sb = new StringBuilder();
                while (i < s.length() && s.charAt(i) != '"') {
                    char ch = s.charAt(i++);
                    if (ch == '\\') {
                        char e = s.charAt(i++);
                        switch (e) {
                            case 'n':
                                sb.append('\n');
                                break;
                            case 't':
                                sb.append('\t');
                                break;
                            case 'r':
                                sb.append('\r');
                                break;
                            case 'b':
                                sb.append('\b');
                                break;
                            case 'f':
                                sb.append('\f');
                                break;
                            case 'u':
                                sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                                i += 4;
                                break;
                            default:
                                sb.append(e);
                        }
                    } else {
                        sb.append(ch);
                    }
                }
                if (i >= s.length()) {
                    throw err();
                }
                i++;
                return sb.toString();
            } else if (s.startsWith("true", i)) {
                i += 4;
                return true;
            } else if (s.startsWith("false", i)) {
                i += 5;
                return false;
            } else if (s.startsWith("null", i)) {
                i += 4;
                return PyNone.NONE;
            } else if (c == '-' || Character.isDigit(c)) {
                int st = i;
                i++;
                boolean flt = false;
                while (i < s.length() && (Character.isDigit(s.charAt(i)) || ".eE+-".indexOf(s.charAt(i)) >= 0)) {
                    if (".eE".indexOf(s.charAt(i)) >= 0) {
                        flt = true;
                    }
                    i++;
                }
                String num = s.substring(st, i);
                return flt ? (Object) ParseNum.parseFloat(num) : ParseNum.parseInt(num, 10);
            }
            throw err();
        }
    }
}
