package dev.mpt.compiler.inlineasm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every RV32 instruction of the inline assembler, with random operands, assembled by us and by
 * GNU {@code riscv64-unknown-elf-as -march=rv32imc_zba_zicsr} (Debian package
 * {@code binutils-riscv64-unknown-elf}); the bytes must agree. Labels are just before the
 * instruction. Left out: {@code la} and {@code li} (pseudo-instructions GNU expands its own
 * way). {@code c_and}, {@code c_or}, {@code c_xor}, {@code c_sub} use x8..x11 only: MicroPython
 * keeps two bits of each register number there (x12..x15 come out as x8..x11), unlike GNU.
 */
class Rv32GnuAsTest {

    private static final int SAMPLES_PER_FORM = 12;
    private static final int SLOT = 16;

    /**
     * One instruction form: our name, GNU's, and the operands: {@code r} any register,
     * {@code n} not x0, {@code c} x8..x15, {@code c4} x8..x11, {@code q} not x0 or x2,
     * {@code i:min:max:step} an integer, {@code l} a label just before the instruction,
     * {@code a:min:max:step:reg} an address offset(base) whose base is of kind reg,
     * {@code sp} (GNU only) the stack pointer. In {@code gnu}, {@code {k}} is operand k;
     * without braces the operands follow in order.
     */
    private record Form(String ours, String gnu, String... operands) {
    }

    private static final List<Form> FORMS = new ArrayList<>();

    private static void form(String ours, String gnu, String... operands) {
        FORMS.add(new Form(ours, gnu, operands));
    }

    static {
        for (String op : List.of("add", "and_", "div", "divu", "mul", "mulh", "mulhsu", "mulhu", "or_", "rem", "remu",
                "sll", "slt", "sltu", "sra", "srl", "sub", "xor", "sh1add", "sh2add", "sh3add")) {
            form(op, op.replace("_", ""), "r", "r", "r");
        }
        for (String op : List.of("addi", "andi", "ori", "slti", "sltiu", "xori", "jalr")) {
            form(op, op, "r", "r", "i:-2048:2047:1");
        }
        for (String op : List.of("slli", "srai", "srli")) {
            form(op, op, "r", "r", "i:0:31:1");
        }
        for (String op : List.of("csrrc", "csrrs", "csrrw")) {
            form(op, op + " {0}, {2}, {1}", "r", "r", "i:0:4095:1");
        }
        for (String op : List.of("csrrci", "csrrsi", "csrrwi")) {
            form(op, op, "r", "i:0:4095:1", "i:0:31:1");
        }
        for (String op : List.of("beq", "bge", "bgeu", "blt", "bltu", "bne")) {
            form(op, op, "r", "r", "l");
        }
        for (String op : List.of("lb", "lbu", "lh", "lhu", "lw", "sb", "sh", "sw")) {
            form(op, op, "r", "a:-2048:2047:1:r");
        }
        form("auipc", "auipc", "r", "i:0:1048575:1");
        form("lui", "lui", "r", "i:0:1048575:1");
        form("c_add", "c.add", "n", "n");
        form("c_addi", "c.addi", "n", "i:1:31:1");
        form("c_addi", "c.addi", "n", "i:-32:-1:1");
        form("c_addi4spn", "c.addi4spn {0}, sp, {1}", "c", "i:4:1020:4");
        for (String op : List.of("c_and", "c_or", "c_xor", "c_sub")) {
            form(op, op.replace('_', '.'), "c4", "c4");
        }
        form("c_andi", "c.andi", "c", "i:-32:31:1");
        form("c_beqz", "c.beqz", "c", "l");
        form("c_bnez", "c.bnez", "c", "l");
        form("c_ebreak", "c.ebreak");
        form("c_j", "c.j", "l");
        form("c_jal", "c.jal", "l");
        form("c_jalr", "c.jalr", "n");
        form("c_jr", "c.jr", "n");
        form("c_li", "c.li", "n", "i:-32:31:1");
        form("c_lui", "c.lui", "q", "i:1:31:1");
        form("c_lw", "c.lw", "c", "a:0:60:4:c");
        form("c_sw", "c.sw", "c", "a:0:60:4:c");
        form("c_lwsp", "c.lwsp {0}, {1}(sp)", "n", "i:0:124:4");
        form("c_swsp", "c.swsp {0}, {1}(sp)", "r", "i:0:124:4");
        form("c_mv", "c.mv", "n", "n");
        form("mv", "c.mv", "n", "n");
        form("c_nop", "c.nop");
        form("c_slli", "c.slli", "n", "i:1:31:1");
        form("c_srai", "c.srai", "c", "i:1:31:1");
        form("c_srli", "c.srli", "c", "i:1:31:1");
        form("ebreak", "ebreak");
        form("ecall", "ecall");
        form("jal", "jal", "r", "l");
    }

    private static int register(String kind, Random rnd) {
        return switch (kind) {
            case "r" -> rnd.nextInt(32);
            case "n" -> 1 + rnd.nextInt(31);
            case "c" -> 8 + rnd.nextInt(8);
            case "c4" -> 8 + rnd.nextInt(4);
            case "q" -> {
                int r = 1 + rnd.nextInt(30);
                yield r >= 2 ? r + 1 : r;
            }
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @Test
    void everyInstructionEncodesLikeGnuAs(@TempDir Path dir) throws Exception {
        GnuBinutils gnu = GnuBinutils.require("riscv64-unknown-elf", "binutils-riscv64-unknown-elf");
        Random rnd = new Random(0x72763332L);
        Rv32InlineAssembler asm = new Rv32InlineAssembler(Rv32InlineAssembler.EXT_ZBA);
        List<String> texts = new ArrayList<>();
        List<byte[]> ours = new ArrayList<>();
        for (Form form : FORMS) {
            for (int n = 0; n < SAMPLES_PER_FORM; n++) {
                String label = "L" + texts.size();
                List<AsmNode> args = new ArrayList<>();
                List<String> shown = new ArrayList<>();
                boolean hasLabel = false;
                for (String o : form.operands()) {
                    String[] p = o.split(":");
                    if (o.equals("l")) {
                        hasLabel = true;
                        args.add(AsmNode.id(label));
                        shown.add(label);
                    } else if (p[0].equals("i") || p[0].equals("a")) {
                        int min = Integer.parseInt(p[1]);
                        int step = Integer.parseInt(p[3]);
                        int count = (Integer.parseInt(p[2]) - min) / step + 1;
                        int v = min + step * (n == 0 ? 0 : n == 1 ? count - 1 : rnd.nextInt(count));
                        if (p[0].equals("i")) {
                            args.add(AsmNode.integer(v));
                            shown.add(Integer.toString(v));
                        } else {
                            String base = "x" + register(p[4], rnd);
                            AsmNode at = new AsmNode.Applied(AsmNode.integer(Math.abs(v)), AsmNode.id(base));
                            args.add(v < 0 ? new AsmNode.Signed(true, at) : at);
                            shown.add(v + "(" + base + ")");
                        }
                    } else {
                        String r = "x" + register(o, rnd);
                        args.add(AsmNode.id(r));
                        shown.add(r);
                    }
                }
                String text = form.gnu();
                if (text.contains("{")) {
                    for (int k = 0; k < shown.size(); k++) {
                        text = text.replace("{" + k + "}", shown.get(k));
                    }
                } else {
                    text = text + " " + String.join(", ", shown);
                }
                List<AsmStatement> body = new ArrayList<>();
                String prefix = "";
                if (hasLabel) {
                    body.add(new AsmStatement.Call(2, "label", List.of(AsmNode.id(label))));
                    body.add(new AsmStatement.Call(3, "c_nop", List.of()));
                    prefix = label + ":\n.option rvc\nc.nop\n";
                }
                body.add(new AsmStatement.Call(4, form.ours(), args));
                String rvc = text.startsWith("c.") ? ".option rvc\n" : ".option norvc\n";
                byte[] code = asm.assemble(new InlineAsmFunction(1, List.of(), null, 0, body)).code();
                ours.add(Arrays.copyOf(code, code.length - 2)); // without the c.jr ra
                texts.add(prefix + rvc + text + "\n");
            }
        }
        StringBuilder src = new StringBuilder(".option norelax\n");
        for (int i = 0; i < texts.size(); i++) {
            src.append(".org ").append(i * SLOT).append('\n').append(texts.get(i));
        }
        src.append(".org ").append(texts.size() * SLOT).append('\n');
        byte[] theirs = gnu.assemble(dir, src.toString(), "-march=rv32imc_zba_zicsr", "-mabi=ilp32");

        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            byte[] t = Arrays.copyOfRange(theirs, i * SLOT, i * SLOT + ours.get(i).length);
            if (!Arrays.equals(t, ours.get(i))) {
                mismatches.add(texts.get(i).replace('\n', ';') + " ours " + HexFormat.of().formatHex(ours.get(i))
                    + " gnu " + HexFormat.of().formatHex(t));
            }
        }
        assertThat(mismatches).as("encodings differing from GNU as").isEmpty();
        assertThat(texts).hasSize(FORMS.size() * SAMPLES_PER_FORM);
    }
}
