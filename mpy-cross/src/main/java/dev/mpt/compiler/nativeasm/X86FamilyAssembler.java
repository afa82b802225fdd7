package dev.mpt.compiler.nativeasm;

/**
 * What x86 and x64 encode alike: the one-operand and register-register ALU operations, each
 * an opcode (or an opcode plus the /digit in the ModRM reg field) over two registers. Each
 * architecture says how that instruction is framed ({@link #genericRR}: x64 adds a REX
 * prefix for 64-bit operands and the upper registers).
 */
abstract class X86FamilyAssembler extends NativeAssembler {
    /** One register-register instruction {@code op} with ModRM {@code 11 src dest}. */
    abstract void genericRR(int dest, int src, int op);

    @Override
    public void notReg(int reg) {
        genericRR(reg, 2, 0xf7);
    }

    @Override
    public void negReg(int reg) {
        genericRR(reg, 3, 0xf7);
    }

    @Override
    public void lslReg(int reg) {
        genericRR(reg, 4, 0xd3);
    }

    @Override
    public void lsrReg(int reg) {
        genericRR(reg, 5, 0xd3);
    }

    @Override
    public void asrReg(int reg) {
        genericRR(reg, 7, 0xd3);
    }

    @Override
    public void orRegReg(int regDest, int regSrc) {
        genericRR(regDest, regSrc, 0x09);
    }

    @Override
    public void xorRegReg(int regDest, int regSrc) {
        genericRR(regDest, regSrc, 0x31);
    }

    @Override
    public void andRegReg(int regDest, int regSrc) {
        genericRR(regDest, regSrc, 0x21);
    }

    @Override
    public void addRegReg(int regDest, int regSrc) {
        genericRR(regDest, regSrc, 0x01);
    }

    @Override
    public void subRegReg(int regDest, int regSrc) {
        genericRR(regDest, regSrc, 0x29);
    }
}
