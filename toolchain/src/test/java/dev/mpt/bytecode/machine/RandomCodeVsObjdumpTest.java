package dev.mpt.bytecode.machine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.bytecode.NativeArch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random instruction words decoded by our disassemblers and by GNU objdump: every instruction we
 * decode (not shown as data) must read exactly as objdump shows it, and we must decode most of
 * what objdump decodes in the instruction classes we cover.
 */
class RandomCodeVsObjdumpTest {

    private record Result(List<String> mismatches, int compared) {
    }

    private static Result compare(MachineDisassembler d, byte[] code, Map<Integer, String> theirs) {
        return compare(d, code, theirs, Set.of());
    }

    /** {@code absent}: mnemonics the oracle's configuration does not have (skipped). */
    private static Result compare(MachineDisassembler d, byte[] code, Map<Integer, String> theirs,
            Set<String> absent) {
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (MachineInstruction ins : d.decode(code)) {
            if (!ins.known() || absent.contains(ins.mnemonic())) {
                continue;
            }
            String t = theirs.get(ins.offset());
            compared++;
            if (!Objdump.normalise(ins.text()).equals(t)) {
                StringBuilder bytes = new StringBuilder();
                for (int i = 0; i < ins.size(); i++) {
                    bytes.append(String.format("%02x", code[ins.offset() + i]));
                }
                mismatches.add(bytes + ": ours '" + ins.text() + "' objdump '" + t + "'");
            }
        }
        return new Result(mismatches, compared);
    }

    /** Instructions one at a time (each padded to {@code slot} bytes), so that none hides another. */
    private static byte[] slots(int count, int slot, IntFunction<byte[]> gen) {
        byte[] code = new byte[count * slot];
        for (int i = 0; i < count; i++) {
            byte[] ins = gen.apply(i);
            System.arraycopy(ins, 0, code, i * slot, ins.length);
        }
        return code;
    }

    @Test
    void rv32(@TempDir Path dir) throws Exception {
        Objdump objdump = Objdump.require("riscv64-unknown-elf-objdump", "binutils-riscv64-unknown-elf");
        Random rnd = new Random(32);
        byte[] code = new byte[4 * 20000];
        for (int i = 0; i < code.length; i += 4) {
            int w = rnd.nextInt();
            if (i % 8 == 0) {
                w |= 3; // half of them 32-bit instructions
            }
            // no 48- and 64-bit encodings (low bits 11111): neither decoder covers them alike
            if ((w & 0x1f) == 0x1f) {
                w &= ~0x10;
            }
            if ((w & 0x1f0000) == 0x1f0000) {
                w &= ~0x100000;
            }
            for (int k = 0; k < 4; k++) {
                code[i + k] = (byte) (w >> (8 * k));
            }
        }
        MachineDisassembler d = MachineDisassembler.of(NativeArch.RV32IMC).orElseThrow();
        // objdump names CSRs (we print their numbers), decodes Zba only when told the ISA, and
        // binutils 2.40 has no Zcmp
        Result r = compare(d, code, objdump.disassemble(dir, code, "riscv:rv32", "-M", "no-aliases"),
            Set.of("csrrw", "csrrs", "csrrc", "csrrwi", "csrrsi", "csrrci", "cm.push", "cm.pop", "cm.popret",
                "cm.popretz", "sh1add", "sh2add", "sh3add"));
        assertThat(r.mismatches()).as("instructions we read unlike objdump").isEmpty();
        assertThat(r.compared()).isGreaterThan(10000);
    }

    @Test
    void xtensa(@TempDir Path dir) throws Exception {
        Objdump objdump = Objdump.require("xtensa-lx106-elf-objdump", "binutils-xtensa-lx106");
        Random rnd = new Random(7);
        byte[] code = slots(20000, 4, i -> {
            byte[] b = new byte[3];
            rnd.nextBytes(b);
            return b;
        });
        MachineDisassembler d = MachineDisassembler.of(NativeArch.XTENSA).orElseThrow();
        // binutils-xtensa-lx106 is configured for the ESP8266: no windowed registers, no divide
        Result r = compare(d, code, objdump.disassemble(dir, code, "xtensa"), Set.of("call4", "call8", "call12",
            "callx4", "callx8", "callx12", "entry", "retw", "retw.n", "quou", "quos", "remu", "rems", "muluh", "mulsh"));
        assertThat(r.mismatches()).as("instructions we read unlike objdump").isEmpty();
        assertThat(r.compared()).isGreaterThan(10000);
    }

    @Test
    void thumb2(@TempDir Path dir) throws Exception {
        Objdump objdump = Objdump.require("arm-none-eabi-objdump", "binutils-arm-none-eabi");
        Random rnd = new Random(2);
        byte[] code = new byte[4 * 30000];
        for (int i = 0; i < code.length; i += 4) {
            int h1;
            int h2;
            if (rnd.nextInt(3) == 0) {
                // a 32-bit instruction, from the groups the decoder covers
                int[] prefixes = {0xe800, 0xe900, 0xf000, 0xf200, 0xf800, 0xf900, 0xfb00};
                h1 = prefixes[rnd.nextInt(prefixes.length)] | rnd.nextInt(0x800) & (rnd.nextBoolean() ? 0xff : 0x7ff);
                h2 = rnd.nextInt(0x10000);
            } else {
                // two 16-bit instructions (no IT with the "always" conditions, which only random
                // code has)
                h1 = rnd.nextInt(0xe800);
                h2 = rnd.nextInt(0xe800);
                h1 = (h1 & 0xffe0) == 0xbfe0 ? 0xbf00 : h1;
                h2 = (h2 & 0xffe0) == 0xbfe0 ? 0xbf00 : h2;
            }
            code[i] = (byte) h1;
            code[i + 1] = (byte) (h1 >> 8);
            code[i + 2] = (byte) h2;
            code[i + 3] = (byte) (h2 >> 8);
        }
        MachineDisassembler d = MachineDisassembler.of(NativeArch.ARMV7EMSP).orElseThrow();
        Result r = compare(d, code, objdump.disassemble(dir, code, "arm", "-M", "force-thumb"));
        assertThat(r.mismatches()).as("instructions we read unlike objdump").isEmpty();
        assertThat(r.compared()).isGreaterThan(30000);
    }

    @Test
    void armState(@TempDir Path dir) throws Exception {
        Objdump objdump = Objdump.require("arm-none-eabi-objdump", "binutils-arm-none-eabi");
        Random rnd = new Random(6);
        byte[] code = new byte[4 * 40000];
        for (int i = 0; i < code.length; i += 4) {
            // mostly "always" and the classes the decoder covers (data processing, loads and
            // stores, load/store multiple, branches); some fully random words
            int w = rnd.nextInt();
            if (rnd.nextInt(8) != 0) {
                w = w & 0x01ffffff | (rnd.nextInt(4) == 0 ? rnd.nextInt(15) : 0xe) << 28 | rnd.nextInt(6) << 25;
            }
            for (int k = 0; k < 4; k++) {
                code[i + k] = (byte) (w >> (8 * k));
            }
        }
        MachineDisassembler d = MachineDisassembler.of(NativeArch.ARMV6).orElseThrow();
        Result r = compare(d, code, objdump.disassemble(dir, code, "arm"));
        assertThat(r.mismatches()).as("instructions we read unlike objdump").isEmpty();
        assertThat(r.compared()).isGreaterThan(20000);
    }

    @Test
    void x64AndX86(@TempDir Path dir) throws Exception {
        Objdump objdump = Objdump.require("objdump", "binutils");
        for (boolean x64 : new boolean[] {true, false}) {
            Random rnd = new Random(x64 ? 64 : 86);
            int[] ops = {0x01, 0x09, 0x21, 0x29, 0x31, 0x39, 0x85, 0x89, 0x03, 0x0b, 0x23, 0x2b, 0x33, 0x3b, 0x8b, 0x84,
                0x88, 0x8d, 0x81, 0x83, 0xc7, 0xd3, 0xf7, 0xff, 0xe8, 0xe9, 0xeb, 0xc3, 0x90, 0x50, 0x5b, 0xb8, 0xbb,
                0xb1, 0x74, 0x7f};
            int[] ops0f = {0x84, 0x8f, 0x94, 0x9c, 0xb6, 0xb7, 0xaf};
            byte[] code = slots(20000, 16, i -> {
                byte[] b = new byte[12];
                int n = 0;
                if (rnd.nextInt(8) == 0) {
                    b[n++] = 0x66;
                }
                if (x64 && rnd.nextBoolean()) {
                    b[n++] = (byte) (0x40 | rnd.nextInt(16));
                }
                if (rnd.nextInt(6) == 0) {
                    b[n++] = 0x0f;
                    b[n++] = (byte) ops0f[rnd.nextInt(ops0f.length)];
                } else {
                    b[n++] = (byte) ops[rnd.nextInt(ops.length)];
                }
                while (n < b.length) {
                    b[n++] = (byte) rnd.nextInt(256);
                }
                return b;
            });
            MachineDisassembler d = MachineDisassembler.of(x64 ? NativeArch.X64 : NativeArch.X86).orElseThrow();
            // each sample at the start of its 16-byte slot; compare the first instruction of each
            List<String> mismatches = new ArrayList<>();
            Map<Integer, String> theirs = objdump.disassemble(dir, code, x64 ? "i386:x86-64" : "i386");
            int compared = 0;
            for (int i = 0; i < code.length; i += 16) {
                MachineInstruction ins = d.decode(code, i, i + 16).get(0);
                String t = theirs.get(i);
                // skipped: branches (targets count from each slot here), and what objdump shows
                // with prefixes that change nothing (rex.X, data16 on a 64-bit operation)
                if (!ins.known() || t == null || t.startsWith("rex") || t.startsWith("data16")
                        || ins.text().startsWith("j") && !ins.text().contains("*")
                        || ins.text().startsWith("call ")) {
                    continue;
                }
                compared++;
                if (!ins.text().equals(t)) {
                    mismatches.add(HexFormat.of().formatHex(code, i, i + ins.size()) + ": ours '" + ins.text()
                        + "' objdump '" + t + "'");
                }
            }
            assertThat(mismatches).as("instructions we read unlike objdump (x64=" + x64 + ")").isEmpty();
            assertThat(compared).isGreaterThan(5000);
        }
    }
}
