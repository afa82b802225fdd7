package dev.mpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/mpt-micropython's options that change how a program runs: -X heapsize and -O. */
class MicroPythonMainTest {
    private record Result(int status, String out, String err) {}

    private static Result run(String... args) {
        return runIn(Map.of(), args);
    }

    /**
     * time as the unix port's: localtime() in TZ from the environment (os.putenv changes it),
     * 9-item tuples ending with isdst, mktime resolving local times as libc (values checked
     * against the unix port).
     */
    @Test
    void timeIsTheHostsWithTheTimeZoneFromTheEnvironment() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MicroPythonMain main = new MicroPythonMain(new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()),
                Map.of("TZ", "Europe/Rome"));
        int status = main.run(new String[] {"-c", "import time, os\n"
                + "print(time.gmtime(0), time.localtime(0))\n"
                + "print(time.mktime((2010, 10, 31, 2, 30, 0, 0, 0, 1)), time.mktime((2010, 10, 31, 2, 30, 0, 0, 0, 0)))\n"
                + "os.putenv('TZ', 'US/Eastern')\n"
                + "print(time.localtime(1604215800), time.mktime((2020, 3, 8, 2, 30, 0, 0, 0, -1)))\n"
                + "os.putenv('TZ', 'JST-9')\n"
                + "print(time.localtime(0)[3], time.mktime((2020, 11, 1, 1, 30, 0, 0, 0, 1)))\n"}, false);
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "(1970, 1, 1, 0, 0, 0, 3, 1, 0) (1970, 1, 1, 1, 0, 0, 3, 1, 0)\n"
                + "1288485000 1288488600\n"
                + "(2020, 11, 1, 2, 30, 0, 6, 306, 0) 1583652600\n"
                + "9 1604158200\n");
    }

    /**
     * -v -v lists the bytecode of what is compiled (the program, then code given to exec) as
     * the unix port's debug printers do, and -v prints mem_info() at exit; lines checked
     * against the unix port v1.28.0 (addresses and memory figures are its own).
     */
    @Test
    void doubleVerboseListsCompiledBytecodeAsTheUnixPort() {
        Result r = run("-v", "-v", "-c", "def f(a, b):\n    return [a + b for _ in ()]\nprint(f(1, 2))\n"
                + "exec(\"x = 1 << 40\")\nprint(x)");
        assertThat(r.err()).isEmpty();
        String out = r.out().replaceAll("\\b7f[0-9a-f]{10}\\b", "ADDR");
        assertThat(out).contains("""
                File <stdin>, code block 'f' (descriptor: ADDR, bytecode @ADDR 19 bytes)
                Raw bytecode (code_info_size=9, bytecode_size=10):
                 1a 88 01 02 07 08 20 00 01 b0 b1 20 00 02 2a 00
                 34 01 63
                arg names: a b
                (N_STATE 4)
                (N_EXC_STACK 0)
                (INIT_CELL 0)
                (INIT_CELL 1)
                  bc=0 line=1
                  bc=0 line=2
                00 LOAD_FAST 0
                01 LOAD_FAST 1
                02 MAKE_CLOSURE ADDR 2
                05 BUILD_TUPLE 0
                07 CALL_FUNCTION n=1 nkw=0
                09 RETURN_VALUE
                File <stdin>, code block '<listcomp>' (descriptor: ADDR, bytecode @ADDR 24 bytes)
                """);
        assertThat(out).contains("""
                14 JUMP 4
                16 RETURN_VALUE
                []
                File <string>, code block '<module>' (descriptor: ADDR, bytecode @ADDR 14 bytes)
                Raw bytecode (code_info_size=3, bytecode_size=11):
                 00 02 01 22 a0 80 80 80 80 00 16 02 51 63
                arg names:
                (N_STATE 1)
                (N_EXC_STACK 0)
                  bc=0 line=1
                00 LOAD_CONST_SMALL_INT 1099511627776
                07 STORE_NAME x
                09 LOAD_CONST_NONE
                10 RETURN_VALUE
                1099511627776
                mem: total=""");
        assertThat(out.replaceAll("\\d+", "N")).endsWith("\nstack: N out of N\nGC: total: N, used: N, free: N\n"
                + " No. of N-blocks: N, N-blocks: N, max blk sz: N, max free sz: N\n");
    }

    @Test
    void heapsizeBoundsWhatAProgramMayHold() {
        Result r = run("-X", "heapsize=2M", "-c",
                "l = []\ntry:\n    while True:\n        l.append(bytearray(10000))\n"
                        + "except MemoryError as e:\n    print(len(l) < 300, e)\n");
        assertThat(r.err()).isEmpty();
        // which allocation fails first (a bytearray, or the list growing) depends on what else
        // the JVM holds at that moment; that it fails, and in time, does not
        assertThat(r.out()).matches("True memory allocation failed, allocating \\d+ bytes\n");
    }

    @Test
    void sizesTakeTheUnixPortsSuffixes() {
        assertThat(MicroPythonMain.parseSize("1024")).isEqualTo(1024);
        assertThat(MicroPythonMain.parseSize("64k")).isEqualTo(64 * 1024);
        assertThat(MicroPythonMain.parseSize("2M")).isEqualTo(2 * 1024 * 1024);
        assertThat(MicroPythonMain.parseSize("16wk")).isEqualTo(32 * 1024);
        assertThat(MicroPythonMain.parseSize("lots")).isNegative();
    }

    @Test
    void optimisationLevelTurnsOffDebugAndAsserts() {
        Result r = run("-O", "-c", "print(__debug__)\nassert False\nimport micropython\nprint(micropython.opt_level())");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("False\n1\n");
        assertThat(run("-c", "print(__debug__)").out()).isEqualTo("True\n");
    }

    @Test
    void aRelativeDunderImportGivesTheSubmoduleAndModulesNameTheirFile(@TempDir Path dir) throws Exception {
        // micropython-lib's hashlib package finds its _sha512 submodule this way
        Files.createDirectories(dir.resolve("pkg"));
        Files.writeString(dir.resolve("pkg/__init__.py"), "sub = __import__('_sub', None, None, (), 1)\n");
        Files.writeString(dir.resolve("pkg/_sub.py"), "x = 42\n");
        Files.writeString(dir.resolve("main.py"), "import pkg\nprint(pkg.sub.x, pkg.sub.__name__)\nprint(pkg)\n");
        Result r = run(dir.resolve("main.py").toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("42 pkg._sub\n<module 'pkg' from '" + dir.resolve("pkg/__init__.py") + "'>\n");
    }

    /**
     * An ImportError raised while a submodule runs is that error, not a sign that there is no
     * such submodule (the unix port's traceback and output, checked); __import__ with a
     * fromlist imports no submodule.
     */
    @Test
    void anImportErrorInsideASubmoduleIsNotTakenForItsAbsence(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("pkg/inner"));
        Files.writeString(dir.resolve("pkg/__init__.py"), "from . import a\n");
        Files.writeString(dir.resolve("pkg/a.py"), "from .inner.x import X\n");
        Files.writeString(dir.resolve("pkg/inner/__init__.py"), "print('inner'); from . import x\n");
        Files.writeString(dir.resolve("pkg/inner/x.py"), "print('x runs')\nimport nosuchmodule\nX = 1\n");
        Files.writeString(dir.resolve("main.py"), "import pkg\n");
        Result r = run(dir.resolve("main.py").toString());
        assertThat(r.out()).isEqualTo("inner\nx runs\n");
        assertThat(r.err()).contains("pkg/inner/__init__.py\", line 1, in <module>\n")
                .endsWith("ImportError: no module named 'nosuchmodule'\n");
        Files.createDirectories(dir.resolve("pkg2"));
        Files.writeString(dir.resolve("pkg2/__init__.py"), "");
        Files.writeString(dir.resolve("pkg2/sub.py"), "print('sub runs')\n");
        Result dunder = runIn(Map.of("MICROPYPATH", dir.toString()), "-c",
                "import sys\nm = __import__('pkg2', None, None, ('sub',), 0)\n"
                + "print(hasattr(m, 'sub'), 'pkg2.sub' in sys.modules)\nfrom pkg2 import sub\n");
        assertThat(dunder.out()).isEqualTo("False False\nsub runs\n");
    }

    /**
     * A coroutine driven by hand, outside asyncio's loop, that suspends (sleep, an event, a
     * lock, a stream, wait_for): RuntimeError, catchable (the unix port crashes; we had an
     * internal NullPointerException).
     */
    @Test
    void suspendingOutsideTheEventLoopIsARuntimeError() {
        String prog = String.join("\n", "import asyncio",
                "async def sleeper():", "    await asyncio.sleep(0)",
                "async def waiter():", "    await asyncio.Event().wait()",
                "async def locker():", "    l = asyncio.Lock()", "    await l.acquire()", "    await l.acquire()",
                "async def timed():", "    await asyncio.wait_for(sleeper(), 1)",
                "async def gathered():", "    await asyncio.gather(sleeper())",
                "for f in (sleeper, waiter, locker, timed, gathered):", "    try:",
                "        for _ in f():", "            pass", "    except RuntimeError as e:", "        print(f.__name__, e)",
                "");
        Result r = run("-c", prog);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("sleeper no running event loop\nwaiter no running event loop\n"
                + "locker no running event loop\ntimed no running event loop\ngathered no running event loop\n");
    }

    /** -m as the unix port's (outputs checked against it): packages imported first, relative imports work. */
    @Test
    void dashMImportsTheModuleAsMainWithItsPackage(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("pkg"));
        Files.writeString(dir.resolve("pkg/__init__.py"), "print('pkg init', __name__)\n");
        Files.writeString(dir.resolve("pkg/helper.py"), "X = 42\n");
        Files.writeString(dir.resolve("pkg/mod.py"), "import sys\nfrom .helper import X\n"
                + "print(__name__, X, sys.modules['__main__'] is sys.modules['pkg.mod'], sys.argv)\n");
        Files.writeString(dir.resolve("pkg/__main__.py"), "from . import helper\nprint('main', __name__, helper.X)\n");
        Files.writeString(dir.resolve("script.py"), "from .helper import X\n");
        Map<String, String> env = Map.of("MICROPYPATH", dir.toString());
        assertThat(runIn(env, "-m", "pkg.mod", "a").out()).isEqualTo("pkg init pkg\n__main__ 42 True ['pkg.mod', 'a']\n");
        assertThat(runIn(env, "-m", "pkg").out()).isEqualTo("pkg init pkg\nmain __main__ 42\n");
        Result missing = runIn(env, "-m", "pkg.nosuch");
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("ImportError: no module named 'pkg.nosuch'\n");
        // a script has no package: MicroPython's relative import then fails looking up __main__
        Result script = runIn(env, dir.resolve("script.py").toString());
        assertThat(script.err()).endsWith("KeyError: __main__\n");
    }

    @Test
    void compileOnlyCompilesWithoutRunning() {
        Result ok = run("-X", "compile-only", "-c", "print('not printed')");
        assertThat(ok.status()).isZero();
        assertThat(ok.out()).isEmpty();
        Result bad = run("-X", "compile-only", "-c", "print('x'");
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err()).endsWith("SyntaxError: invalid syntax\n");
    }

    /** Writes reach the file at once, as the unix port's write(2): a file never closed keeps them. */
    @Test
    void aFileNeverClosedKeepsWhatWasWritten(@TempDir Path dir) throws Exception {
        Path dropped = dir.resolve("dropped.txt");
        Path open = dir.resolve("open.bin");
        Path exclusive = dir.resolve("x.txt");
        Result r = run("-c", "open('" + dropped + "', 'w').write('hi')\n"
                + "f = open('" + open + "', 'wb')\nf.write(b'ab')\nf.seek(4)\nf.write(b'c')\n"
                + "print(open('" + open + "', 'rb').read())\n"
                + "open('" + exclusive + "', 'x')\n"
                + "try:\n    open('" + exclusive + "', 'x')\nexcept OSError as e:\n    print(e.errno)\n");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("b'ab\\x00\\x00c'\n17\n");
        assertThat(Files.readString(dropped)).isEqualTo("hi");
        assertThat(Files.readAllBytes(open)).containsExactly('a', 'b', 0, 0, 'c');
        assertThat(exclusive).exists();
    }

    private static Result runIn(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        MicroPythonMain main = new MicroPythonMain(new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env);
        int status = main.run(args, false);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void osGetenvReadsTheProcessEnvironmentAndPutenvChangesIt() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MicroPythonMain main = new MicroPythonMain(new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8),
                Map.of("HOME", "/home/board"));
        int status = main.run(new String[] {"-c", "import os\nprint(os.getenv('HOME'), os.getenv('NOPE'))\n"
                + "os.putenv('NOPE', '1')\nos.unsetenv('HOME')\nprint(os.getenv('HOME'), os.getenv('NOPE'))"}, false);
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("/home/board None\nNone 1\n");
    }
}
