package dev.mpt.vm;

/** json: dumps, loads, dump, load. */
final class Json {
    private Json() {}

    static PyModule module(VM vm) {
        PyModule m = new PyModule("json");
        Modules.fn(m, "dumps", (a, kw) -> {
            StringBuilder sb = new StringBuilder();
            String[] seps = separators(kw);
            dump(sb, a[0], seps);
            return sb.toString();
        });
        Modules.fn(m, "dump", (a, kw) -> {
            StringBuilder sb = new StringBuilder();
            dump(sb, a[0], separators(kw));
            Ops.call(Ops.getattr(a[1], "write"), sb.toString());
            return PyNone.NONE;
        });
        Modules.fn(m, "loads", (a, kw) -> {
            String s = a[0] instanceof String str ? str : Builtins.decodeUtf8(Ops.bytesOf(a[0]));
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
        Modules.fn(m, "load", (a, kw) -> {
            Object text = Ops.call(Ops.getattr(a[0], "read"));
            return Ops.call(m.globals.get("loads"), text);
        });
        return m;
    }

    private static String[] separators(java.util.Map<String, Object> kw) {
        if (kw != null && kw.get("separators") instanceof PyTuple t) {
            return new String[] {Ops.str(t.items[0]), Ops.str(t.items[1])};
        }
        return new String[] {", ", ": "};
    }

    private static void dump(StringBuilder sb, Object o, String[] seps) {
        if (o == PyNone.NONE) {
            sb.append("null");
        } else if (o instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (o instanceof String s) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    sb.append('\\').append(c);
                } else if (c == '\n') {
                    sb.append("\\n");
                } else if (c == '\r') {
                    sb.append("\\r");
                } else if (c == '\t') {
                    sb.append("\\t");
                } else if (c < 0x20 || c >= 0x7f) {
                    sb.append(String.format("\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
            sb.append('"');
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
                Object key = k == PyNone.NONE ? "null" : k instanceof Boolean b ? (b ? "true" : "false")
                        : k instanceof String ? k : Ops.str(k);
                dump(sb, key, seps);
                sb.append(seps[1]);
                dump(sb, d.get(k), seps);
            }
            sb.append('}');
        } else {
            throw Ops.typeError(Ops.repr(o) + " is not JSON serializable");
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
                return flt ? (Object) Builtins.parseFloat(num) : Builtins.parseInt(num, 10);
            }
            throw err();
        }
    }
}
