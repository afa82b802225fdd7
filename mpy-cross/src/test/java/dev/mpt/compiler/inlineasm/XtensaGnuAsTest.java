package dev.mpt.compiler.inlineasm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Xtensa instruction of the inline assembler, with random operands, assembled by us and by
 * GNU {@code xtensa-lx106-elf-as} (Debian package {@code binutils-xtensa-lx106}); the bytes must
 * agree. Branches go back to a label just before them (MicroPython's short form). Left out:
 * {@code movi} (MicroPython loads it from a constant table), {@code call0} and {@code l32r}
 * (alignment-dependent), and {@code addi_n} with 0 or -1 (MicroPython encodes both as -1's
 * field with stray bits, unlike GNU).
 */
class XtensaGnuAsTest {

    private static final int SAMPLES_PER_FORM = 12;
    private static final int SLOT = 16;

    /**
     * One instruction form: our name, GNU's, and the operands: {@code r} a register a0..a15,
     * {@code i:min:max:step} an integer, {@code l} a label just before the instruction.
     */
    private record Form(String ours, String gnu, String... operands) {
    }

    private static final List<Form> FORMS = List.of(
        new Form("abs_", "abs", "r", "r"), new Form("add", "add", "r", "r", "r"),
        new Form("add_n", "add.n", "r", "r", "r"), new Form("addi", "addi", "r", "r", "i:-128:127:1"),
        new Form("addx2", "addx2", "r", "r", "r"), new Form("addx4", "addx4", "r", "r", "r"),
        new Form("addx8", "addx8", "r", "r", "r"), new Form("and_", "and", "r", "r", "r"),
        new Form("callx0", "callx0", "r"), new Form("jx", "jx", "r"),
        new Form("l16si", "l16si", "r", "r", "i:0:510:2"), new Form("l16ui", "l16ui", "r", "r", "i:0:510:2"),
        new Form("l32i", "l32i", "r", "r", "i:0:1020:4"), new Form("l8ui", "l8ui", "r", "r", "i:0:255:1"),
        new Form("mov", "mov.n", "r", "r"), new Form("mov_n", "mov.n", "r", "r"),
        new Form("mull", "mull", "r", "r", "r"), new Form("neg", "neg", "r", "r"), new Form("nop", "nop"),
        new Form("nop_n", "nop.n"), new Form("nsa", "nsa", "r", "r"), new Form("nsau", "nsau", "r", "r"),
        new Form("or_", "or", "r", "r", "r"), new Form("ret", "ret.n"), new Form("ret_n", "ret.n"),
        new Form("s16i", "s16i", "r", "r", "i:0:510:2"), new Form("s32i", "s32i", "r", "r", "i:0:1020:4"),
        new Form("s8i", "s8i", "r", "r", "i:0:255:1"), new Form("sll", "sll", "r", "r"),
        new Form("sra", "sra", "r", "r"), new Form("src", "src", "r", "r", "r"), new Form("srl", "srl", "r", "r"),
        new Form("ssa8b", "ssa8b", "r"), new Form("ssa8l", "ssa8l", "r"), new Form("ssl", "ssl", "r"),
        new Form("ssr", "ssr", "r"), new Form("sub", "sub", "r", "r", "r"), new Form("subx2", "subx2", "r", "r", "r"),
        new Form("subx4", "subx4", "r", "r", "r"), new Form("subx8", "subx8", "r", "r", "r"),
        new Form("xor", "xor", "r", "r", "r"),
        new Form("j", "j", "l"), new Form("ssai", "ssai", "i:0:31:1"),
        new Form("beqz", "beqz", "r", "l"), new Form("bnez", "bnez", "r", "l"), new Form("bltz", "bltz", "r", "l"),
        new Form("bgez", "bgez", "r", "l"), new Form("beqz_n", "beqz", "r", "l"), new Form("bnez_n", "bnez", "r", "l"),
        new Form("movi_n", "movi.n", "r", "i:-32:95:1"),
        new Form("bnone", "bnone", "r", "r", "l"), new Form("beq", "beq", "r", "r", "l"),
        new Form("blt", "blt", "r", "r", "l"), new Form("bltu", "bltu", "r", "r", "l"),
        new Form("ball", "ball", "r", "r", "l"), new Form("bbc", "bbc", "r", "r", "l"),
        new Form("bany", "bany", "r", "r", "l"), new Form("bne", "bne", "r", "r", "l"),
        new Form("bge", "bge", "r", "r", "l"), new Form("bgeu", "bgeu", "r", "r", "l"),
        new Form("bnall", "bnall", "r", "r", "l"), new Form("bbs", "bbs", "r", "r", "l"),
        new Form("addi_n", "addi.n", "r", "r", "i:1:15:1"), new Form("addmi", "addmi", "r", "r", "i:-32768:32512:256"),
        new Form("bbci", "bbci", "r", "i:0:31:1", "l"), new Form("bbsi", "bbsi", "r", "i:0:31:1", "l"),
        new Form("slli", "slli", "r", "r", "i:1:31:1"), new Form("srai", "srai", "r", "r", "i:0:31:1"),
        new Form("srli", "srli", "r", "r", "i:0:15:1"), new Form("l32i_n", "l32i.n", "r", "r", "i:0:60:4"),
        new Form("s32i_n", "s32i.n", "r", "r", "i:0:60:4"));

    @Test
    void everyInstructionEncodesLikeGnuAs(@TempDir Path dir) throws Exception {
        GnuBinutils gnu = GnuBinutils.require("xtensa-lx106-elf", "binutils-xtensa-lx106");
        Random rnd = new Random(0x787465L);
        XtensaInlineAssembler asm = new XtensaInlineAssembler(true);
        List<String> texts = new ArrayList<>();
        List<byte[]> ours = new ArrayList<>();
        for (Form form : FORMS) {
            for (int n = 0; n < SAMPLES_PER_FORM; n++) {
                String label = "L" + texts.size();
                List<AsmNode> args = new ArrayList<>();
                List<String> shown = new ArrayList<>();
                boolean hasLabel = false;
                for (String o : form.operands()) {
                    if (o.equals("r")) {
                        int r = rnd.nextInt(16);
                        args.add(AsmNode.id("a" + r));
                        shown.add("a" + r);
                    } else if (o.equals("l")) {
                        hasLabel = true;
                        args.add(AsmNode.id(label));
                        shown.add(label);
                    } else {
                        String[] p = o.split(":");
                        int min = Integer.parseInt(p[1]);
                        int step = Integer.parseInt(p[3]);
                        int count = (Integer.parseInt(p[2]) - min) / step + 1;
                        int v = min + step * (n == 0 ? 0 : n == 1 ? count - 1 : rnd.nextInt(count));
                        args.add(AsmNode.integer(v));
                        shown.add(Integer.toString(v));
                    }
                }
                List<AsmStatement> body = new ArrayList<>();
                StringBuilder text = new StringBuilder();
                if (hasLabel) {
                    body.add(new AsmStatement.Call(2, "label", List.of(AsmNode.id(label))));
                    body.add(new AsmStatement.Call(3, "nop_n", List.of()));
                    text.append(label).append(":\nnop.n\n");
                }
                body.add(new AsmStatement.Call(4, form.ours(), args));
                text.append(form.gnu()).append(' ').append(String.join(", ", shown)).append('\n');
                byte[] code = asm.assemble(new InlineAsmFunction(1, List.of(), null, 0, body)).code();
                ours.add(Arrays.copyOfRange(code, 5, code.length - 4)); // without entry and exit
                texts.add(text.toString());
            }
        }
        StringBuilder src = new StringBuilder();
        for (int i = 0; i < texts.size(); i++) {
            src.append(".org ").append(i * SLOT).append('\n').append(texts.get(i));
        }
        src.append(".org ").append(texts.size() * SLOT).append('\n');
        byte[] theirs = gnu.assemble(dir, src.toString(), "--no-transform");

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
