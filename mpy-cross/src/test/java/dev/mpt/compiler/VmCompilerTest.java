package dev.mpt.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.vm.SourceCompiler;
import dev.mpt.vm.VM;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiler as the VM's: what differs from mpy-cross, and how its errors reach tracebacks. */
class VmCompilerTest {
    @TempDir
    Path root;

    private String run(String source) throws Exception {
        return run(root, source);
    }

    /** Runs source as main.py in a fresh VM (compiled by ours) rooted at root: its stdout and stderr. */
    static String run(Path root, String source) throws Exception {
        VM vm = new VM(root);
        VmCompiler compiler = new VmCompiler();
        vm.setCompiler(compiler);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        vm.setStdout(out);
        vm.setStderr(out);
        vm.runMain(compiler.compile(source, "main.py", SourceCompiler.Mode.FILE));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void moduleFileNamesJoinTheSysPathEntryAndTheModulePath() throws Exception {
        Files.createDirectories(root.resolve("lib/pkg"));
        Files.writeString(root.resolve("lib/m.py"), "");
        Files.writeString(root.resolve("lib/pkg/__init__.py"), "");
        Files.writeString(root.resolve("lib/pkg/sub.py"), "");
        assertThat(run("import sys\nsys.path.append('lib')\nimport m, pkg.sub\n"
                + "print(m.__file__, pkg.__path__, pkg.__file__, pkg.sub.__file__)\n"))
                .isEqualTo("lib/m.py lib/pkg lib/pkg/__init__.py lib/pkg/sub.py\n");
    }

    @Test
    void nativeFunctionsRunAsBytecodeAndViperOnesWithMachineWords() throws Exception {
        assertThat(run("@micropython.native\ndef f(x):\n    return x * 2\n"
                + "@micropython.viper\ndef g(x: int) -> int:\n    return x + 1\n"
                + "print(f(21), g(41), g(0x7fffffffffffffff), f(0x7fffffffffffffff))\n"))
                .isEqualTo("42 42 -9223372036854775808 18446744073709551614\n");
        // also at another optimisation level (micropython.opt_level, -O)
        assertThat(new VmCompiler().compile("@micropython.viper\ndef g():\n    pass\n", "o.py",
                SourceCompiler.Mode.FILE, 2)).isNotNull();
    }

    @Test
    void machineCodeForARealCpuIsRefusedAndSysSaysBytecodeOnly() throws Exception {
        // what mpy-cross -march=armv7m writes for a viper function: the VM runs no ARM code
        byte[] arm = CrossCompiler.compileToBytes("@micropython.viper\ndef f(x: int) -> int:\n    return x\nprint('ran')\n"
                .getBytes(StandardCharsets.UTF_8), "arm.py", new CrossCompiler.Options(0, 31, "armv7m"));
        Files.write(root.resolve("arm.mpy"), arm);
        assertThat(run("try:\n    import arm\nexcept ValueError as e:\n    print(e)\n"))
                .isEqualTo("incompatible .mpy arch\n");
        // .mpy v6.3, no native architecture (the unix port says 0xb06: x64)
        assertThat(run("import sys\nprint(hex(sys.implementation._mpy))\n")).isEqualTo("0x306\n");
    }

    @Test
    void inlineAssemblerIsAnInvalidDecoratorAsOnTheUnixPort() {
        try {
            new VmCompiler().compile("@micropython.asm_thumb\ndef f():\n    pass\n", "a.py", SourceCompiler.Mode.FILE);
            throw new AssertionError("compiled");
        } catch (SourceCompiler.CompileError e) {
            assertThat(e.traceback()).isEqualTo("Traceback (most recent call last):\n"
                    + "  File \"a.py\", line 1, in <module>\nSyntaxError: invalid micropython decorator\n");
        }
    }

    @Test
    void aSyntaxErrorInAnImportOrExecKeepsItsOwnTracebackLine() throws Exception {
        Files.writeString(root.resolve("bad.py"), "x = (\n");
        assertThat(run("try:\n    import bad\nexcept SyntaxError as e:\n    print('caught', e)\nimport bad\n"))
                .isEqualTo("caught invalid syntax\nTraceback (most recent call last):\n"
                        + "  File \"main.py\", line 5, in <module>\n  File \"bad.py\", line 2\nSyntaxError: invalid syntax\n");
        assertThat(run("exec('@micropython.foo\\ndef f(): pass')\n")).isEqualTo("Traceback (most recent call last):\n"
                + "  File \"main.py\", line 1, in <module>\n  File \"<string>\", line 1, in <module>\n"
                + "SyntaxError: invalid micropython decorator\n");
    }

    @Test
    void objectsHashByAnIdThatIsTheSameOnEveryRun() throws Exception {
        // MicroPython's id() and identity hash are the object's address: ours are handed out in
        // the order objects are first asked, so sets of objects iterate alike on every run
        String program = String.join("\n",
                "class P:",
                "    def __init__(self, n): self.n = n",
                "ps = [P(i) for i in range(40)]",
                "s = set(ps)",
                "print([p.n for p in s])",
                "print({P: 1, int: 2}, hash(ps[0]) == id(ps[0]), repr(ps[1])[-13:-1] == hex(id(ps[1]))[2:])",
                "print([id(p) - id(ps[0]) for p in ps[:3]])",
                "");
        String first = run(program);
        assertThat(first).contains("True True").contains("[0, 32, 64]");
        for (int i = 0; i < 3; i++) {
            assertThat(run(program)).isEqualTo(first);
        }
    }
}
