package dev.mpt.vm.extmod;

import dev.mpt.vm.Ops;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.VM;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** re compiles to the board's byte program, with its limits, and backtracks like it. */
class ReTest {
    private final VM vm = new VM(Path.of("."));
    private final PyModule re = Re.module(vm);

    private Object fn(String name, Object... args) {
        return Ops.call(re.globals.get(name), args);
    }

    private static String errorOf(Runnable r) {
        try {
            r.run();
            return "none";
        } catch (PyError e) {
            return e.exc.type().name + ": " + Ops.str(e.exc.args.items.length > 0 ? e.exc.args.items[0] : "");
        }
    }

    @Test
    void operandsThatDoNotFitInAByteAreTooComplex() {
        assertThat(errorOf(() -> fn("compile", "(a)".repeat(64)))).isEqualTo("ValueError: regex too complex");
        assertThat(errorOf(() -> fn("compile", "(a)".repeat(63)))).isEqualTo("none");
        assertThat(errorOf(() -> fn("compile", "(" + "a".repeat(62) + ")?"))).isEqualTo("ValueError: regex too complex");
        assertThat(errorOf(() -> fn("compile", "b".repeat(63) + "|a"))).isEqualTo("ValueError: regex too complex");
        assertThat(errorOf(() -> fn("compile", "a)"))).isEqualTo("ValueError: error in regex");
        assertThat(errorOf(() -> fn("compile", "*"))).isEqualTo("ValueError: regex too complex");
    }

    @Test
    void deepBacktrackingRunsOutOfStackLikeTheBoard() {
        assertThat(errorOf(() -> fn("match", "a*", "a".repeat(500)))).isEqualTo("none");
        assertThat(errorOf(() -> fn("match", "a*", "a".repeat(2000))))
                .isEqualTo("RuntimeError: maximum recursion depth exceeded");
        assertThat(errorOf(() -> fn("match", "(a*)*", "aaa")))
                .isEqualTo("RuntimeError: maximum recursion depth exceeded");
    }

    @Test
    void substitutionStopsAtAnEmptyMatchAndCaretOnlyMatchesTheStart() {
        assertThat(fn("sub", "b*", "X", "abc")).isEqualTo("abc");
        assertThat(fn("sub", "^a", "X", "aaa")).isEqualTo("Xaa");
        assertThat(fn("sub", "(a)", "[\\1\\\\\\g<1>\\q]", "xax")).isEqualTo("x[a\\aq]x");
        Re.Regex r = (Re.Regex) fn("compile", " *");
        assertThat(Ops.repr(Ops.call(Ops.getattr(r, "split"), "a b  c"))).isEqualTo("['a b  c']");
    }

    @Test
    void debugFlagPrintsTheProgram() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        vm.setStdout(out);
        fn("compile", "a|b", Re.DEBUG);
        vm.flush();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(String.join("\n",
                " 0: rsplit 5 (3)", " 2: any", " 3: jmp 0 (-5)", " 5: save 0", " 7: split 13 (4)", " 9: char a",
                "11: jmp 15 (2)", "13: char b", "15: save 1", "17: match", "Bytes: 18, insts: 10", ""));
    }

    @Test
    void spansCountCharactersOfStrings() {
        Object m = fn("search", "b", "éb");
        assertThat(Ops.repr(Ops.call(Ops.getattr(m, "span")))).isEqualTo("(1, 2)");
        assertThatThrownBy(() -> Ops.call(Ops.getattr(m, "group"), 1L)).isInstanceOf(PyError.class);
    }
}
