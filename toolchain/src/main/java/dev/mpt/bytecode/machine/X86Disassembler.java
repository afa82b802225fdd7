package dev.mpt.bytecode.machine;

/**
 * The x86 and x64 instructions MicroPython's native emitters write (moves, ALU operations,
 * shifts by %cl, imul, compares and setcc, jumps, calls, push/pop), in AT&T syntax as GNU
 * objdump prints it. Anything else is shown as {@code .byte}.
 */
final class X86Disassembler extends MachineDisassembler {
    private static final String[] R64 = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10",
        "r11", "r12", "r13", "r14", "r15"};
    private static final String[] R32 = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi", "r8d", "r9d", "r10d",
        "r11d", "r12d", "r13d", "r14d", "r15d"};
    private static final String[] R16 = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di", "r8w", "r9w", "r10w", "r11w",
        "r12w", "r13w", "r14w", "r15w"};
    private static final String[] R8REX = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil", "r8b", "r9b", "r10b",
        "r11b", "r12b", "r13b", "r14b", "r15b"};
    private static final String[] R8 = {"al", "cl", "dl", "bl", "ah", "ch", "dh", "bh"};
    private static final String[] CC = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge",
        "le", "g"};

    private final boolean x64;

    X86Disassembler(boolean x64) {
        this.x64 = x64;
    }

    /** A failed decode: not an instruction this decoder covers. */
    private static final class Unknown extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unknown() {
            super(null, null, false, false);
        }
    }

    /** The state of one decode. */
    private final class Cursor {
        final byte[] c;
        final int start;
        final int end;
        int at;
        int rex;
        boolean opsize;

        Cursor(byte[] c, int start, int end) {
            this.c = c;
            this.start = start;
            this.end = end;
            this.at = start;
        }

        int next() {
            if (at >= end) {
                throw new Unknown();
            }
            return c[at++] & 0xff;
        }

        int s8() {
            return (byte) next();
        }

        int s32() {
            int v = next() | next() << 8 | next() << 16 | next() << 24;
            return v;
        }

        boolean w() {
            return (rex & 8) != 0;
        }

        String reg(int n, int size) {
            return "%" + switch (size) {
                case 8 -> x64 ? R64[n] : R32[n & 7];
                case 4 -> R32[n];
                case 2 -> R16[n];
                default -> rex != 0 ? R8REX[n] : R8[n & 7];
            };
        }

        /** The operand size of a word instruction: 8 (REX.W), 2 (0x66) or 4. */
        int size() {
            return w() ? 8 : opsize ? 2 : x64 ? 4 : 4;
        }

        int modrm;
        int regField;
        boolean isReg;
        String rm;

        /** Reads ModRM (and SIB, displacement); rm is the operand text at {@code size}. */
        void modrm(int size) {
            modrm = next();
            int mod = modrm >>> 6;
            regField = (modrm >>> 3 & 7) | (rex & 4) << 1;
            int base = (modrm & 7) | (rex & 1) << 3;
            if (mod == 3) {
                isReg = true;
                rm = reg(base, size);
                return;
            }
            isReg = false;
            String[] names = x64 ? R64 : R32;
            String index = null;
            int scale = 1;
            if ((modrm & 7) == 4) {
                int sib = next();
                scale = 1 << (sib >>> 6);
                int idx = (sib >>> 3 & 7) | (rex & 2) << 2;
                base = (sib & 7) | (rex & 1) << 3;
                if (idx != 4) {
                    index = "%" + names[idx];
                } else if (scale != 1 || (base & 7) != 4) {
                    index = x64 ? "%riz" : "%eiz"; // a SIB byte that was not needed: objdump shows it so
                }
                if ((sib & 7) == 5 && mod == 0) {
                    int disp = s32();
                    if (idx == 4) {
                        throw new Unknown(); // an absolute address: not in MicroPython's code
                    }
                    rm = disp(disp) + "(," + index + "," + scale + ")";
                    return;
                }
            } else if ((modrm & 7) == 5 && mod == 0) {
                int disp = s32();
                if (x64) {
                    rm = disp(disp) + "(%rip)";
                } else {
                    rm = hex(disp & 0xffffffffL);
                }
                return;
            }
            int disp = mod == 1 ? s8() : mod == 2 ? s32() : 0;
            String d = mod == 0 ? "" : disp(disp);
            rm = d + "(%" + names[base] + (index != null ? "," + index + "," + scale : "") + ")";
        }
    }

    private static String disp(int d) {
        return d < 0 ? "-" + hex(-(long) d) : hex(d);
    }

    private static String imm(long v) {
        return "$" + hex(v);
    }

    /** An immediate of an instruction of {@code size} bytes, as objdump shows it (sign-extended). */
    private static String imm(int v, int size) {
        if (size == 8) {
            return "$" + hex(v < 0 ? (long) v : v);
        }
        if (size == 2) {
            return "$" + hex(v & 0xffff);
        }
        return "$" + hex(v & 0xffffffffL);
    }

    @Override
    protected MachineInstruction decodeOne(byte[] c, int at, int end) {
        Cursor k = new Cursor(c, at, end);
        try {
            String t = decode(k);
            if (t != null) {
                return new MachineInstruction(at, k.at - at, t);
            }
        } catch (Unknown e) {
            // fall through
        }
        return new MachineInstruction(at, 1, ".byte " + hex(u8(c, at)));
    }

    private String decode(Cursor k) {
        int op = k.next();
        if (op == 0x66) {
            k.opsize = true;
            op = k.next();
        }
        if (k.opsize && (op == 0xe8 || op == 0xe9 || op == 0xeb || (op & 0xf0) == 0x70 || op == 0x0f
                && k.at < k.end && (k.c[k.at] & 0xf0) == 0x80)) {
            return null;
        }
        if (x64 && (op & 0xf0) == 0x40) {
            k.rex = op;
            op = k.next();
        }
        String suffixQ = k.w() ? "q" : k.opsize ? "w" : "l";
        switch (op) {
            case 0x01, 0x09, 0x21, 0x29, 0x31, 0x39, 0x85, 0x89: {
                String name = switch (op) {
                    case 0x01 -> "add";
                    case 0x09 -> "or";
                    case 0x21 -> "and";
                    case 0x29 -> "sub";
                    case 0x31 -> "xor";
                    case 0x39 -> "cmp";
                    case 0x85 -> "test";
                    default -> "mov";
                };
                k.modrm(k.size());
                return name + " " + k.reg(k.regField, k.size()) + "," + k.rm;
            }
            case 0x03, 0x0b, 0x23, 0x2b, 0x33, 0x3b, 0x8b: {
                String name = switch (op) {
                    case 0x03 -> "add";
                    case 0x0b -> "or";
                    case 0x23 -> "and";
                    case 0x2b -> "sub";
                    case 0x33 -> "xor";
                    case 0x3b -> "cmp";
                    default -> "mov";
                };
                k.modrm(k.size());
                return name + " " + k.rm + "," + k.reg(k.regField, k.size());
            }
            case 0x84, 0x88: {
                k.modrm(1);
                return (op == 0x84 ? "test" : "mov") + " " + k.reg(k.regField, 1) + "," + k.rm;
            }
            case 0x8d: {
                k.modrm(k.size());
                if (k.isReg) {
                    return null;
                }
                return "lea " + k.rm + "," + k.reg(k.regField, k.size());
            }
            case 0x81, 0x83: {
                k.modrm(k.size());
                String name = new String[] {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"}[k.regField & 7];
                int v = op == 0x81 ? (k.opsize ? (short) (k.next() | k.next() << 8) : k.s32()) : k.s8();
                return name + (k.isReg ? "" : suffixQ) + " " + imm(v, k.size()) + "," + k.rm;
            }
            case 0xc7: {
                k.modrm(k.size());
                if ((k.regField & 7) != 0) {
                    return null;
                }
                int v = k.opsize ? (short) (k.next() | k.next() << 8) : k.s32();
                return "mov" + (k.isReg ? "" : suffixQ) + " " + imm(v, k.size()) + "," + k.rm;
            }
            case 0xd3: {
                k.modrm(k.size());
                String name = new String[] {"rol", "ror", "rcl", "rcr", "shl", "shr", null, "sar"}[k.regField & 7];
                if (name == null) {
                    return null;
                }
                return name + (k.isReg ? "" : suffixQ) + " %cl," + k.rm;
            }
            case 0xf7: {
                k.modrm(k.size());
                int sub = k.regField & 7;
                if (sub == 2 || sub == 3) {
                    return (sub == 2 ? "not" : "neg") + (k.isReg ? "" : suffixQ) + " " + k.rm;
                }
                return null;
            }
            case 0xff: {
                if (k.opsize) {
                    return null;
                }
                k.modrm(x64 ? 8 : 4);
                int sub = k.regField & 7;
                if (sub == 2 || sub == 4) {
                    return (sub == 2 ? "call" : "jmp") + " *" + k.rm;
                }
                if (sub == 6) {
                    return "push " + k.rm;
                }
                return null;
            }
            case 0x0f: {
                int op2 = k.next();
                if ((op2 & 0xf0) == 0x80) {
                    int rel = k.s32();
                    return "j" + CC[op2 & 15] + " " + target(k.at + rel);
                }
                if ((op2 & 0xf0) == 0x90) {
                    k.modrm(1);
                    return "set" + CC[op2 & 15] + " " + k.rm;
                }
                if (op2 == 0xb6 || op2 == 0xb7) {
                    int from = op2 == 0xb6 ? 1 : 2;
                    int size = k.size();
                    k.modrm(from);
                    return "movz" + (from == 1 ? "b" : "w") + (size == 8 ? "q" : size == 2 ? "w" : "l") + " " + k.rm + ","
                        + k.reg(k.regField, size);
                }
                if (op2 == 0xaf) {
                    k.modrm(k.size());
                    return "imul " + k.rm + "," + k.reg(k.regField, k.size());
                }
                return null;
            }
            case 0xe8, 0xe9: {
                int rel = k.s32();
                return (op == 0xe8 ? "call " : "jmp ") + target(k.at + rel);
            }
            case 0xeb: {
                int rel = k.s8();
                return "jmp " + target(k.at + rel);
            }
            case 0xc3: return k.rex == 0 && !k.opsize ? "ret" : null;
            case 0xc9: return k.rex == 0 && !k.opsize ? "leave" : null;
            case 0x90: return k.rex == 0 && !k.opsize ? "nop" : null;
            default:
                break;
        }
        if ((op & 0xf0) == 0x70) {
            int rel = k.s8();
            return "j" + CC[op & 15] + " " + target(k.at + rel);
        }
        if (op >= 0x50 && op <= 0x5f && !k.opsize) {
            int r = (op & 7) | (k.rex & 1) << 3;
            return (op < 0x58 ? "push " : "pop ") + "%" + (x64 ? R64[r] : R32[r]);
        }
        if (op >= 0xb8 && op <= 0xbf && !k.opsize) {
            int r = (op & 7) | (k.rex & 1) << 3;
            if (k.w()) {
                long lo = k.s32() & 0xffffffffL;
                long hi = k.s32() & 0xffffffffL;
                return "movabs " + imm(hi << 32 | lo) + ",%" + R64[r];
            }
            return "mov " + imm(k.s32() & 0xffffffffL) + ",%" + R32[r];
        }
        if (op >= 0xb0 && op <= 0xb7 && !k.opsize) {
            int r = (op & 7) | (k.rex & 1) << 3;
            return "mov " + imm(k.next()) + "," + k.reg(r, 1);
        }
        return null;
    }
}
