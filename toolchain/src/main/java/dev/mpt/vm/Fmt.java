package dev.mpt.vm;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** printf-style {@code %} formatting, {@code str.format} and {@code format()} specs. */
public final class Fmt {
    private Fmt() {}

    // ---- % formatting -----------------------------------------------------------------------

    static String percent(String fmt, Object arg) {
        return percent(fmt, arg, false);
    }

    static String percent(String fmt, Object arg, boolean bytesMode) {
        Object[] args;
        PyDict dict = null;
        if (arg instanceof PyTuple t) {
            args = t.items;
        } else {
            args = new Object[] {arg};
            if (arg instanceof PyDict d) {
                dict = d;
            }
        }
        StringBuilder sb = new StringBuilder();
        int ai = 0;
        int n = fmt.length();
        for (int i = 0; i < n; i++) {
            char c = fmt.charAt(i);
            if (c != '%') {
                sb.append(c);
                continue;
            }
            if (++i >= n) {
                throw Ops.valueError("incomplete format");
            }
            Object value = null;
            if (fmt.charAt(i) == '(') {
                if (dict == null) {
                    throw Ops.typeError("format needs a dict");
                }
                int close = fmt.indexOf(')', i);
                if (close < 0) {
                    throw Ops.valueError("incomplete format key");
                }
                String key = Strs.qstr(fmt.substring(i + 1, close));
                value = Ops.getitem(dict, key);
                ai = args.length;
                i = close + 1;
            }
            boolean left = false;
            boolean plus = false;
            boolean space = false;
            boolean alt = false;
            char pad = ' ';
            for (; i < n; i++) {
                char f = fmt.charAt(i);
                if (f == '-') {
                    left = true;
                } else if (f == '+') {
                    plus = true;
                } else if (f == ' ') {
                    space = true;
                } else if (f == '#') {
                    alt = true;
                } else if (f == '0') {
                    pad = '0';
                } else {
                    break;
                }
            }
            int width = -1;
            if (i < n && fmt.charAt(i) == '*') {
                if (ai >= args.length) {
                    throw Ops.typeError("format string needs more arguments");
                }
                width = (int) Ops.toLong(args[ai++]);
                i++;
            } else {
                int st = i;
                while (i < n && Character.isDigit(fmt.charAt(i))) {
                    i++;
                }
                if (i > st) {
                    width = Integer.parseInt(fmt.substring(st, i));
                }
            }
            int prec = -1;
            if (i < n && fmt.charAt(i) == '.') {
                i++;
                if (i < n && fmt.charAt(i) == '*') {
                    prec = (int) Ops.toLong(args[ai++]);
                    i++;
                } else {
                    int st = i;
                    while (i < n && Character.isDigit(fmt.charAt(i))) {
                        i++;
                    }
                    prec = i > st ? Integer.parseInt(fmt.substring(st, i)) : 0;
                }
            }
            if (i >= n) {
                throw Ops.valueError("incomplete format");
            }
            char conv = fmt.charAt(i);
            if (conv == '%') {
                sb.append('%');
                continue;
            }
            if (value == null) {
                if (ai >= args.length) {
                    throw Ops.typeError("format string needs more arguments");
                }
                value = args[ai++];
            }
            String body;
            boolean numeric = false;
            switch (conv) {
                case 's':
                    body = bytesMode && (value instanceof PyBytes || value instanceof PyByteArray)
                            ? Strs.fromLatin1(Ops.bytesOf(value)) : Ops.str(value);
                    if (prec >= 0 && prec < body.length()) {
                        body = body.substring(0, prec);
                    }
                    break;
                case 'r':
                    body = Ops.repr(value);
                    if (prec >= 0 && prec < body.length()) {
                        body = body.substring(0, prec);
                    }
                    break;
                case 'c':
                    if (value instanceof String s) {
                        if (Strs.length(s) != 1) {
                            throw Ops.typeError("%c requires int or char");
                        }
                        body = s;
                    } else if (Ops.isInt(value)) {
                        body = new String(Character.toChars((int) Ops.toLong(value)));
                    } else {
                        throw Ops.typeError("%c needs int or char");
                    }
                    break;
                case 'd':
                case 'i':
                case 'u':
                case 'x':
                case 'X':
                case 'o': {
                    numeric = true;
                    int radix = conv == 'x' || conv == 'X' ? 16 : conv == 'o' ? 8 : 10;
                    boolean negative;
                    String digits;
                    if (value instanceof Long l && l != Long.MIN_VALUE) {
                        negative = l < 0;
                        digits = Long.toString(Math.abs(l), radix);
                    } else {
                        BigInteger v;
                        if (value instanceof PyInstance pi && !(value instanceof PyException)
                                && (pi.type().lookupNotObject("__int__") != null || pi.base != null)) {
                            value = ObjInt.intOf(new Object[] {value}, null);
                        }
                        if (Ops.isInt(value)) {
                            v = Ops.big(value);
                        } else if (value instanceof Double dv) {
                            v = new BigDecimal(dv).toBigInteger();
                        } else {
                            throw Ops.typeError("can't convert " + Ops.typeName(value) + " to int");
                        }
                        negative = v.signum() < 0;
                        digits = v.abs().toString(radix);
                    }
                    if (conv == 'X') {
                        digits = digits.toUpperCase();
                    }
                    if (prec >= 0 && digits.length() < prec) {
                        digits = "0".repeat(prec - digits.length()) + digits;
                    }
                    String prefix = "";
                    if (alt && radix == 16) {
                        prefix = conv == 'X' ? "0X" : "0x";
                    } else if (alt && radix == 8) {
                        prefix = "0o";
                    }
                    String sign = negative ? "-" : plus ? "+" : space ? " " : "";
                    body = padNumber(sign + prefix, digits, width, left, pad);
                    width = -1;
                    break;
                }
                case 'e':
                case 'E':
                case 'f':
                case 'F':
                case 'g':
                case 'G': {
                    numeric = true;
                    body = FloatFormat.percent(Ops.toDouble(value), conv, left, plus, space, pad == '0', width, prec);
                    width = -1;
                    break;
                }
                default:
                    throw Ops.valueError("unsupported format character '" + conv + "' (0x"
                            + Integer.toHexString(conv) + ") at index " + i);
            }
            if (!numeric || width >= 0) {
                body = padStr(body, width, left);
            }
            sb.append(body);
        }
        if (ai < args.length && dict == null) {
            throw Ops.typeError("format string didn't convert all arguments");
        }
        return sb.toString();
    }

    private static String padNumber(String sign, String digits, int width, boolean left, char pad) {
        int len = sign.length() + digits.length();
        if (width <= len) {
            return sign + digits;
        }
        if (left) {
            return sign + digits + " ".repeat(width - len);
        }
        if (pad == '0') {
            return sign + "0".repeat(width - len) + digits;
        }
        return " ".repeat(width - len) + sign + digits;
    }

    private static String padStr(String s, int width, boolean left) {
        int len = Strs.length(s);
        if (width <= len) {
            return s;
        }
        return left ? s + " ".repeat(width - len) : " ".repeat(width - len) + s;
    }

    // ---- str.format ---------------------------------------------------------------------------

    static String format(String fmt, Object[] args, Map<String, Object> kw) {
        return format(fmt, args, kw, new int[1]);
    }

    private static String format(String fmt, Object[] args, Map<String, Object> kw, int[] autoRef) {
        StringBuilder sb = new StringBuilder();
        boolean manual = false;
        boolean automatic = false;
        int n = fmt.length();
        for (int i = 0; i < n; i++) {
            char c = fmt.charAt(i);
            if (c == '}') {
                if (i + 1 < n && fmt.charAt(i + 1) == '}') {
                    sb.append('}');
                    i++;
                    continue;
                }
                throw Ops.valueError("single '}' encountered in format string");
            }
            if (c != '{') {
                sb.append(c);
                continue;
            }
            if (i + 1 < n && fmt.charAt(i + 1) == '{') {
                sb.append('{');
                i++;
                continue;
            }
            int depth = 1;
            int j = i + 1;
            while (j < n && depth > 0) {
                char d = fmt.charAt(j);
                if (d == '{') {
                    depth++;
                } else if (d == '}') {
                    depth--;
                }
                if (depth > 0) {
                    j++;
                }
            }
            if (j >= n) {
                throw Ops.valueError("unmatched '{' in format");
            }
            String field = fmt.substring(i + 1, j);
            i = j;
            String spec = "";
            String conv = null;
            int colon = field.indexOf(':');
            if (colon >= 0) {
                spec = field.substring(colon + 1);
                field = field.substring(0, colon);
            }
            int bang = field.indexOf('!');
            if (bang >= 0) {
                conv = field.substring(bang + 1);
                field = field.substring(0, bang);
            }
            int k = 0;
            while (k < field.length() && field.charAt(k) != '.' && field.charAt(k) != '[') {
                k++;
            }
            String head = field.substring(0, k);
            if (k < field.length()) {
                // MicroPython's str.format takes no .attribute or [index] in a field name
                throw Ops.error(Types.NOT_IMPLEMENTED_ERROR, "attributes not supported");
            }
            Object v;
            if (head.isEmpty()) {
                if (manual) {
                    throw Ops.valueError("can't switch from manual field specification to automatic field numbering");
                }
                automatic = true;
                if (autoRef[0] >= args.length) {
                    throw Ops.indexError("tuple index out of range");
                }
                v = args[autoRef[0]++];
            } else if (Character.isDigit(head.charAt(0))) {
                if (automatic) {
                    throw Ops.valueError("can't switch from automatic field numbering to manual field specification");
                }
                manual = true;
                int idx = Integer.parseInt(head);
                if (idx >= args.length) {
                    throw Ops.indexError("tuple index out of range");
                }
                v = args[idx];
            } else {
                v = kw == null ? null : kw.get(Strs.qstr(head));
                if (v == null) {
                    throw Ops.keyError(head);
                }
            }
            while (k < field.length()) {
                if (field.charAt(k) == '.') {
                    int e = k + 1;
                    while (e < field.length() && field.charAt(e) != '.' && field.charAt(e) != '[') {
                        e++;
                    }
                    v = Ops.getattr(v, field.substring(k + 1, e));
                    k = e;
                } else {
                    int e = field.indexOf(']', k);
                    String key = field.substring(k + 1, e);
                    Object kk = key.chars().allMatch(Character::isDigit) && !key.isEmpty() ? (Object) Long.parseLong(key) : key;
                    v = Ops.getitem(v, kk);
                    k = e + 1;
                }
            }
            if (conv != null) {
                if (conv.equals("r")) {
                    v = Ops.repr(v);
                } else if (conv.equals("s")) {
                    v = Ops.str(v);
                } else {
                    throw Ops.valueError("unknown conversion specifier " + conv);
                }
            }
            if (spec.indexOf('{') >= 0) {
                spec = format(spec, args, kw, autoRef);
            }
            sb.append(formatValue(v, spec));
        }
        return sb.toString();
    }

    /** format(value, spec). */
    static String formatValue(Object v, String spec) {
        if (v instanceof PyInstance pi && !(v instanceof PyException)) {
            Object m = pi.type().lookupNotObject("__format__");
            if (m != null) {
                return Ops.str(Ops.callMethod(m, pi, spec));
            }
            if (spec.isEmpty()) {
                return Ops.str(v);
            }
            if (pi.base != null) {
                v = pi.base;
            }
        }
        if (spec.isEmpty()) {
            return Ops.str(v);
        }
        int i = 0;
        int n = spec.length();
        char fill = ' ';
        char align = 0;
        if (n >= 1 && "<>=^".indexOf(spec.charAt(0)) >= 0) { // as MicroPython: an alignment first is never a fill
            align = spec.charAt(0);
            i = 1;
        } else if (n >= 2 && "<>=^".indexOf(spec.charAt(1)) >= 0) {
            fill = spec.charAt(0);
            align = spec.charAt(1);
            i = 2;
        }
        final boolean explicitFill = i == 2;
        char sign = 0;
        if (i < n && "+- ".indexOf(spec.charAt(i)) >= 0) {
            sign = spec.charAt(i++);
        }
        boolean alt = false;
        if (i < n && spec.charAt(i) == '#') {
            alt = true;
            i++;
        }
        boolean fillSet = explicitFill;
        if (i < n && spec.charAt(i) == '0') {
            if (align == 0 && !(v instanceof String)) {
                align = '=';
            }
            if (!fillSet) {
                fill = '0';
            }
            i++;
        }
        int width = -1;
        int st = i;
        while (i < n && Character.isDigit(spec.charAt(i))) {
            i++;
        }
        if (i > st) {
            width = Integer.parseInt(spec.substring(st, i));
        }
        boolean comma = false;
        char groupChar = ',';
        if (i < n && (spec.charAt(i) == ',' || spec.charAt(i) == '_')) {
            comma = true;
            groupChar = spec.charAt(i);
            i++;
        }
        int prec = -1;
        if (i < n && spec.charAt(i) == '.') {
            i++;
            st = i;
            while (i < n && Character.isDigit(spec.charAt(i))) {
                i++;
            }
            prec = Integer.parseInt(spec.substring(st, i));
        }
        char type = 0;
        if (i < n) {
            type = spec.charAt(i++);
        }
        if (i < n) {
            throw Ops.valueError("invalid format specifier");
        }
        String body;
        String signStr = "";
        boolean numeric = true;
        int groupEvery = 3;
        if (v instanceof String s) {
            if (type != 0 && type != 's') {
                throw Ops.valueError("unknown format code '" + type + "' for object of type 'str'");
            }
            if (sign != 0) {
                throw Ops.valueError("sign not allowed in string format specifier");
            }
            if (align == '=') {
                throw Ops.valueError("'=' alignment not allowed in string format specifier");
            }
            body = prec >= 0 && prec < s.length() ? s.substring(0, prec) : s;
            numeric = false;
            if (align == 0) {
                align = '<';
            }
        } else if (Ops.isInt(v) && "bcdoxXn".indexOf(type == 0 ? 'd' : type) >= 0) {
            BigInteger b = Ops.big(v);
            if (type == 'c') {
                if (sign != 0) {
                    throw Ops.valueError("sign not allowed with integer format specifier 'c'");
                }
                body = new String(Character.toChars(b.intValue()));
            } else {
                int radix = type == 'b' ? 2 : type == 'o' ? 8 : type == 'x' || type == 'X' ? 16 : 10;
                body = b.abs().toString(radix);
                if (type == 'X') {
                    body = body.toUpperCase();
                }
                if (comma) {
                    groupEvery = radix == 10 ? 3 : 4;
                    body = group(body, groupEvery, groupChar);
                }
                signStr = b.signum() < 0 ? "-" : sign == '+' ? "+" : sign == ' ' ? " " : "";
                if (alt && radix != 10) {
                    signStr += type == 'b' ? "0b" : type == 'o' ? "0o" : type == 'x' ? "0x" : "0X";
                }
            }
        } else if (Ops.isNumber(v)) {
            if (type == 0 || "eEfFgGn%".indexOf(type) >= 0) {
                return FloatFormat.spec(Ops.toDouble(v), fill, align, sign, false, width, comma ? groupChar : '\0', prec, type);
            }
            throw Ops.valueError("unknown format code '" + type + "' for object of type '" + Ops.typeName(v) + "'");
        } else {
            body = Ops.str(v);
            numeric = false;
        }
        if (align == 0) {
            align = numeric ? '>' : '<';
        }
        if (comma && numeric && fill == '0' && align == '=' && width > 0) {
            int every = groupEvery;
            String digits = body;
            int dot = digits.indexOf('.');
            String tail = "";
            if (dot >= 0) {
                tail = digits.substring(dot);
                digits = digits.substring(0, dot);
            }
            String raw = digits.replace(String.valueOf(groupChar), "");
            int want = width - signStr.length() - Strs.length(tail);
            int nd = raw.length();
            while (nd + (nd - 1) / every < want) {
                nd++;
            }
            body = group("0".repeat(nd - raw.length()) + raw, every, groupChar) + tail;
        }
        int len = Strs.length(body) + signStr.length();
        if (width <= len) {
            return signStr + body;
        }
        int padN = width - len;
        String pad = String.valueOf(fill).repeat(padN);
        switch (align) {
            case '<':
                return signStr + body + pad;
            case '^':
                return String.valueOf(fill).repeat(padN / 2) + signStr + body
                        + String.valueOf(fill).repeat(padN - padN / 2);
            case '=':
                return signStr + pad + body;
            default:
                return pad + signStr + body;
        }
    }

    private static String group(String digits, int every, char sep) {
        StringBuilder sb = new StringBuilder();
        int n = digits.length();
        for (int i = 0; i < n; i++) {
            if (i > 0 && (n - i) % every == 0) {
                sb.append(sep);
            }
            sb.append(digits.charAt(i));
        }
        return sb.toString();
    }

    static String join(List<String> parts) {
        return String.join("", parts);
    }
}
