package dev.mpt.compiler.thumb;

import dev.mpt.compiler.inlineasm.AsmNode;
import dev.mpt.compiler.inlineasm.AsmStatement;
import dev.mpt.compiler.inlineasm.InlineAsmFunction;
import dev.mpt.compiler.inlineasm.InlineAsmError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mpt.bytecode.NativeArch;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every form in {@link ThumbEncodings#FORMS}, with many operand choices each, assembled by us
 * and by GNU {@code arm-none-eabi-as} (Debian package {@code binutils-arm-none-eabi}); the
 * bytes must agree. Without the GNU tools the test is skipped, except in CI (CI=true) where it
 * fails.
 */
class GnuAsDifferentialTest {

    private static final int SAMPLES_PER_FORM = 24;
    /** Each sample is placed at a multiple of this offset in the GNU source. */
    private static final int SLOT = 16;

    /** One instruction: the GNU text, and our bytes for it. */
    private record Sample(ThumbEncodings.Form form, String gnu, byte[] ours) {
    }

    @Test
    void everyFormEncodesLikeGnuAs(@TempDir Path dir) throws Exception {
        Optional<Path> as = onPath("arm-none-eabi-as");
        Optional<Path> objcopy = onPath("arm-none-eabi-objcopy");
        if (as.isEmpty() || objcopy.isEmpty()) {
            String why = "arm-none-eabi-as/objcopy not on PATH (apt-get install binutils-arm-none-eabi)";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        List<Sample> samples = samples(new Random(0x7468756d62L));

        StringBuilder src = new StringBuilder(".syntax unified\n.thumb\n");
        for (int i = 0; i < samples.size(); i++) {
            src.append(".org ").append(i * SLOT).append('\n').append(samples.get(i).gnu()).append('\n');
        }
        Path s = dir.resolve("forms.s");
        Path o = dir.resolve("forms.o");
        Path bin = dir.resolve("forms.bin");
        Files.writeString(s, src.toString());
        run(List.of(as.get().toString(), "-mthumb", "-mcpu=cortex-m4", "-mfpu=fpv4-sp-d16", "-o", o.toString(),
                s.toString()));
        run(List.of(objcopy.get().toString(), "-O", "binary", o.toString(), bin.toString()));
        byte[] gnu = Files.readAllBytes(bin);

        List<String> mismatches = new ArrayList<>();
        Map<String, Integer> perForm = new LinkedHashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            Sample sample = samples.get(i);
            byte[] theirs = Arrays.copyOfRange(gnu, Math.min(i * SLOT, gnu.length),
                    Math.min(i * SLOT + sample.ours().length, gnu.length));
            if (!Arrays.equals(theirs, sample.ours())) {
                mismatches.add(sample.form().name() + " | " + sample.gnu().replace('\n', ';') + " | ours "
                        + HexFormat.of().formatHex(sample.ours()) + " gnu " + HexFormat.of().formatHex(theirs));
            }
            perForm.merge(key(sample.form()), 1, Integer::sum);
        }
        assertThat(mismatches).as("encodings differing from GNU as").isEmpty();
        assertThat(perForm).as("forms checked").hasSize(ThumbEncodings.FORMS.size());
    }

    // ---- samples

    private static String key(ThumbEncodings.Form f) {
        return f.name() + "/" + f.nArgs() + "/" + f.pick();
    }

    private static List<Sample> samples(Random rnd) throws InlineAsmError {
        ThumbAssembler asm = new ThumbAssembler(NativeArch.ARMV7EMSP);
        List<Sample> out = new ArrayList<>();
        for (ThumbEncodings.Form form : ThumbEncodings.FORMS) {
            for (int n = 0; n < SAMPLES_PER_FORM; n++) {
                boolean edge = n < 2;
                if (form.operands().equals(List.of(new ThumbEncodings.Operand.Label()))) {
                    out.add(branchSample(form, rnd, edge ? n : -1));
                    continue;
                }
                List<AsmNode> args = new ArrayList<>();
                List<String> shown = new ArrayList<>();
                for (boolean first = true; first || !gnuAccepts(form, shown); first = false) {
                    args.clear();
                    shown.clear();
                    for (int i = 0; i < form.nArgs(); i++) {
                        operand(form, i, rnd, edge && first, args, shown);
                    }
                }
                InlineAsmFunction fn = new InlineAsmFunction(1, List.of(), null, 0,
                        List.of(new AsmStatement.Call(2, form.name(), args)));
                byte[] code = asm.assemble(fn).code();
                byte[] ours = Arrays.copyOfRange(code, 2, code.length - 2); // without entry and exit
                String gnu = form.gnu();
                for (int k = shown.size() - 1; k >= 0; k--) {
                    gnu = gnu.replace("{" + k + "}", shown.get(k));
                }
                if (form.name().startsWith("it")) {
                    gnu += itBody(form.name().substring(2), ThumbEncodings.CONDITIONS.indexOf(shown.get(0)));
                }
                out.add(new Sample(form, gnu, ours));
            }
        }
        return out;
    }

    /** Appends one argument (our node, and its GNU spelling(s)) for operand i of the form. */
    private static void operand(ThumbEncodings.Form form, int i, Random rnd, boolean edge,
                                List<AsmNode> args, List<String> shown) {
        ThumbEncodings.Operand o = form.operands().get(i);
        if (o instanceof ThumbEncodings.Operand.Reg) {
            int r = register(form, ((ThumbEncodings.Operand.Reg) o).max(), rnd, edge);
            args.add(AsmNode.id(ourName(r, rnd, i == 0 && form.pick() == ThumbEncodings.Pick.ARG0_R)));
            shown.add("r" + r);
        } else if (o instanceof ThumbEncodings.Operand.SpecialReg) {
            String name = ThumbEncodings.SPECIAL_REG_NAMES.get(rnd.nextInt(ThumbEncodings.SPECIAL_REG_NAMES.size()));
            args.add(AsmNode.id(name));
            shown.add(name);
        } else if (o instanceof ThumbEncodings.Operand.VfpReg) {
            String name = "s" + (edge ? 31 : rnd.nextInt(32));
            args.add(AsmNode.id(name));
            shown.add(name);
        } else if (o instanceof ThumbEncodings.Operand.Imm) {
            ThumbEncodings.Operand.Imm imm = (ThumbEncodings.Operand.Imm) o;
            long v = immediate(form, imm.mask(), imm.shift(), rnd, edge);
            args.add(AsmNode.integer(v));
            shown.add(Long.toString(v));
        } else if (o instanceof ThumbEncodings.Operand.Addr) {
            ThumbEncodings.Operand.Addr addr = (ThumbEncodings.Operand.Addr) o;
            int base = register(form, addr.baseMax(), rnd, edge);
            long off = immediate(form, addr.mask(), addr.shift(), rnd, edge);
            args.add(AsmNode.address(AsmNode.id(ourName(base, rnd, false)), AsmNode.integer(off)));
            shown.add("r" + base);
            shown.add(Long.toString(off));
        } else if (o instanceof ThumbEncodings.Operand.RegList) {
            TreeSet<Integer> regs = registerList(form.name(), rnd);
            List<AsmNode> items = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int r : regs) {
                items.add(AsmNode.id(ourName(r, rnd, false)));
                names.add("r" + r);
            }
            args.add(new AsmNode.Brace(items));
            shown.add("{" + String.join(", ", names) + "}");
        } else if (o instanceof ThumbEncodings.Operand.Cond) {
            String cc = ThumbEncodings.CONDITIONS.get(rnd.nextInt(ThumbEncodings.CONDITIONS.size()));
            args.add(AsmNode.id(cc));
            shown.add(cc);
        } else if (o instanceof ThumbEncodings.Operand.ApsrOrReg) {
            if (rnd.nextInt(3) == 0) {
                args.add(AsmNode.id("APSR_nzcv"));
                shown.add("APSR_nzcv");
            } else {
                int r = register(form, 14, rnd, edge);
                args.add(AsmNode.id("r" + r));
                shown.add("r" + r);
            }
        } else if (o instanceof ThumbEncodings.Operand.Keyword) {
            String w = ((ThumbEncodings.Operand.Keyword) o).word();
            args.add(AsmNode.id(w));
            shown.add(w);
        } else if (o instanceof ThumbEncodings.Operand.Unchecked) {
            args.add(AsmNode.id("i"));
            shown.add("i");
        } else {
            throw new AssertionError(o);
        }
    }

    /**
     * A register up to {@code max}. Most 32-bit instructions make sp and pc unpredictable, which GNU
     * as refuses, so only the hi-register mov and bx use them.
     */
    private static int register(ThumbEncodings.Form form, int max, Random rnd, boolean edge) {
        boolean all = form.name().equals("mov") || form.name().equals("bx");
        int r;
        do {
            r = edge ? max : rnd.nextInt(max + 1);
            edge = false;
        } while (!all && (r == 13 || r == 15));
        return r;
    }

    /** Our spelling of register r: rN or, now and then, its alias. */
    private static String ourName(int r, Random rnd, boolean mustStartWithR) {
        if (!mustStartWithR && rnd.nextBoolean()) {
            int i = Arrays.asList(10, 11, 13, 14, 15).indexOf(r);
            if (i >= 0) {
                return List.of("sl", "fp", "sp", "lr", "pc").get(i);
            }
        }
        return "r" + r;
    }

    private static long immediate(ThumbEncodings.Form form, int mask, int shift, Random rnd, boolean edge) {
        long m = mask & 0xffffffffL & ~((1L << shift) - 1);
        long v = edge ? m : rnd.nextLong() & m;
        if (v == 0 && (form.name().equals("lsr") || form.name().equals("asr"))) {
            v = 1 << shift; // GNU as has no shift by 0 for these
        }
        return v;
    }

    /** A register set in one of the shapes push/pop encode differently. */
    private static TreeSet<Integer> registerList(String op, Random rnd) {
        TreeSet<Integer> regs = new TreeSet<>();
        int shape = rnd.nextInt(3);
        int extra = op.equals("push") ? 14 : 15;
        if (shape < 2) {
            do {
                regs.add(rnd.nextInt(8));
            } while (rnd.nextInt(3) != 0);
            if (shape == 1) {
                regs.add(extra);
            }
        } else {
            // a 32-bit push/pop: at least two registers, one of them r8-r12 or lr
            regs.add(8 + rnd.nextInt(5));
            do {
                regs.add(rnd.nextInt(13));
            } while (regs.size() < 2 || rnd.nextInt(3) != 0);
            if (rnd.nextBoolean()) {
                regs.add(rnd.nextBoolean() ? 14 : extra);
            }
        }
        return regs;
    }

    /**
     * Operand choices GNU as treats differently: it refuses strex whose status register is also
     * the value or the base, and for {@code adds rd, rd, #imm3} it picks the 8-bit-immediate
     * encoding (MicroPython writes that one as {@code add(rd, imm)}).
     */
    private static boolean gnuAccepts(ThumbEncodings.Form form, List<String> shown) {
        if (form.name().equals("strex")) {
            return !shown.get(0).equals(shown.get(1)) && !shown.get(0).equals(shown.get(2));
        }
        if (form.pick() == ThumbEncodings.Pick.ARG2_NOT_ID) {
            return !shown.get(0).equals(shown.get(1));
        }
        return true;
    }

    /** The instructions an IT block needs after it, so GNU as accepts it. */
    private static String itBody(String tail, int cc) {
        StringBuilder sb = new StringBuilder("\nmov" + ThumbEncodings.CONDITIONS.get(cc) + " r0, r0");
        for (char c : tail.toCharArray()) {
            int cond = c == 't' ? cc : cc ^ 1;
            sb.append("\nmov").append(ThumbEncodings.CONDITIONS.get(cond)).append(" r0, r0");
        }
        return sb.toString();
    }

    /**
     * A branch to a label at a random distance within the range the encoder checks (found by
     * asking it), or 21 bits for the wide conditional branch, which MicroPython does not check.
     */
    private static Sample branchSample(ThumbEncodings.Form form, Random rnd, int edge) {
        int[] bits = {21};
        long at = 1L << 24;
        ThumbEncodings.Encoder enc = form.encoder();
        enc.encode(new int[] {0}, new FixedSite(at, at, bits));
        long limit = 1L << (bits[0] - 1);
        long rel;
        if (edge == 0) {
            rel = -limit;
        } else if (edge == 1) {
            rel = limit - 2;
        } else {
            rel = (rnd.nextLong() % limit) & ~1L;
        }
        long distance = rel + 4;
        int[] hw = enc.encode(new int[] {0}, new FixedSite(at, at + distance, new int[1]));
        byte[] ours = new byte[hw.length * 2];
        for (int i = 0; i < hw.length; i++) {
            ours[2 * i] = (byte) hw[i];
            ours[2 * i + 1] = (byte) (hw[i] >> 8);
        }
        String target = distance >= 0 ? ".+" + distance : ".-" + -distance;
        return new Sample(form, form.gnu().replace("{L}", target), ours);
    }

    private static final class FixedSite implements ThumbEncodings.Site {
        private final long offset;
        private final long label;
        private final int[] bits;

        FixedSite(long offset, long label, int[] bits) {
            this.offset = offset;
            this.label = label;
            this.bits = bits;
        }

        @Override
        public long offset() {
            return offset;
        }

        @Override
        public long labelOffset(int n) {
            return label;
        }

        @Override
        public boolean armv7m() {
            return true;
        }

        @Override
        public void requireSignedFit(long rel, int b) {
            bits[0] = b;
        }
    }

    // ---- running the GNU tools

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
