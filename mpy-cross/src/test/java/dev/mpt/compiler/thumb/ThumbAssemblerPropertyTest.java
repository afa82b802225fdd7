package dev.mpt.compiler.thumb;

import dev.mpt.compiler.inlineasm.AsmNode;
import dev.mpt.compiler.inlineasm.AsmStatement;
import dev.mpt.compiler.inlineasm.InlineAsmFunction;
import dev.mpt.compiler.inlineasm.InlineAsmError;
import dev.mpt.compiler.inlineasm.AsmMemoryError;
import dev.mpt.compiler.inlineasm.AssemblerAssertion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.bytecode.NativeArch;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Whatever a user writes in an asm_thumb function, the assembler either returns code that is
 * entry + body + exit, or reports one of its documented errors -- never anything else.
 */
class ThumbAssemblerPropertyTest {

    @Property(tries = 400)
    void anyBodyAssemblesOrFailsCleanly(@ForAll("arches") NativeArch arch, @ForAll("bodies") List<AsmStatement> body) {
        ThumbAssembler asm = new ThumbAssembler(arch);
        InlineAsmFunction fn = new InlineAsmFunction(1, List.of(AsmNode.id("r0")), null, 0, body);
        try {
            asm.checkScope(fn);
            byte[] code = asm.assemble(fn).code();
            // at least the exit; align(0) rewinds to the start as the official assembler's
            // mp_asm_base_align does ((offset - 1) & ~(0 - 1) is 0), so the entry can be overwritten
            assertThat(code.length).isGreaterThanOrEqualTo(2);
            assertThat(code[code.length - 1] & 0xff).isEqualTo(0xbd);
        } catch (InlineAsmError e) {
            assertThat(e.getMessage()).isNotBlank();
            assertThat(e.line()).isBetween(1, body.size() + 1);
        } catch (AssemblerAssertion | AsmMemoryError e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<NativeArch> arches() {
        return Arbitraries.of(NativeArch.ARMV6, NativeArch.ARMV6M, NativeArch.ARMV7M, NativeArch.ARMV7EMSP);
    }

    @Provide
    Arbitrary<List<AsmStatement>> bodies() {
        Set<String> names = new TreeSet<>(List.of("label", "align", "data", "foo"));
        for (ThumbEncodings.Form f : ThumbEncodings.FORMS) {
            names.add(f.name());
        }
        Arbitrary<String> name = Arbitraries.of(new ArrayList<>(names));
        Arbitrary<List<AsmNode>> args = node(2).list().ofMaxSize(4);
        return Combinators.combine(name, args).as((n, a) -> (AsmStatement) new AsmStatement.Call(2, n, a))
                .list().ofMaxSize(10);
    }

    private Arbitrary<AsmNode> node(int depth) {
        Arbitrary<AsmNode> leaf = Arbitraries.oneOf(
                Arbitraries.of("r0", "r7", "r8", "r15", "sp", "lr", "pc", "s0", "s31", "s32", "eq", "le", "IPSR",
                        "FPSCR", "APSR_nzcv", "top", "x").map(AsmNode::id),
                Arbitraries.longs().between(-70000, 70000).map(AsmNode::integer),
                Arbitraries.of(0L, 4L, 0xffL, 0x7cL, 1L << 31, 1L << 40, -1L).map(AsmNode::integer),
                Arbitraries.just(new AsmNode.Other("'s'")));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<List<AsmNode>> items = node(depth - 1).list().ofMaxSize(3);
        return Arbitraries.frequencyOf(
                Tuple.of(6, leaf),
                Tuple.of(1, items.map(AsmNode.Bracket::new)),
                Tuple.of(1, items.filter(l -> !l.isEmpty()).map(AsmNode.Brace::new)));
    }
}
