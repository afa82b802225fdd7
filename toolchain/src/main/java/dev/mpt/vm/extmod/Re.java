package dev.mpt.vm.extmod;

import dev.mpt.vm.ArgCheck;
import dev.mpt.vm.BuiltinTypes;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyBytes;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyException;
import dev.mpt.vm.PyList;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyObject;
import dev.mpt.vm.PyTuple;
import dev.mpt.vm.PyType;
import dev.mpt.vm.Repr;
import dev.mpt.vm.Slots;
import dev.mpt.vm.Types;
import dev.mpt.vm.VM;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * re: MicroPython's regular expressions. Like the board's engine, a pattern compiles to a small
 * byte program (1-byte operands, so big groups and jumps are "regex too complex"), and matching
 * is a recursive backtracker over the UTF-8 bytes of the subject whose depth is bounded like
 * the board's C stack ("maximum recursion depth exceeded"). Supported: literals, {@code .},
 * classes with ranges and {@code \d \s \w} (and their negations), groups, {@code (?:...)},
 * {@code | * + ?} and their lazy forms, {@code ^} and {@code $} (start and end of the subject).
 */
final class Re {
    private Re() {}

    static final PyType REGEX = new PyType("re", new PyType[] {Types.OBJECT}, true);
    static final PyType MATCH = new PyType("match", new PyType[] {Types.OBJECT}, true);

    /** re.DEBUG: print the compiled program. */
    static final long DEBUG = 4096;

    // the program's instructions
    private static final int CHAR = 1;
    private static final int ANY = 2;
    private static final int CLASS = 3;
    private static final int CLASS_NOT = 4;
    private static final int NAMED_CLASS = 5;
    private static final int MATCH_OP = 6;
    private static final int JMP = 7;
    private static final int SPLIT = 8;
    private static final int RSPLIT = 9;
    private static final int SAVE = 10;
    private static final int BOL = 11;
    private static final int EOL = 12;

    /** Length of the unanchored prefix (a lazy "any" loop) that search and sub start with. */
    private static final int SEARCH_PREFIX = 5;
    /** Recursion depth at which matching gives up, as the board's stack check would. */
    private static final int MAX_DEPTH = 988;

    static final class Regex implements PyObject, Slots.Print {
        final byte[] code;
        final int groups;
        final int insts;

        Regex(byte[] code, int groups, int insts) {
            this.code = code;
            this.groups = groups;
            this.insts = insts;
        }

        public PyType type() {
            return REGEX;
        }

        public void print(StringBuilder sb) {
            sb.append("<re ").append(Repr.id(this)).append('>');
        }
    }

    static final class Match implements PyObject, Slots.Print {
        final Object subject;
        final byte[] data;
        final int[] caps;

        Match(Object subject, byte[] data, int[] caps) {
            this.subject = subject;
            this.data = data;
            this.caps = caps;
        }

        public PyType type() {
            return MATCH;
        }

        public void print(StringBuilder sb) {
            sb.append("<match num=").append(caps.length / 2).append('>');
        }

        int index(Object no) {
            long i = Ops.toLong(no);
            if (i < 0 || i >= caps.length / 2) {
                throw new PyError(new PyException(Types.INDEX_ERROR, PyTuple.of(no)));
            }
            return (int) i;
        }

        Object group(Object no) {
            int i = index(no);
            int s = caps[2 * i];
            if (s < 0) {
                return PyNone.NONE;
            }
            return slice(subject, data, s, caps[2 * i + 1]);
        }

        /** Offset in the subject: a character index for str, a byte index for bytes. */
        long offset(int bytePos) {
            return subject instanceof String ? charIndex(data, bytePos) : bytePos;
        }
    }

    private static Object slice(Object like, byte[] data, int from, int to) {
        byte[] part = java.util.Arrays.copyOfRange(data, from, to);
        return like instanceof String ? BuiltinTypes.decodeUtf8(part) : new PyBytes(part);
    }

    private static int charIndex(byte[] data, int bytePos) {
        int n = 0;
        for (int i = 0; i < bytePos && i < data.length; i++) {
            if ((data[i] & 0xc0) != 0x80) {
                n++;
            }
        }
        return n;
    }

    private static int bytePos(byte[] data, long charIndex) {
        int n = 0;
        for (int i = 0; i < data.length; i++) {
            if ((data[i] & 0xc0) != 0x80) {
                if (n == charIndex) {
                    return i;
                }
                n++;
            }
        }
        return data.length;
    }

    private static byte[] bytes(Object o) {
        return o instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : Ops.bytesOf(o);
    }

    // ---- compiler ----------------------------------------------------------------------

    /** Thrown for a pattern the compiler cannot encode. */
    private static final class TooComplex extends RuntimeException {
        TooComplex() {
            super(null, null, false, false);
        }
    }

    /** Builds the byte program; instructions are inserted in front of earlier ones for * ? |. */
    private static final class Compiler {
        final byte[] re;
        int pos;
        byte[] code = new byte[64];
        int pc;
        int groups;
        int insts;
        boolean overflow;

        Compiler(byte[] re) {
            this.re = re;
        }

        int peek(int ahead) {
            int i = pos + ahead;
            return i < re.length ? re[i] & 0xff : 0;
        }

        void emit(int b) {
            if (pc == code.length) {
                code = java.util.Arrays.copyOf(code, code.length * 2);
            }
            code[pc++] = (byte) b;
        }

        void set(int at, int v) {
            code[at] = (byte) v;
        }

        /** Stores a signed 1-byte operand, noting when it does not fit. */
        void setChecked(int at, int v) {
            if (v != (byte) v) {
                overflow = true;
            }
            code[at] = (byte) v;
        }

        void insert(int at, int n) {
            while (pc + n > code.length) {
                code = java.util.Arrays.copyOf(code, code.length * 2);
            }
            System.arraycopy(code, at, code, at + n, pc - at);
            pc += n;
        }

        static int rel(int at, int to) {
            return to - at - 2;
        }

        /** Compiles up to a ')' or the end of the pattern; leaves pos there. */
        void sequence() {
            int start = pc;
            int term = pc;
            int altLabel = 0;
            for (; peek(0) != 0 && peek(0) != ')'; pos++) {
                int c = peek(0);
                switch (c) {
                    case '\\': {
                        pos++;
                        int e = peek(0);
                        if (e == 0) {
                            throw new TooComplex();
                        }
                        term = pc;
                        if (isNamed(e)) {
                            emit(NAMED_CLASS);
                        } else {
                            emit(CHAR);
                        }
                        emit(e);
                        insts++;
                        break;
                    }
                    case '.':
                        term = pc;
                        emit(ANY);
                        insts++;
                        break;
                    case '[': {
                        term = pc;
                        pos++;
                        if (peek(0) == '^') {
                            emit(CLASS_NOT);
                            pos++;
                        } else {
                            emit(CLASS);
                        }
                        emit(0);
                        insts++;
                        int count = 0;
                        for (; peek(0) != ']'; pos++, count++) {
                            int lo = peek(0);
                            int hi;
                            if (lo == '\\') {
                                pos++;
                                lo = peek(0);
                                if (isNamed(lo)) {
                                    emit(0);
                                    emit(lo);
                                    continue;
                                }
                            }
                            if (lo == 0) {
                                throw new TooComplex();
                            }
                            hi = lo;
                            if (peek(1) == '-' && peek(2) != ']') {
                                if (peek(2) == 0) {
                                    throw new TooComplex();
                                }
                                pos += 2;
                                hi = peek(0);
                            }
                            emit(lo);
                            emit(hi);
                        }
                        setChecked(term + 1, count);
                        break;
                    }
                    case '(': {
                        term = pc;
                        boolean capture = peek(1) != '?' || peek(2) != ':';
                        int sub = 0;
                        if (capture) {
                            sub = ++groups;
                            emit(SAVE);
                            emit(0);
                            setChecked(pc - 1, 2 * sub);
                            insts++;
                        } else {
                            pos += 2;
                        }
                        pos++;
                        sequence();
                        if (peek(0) != ')') {
                            throw new TooComplex();
                        }
                        if (capture) {
                            emit(SAVE);
                            emit(0);
                            setChecked(pc - 1, 2 * sub + 1);
                            insts++;
                        }
                        break;
                    }
                    case '?':
                        if (pc == term) {
                            throw new TooComplex();
                        }
                        insert(term, 2);
                        if (peek(1) == '?') {
                            set(term, RSPLIT);
                            pos++;
                        } else {
                            set(term, SPLIT);
                        }
                        setChecked(term + 1, rel(term, pc));
                        insts++;
                        term = pc;
                        break;
                    case '*':
                        if (pc == term) {
                            throw new TooComplex();
                        }
                        insert(term, 2);
                        emit(JMP);
                        emit(0);
                        setChecked(pc - 1, rel(pc - 2, term));
                        if (peek(1) == '?') {
                            set(term, RSPLIT);
                            pos++;
                        } else {
                            set(term, SPLIT);
                        }
                        setChecked(term + 1, rel(term, pc));
                        insts += 2;
                        term = pc;
                        break;
                    case '+':
                        if (pc == term) {
                            throw new TooComplex();
                        }
                        if (peek(1) == '?') {
                            emit(SPLIT);
                            pos++;
                        } else {
                            emit(RSPLIT);
                        }
                        emit(0);
                        setChecked(pc - 1, rel(pc - 2, term));
                        insts++;
                        term = pc;
                        break;
                    case '|':
                        if (altLabel != 0) {
                            setChecked(altLabel, rel(altLabel, pc) + 1);
                        }
                        insert(start, 2);
                        emit(JMP);
                        altLabel = pc;
                        emit(0);
                        set(start, SPLIT);
                        setChecked(start + 1, rel(start, pc));
                        insts += 2;
                        term = pc;
                        break;
                    case '^':
                        emit(BOL);
                        insts++;
                        term = pc;
                        break;
                    case '$':
                        emit(EOL);
                        insts++;
                        term = pc;
                        break;
                    default:
                        term = pc;
                        emit(CHAR);
                        emit(c);
                        insts++;
                        break;
                }
            }
            if (altLabel != 0) {
                setChecked(altLabel, rel(altLabel, pc) + 1);
            }
        }
    }

    private static boolean isNamed(int c) {
        int l = c | 0x20;
        return l == 'd' || l == 's' || l == 'w';
    }

    static Regex compile(VM vm, Object pattern, long flags) {
        if (pattern instanceof Regex r) {
            return r;
        }
        Compiler c = new Compiler(bytes(pattern));
        c.emit(RSPLIT);
        c.emit(3);
        c.emit(ANY);
        c.emit(JMP);
        c.emit(-5);
        c.emit(SAVE);
        c.emit(0);
        c.insts += 4;
        try {
            c.sequence();
        } catch (TooComplex e) {
            throw Ops.valueError("regex too complex");
        }
        if (c.overflow) {
            throw Ops.valueError("regex too complex");
        }
        if (c.peek(0) != 0) {
            throw Ops.valueError("error in regex");
        }
        c.emit(SAVE);
        c.emit(1);
        c.emit(MATCH_OP);
        c.insts += 2;
        Regex r = new Regex(java.util.Arrays.copyOf(c.code, c.pc), c.groups, c.insts);
        if ((flags & DEBUG) != 0) {
            dumpProgram(vm, r);
        }
        return r;
    }

    private static void dumpProgram(VM vm, Regex r) {
        StringBuilder sb = new StringBuilder();
        byte[] code = r.code;
        int pc = 0;
        while (pc < code.length) {
            sb.append(String.format("%2d: ", pc));
            int op = code[pc++];
            switch (op) {
                case CHAR:
                    sb.append("char ").append((char) (code[pc++] & 0xff));
                    break;
                case ANY:
                    sb.append("any");
                    break;
                case CLASS:
                case CLASS_NOT: {
                    int n = code[pc++] & 0xff;
                    sb.append(op == CLASS ? "class " : "classnot ").append(n);
                    for (int i = 0; i < n; i++) {
                        sb.append(String.format(" 0x%02x-0x%02x", code[pc] & 0xff, code[pc + 1] & 0xff));
                        pc += 2;
                    }
                    break;
                }
                case NAMED_CLASS:
                    sb.append("namedclass ").append((char) (code[pc++] & 0xff));
                    break;
                case MATCH_OP:
                    sb.append("match");
                    break;
                case JMP:
                case SPLIT:
                case RSPLIT: {
                    int off = code[pc++];
                    sb.append(op == JMP ? "jmp " : op == SPLIT ? "split " : "rsplit ")
                            .append(pc + off).append(" (").append(off).append(')');
                    break;
                }
                case SAVE:
                    sb.append("save ").append(code[pc++] & 0xff);
                    break;
                case BOL:
                    sb.append("assert bol");
                    break;
                case EOL:
                    sb.append("assert eol");
                    break;
                default:
                    sb.append("unknown");
                    break;
            }
            sb.append('\n');
        }
        sb.append("Bytes: ").append(code.length).append(", insts: ").append(r.insts).append('\n');
        vm.write(sb.toString());
    }

    // ---- matcher -----------------------------------------------------------------------

    private static final class Matcher {
        final byte[] code;
        final byte[] s;
        final int end;
        final int[] caps;
        int depth;

        Matcher(byte[] code, byte[] s, int end, int nsub) {
            this.code = code;
            this.s = s;
            this.end = end;
            this.caps = new int[nsub];
            java.util.Arrays.fill(caps, -1);
        }

        boolean run(int pc, int sp) {
            if (++depth > MAX_DEPTH) {
                throw Ops.error(Types.RUNTIME_ERROR, "maximum recursion depth exceeded");
            }
            try {
                while (true) {
                    int op = code[pc++];
                    switch (op) {
                        case CHAR:
                            if (sp >= end || s[sp] != code[pc]) {
                                return false;
                            }
                            pc++;
                            sp++;
                            break;
                        case ANY:
                            if (sp >= end) {
                                return false;
                            }
                            sp++;
                            break;
                        case CLASS:
                        case CLASS_NOT: {
                            if (sp >= end) {
                                return false;
                            }
                            int n = code[pc] & 0xff;
                            int ch = s[sp] & 0xff;
                            boolean in = false;
                            for (int i = 0; i < n; i++) {
                                int lo = code[pc + 1 + 2 * i] & 0xff;
                                int hi = code[pc + 2 + 2 * i] & 0xff;
                                if (lo == 0 ? named(hi, ch) : lo <= ch && ch <= hi) {
                                    in = true;
                                    break;
                                }
                            }
                            if (in != (op == CLASS)) {
                                return false;
                            }
                            pc += 1 + 2 * n;
                            sp++;
                            break;
                        }
                        case NAMED_CLASS:
                            if (sp >= end || !named(code[pc] & 0xff, s[sp] & 0xff)) {
                                return false;
                            }
                            pc++;
                            sp++;
                            break;
                        case MATCH_OP:
                            return true;
                        case JMP: {
                            int off = code[pc++];
                            pc += off;
                            break;
                        }
                        case SPLIT: {
                            int off = code[pc++];
                            if (run(pc, sp)) {
                                return true;
                            }
                            pc += off;
                            break;
                        }
                        case RSPLIT: {
                            int off = code[pc++];
                            if (run(pc + off, sp)) {
                                return true;
                            }
                            break;
                        }
                        case SAVE: {
                            int slot = code[pc++] & 0xff;
                            if (slot >= caps.length) {
                                break;
                            }
                            int old = caps[slot];
                            caps[slot] = sp;
                            if (run(pc, sp)) {
                                return true;
                            }
                            caps[slot] = old;
                            return false;
                        }
                        case BOL:
                            // the start of the whole subject, also when matching starts later
                            if (sp != 0) {
                                return false;
                            }
                            break;
                        case EOL:
                            if (sp != end) {
                                return false;
                            }
                            break;
                        default:
                            throw new IllegalStateException("bad regex program");
                    }
                }
            } finally {
                depth--;
            }
        }
    }

    private static boolean named(int cls, int ch) {
        boolean in;
        switch (cls | 0x20) {
            case 'd':
                in = ch >= '0' && ch <= '9';
                break;
            case 's':
                in = ch == ' ' || (ch >= '\t' && ch <= '\r');
                break;
            default:
                in = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
                break;
        }
        return (cls & 0x20) != 0 ? in : !in;
    }

    /** Runs r over data[begin, end); the captures are byte offsets into data, or null. */
    private static int[] exec(Regex r, byte[] data, int begin, int end, boolean anchored) {
        Matcher m = new Matcher(r.code, data, end, (r.groups + 1) * 2);
        return m.run(anchored ? SEARCH_PREFIX : 0, begin) ? m.caps : null;
    }

    private static Object match(Regex r, Object[] a, boolean anchored) {
        Object subject = a[1];
        byte[] data = bytes(subject);
        int begin = 0;
        int end = data.length;
        if (a.length > 2) {
            long len = Ops.len(subject);
            long pos = Ops.toLong(a[2]);
            if (pos >= len) {
                return PyNone.NONE;
            }
            pos = Math.max(0, pos);
            begin = subject instanceof String ? bytePos(data, pos) : (int) pos;
            if (a.length > 3) {
                long endpos = Ops.toLong(a[3]);
                if (endpos <= pos) {
                    return PyNone.NONE;
                }
                endpos = Math.min(endpos, len);
                end = subject instanceof String ? bytePos(data, endpos) : (int) endpos;
            }
        }
        int[] caps = exec(r, data, begin, end, anchored);
        return caps == null ? PyNone.NONE : new Match(subject, data, caps);
    }

    private static Object sub(Regex r, Object repl, Object subject, long count) {
        byte[] data = bytes(subject);
        int begin = 0;
        ByteArrayOutputStream out = null;
        while (true) {
            int[] caps = exec(r, data, begin, data.length, false);
            if (caps == null || caps[0] == caps[1]) {
                break;
            }
            if (out == null) {
                out = new ByteArrayOutputStream();
            }
            out.write(data, begin, caps[0] - begin);
            Object rs = repl;
            if (Ops.callable(repl)) {
                rs = Ops.call(repl, new Match(subject, data, caps));
            }
            if (!(rs instanceof String) && !(rs instanceof PyBytes)) {
                throw Ops.typeError("can't convert '" + Ops.typeName(rs) + "' object to str implicitly");
            }
            byte[] rb = bytes(rs);
            int ngroups = caps.length / 2;
            for (int i = 0; i < rb.length && rb[i] != 0; ) {
                if (rb[i] != '\\') {
                    out.write(rb[i++]);
                    continue;
                }
                i++;
                boolean gForm = false;
                if (i + 1 < rb.length && rb[i] == 'g' && rb[i + 1] == '<') {
                    i += 2;
                    gForm = true;
                }
                if (i < rb.length && rb[i] >= '0' && rb[i] <= '9') {
                    long no = 0;
                    boolean big = false;
                    while (i < rb.length && rb[i] >= '0' && rb[i] <= '9') {
                        no = no * 10 + (rb[i++] - '0');
                        if (no > Integer.MAX_VALUE) {
                            big = true;
                            no = Integer.MAX_VALUE;
                        }
                    }
                    if (gForm && i < rb.length && rb[i] == '>') {
                        i++;
                    }
                    if (big || no >= ngroups) {
                        throw new PyError(new PyException(Types.INDEX_ERROR, PyTuple.of(no)));
                    }
                    int gs = caps[(int) (2 * no)];
                    if (gs >= 0) {
                        out.write(data, gs, caps[(int) (2 * no + 1)] - gs);
                    }
                } else if (i < rb.length && rb[i] == '\\') {
                    out.write('\\');
                    i++;
                }
            }
            begin = caps[1];
            if (count > 0 && --count == 0) {
                break;
            }
        }
        if (out == null) {
            return subject;
        }
        out.write(data, begin, data.length - begin);
        byte[] res = out.toByteArray();
        return subject instanceof String ? BuiltinTypes.decodeUtf8(res) : new PyBytes(res);
    }

    private static Object split(Regex r, Object subject, long max) {
        byte[] data = bytes(subject);
        int begin = 0;
        PyList out = new PyList();
        while (true) {
            int[] caps = exec(r, data, begin, data.length, false);
            if (caps == null || caps[0] == caps[1]) {
                break;
            }
            out.items.add(slice(subject, data, begin, caps[0]));
            if (r.groups > 0) {
                throw Ops.error(Types.NOT_IMPLEMENTED_ERROR, "splitting with sub-captures");
            }
            begin = caps[1];
            if (max > 0 && --max == 0) {
                break;
            }
        }
        out.items.add(slice(subject, data, begin, data.length));
        return out;
    }

    static PyModule module(VM vm) {
        PyModule mod = new PyModule("re");
        mod.globals.put("DEBUG", DEBUG);
        mod.fn("compile", (a, kw) -> compile(vm, a[0], a.length > 1 ? Ops.toLong(a[1]) : 0));
        mod.fn("match", (a, kw) -> match(compile(vm, a[0], 0), a, true));
        mod.fn("search", (a, kw) -> match(compile(vm, a[0], 0), a, false));
        mod.fn("sub", (a, kw) -> sub(compile(vm, a[0], 0), a[1], a[2],
                Ops.toLong(ArgCheck.arg(a, 3, kw, "count", 0L))));
        // (split is a method of compiled patterns only: the module has no split())
        BuiltinTypes.method(REGEX, "match", (a, kw) -> match((Regex) a[0], a, true));
        BuiltinTypes.method(REGEX, "search", (a, kw) -> match((Regex) a[0], a, false));
        BuiltinTypes.method(REGEX, "sub", (a, kw) -> sub((Regex) a[0], a[1], a[2],
                Ops.toLong(ArgCheck.arg(a, 3, kw, "count", 0L))));
        BuiltinTypes.method(REGEX, "split", (a, kw) -> split((Regex) a[0], a[1], a.length > 2 ? Ops.toLong(a[2]) : 0));
        BuiltinTypes.method(MATCH, "group", (a, kw) -> {
            Match m = (Match) a[0];
            if (a.length <= 2) {
                return m.group(a.length > 1 ? a[1] : 0L);
            }
            Object[] out = new Object[a.length - 1];
            for (int i = 1; i < a.length; i++) {
                out[i - 1] = m.group(a[i]);
            }
            return new PyTuple(out);
        });
        BuiltinTypes.method(MATCH, "groups", (a, kw) -> {
            Match m = (Match) a[0];
            Object[] out = new Object[m.caps.length / 2 - 1];
            for (int i = 0; i < out.length; i++) {
                out[i] = m.group((long) (i + 1));
            }
            return new PyTuple(out);
        });
        BuiltinTypes.method(MATCH, "start", (a, kw) -> span((Match) a[0], a, 0));
        BuiltinTypes.method(MATCH, "end", (a, kw) -> span((Match) a[0], a, 1));
        BuiltinTypes.method(MATCH, "span", (a, kw) -> PyTuple.of(span((Match) a[0], a, 0), span((Match) a[0], a, 1)));
        return mod;
    }

    private static Object span(Match m, Object[] a, int which) {
        int i = m.index(a.length > 1 ? a[1] : 0L);
        int s = m.caps[2 * i];
        if (s < 0) {
            return -1L;
        }
        return m.offset(m.caps[2 * i + which]);
    }
}
