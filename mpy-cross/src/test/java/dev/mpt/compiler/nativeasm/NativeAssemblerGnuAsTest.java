package dev.mpt.compiler.nativeasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native emitter's assemblers against GNU binutils: each sample is a few generic
 * operations and the same instructions in GNU syntax, and the bytes must agree. The x64
 * samples need the host's {@code as} for x86-64 (binutils), the Thumb ones
 * {@code arm-none-eabi-as} (binutils-arm-none-eabi); without them the test is skipped, except
 * in CI (CI=true) where it fails.
 */
class NativeAssemblerGnuAsTest {

    private static final int SLOT = 32;

    private record Sample(Consumer<NativeAssembler> ops, String gnu) {
    }

    private static Sample s(Consumer<NativeAssembler> ops, String gnu) {
        return new Sample(ops, gnu);
    }

    /** Runs {@code ops} as the emitter does: a sizing pass, then the emit pass. */
    static byte[] assemble(Supplier<NativeAssembler> make, Consumer<NativeAssembler> ops) {
        NativeAssembler as = make.get();
        as.startPass(NativeAssembler.PASS_COMPUTE);
        ops.accept(as);
        as.startPass(NativeAssembler.PASS_EMIT);
        ops.accept(as);
        return as.code();
    }

    private static final int RAX = X64Assembler.RAX;
    private static final int RCX = X64Assembler.RCX;
    private static final int RDX = X64Assembler.RDX;
    private static final int RBX = X64Assembler.RBX;
    private static final int RBP = X64Assembler.RBP;
    private static final int RSI = X64Assembler.RSI;
    private static final int RDI = X64Assembler.RDI;
    private static final int R12 = X64Assembler.R12;
    private static final int R13 = X64Assembler.R13;

    @Test
    void x64EncodesLikeGnuAs(@TempDir Path dir) throws Exception {
        List<Sample> samples = List.of(
            s(a -> a.movRegLocal(RAX, 1), "mov rax, [rsp+8]"),
            s(a -> a.movLocalReg(40, RDI), "mov [rsp+320], rdi"),
            s(a -> a.movRegLocal(R12, 0), "mov r12, [rsp]"),
            s(a -> a.movRegImm(RSI, 0x12345), "mov esi, 0x12345"),
            s(a -> a.movRegImm(R12, 5), "mov r12d, 5"),
            s(a -> a.movRegImm(RDX, -1), "movabs rdx, 0xffffffffffffffff"),
            s(a -> a.movRegImm(R13, 0x123456789L), "movabs r13, 0x123456789"),
            s(a -> a.movRegReg(RBX, RDI), "mov rbx, rdi"),
            s(a -> a.movRegReg(R12, RCX), "mov r12, rcx"),
            s(a -> a.movRegLocalAddr(RDI, 2), "lea rdi, [rsp+16]"),
            s(a -> a.movRegLocalAddr(RDI, 0), "mov rdi, rsp"),
            s(a -> a.loadRegRegOffset(RBP, RDI, 1), "mov rbp, [rdi+8]"),
            s(a -> a.loadRegRegOffset(RAX, RBP, 0), "mov rax, [rbp+0]"),
            s(a -> a.loadRegRegOffset(RAX, RBP, 100), "mov rax, [rbp+800]"),
            s(a -> a.load16RegRegOffset(RDI, R13, 3), "movzx edi, word ptr [r13+6]"),
            s(a -> a.loadSizedRegRegOffset(0, RAX, RDI, 200), "movzx eax, byte ptr [rdi+200]"),
            s(a -> a.loadSizedRegRegOffset(2, RAX, RSI, 3), "mov eax, dword ptr [rsi+12]"),
            s(a -> a.storeSizedRegRegOffset(0, RDX, RDI, 1), "mov byte ptr [rdi+1], dl"),
            s(a -> a.storeSizedRegRegOffset(1, RDX, RDI, 1), "mov word ptr [rdi+2], dx"),
            s(a -> a.storeSizedRegRegOffset(2, RDX, RDI, 1), "mov dword ptr [rdi+4], edx"),
            s(a -> a.storeRegRegOffset(RAX, R12, 1), "mov [r12+8], rax"),
            s(a -> a.callInd(5), "mov rax, [rbp+40]\ncall rax"),
            s(a -> a.addRegReg(RSI, RDX), "add rsi, rdx"),
            s(a -> a.subRegReg(RSI, RDX), "sub rsi, rdx"),
            s(a -> a.andRegReg(RSI, RDX), "and rsi, rdx"),
            s(a -> a.orRegReg(RSI, RDX), "or rsi, rdx"),
            s(a -> a.xorRegReg(RSI, RDX), "xor rsi, rdx"),
            s(a -> a.mulRegReg(RSI, RDX), "imul rsi, rdx"),
            s(a -> a.negReg(RAX), "neg rax"),
            s(a -> a.notReg(RAX), "not rax"),
            s(a -> a.lslReg(RAX), "shl rax, cl"),
            s(a -> a.lsrReg(RAX), "shr rax, cl"),
            s(a -> a.asrReg(RAX), "sar rax, cl"),
            s(a -> a.compareToBool(0, RAX, RSI, RDX), "xor rax, rax\ncmp rsi, rdx\nsetb al"),
            s(a -> a.compareToBool(10, RAX, RSI, RDX), "xor rax, rax\ncmp rsi, rdx\nsetge al"),
            s(a -> a.jumpReg(RAX), "jmp rax"),
            s(a -> {
                a.entry(5);
                a.exit();
            }, "push rbp\npush rbx\npush r12\npush r13\nsub rsp, 40\nsub rsp, -40\npop r13\npop r12\npop rbx\npop rbp\nret"),
            s(a -> {
                a.labelAssign(0);
                a.jumpIfRegZero(RAX, 0, false);
            }, "1: test rax, rax\nje 1b"),
            // MicroPython tests a byte without a REX prefix: for RSI/RDI that reads DH/BH
            s(a -> {
                a.labelAssign(0);
                a.jumpIfRegNonzero(RDI, 0, true);
            }, "1: test bh, bh\njne 1b"),
            s(a -> {
                a.labelAssign(0);
                a.movRegReg(RAX, RDI);
                a.jump(0);
            }, "1: mov rax, rdi\njmp 1b"),
            // a jump to the current position counts as forward: the long form
            s(a -> {
                a.labelAssign(0);
                a.jump(0);
            }, "1: .byte 0xe9\n.long -5"));
        String header = ".intel_syntax noprefix\n.code64\n";
        check(dir, samples, X64Assembler::new, header, List.of("as", "--64"), "objcopy", "x86-64 as");
    }

    @Test
    void x86EncodesLikeGnuAs(@TempDir Path dir) throws Exception {
        int eax = X86Assembler.EAX;
        int ecx = X86Assembler.ECX;
        int edx = X86Assembler.EDX;
        int esi = X86Assembler.ESI;
        List<Sample> samples = List.of(
            s(a -> a.movRegLocal(eax, 1), "mov eax, [esp+4]"),
            s(a -> a.movLocalReg(40, ecx), "mov [esp+160], ecx"),
            s(a -> a.movRegImm(edx, -1), "mov edx, 0xffffffff"),
            s(a -> a.loadSizedRegRegOffset(1, eax, esi, 3), "movzx eax, word ptr [esi+6]"),
            s(a -> a.storeSizedRegRegOffset(0, edx, eax, 1), "mov byte ptr [eax+1], dl"),
            // mp_fun_table[3] takes two arguments: pad the stack to 16 bytes, push, call, pop
            s(a -> a.callInd(3), "sub esp, 8\npush ecx\npush eax\nmov eax, [ebp+12]\ncall eax\nadd esp, 16"),
            s(a -> a.callInd(45), "push ebx\npush edx\npush ecx\npush eax\nmov eax, [ebp+180]\ncall eax\nadd esp, 16"),
            s(a -> a.compareToBool(7, eax, ecx, edx), "xor eax, eax\ncmp ecx, edx\nsetg al"),
            s(a -> {
                a.entry(1);
                a.movArgToReg(2, edx);
                a.exit();
            }, "push ebp\npush ebx\npush esi\npush edi\nsub esp, 12\nmov edx, [esp+40]\nsub esp, -12\n"
                + "pop edi\npop esi\npop ebx\npop ebp\nret"));
        check(dir, samples, X86Assembler::new, ".intel_syntax noprefix\n.code32\n", List.of("as", "--32"), "objcopy",
            "x86 as");
    }

    @Test
    void thumbEncodesLikeGnuAs(@TempDir Path dir) throws Exception {
        Supplier<NativeAssembler> v7m = () -> new ThumbNativeAssembler(true);
        List<Sample> samples = List.of(
            s(a -> a.movRegLocal(0, 1), "ldr r0, [sp, #4]"),
            s(a -> a.movLocalReg(3, 1), "str r1, [sp, #12]"),
            s(a -> a.movRegLocalAddr(0, 2), "add r0, sp, #8"),
            s(a -> a.callInd(5), "ldr r3, [r7, #20]\nblx r3"),
            s(a -> a.callInd(40), "ldr.w r3, [r7, #160]\nblx r3"),
            s(a -> a.movRegImm(0, 200), "movs r0, #200"),
            s(a -> a.movRegImm(1, 0x1234), "movw r1, #0x1234"),
            s(a -> a.movRegImm(2, 0x12345678), "movw r2, #0x5678\nmovt r2, #0x1234"),
            s(a -> a.movRegReg(4, 0), "mov r4, r0"),
            s(a -> a.movRegReg(0, 8), "mov r0, r8"),
            s(a -> a.addRegReg(1, 2), "adds r1, r1, r2"),
            s(a -> a.subRegReg(1, 2), "subs r1, r1, r2"),
            s(a -> a.orRegReg(1, 2), "orrs r1, r2"),
            s(a -> a.xorRegReg(1, 2), "eors r1, r2"),
            s(a -> a.andRegReg(1, 2), "ands r1, r2"),
            s(a -> a.mulRegReg(1, 2), "muls r1, r2, r1"),
            s(a -> a.lslRegReg(1, 2), "lsls r1, r2"),
            s(a -> a.lsrRegReg(1, 2), "lsrs r1, r2"),
            s(a -> a.asrRegReg(1, 2), "asrs r1, r2"),
            s(a -> a.negReg(0), "rsbs r0, r0, #0"),
            s(a -> a.notReg(0), "mvns r0, r0"),
            s(a -> a.jumpReg(3), "bx r3"),
            s(a -> a.compareToBool(6, 0, 1, 2), "cmp r1, r2\nite lt\nmovlt r0, #1\nmovge r0, #0"),
            s(a -> a.compareToBool(1, 0, 1, 2), "cmp r1, r2\nite hi\nmovhi r0, #1\nmovls r0, #0"),
            s(a -> {
                a.entry(5);
                a.exit();
            }, "push {r1, r2, r3, r4, r5, r6, r7, lr}\nsub sp, #8\nadd sp, #8\npop {r1, r2, r3, r4, r5, r6, r7, pc}"),
            s(a -> a.loadSizedRegRegOffset(0, 0, 1, 3), "ldrb r0, [r1, #3]"),
            s(a -> a.loadSizedRegRegOffset(1, 0, 1, 3), "ldrh r0, [r1, #6]"),
            s(a -> a.loadSizedRegRegOffset(0, 0, 1, 100), "ldrb.w r0, [r1, #100]"),
            s(a -> a.storeSizedRegRegOffset(2, 2, 0, 40), "str.w r2, [r0, #160]"),
            s(a -> a.loadSizedRegRegReg(0, 0, 1, 3), "ldrb r0, [r1, r3]"),
            s(a -> a.loadSizedRegRegReg(1, 0, 1, 3), "lsls r2, r3, #1\nldrh r0, [r1, r2]"),
            s(a -> a.storeSizedRegRegReg(2, 2, 0, 1), "push {r1}\nlsls r1, r1, #2\nstr r2, [r0, r1]\npop {r1}"),
            s(a -> {
                a.labelAssign(0);
                a.jump(0);
            }, "1: b 1b"),
            s(a -> {
                a.labelAssign(0);
                a.jumpIfRegZero(0, 0, false);
            }, "1: cmp r0, #0\nbeq 1b"));
        String header = ".syntax unified\n.thumb\n";
        check(dir, samples, v7m, header, List.of("arm-none-eabi-as", "-mthumb", "-march=armv7-m"),
            "arm-none-eabi-objcopy", "arm-none-eabi-as");
    }

    @Test
    void rv32EncodesLikeGnuAs(@TempDir Path dir) throws Exception {
        Supplier<NativeAssembler> rv32 = () -> new Rv32Assembler(0);
        List<Sample> samples = List.of(
            s(a -> a.movRegReg(10, 11), "c.mv a0, a1"),
            s(a -> a.movRegImm(10, 5), "c.li a0, 5"),
            s(a -> a.movRegImm(10, 100), ".option norvc\naddi a0, zero, 100\n.option rvc"),
            s(a -> a.movRegImm(10, 0x12345), ".option norvc\nlui a0, 0x12\naddi a0, a0, 0x345\n.option rvc"),
            s(a -> a.callInd(5), "c.lw s0, 20(s1)\nc.jalr s0"),
            s(a -> a.callInd(40), ".option norvc\nlw t3, 160(s1)\n.option rvc\nc.jalr t3"),
            s(a -> a.loadSizedRegRegOffset(0, 10, 11, 3), ".option norvc\nlbu a0, 3(a1)\n.option rvc"),
            s(a -> a.storeSizedRegRegOffset(1, 12, 10, 2), ".option norvc\nsh a2, 4(a0)\n.option rvc"),
            s(a -> a.addRegReg(11, 12), "c.add a1, a2"),
            s(a -> a.andRegReg(11, 12), ".option norvc\nand a1, a2, a1\n.option rvc"),
            s(a -> a.mulRegReg(11, 12), ".option norvc\nmul a1, a1, a2\n.option rvc"),
            s(a -> a.negReg(10), ".option norvc\nsub a0, zero, a0\n.option rvc"),
            s(a -> a.notReg(10), ".option norvc\nxori a0, a0, -1\n.option rvc"),
            s(a -> a.compareToBool(9, 10, 11, 12), ".option norvc\nslt a0, a2, a1\nxori a0, a0, 1\n.option rvc"),
            s(a -> a.jumpReg(6), "c.jr t1"));
        check(dir, samples, rv32, ".option rvc\n", List.of("riscv64-unknown-elf-as", "-march=rv32imc", "-mabi=ilp32"),
            "riscv64-unknown-elf-objcopy", "riscv64-unknown-elf-as");
    }

    @Test
    void rv32HandCheckedEncodings() {
        Supplier<NativeAssembler> rv32 = () -> new Rv32Assembler(0);
        // c.mv a0, a1 = 0x852e; c.jr ra (ret) = 0x8082; c.li a0, 0 = 0x4501; c.lw s0, 0(s1) = 0x4080;
        // c.jalr s0 = 0x9402;
        // slt a0, a1, a2 = 0x00c5a533 (sltu for signed-less with unsigned operands is 0x00c5b533)
        assertThat(HexFormat.of().formatHex(assemble(rv32, a -> {
            a.movRegReg(10, 11);
            a.jumpReg(1);
            a.clrReg(10);
            a.callInd(0);
            a.compareToBool(6, 10, 11, 12);
            a.compareToBool(0, 10, 11, 12);
        }))).isEqualTo("2e85" + "8280" + "0145" + "8040" + "0294" + "33a5c500" + "33b5c500");
    }

    @Test
    void xtensaEncodesLikeGnuAs(@TempDir Path dir) throws Exception {
        Supplier<NativeAssembler> xtensa = () -> new XtensaAssembler(false);
        List<Sample> samples = List.of(
            s(a -> a.movRegReg(2, 3), "mov.n a2, a3"),
            s(a -> a.movRegImm(2, 1), "movi.n a2, 1"),
            s(a -> a.movRegImm(2, 1000), "movi a2, 1000"),
            s(a -> a.callInd(5), "l32i.n a0, a15, 20\ncallx0 a0"),
            s(a -> a.callInd(40), "l32i a0, a15, 160\ncallx0 a0"),
            s(a -> a.movRegLocal(2, 3), "_l32i a2, a1, 32"),
            s(a -> a.movLocalReg(3, 4), "_s32i a4, a1, 32"),
            s(a -> a.subRegReg(2, 3), "sub a2, a2, a3"),
            s(a -> a.mulRegReg(2, 3), "mull a2, a2, a3"),
            s(a -> a.lslRegReg(2, 3), "ssl a3\nsll a2, a2"),
            s(a -> a.compareToBool(6, 2, 3, 4), "_movi.n a2, 1\n_blt a3, a4, 1f\n_movi.n a2, 0\n1:"),
            s(a -> {
                a.entry(2);
                a.exit();
            }, "addi a1, a1, -32\ns32i.n a0, a1, 0\ns32i.n a12, a1, 4\ns32i.n a13, a1, 8\ns32i.n a14, a1, 12\n"
                + "s32i.n a15, a1, 16\nl32i.n a15, a1, 16\nl32i.n a14, a1, 12\nl32i.n a13, a1, 8\n"
                + "l32i.n a12, a1, 4\nl32i.n a0, a1, 0\naddi a1, a1, 32\nret.n"));
        check(dir, samples, xtensa, "", List.of("xtensa-lx106-elf-as"), "xtensa-lx106-elf-objcopy",
            "xtensa-lx106-elf-as");
    }

    @Test
    void xtensaHandCheckedEncodings() {
        // ret.n = 0xf00d; retw.n = 0xf01d; mov.n a2, a3 = 0x032d; callx0 a0 = 0x0000c0;
        // movi.n a2, 1 = 0x120c; l32i.n a0, a15, 0 = 0x0f08
        assertThat(HexFormat.of().formatHex(assemble(() -> new XtensaAssembler(false), a -> {
            a.entry(0);
            a.exit();
        }))).endsWith("0df0");
        assertThat(HexFormat.of().formatHex(assemble(() -> new XtensaAssembler(true), a -> {
            a.entry(0);
            a.exit();
        }))).endsWith("1df0");
        assertThat(HexFormat.of().formatHex(assemble(() -> new XtensaAssembler(false), a -> {
            a.movRegReg(2, 3);
            a.callInd(0);
            a.movRegImm(2, 1);
        }))).isEqualTo("2d03" + "080f" + "c00000" + "0c12");
    }

    @Test
    void armEncodesLikeGnuAs(@TempDir Path dir) throws Exception {
        Supplier<NativeAssembler> arm = ArmAssembler::new;
        List<Sample> samples = List.of(
            s(a -> a.movRegReg(4, 0), "mov r4, r0"),
            s(a -> a.movRegImm(0, 200), "mov r0, #200"),
            s(a -> a.movRegImm(1, -5), "mvn r1, #4"),
            s(a -> a.movRegImm(2, 0x12345), "ldr r2, [pc]\nb 1f\n.word 0x12345\n1:"),
            s(a -> a.callInd(5), "mov lr, pc\nldr pc, [r7, #20]"),
            s(a -> a.movRegLocal(0, 3), "ldr r0, [sp, #12]"),
            s(a -> a.movLocalReg(3, 1), "str r1, [sp, #12]"),
            s(a -> a.movRegLocalAddr(0, 2), "add r0, sp, #8"),
            s(a -> a.mulRegReg(1, 2), "mul r1, r2, r1"),
            s(a -> a.andRegReg(1, 2), "and r1, r1, r2"),
            s(a -> a.negReg(0), "rsb r0, r0, #0"),
            s(a -> a.notReg(0), "mvn r0, r0"),
            s(a -> a.lslRegReg(1, 2), "lsl r1, r1, r2"),
            s(a -> a.loadSizedRegRegOffset(1, 0, 1, 3), "ldrh r0, [r1, #6]"),
            s(a -> a.loadSizedRegRegReg(2, 0, 1, 2), "ldr r0, [r1, r2, lsl #2]"),
            s(a -> a.storeSizedRegRegReg(1, 2, 0, 1), "lsl r8, r1, #1\nstrh r2, [r0, r8]"),
            s(a -> a.compareToBool(6, 0, 1, 2), "cmp r1, r2\nmovlt r0, #1\nmovge r0, #0"),
            s(a -> a.jumpReg(3), "bx r3"),
            s(a -> {
                a.entry(5);
                a.exit();
            }, "push {r1, r2, r3, r4, r5, r6, r7, r8, lr}\nsub sp, sp, #24\nadd sp, sp, #24\n"
                + "pop {r1, r2, r3, r4, r5, r6, r7, r8, pc}"),
            s(a -> {
                a.labelAssign(0);
                a.jumpIfRegZero(0, 0, false);
            }, "1: cmp r0, #0\nbeq 1b"));
        check(dir, samples, arm, ".syntax unified\n.arm\n", List.of("arm-none-eabi-as", "-march=armv6"),
            "arm-none-eabi-objcopy", "arm-none-eabi-as");
    }

    @Test
    void armv6mBuildsConstantsWithoutThumb2(@TempDir Path dir) throws Exception {
        Supplier<NativeAssembler> v6m = () -> new ThumbNativeAssembler(false);
        List<Sample> samples = List.of(
            s(a -> a.movRegImm(0, 0x1000), "movs r0, #1\nlsls r0, r0, #12"),
            s(a -> a.movRegImm(1, 0x1234), "movs r1, #0x12\nlsls r1, r1, #8\nadds r1, #0x34"),
            s(a -> a.movRegImm(2, -4), "movs r2, #1\nlsls r2, r2, #2\nrsbs r2, r2, #0"),
            s(a -> a.compareToBool(2, 0, 1, 2), "cmp r1, r2\nbeq 1f\nmovs r0, #0\nb 2f\n1: movs r0, #1\n2:"));
        String header = ".syntax unified\n.thumb\n";
        check(dir, samples, v6m, header, List.of("arm-none-eabi-as", "-mthumb", "-march=armv6-m"),
            "arm-none-eabi-objcopy", "arm-none-eabi-as");
    }

    private static void check(Path dir, List<Sample> samples, Supplier<NativeAssembler> make, String header,
            List<String> asCmd, String objcopyName, String what) throws Exception {
        Optional<Path> as = onPath(asCmd.get(0));
        Optional<Path> objcopy = onPath(objcopyName);
        if (as.isEmpty() || objcopy.isEmpty()) {
            String why = what + "/" + objcopyName + " not on PATH (binutils)";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        StringBuilder src = new StringBuilder(header);
        for (int i = 0; i < samples.size(); i++) {
            src.append(".org ").append(i * SLOT).append('\n').append(samples.get(i).gnu()).append('\n');
        }
        Path s = dir.resolve("a.s");
        Path o = dir.resolve("a.o");
        Path bin = dir.resolve("a.bin");
        Files.writeString(s, src.toString());
        List<String> cmd = new ArrayList<>(asCmd);
        cmd.set(0, as.get().toString());
        cmd.addAll(List.of("-o", o.toString(), s.toString()));
        run(cmd);
        run(List.of(objcopy.get().toString(), "-O", "binary", "-j", ".text", o.toString(), bin.toString()));
        byte[] gnu = Files.readAllBytes(bin);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            byte[] ours = assemble(make, samples.get(i).ops());
            byte[] theirs = Arrays.copyOfRange(gnu, Math.min(i * SLOT, gnu.length),
                Math.min(i * SLOT + ours.length, gnu.length));
            if (!Arrays.equals(ours, theirs)) {
                mismatches.add(samples.get(i).gnu().replace('\n', ';') + " | ours " + HexFormat.of().formatHex(ours)
                    + " gnu " + HexFormat.of().formatHex(theirs));
            }
        }
        assertThat(mismatches).as("encodings differing from GNU as").isEmpty();
    }

    private static Optional<Path> onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String d : path.split(File.pathSeparator)) {
            Path p = Path.of(d, tool);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + cmd);
        }
        if (p.exitValue() != 0) {
            fail(cmd.get(0) + " failed:\n" + new String(out, StandardCharsets.UTF_8));
        }
    }
}
