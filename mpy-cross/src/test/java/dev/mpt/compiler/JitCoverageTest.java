package dev.mpt.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mpt.bytecode.MpyFile;
import dev.mpt.vm.VM;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Function shapes the JVM-bytecode tier must take, not leave to the interpreter. */
class JitCoverageTest {
    @TempDir
    Path root;

    private int compiledFunctions(String source, String expected) throws Exception {
        MpyFile mpy = CrossCompiler.compile(source.getBytes(StandardCharsets.UTF_8), "shapes.py",
                CrossCompiler.Options.defaults().withForVm());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VM vm = new VM(root);
        vm.setStdout(out);
        vm.setStderr(out);
        vm.setJitThreshold(0);
        vm.runMain(mpy);
        assertEquals(expected, out.toString(StandardCharsets.UTF_8));
        return vm.jitCompiled();
    }

    @Test
    void aFunctionWhoseDeepestStackIsAMethodLoad() throws Exception {
        // the stack is deepest (5) at `self.done.clone` inside the call's arguments: MicroPython
        // sizes the frame's state for exactly that, which the tier must fit in (bm_hexiom's
        // Pos.clone, the same shape)
        String src = """
                class Done:
                    def clone(self):
                        return 3
                class Pos:
                    def __init__(self, a, b, done):
                        self.a = a
                        self.b = b
                        self.done = done
                    def clone(self):
                        return Pos(self.a, self.b, self.done.clone())
                p = Pos(1, 2, Done()).clone()
                print(p.a, p.b, p.done)
                """;
        // the functions called: Done.clone, Pos.__init__, Pos.clone (the tier left Pos.clone
        // to the interpreter when it asked one slot more)
        assertEquals(3, compiledFunctions(src, "1 2 3\n"));
    }

    @Test
    void aFunctionTooBigForC1ToProfile() throws Exception {
        // over 6000 bytes of JVM code: translated all the same, into a class that a compiler
        // directive keeps from C2 (Translator.UNPROFILED); conformance
        // limits/jit_unprofiled_function checks its output
        StringBuilder src = new StringBuilder("def churn(x, items):\n    t = 0\n    s = []\n");
        for (int k = 0; k < 12; k++) {
            src.append("    if x % ").append(k % 7 + 2).append(" == ").append(k % 3).append(":\n")
                    .append("        t += x * ").append(k + 1).append(" - len(items)\n")
                    .append("        s.append(items[").append(k).append(" % len(items)])\n")
                    .append("    else:\n")
                    .append("        t -= (x ^ ").append(k).append(") // ").append(k % 5 + 1).append("\n");
        }
        src.append("    return t, len(s)\nprint(churn(1001, [1, 2]))\n");
        assertEquals(1, compiledFunctions(src.toString(), "(23534, 3)\n"));
    }
}
