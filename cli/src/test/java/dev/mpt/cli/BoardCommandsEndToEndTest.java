package dev.mpt.cli;

import static dev.mpt.cli.BoardFiles.assertError;
import static dev.mpt.cli.BoardFiles.assertOk;
import static dev.mpt.cli.BoardFiles.printed;
import static dev.mpt.cli.BoardFiles.tree;
import static dev.mpt.cli.BoardFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.cli.MainTest.Result;
import dev.mpt.compiler.CrossCompiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The board commands as a user runs them: {@code mpt -d DEVICE COMMAND} through the real
 * command line (picocli, the {@code +} chains, error reporting) against the virtual board,
 * its filesystem a directory the test looks into — each test once with the board on a TCP
 * socket and once on a pty.
 */
class BoardCommandsEndToEndTest extends OnServedBoard {
    private Path host;

    @BeforeEach
    void serve() throws IOException {
        host = Files.createDirectories(tmp.resolve("host"));
    }

    private String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ running code

    @Test
    void execPrintsWhatTheBoardPrints() {
        Result r = mpt("exec", "for i in range(3):\n    print(i * i)");
        assertOk(r);
        assertThat(r.out()).isEqualTo(printed("0\n1\n4\n"));
    }

    @Test
    void execThatRaisesPrintsTheTracebackAndExitsOne() {
        Result r = mpt("exec", "print('before')\nraise ValueError('bad value')");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).isEqualTo(printed("before\n"));
        assertThat(r.err()).startsWith("Traceback (most recent call last):\n")
                .endsWith("ValueError: bad value\n");
    }

    @Test
    void evalPrintsTheRepr() {
        Result r = mpt("eval", "'a' * 3");
        assertOk(r);
        assertThat(r.out()).isEqualTo(printed("'aaa'\n"));
    }

    @Test
    void aChainSharesOneConnectionAndStopsAtTheFirstFailure() {
        Result r = mpt("exec", "x = 6", "+", "eval", "x * 7", "+", "exec", "print(undefined)", "+", "eval", "'never'");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).isEqualTo(printed("42\n"));
        assertThat(r.err()).endsWith("NameError: name 'undefined' isn't defined\n");
    }

    @Test
    void eachCallStartsFromAFreshInterpreterUnlessToldNotTo() {
        assertOk(mpt("exec", "y = 5"));
        Result fresh = mpt("eval", "'y' in globals()");
        assertThat(fresh.out()).isEqualTo(printed("False\n"));
        assertOk(mpt("exec", "y = 5"));
        Result kept = mpt("--no-soft-reset", "eval", "y");
        assertOk(kept);
        assertThat(kept.out()).isEqualTo(printed("5\n"));
    }

    @Test
    void softResetClearsTheInterpreter() {
        Result r = mpt("exec", "z = 1", "+", "soft-reset", "+", "eval", "'z' in globals()");
        assertOk(r);
        assertThat(r.out()).isEqualTo(printed("False\n"));
    }

    @Test
    void runsALocalFileWithItsArguments() throws IOException {
        Path f = write(host.resolve("hello.py"), "import sys\nprint('hello', __name__, sys.argv[1:])\n");
        Result r = mpt("run", f.toString(), "one", "two");
        assertOk(r);
        assertThat(r.out()).isEqualTo(printed("hello __main__ ['one', 'two']\n"));
        assertThat(tree(flash)).isEmpty();
    }

    @Test
    void runsCodeGivenWithC() {
        Result r = mpt("run", "-c", "import sys\nprint(sys.argv)", "a");
        assertOk(r);
        assertThat(r.out()).isEqualTo(printed("['-c', 'a']\n"));
    }

    @Test
    void runsAModuleFromTheBoardsFilesystemWithM() throws IOException {
        write(flash.resolve("tools/greet.py"), "import sys\nprint('greet', __name__, sys.argv)\n");
        write(flash.resolve("tools/__init__.py"), "");
        Result r = mpt("run", "-m", "tools.greet", "--", "--loud");
        assertOk(r);
        assertThat(r.out()).isEqualTo(printed("greet tools.greet ['tools.greet', '--loud']\n"));
    }

    @Test
    void runsACompiledModuleAndLeavesNothingBehind() throws IOException {
        byte[] mpy = CrossCompiler.compileToBytes("import sys\nprint('compiled', sys.argv[1:])\nraise ValueError('late')\n"
                .getBytes(StandardCharsets.UTF_8), "app.py", CrossCompiler.Options.defaults());
        Path f = Files.write(host.resolve("app.mpy"), mpy);
        Result r = mpt("run", f.toString(), "x");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).isEqualTo(printed("compiled ['x']\n"));
        assertThat(r.err()).contains("File \"app.py\", line 3").endsWith("ValueError: late\n");
        assertThat(tree(flash)).isEmpty();
    }

    @Test
    void runOfAMissingFileIsOneErrorLine() {
        assertError(mpt("run", host.resolve("nope.py").toString()), host.resolve("nope.py") + ": no such file");
        assertError(mpt("run"), "run needs one of: FILE, -c CODE, -m MODULE");
        assertError(mpt("run", "-c", "pass", "-m", "x"), "run needs one of: FILE, -c CODE, -m MODULE");
    }

    @Test
    void resetLetsTheBoardGo() {
        Result r = mpt("reset");
        assertOk(r);
        assertThat(r.out()).isEqualTo("board reset\n");
        assertThat(served.board.stats().hardResets()).isEqualTo(1);
        Result after = mpt("eval", "1 + 1");
        assertOk(after);
        assertThat(after.out()).isEqualTo(printed("2\n"));
    }

    @Test
    void bootloaderLeavesTheProgramAndTheBoardRestarts() {
        Result r = mpt("exec", "x = 1", "+", "bootloader");
        assertOk(r);
        assertThat(r.out()).isEqualTo("board restarting into its bootloader\n");
        assertThat(served.board.stats().hardResets()).isEqualTo(1);
        assertThat(mpt("--no-soft-reset", "eval", "'x' in globals()").out()).isEqualTo(printed("False\n"));
    }

    // ------------------------------------------------------------------ files

    @Test
    void lsListsDirectoriesFirstAndSizesWithL() throws IOException {
        write(flash.resolve("main.py"), "print(1)\n");
        write(flash.resolve("a.txt"), "abc");
        Files.createDirectories(flash.resolve("lib"));
        Result r = mpt("ls");
        assertOk(r);
        assertThat(r.out()).isEqualTo("lib/\na.txt\nmain.py\n");
        Result l = mpt("ls", "-l", ":");
        assertOk(l);
        assertThat(l.out()).isEqualTo("           lib/\n         3 a.txt\n         9 main.py\n");
        assertError(mpt("ls", ":nothere"), "nothere: no such file or directory");
    }

    @Test
    void catPrintsFilesAsTheyAre() throws IOException {
        write(flash.resolve("a.txt"), "first\n");
        Files.write(flash.resolve("b.bin"), new byte[] {0, (byte) 0xff, 'x', '\n'});
        Result r = mpt("cat", ":a.txt", "a.txt");
        assertOk(r);
        assertThat(r.out()).isEqualTo("first\nfirst\n");
        assertError(mpt("cat", ":missing.txt"), "missing.txt: no such file on the board");
    }

    @Test
    void cpCopiesFilesAndTreesBothWays() throws IOException {
        write(host.resolve("proj/main.py"), "import lib.util\n");
        write(host.resolve("proj/lib/util.py"), "X = 1\n");
        Files.createDirectories(host.resolve("proj/empty"));
        byte[] binary = new byte[5000];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 31);
        }
        Files.write(host.resolve("proj/data.bin"), binary);

        assertOk(mpt("cp", "-r", host.resolve("proj").toString(), ":app"));
        assertThat(tree(flash.resolve("app"))).isEqualTo(tree(host.resolve("proj")));
        assertOk(mpt("cp", host.resolve("proj/main.py").toString(), ":"));
        assertThat(read(flash.resolve("main.py"))).isEqualTo("import lib.util\n");
        assertOk(mpt("cp", host.resolve("proj/main.py").toString(), ":app/lib"));
        assertThat(flash.resolve("app/lib/main.py")).exists();

        Path back = Files.createDirectories(host.resolve("back"));
        assertOk(mpt("cp", "-r", ":app", back.toString()));
        assertThat(tree(back.resolve("app"))).isEqualTo(tree(flash.resolve("app")));
        assertOk(mpt("cp", ":app/data.bin", back.resolve("copy.bin").toString()));
        assertThat(Files.readAllBytes(back.resolve("copy.bin"))).isEqualTo(binary);
        try (Stream<Path> left = Files.list(back)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("app", "copy.bin");
        }
    }

    @Test
    void cpRefusesWhatItCannotDo() throws IOException {
        write(host.resolve("d/f.py"), "");
        assertError(mpt("cp", host.resolve("d").toString(), ":"), host.resolve("d") + " is a directory (use -r)");
        assertError(mpt("cp", host.resolve("d/f.py").toString(), host.resolve("g.py").toString()),
                "cp copies between the host and the board: exactly one of '" + host.resolve("d/f.py") + "' and '"
                        + host.resolve("g.py") + "' must start with ':'");
        assertError(mpt("cp", ":nope.py", host.toString()), ":nope.py: no such file or directory on the board");
        assertError(mpt("cp", host.resolve("none.py").toString(), ":"), host.resolve("none.py")
                + ": no such file or directory");
        assertThat(tree(flash)).isEmpty();
    }

    @Test
    void aFailedDownloadLeavesTheLocalFileAsItWas() throws IOException {
        Path kept = write(host.resolve("keep.txt"), "mine");
        assertError(mpt("cp", ":nope.txt", kept.toString()), ":nope.txt: no such file or directory on the board");
        assertThat(read(kept)).isEqualTo("mine");
        try (Stream<Path> left = Files.list(host)) {
            assertThat(left).containsExactly(kept);
        }
    }

    @Test
    void mkdirRmdirRmMvTouch() throws IOException {
        assertOk(mpt("mkdir", "-p", ":a/b/c", "+", "mkdir", ":d", "+", "touch", ":a/b/t.txt", ":e.txt"));
        assertThat(tree(flash)).containsOnlyKeys("a/", "a/b/", "a/b/c/", "a/b/t.txt", "d/", "e.txt");
        assertError(mpt("mkdir", ":d"), "d: already exists");
        assertError(mpt("mkdir", ":x/y"), "x/y: no such file or directory");
        assertOk(mpt("mkdir", "-p", ":d"));

        write(flash.resolve("e.txt"), "kept");
        assertOk(mpt("touch", ":e.txt"));
        assertThat(read(flash.resolve("e.txt"))).isEqualTo("kept");
        assertOk(mpt("mv", ":e.txt", ":d/f.txt"));
        assertThat(read(flash.resolve("d/f.txt"))).isEqualTo("kept");
        assertThat(flash.resolve("e.txt")).doesNotExist();

        Result notEmpty = mpt("rmdir", ":a");
        assertThat(notEmpty.status()).isEqualTo(1);
        assertThat(notEmpty.err()).startsWith("error: a: ").doesNotContain("\tat ").hasLineCount(1);
        assertOk(mpt("rmdir", ":a/b/c"));
        assertError(mpt("rm", ":nothing"), "nothing: no such file or directory");
        assertOk(mpt("rm", ":d/f.txt"));
        assertOk(mpt("rm", "-r", ":a", ":d"));
        assertThat(tree(flash)).isEmpty();
    }

    @Test
    void dfAndTree() throws IOException {
        write(flash.resolve("lib/m.py"), "X = 1\n");
        write(flash.resolve("main.py"), "import m\n");
        Result df = mpt("df");
        assertOk(df);
        assertThat(df.out()).startsWith("filesystem         size       used       free  use%\n.  ");
        Result t = mpt("tree");
        assertOk(t);
        assertThat(t.out()).isEqualTo(".\n  lib/\n    m.py  (6)\n  main.py  (9)\n");
        Result sub = mpt("tree", ":lib");
        assertThat(sub.out()).isEqualTo("lib\n  m.py  (6)\n");
    }

    // ------------------------------------------------------------------ sync, backup

    @Test
    void syncCopiesOnlyChangesAndDeletesWhenAsked() throws IOException {
        Path src = host.resolve("src");
        write(src.resolve("main.py"), "import lib.m\n");
        write(src.resolve("lib/m.py"), "X = 1\n");
        write(src.resolve("README.md"), "# app\n");
        write(src.resolve("__pycache__/m.pyc"), "junk");

        Result first = mpt("sync", "--exclude", "*.md", src.toString(), ":app");
        assertOk(first);
        assertThat(first.out()).matches("2 copied \\(19 bytes\\), 0 unchanged, 0 deleted, in [0-9.]+ s \\([0-9.]+ KB/s\\)\n");
        assertThat(tree(flash)).containsOnlyKeys("app/", "app/lib/", "app/lib/m.py", "app/main.py");

        write(src.resolve("lib/m.py"), "X = 2\n");
        write(flash.resolve("app/old.py"), "stale");
        Result dry = mpt("sync", "-n", "--delete", "--exclude", "*.md", src.toString(), ":app");
        assertOk(dry);
        assertThat(dry.out()).isEqualTo("delete :app/old.py\ncopy   " + src.resolve("lib/m.py")
                + " -> :app/lib/m.py\nwould be: 1 copied (6 bytes), 1 unchanged, 1 deleted\n");
        assertThat(read(flash.resolve("app/lib/m.py"))).isEqualTo("X = 1\n");
        assertThat(flash.resolve("app/old.py")).exists();

        Result second = mpt("sync", "--delete", "--exclude", "*.md", src.toString(), ":app");
        assertOk(second);
        assertThat(second.out()).startsWith("1 copied (6 bytes), 1 unchanged, 1 deleted, in ");
        assertThat(tree(flash.resolve("app"))).isEqualTo(Map.of("lib/", "", "lib/m.py", "X = 2\n",
                "main.py", "import lib.m\n"));

        assertError(mpt("sync", host.resolve("none").toString(), ":app"), host.resolve("none") + ": not a directory");
    }

    @Test
    void syncCompilesForTheBoardAndHonoursMptignore() throws IOException {
        Path src = host.resolve("src");
        write(src.resolve("main.py"), "import lib.m\nprint(lib.m.X)\n");
        write(src.resolve("lib/m.py"), "X = 6 * 7\n");
        write(src.resolve("docs/notes.txt"), "not for the board\n");
        write(src.resolve(".mptignore"), "docs/\n");
        write(flash.resolve("lib/m.py"), "X = 0\n");

        Result r = mpt("sync", "--compile", "-v", src.toString(), ":");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("copy   " + src.resolve("lib/m.py") + " -> :lib/m.mpy\n")
                .contains("delete :lib/m.py\n");
        assertThat(r.err()).contains("compile: .mpy 6.3");
        assertThat(tree(flash)).containsOnlyKeys("lib/", "lib/m.mpy", "main.py");
        assertThat(mpt("exec", "import lib.m; print(lib.m.X)").out()).isEqualTo(printed("42\n"));
        assertThat(mpt("sync", "--compile", src.toString(), ":").out()).startsWith("0 copied (0 bytes), 2 unchanged");
    }

    /**
     * On a board served with {@code --arch x64}, sync --compile compiles for x64: plain code is
     * bytecode the board runs, a native function is x64 machine code, which the virtual board
     * refuses to import as it runs bytecode only.
     */
    @Test
    void syncCompilesForTheArchitectureTheBoardReports() throws IOException {
        Path src = host.resolve("src");
        write(src.resolve("plain.py"), "X = 6 * 7\n");
        write(src.resolve("fast.py"), "@micropython.native\ndef f():\n    return 1\n");
        try (ServedBoard x64 = ServedBoard.in(tmp.resolve("x64")).arch(dev.mpt.bytecode.NativeArch.X64).serve(link)) {
            Result r = x64.mpt("sync", "--compile", "-v", src.toString(), ":", "+", "exec",
                    "import plain\nprint(plain.X)\ntry:\n    import fast\nexcept ValueError as e:\n    print(e)");
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.err()).contains("compile: .mpy 6.3, x64");
            assertThat(r.out()).endsWith(printed("42\nincompatible .mpy arch\n"));
            assertThat(Files.readAllBytes(x64.flash.resolve("plain.mpy"))).startsWith('M', 6, 0);
            assertThat(Files.readAllBytes(x64.flash.resolve("fast.mpy"))).startsWith('M', 6, 3 | 2 << 2);
        }
    }

    @Test
    void backupAndRestoreTheBoardsFiles() throws IOException {
        write(flash.resolve("main.py"), "print('hi')\n");
        write(flash.resolve("lib/deep/x.bin"), "\u0000\u0001binary");
        Files.createDirectories(flash.resolve("empty"));
        Map<String, String> before = tree(flash);
        Path archive = host.resolve("b.tar.gz");

        Result saved = mpt("backup", archive.toString());
        assertOk(saved);
        assertThat(saved.out()).isEqualTo("saved 2 files in 3 directories (20 bytes) to " + archive + "\n");

        assertOk(mpt("rm", "-r", ":main.py", ":lib", ":empty"));
        assertThat(tree(flash)).isEmpty();
        Result restored = mpt("restore", archive.toString());
        assertOk(restored);
        assertThat(restored.out()).isEqualTo("restored 2 files in 3 directories (20 bytes)\n");
        assertThat(tree(flash)).isEqualTo(before);

        assertOk(mpt("restore", archive.toString(), ":copy"));
        assertThat(tree(flash.resolve("copy"))).isEqualTo(before);

        assertError(mpt("restore", host.resolve("none.tar.gz").toString()), host.resolve("none.tar.gz")
                + ": no such file");
        Path notGz = write(host.resolve("bad.tar.gz"), "not an archive");
        Result bad = mpt("restore", notGz.toString());
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err()).startsWith("error: " + notGz + ": not a readable .tar.gz backup").hasLineCount(1);
    }

    // ------------------------------------------------------------------ without a board

    @Test
    void aBoardThatIsNotThereIsOneErrorLine() {
        served.close();
        Result r = mpt("ls");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: ").hasLineCount(1);
    }
}
