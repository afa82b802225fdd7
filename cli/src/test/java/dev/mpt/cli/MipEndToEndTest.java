package dev.mpt.cli;

import static dev.mpt.cli.BoardFiles.sha256;
import static dev.mpt.cli.BoardFiles.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.mpt.bytecode.NativeArch;
import dev.mpt.cli.MainTest.Result;
import dev.mpt.compiler.CrossCompiler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code mpt mip install} through the command line against the virtual board (on TCP and on
 * a pty), with packages served by an HTTP server on 127.0.0.1 that the test fills: a v2
 * index ({@code package/MPY/NAME/VERSION.json}, {@code file/HH/HASH}) and a GitHub-style
 * raw layout ({@code ORG/REPO/BRANCH/PATH}).
 */
class MipEndToEndTest extends OnServedBoard {
    private HttpServer http;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> requested = Collections.synchronizedList(new ArrayList<>());
    private String base;

    @BeforeEach
    void serve() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            requested.add(path);
            byte[] body = files.get(path);
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(body);
                }
            }
            ex.close();
        });
        http.start();
        base = "http://127.0.0.1:" + http.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    /** Puts a file into the index by its short hash and returns that hash. */
    private String indexFile(String content) {
        String h = sha256(content).substring(0, 8);
        files.put("/pi/file/" + h.substring(0, 2) + "/" + h, content.getBytes(StandardCharsets.UTF_8));
        return h;
    }

    private void put(String path, String text) {
        files.put(path, text.getBytes(StandardCharsets.UTF_8));
    }

    /** "greet" (.mpy and .py builds) depends on "words", which depends back on "greet": each is fetched once. */
    private void indexWithChain() {
        String greetMpy = indexFile("M\u0006 greet as .mpy");
        String greetPy = indexFile("from words import HELLO\ndef hi():\n    return HELLO\n");
        String wordsMpy = indexFile("M\u0006 words as .mpy");
        String wordsPy = indexFile("HELLO = 'hello'\n");
        put("/pi/package/6/greet/latest.json", "{\"hashes\": [[\"greet/__init__.mpy\", \"" + greetMpy + "\"]], "
                + "\"deps\": [[\"words\", \"latest\"]], \"version\": \"1.0\"}");
        put("/pi/package/py/greet/latest.json", "{\"hashes\": [[\"greet/__init__.py\", \"" + greetPy + "\"]], "
                + "\"deps\": [[\"words\", \"latest\"]], \"version\": \"1.0\"}");
        put("/pi/package/6/words/latest.json", "{\"hashes\": [[\"words.mpy\", \"" + wordsMpy + "\"]], "
                + "\"deps\": [[\"greet\", \"latest\"]], \"version\": \"0.2\"}");
        put("/pi/package/py/words/latest.json", "{\"hashes\": [[\"words.py\", \"" + wordsPy + "\"]], "
                + "\"deps\": [[\"greet\", \"latest\"]], \"version\": \"0.2\"}");
    }

    /** The first bytes of a .mpy v6.3 with machine code for {@code archCode} (as mpy-cross writes them). */
    private static String nativeMpy(int archCode, String rest) {
        return "M\u0006" + (char) (3 | archCode << 2) + "\u001f" + rest;
    }

    /** Puts binary content into the index by its short hash and returns that hash. */
    private String indexFile(byte[] content) {
        String h = sha256(content).substring(0, 8);
        files.put("/pi/file/" + h.substring(0, 2) + "/" + h, content);
        return h;
    }

    /** {@code source} compiled by our mpy-cross, for {@code arch} (null: bytecode only). */
    private static byte[] compiled(String source, String name, String arch) {
        return CrossCompiler.compileToBytes(source.getBytes(StandardCharsets.UTF_8), name,
                new CrossCompiler.Options(0, 31, arch));
    }

    private static final String CORE = "@micropython.native\ndef dot(a, b):\n    s = 0\n"
            + "    for i in range(len(a)):\n        s += a[i] * b[i]\n    return s\n";

    /**
     * "fastmath": bytecode shared by every board ({@code __init__.mpy}) and a native module
     * ({@code _core.mpy}) built by our mpy-cross for x64 and for armv7emsp, under the
     * description's {@code arch} object. Returns the short hashes: shared, x64, armv7emsp.
     */
    private String[] indexFastmath() {
        String shared = indexFile(compiled("KIND = 'shared'\ndef dot(a, b):\n"
                + "    return sum(x * y for x, y in zip(a, b))\n", "fastmath/__init__.py", null));
        String x64 = indexFile(compiled(CORE, "fastmath/_core.py", "x64"));
        String arm = indexFile(compiled(CORE, "fastmath/_core.py", "armv7emsp"));
        put("/pi/package/6/fastmath/latest.json", "{\"hashes\": [[\"fastmath/__init__.mpy\", \"" + shared + "\"]], "
                + "\"arch\": {\"armv7emsp\": {\"hashes\": [[\"fastmath/_core.mpy\", \"" + arm + "\"]]}, "
                + "\"x64\": {\"hashes\": [[\"fastmath/_core.mpy\", \"" + x64 + "\"]]}}, \"version\": \"1.0\"}");
        return new String[] {shared, x64, arm};
    }

    private String fileUrl(String hash) {
        return "/pi/file/" + hash.substring(0, 2) + "/" + hash;
    }

    /**
     * The virtual board runs no machine code (sys.implementation._mpy names no
     * architecture), so it gets the shared bytecode only, which it imports and runs, and
     * neither native file is fetched.
     */
    @Test
    void aBoardThatRunsNoMachineCodeGetsTheBytecodeBuildOnly() throws IOException {
        String[] h = indexFastmath();
        Result r = mpt("mip", "install", "--index", base + "/pi", "fastmath", "+", "exec",
                "import fastmath\nprint(fastmath.KIND, fastmath.dot([1, 2, 3], [4, 5, 6]))");
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(r.out()).doesNotContain("Native code").endsWith("Done\nshared 32\r\n");
        assertThat(tree(flash)).containsOnlyKeys("lib/", "lib/fastmath/", "lib/fastmath/__init__.mpy");
        assertThat(requested).contains(fileUrl(h[0])).doesNotContain(fileUrl(h[1]), fileUrl(h[2]));
    }

    /**
     * A board that reports an architecture ({@code mpt board serve --arch}) gets the native
     * module built for it and not the other one: on an x64 board the x64 build, on an
     * armv7emsp board the armv7emsp build, byte for byte. The virtual board still runs no
     * machine code, so importing the native module is refused as a foreign arch would be,
     * while the shared bytecode runs.
     */
    @Test
    void aBoardThatReportsAnArchitectureGetsTheNativeBuildForIt() throws IOException {
        String[] h = indexFastmath();
        for (NativeArch arch : List.of(NativeArch.X64, NativeArch.ARMV7EMSP)) {
            requested.clear();
            try (ServedBoard b = ServedBoard.in(tmp.resolve(arch.marchName())).arch(arch).serve(link)) {
                Result r = b.mpt("mip", "install", "--index", base + "/pi", "fastmath", "+", "exec",
                        "import sys\nprint(sys.implementation._mpy >> 10)\nimport fastmath\nprint(fastmath.dot([1], [2]))\n"
                                + "try:\n    import fastmath._core\nexcept ValueError as e:\n    print(e)");
                assertThat(r.err()).isEmpty();
                assertThat(r.status()).isZero();
                assertThat(r.out()).contains("Native code for " + arch.marchName() + "\n")
                        .endsWith("Done\n" + arch.code() + "\r\n2\r\nincompatible .mpy arch\r\n");
                String mine = arch == NativeArch.X64 ? h[1] : h[2];
                String other = arch == NativeArch.X64 ? h[2] : h[1];
                assertThat(tree(b.flash)).containsOnlyKeys("lib/", "lib/fastmath/", "lib/fastmath/__init__.mpy",
                        "lib/fastmath/_core.mpy");
                assertThat(sha256(Files.readAllBytes(b.flash.resolve("lib/fastmath/_core.mpy")))).startsWith(mine);
                assertThat(requested).contains(fileUrl(mine)).doesNotContain(fileUrl(other));
            }
        }
    }

    @Test
    void refusesMachineCodeForAnotherArchitecture() throws IOException {
        String forArm = indexFile(nativeMpy(5, "armv7m code"));
        put("/pi/package/6/armonly/latest.json", "{\"hashes\": [[\"armonly.mpy\", \"" + forArm + "\"]]}");
        Result r = mpt("mip", "install", "--index", base + "/pi", "armonly");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: lib/armonly.mpy holds machine code for armv7m, the board runs no "
                + "machine code; nothing was installed\n");
        assertThat(flash.resolve("lib/armonly.mpy")).doesNotExist();
        try (ServedBoard x64 = ServedBoard.in(tmp.resolve("x64")).arch(NativeArch.X64).serve(link)) {
            Result onX64 = x64.mpt("mip", "install", "--index", base + "/pi", "armonly");
            assertThat(onX64.status()).isEqualTo(1);
            assertThat(onX64.err()).isEqualTo("error: lib/armonly.mpy holds machine code for armv7m, the board is x64; "
                    + "nothing was installed\n");
            assertThat(tree(x64.flash)).isEmpty();
        }
    }

    @Test
    void installsThePackageBuiltForTheBoardsMpyVersionWithItsDependencies() throws IOException {
        indexWithChain();
        Result r = mpt("mip", "install", "--index", base + "/pi", "greet");
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(tree(flash)).containsOnlyKeys("lib/", "lib/greet/", "lib/greet/__init__.mpy", "lib/words.mpy");
        assertThat(tree(flash)).containsEntry("lib/words.mpy", "M\u0006 words as .mpy");
        assertThat(r.out()).contains("Installing greet (latest) from " + base + "/pi to lib\n")
                .contains("Installing: lib/greet/__init__.mpy\n").contains("Installing: lib/words.mpy\n")
                .endsWith("Done\n");
        assertThat(requested).containsOnlyOnce("/pi/package/6/greet/latest.json", "/pi/package/6/words/latest.json");
    }

    @Test
    void noMpyInstallsSourceThatTheBoardImports() throws IOException {
        indexWithChain();
        Result r = mpt("mip", "install", "--no-mpy", "--index", base + "/pi/", "greet", "+",
                "exec", "import greet; print(greet.hi())");
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(tree(flash)).containsOnlyKeys("lib/", "lib/greet/", "lib/greet/__init__.py", "lib/words.py");
        assertThat(r.out()).endsWith("Done\nhello\r\n");
    }

    @Test
    void aSecondInstallSkipsFilesAlreadyThereWithTheSameHash() throws IOException {
        indexWithChain();
        assertThat(mpt("mip", "install", "--index", base + "/pi", "words").status()).isZero();
        Files.writeString(flash.resolve("lib/words.mpy"), "changed on the board");
        Result r = mpt("mip", "install", "--index", base + "/pi", "words@latest");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("Installing: lib/words.mpy\n").contains("Exists: lib/greet/__init__.mpy\n");
        assertThat(tree(flash)).containsEntry("lib/words.mpy", "M\u0006 words as .mpy");
    }

    @Test
    void aHashMismatchIsRefusedAndTheBoardIsUnchanged() throws IOException {
        indexWithChain();
        String good = indexFile("GOOD = 1\n");
        String bad = sha256("what the index promised").substring(0, 8);
        put("/pi/file/" + bad.substring(0, 2) + "/" + bad, "something else\n");
        put("/pi/package/6/tampered/latest.json", "{\"hashes\": [[\"ok.py\", \"" + good + "\"], [\"evil.py\", \""
                + bad + "\"]], \"deps\": [[\"greet\", \"latest\"]]}");
        Files.writeString(flash.resolve("main.py"), "print('mine')\n");
        Map<String, String> before = tree(flash);
        Result r = mpt("mip", "install", "--index", base + "/pi", "tampered");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: hash mismatch for lib/evil.py: the index says " + bad + ", " + base
                + "/pi/file/" + bad.substring(0, 2) + "/" + bad + " has " + sha256("something else\n").substring(0, 8)
                + "; nothing was installed\n");
        assertThat(tree(flash)).isEqualTo(before);
    }

    @Test
    void aMissingPackageIsOneLine() throws IOException {
        Result r = mpt("mip", "install", "--index", base + "/pi", "nosuch");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: package not found: " + base + "/pi/package/6/nosuch/latest.json\n");
        assertThat(tree(flash)).isEmpty();
    }

    @Test
    void githubShortcutsFetchPackageJsonAndRelativeUrlsAtTheBranch() throws IOException {
        put("/gh/org/repo/v2/drivers/package.json", "{\"urls\": [[\"drivers/__init__.py\", \"__init__.py\"], "
                + "[\"drivers/lcd.py\", \"github:org/repo/drivers/lcd.py\"]], "
                + "\"deps\": [[\"github:org/helpers/tiny.py\", \"main\"]], \"version\": \"2.0\"}");
        put("/gh/org/repo/v2/drivers/__init__.py", "from .lcd import LCD\n");
        put("/gh/org/repo/v2/drivers/lcd.py", "class LCD:\n    pass\n");
        put("/gh/org/helpers/main/tiny.py", "TINY = True\n");
        Result r = mpt("mip", "install", "--github-raw", base + "/gh", "--target", ":vendor",
                "github:org/repo/drivers@v2");
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(tree(flash)).isEqualTo(Map.of("vendor/", "", "vendor/drivers/", "",
                "vendor/drivers/__init__.py", "from .lcd import LCD\n",
                "vendor/drivers/lcd.py", "class LCD:\n    pass\n", "vendor/tiny.py", "TINY = True\n"));
        assertThat(r.out()).startsWith("Install github:org/repo/drivers@v2\n"
                + "Installing github:org/repo/drivers/package.json to vendor\n");
    }

    @Test
    void gitlabShortcutFetchesOneFileAtTheBranch() throws IOException {
        put("/gl/org/tools/-/raw/stable/util.py", "def util():\n    return 'from gitlab'\n");
        Result r = mpt("mip", "install", "--gitlab", base + "/gl/", "gitlab:org/tools/util.py@stable", "+", "exec",
                "import util\nprint(util.util())");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("Downloading gitlab:org/tools/util.py to lib\n").endsWith("from gitlab\r\n");
        assertThat(tree(flash)).containsOnlyKeys("lib/", "lib/util.py");
    }

    @Test
    void aFullBoardIsOneLineSayingWhatWasInstalled() throws IOException {
        String small = indexFile("SMALL = 1\n");
        String big = indexFile("#".repeat(9000) + "\n");
        put("/pi/package/6/heavy/latest.json", "{\"hashes\": [[\"a_small.py\", \"" + small + "\"], [\"b_big.py\", \""
                + big + "\"]]}");
        try (ServedBoard full = ServedBoard.in(tmp.resolve("small")).size(3 * 4096).serve(link)) {
            Result r = full.mpt("mip", "install", "--index", base + "/pi", "heavy");
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("error: lib/b_big.py: no space left on the board's filesystem; "
                    + "1 file was installed before it\n");
            assertThat(tree(full.flash)).containsOnlyKeys("lib/", "lib/a_small.py");
        }
    }

    @Test
    void aPlainUrlOfOneFile() throws IOException {
        put("/files/blink.py", "print('blink')\n");
        Result r = mpt("mip", "install", base + "/files/blink.py");
        assertThat(r.status()).isZero();
        assertThat(tree(flash)).containsEntry("lib/blink.py", "print('blink')\n");
    }
}
