package dev.mpt.vm;

/**
 * The VM's own "native architecture": the machine code that viper functions are compiled to
 * when they run on this VM, and that {@link NativeMachine} executes.
 *
 * <p>The compiler's native emitter (the port of MicroPython's emitnative.c, the same one that
 * writes x64 or Thumb-2 code byte for byte) drives an assembler for this architecture
 * exactly as it drives a real one, so viper code here has the emitter's own semantics: its
 * types, its machine-word arithmetic (64 bits, wrapping, as the unix port's x64 build), its
 * pointer loads and stores, its calls into the runtime through mp_fun_table (here mapped to
 * Java) and its exception handling through nlr buffers in the frame.
 *
 * <p>Every instruction is {@link #INSN_SIZE} bytes: opcode, three register or small operands
 * {@code a}, {@code b}, {@code c}, and a 64-bit little-endian immediate. Jump targets and
 * PC-relative values are byte offsets into the code. Registers are numbered as x86-64 in
 * the ModRM byte, with x86-64's System V roles (return in 0, arguments in 7, 6, 2, 1), so the
 * emitter sees the same register aliasing as on the unix port.
 *
 * <p>This code exists only in memory, between our compiler and our VM: the VM reports no
 * native architecture in {@code sys.implementation._mpy} (unless its embedder makes it name
 * one for tools that choose files by it, as {@code mpt board serve --arch}), and a .mpy file
 * holding machine code for a real CPU is refused.
 */
public final class VmNativeCode {
    private VmNativeCode() {}

    /** The first instruction of every function: MAGIC with the code's version in the immediate. */
    public static final int MAGIC = 0xA5;
    public static final long VERSION = 0x6d70745649504552L; // "REPIVtpm"

    public static final int INSN_SIZE = 12;
    public static final int WORD_SIZE = 8;

    // registers
    public static final int R_RET = 0;
    public static final int R_ARG1 = 7;
    public static final int R_ARG2 = 6;
    public static final int R_ARG3 = 2;
    public static final int R_ARG4 = 1;
    public static final int R_TEMP0 = 0;
    public static final int R_TEMP1 = 7;
    public static final int R_TEMP2 = 6;
    public static final int R_LOCAL1 = 3;
    public static final int R_LOCAL2 = 12;
    public static final int R_LOCAL3 = 13;
    public static final int R_FUN_TABLE = 5;
    public static final int NUM_REGS = 16;

    /** Words of an nlr buffer (as x86-64's) and the word the handler PC is kept in. */
    public static final int NLR_BUF_WORDS = 2 + 10 + 1;
    public static final int NLR_BUF_IDX_LOCAL1 = 5;

    // opcodes; operands in the order (a, b, c, imm)
    public static final int ENTRY = 1; // imm: locals
    public static final int EXIT = 2;
    public static final int JUMP = 3; // imm: target
    public static final int JUMP_IF_ZERO = 4; // a reg, imm target
    public static final int JUMP_IF_NONZERO = 5; // a reg, imm target
    public static final int JUMP_IF_EQ = 6; // a, b regs, imm target
    public static final int JUMP_REG = 7; // a reg
    public static final int CALL = 8; // imm: mp_fun_table index
    public static final int MOV_LOCAL_REG = 9; // local imm <- a
    public static final int MOV_REG_IMM = 10; // a <- imm
    public static final int MOV_REG_LOCAL = 11; // a <- local imm
    public static final int MOV_REG_REG = 12; // a <- b
    public static final int MOV_REG_LOCAL_ADDR = 13; // a <- &local imm
    public static final int MOV_REG_PCREL = 14; // a <- imm (a code offset)
    public static final int NOT = 15; // a = ~a
    public static final int NEG = 16; // a = -a
    public static final int OR = 17; // a op= b
    public static final int XOR = 18;
    public static final int AND = 19;
    public static final int ADD = 20;
    public static final int SUB = 21;
    public static final int MUL = 22;
    public static final int LSL = 23;
    public static final int LSR = 24;
    public static final int ASR = 25;
    public static final int LOAD_WORD = 26; // a <- word at b + imm words
    public static final int STORE_WORD = 27; // word at b + imm words <- a
    public static final int LOAD16 = 28; // a <- halfword at b + imm halfwords
    public static final int LOAD_SIZED = 29; // c size log2; a <- [b + imm << c], zero-extended
    public static final int STORE_SIZED = 30; // c size log2; [b + imm << c] <- a
    public static final int LOAD_SIZED_INDEXED = 31; // c size log2; a <- [b + (reg imm) << c]
    public static final int STORE_SIZED_INDEXED = 32; // c size log2; [b + (reg imm) << c] <- a
    public static final int CLEAR = 33; // a <- 0
    public static final int COMPARE = 34; // c comparison (0..5 unsigned <,>,==,<=,>=,!=; 6..11 signed); a <- b ? reg imm
}
