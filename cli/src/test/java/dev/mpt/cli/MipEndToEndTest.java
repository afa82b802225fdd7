package dev.mpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.mpt.board.BoardServer;
import dev.mpt.board.VirtualBoard;
import dev.mpt.board.VmBoard;
import dev.mpt.cli.MainTest.Result;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mpt mip install} through the command line against the virtual board on TCP, with
 * packages served by an HTTP server on 127.0.0.1 that the test fills: a v2 index
 * ({@code package/MPY/NAME/VERSION.json}, {@code file/HH/HASH}) and a GitHub-style raw
 * layout ({@code ORG/REPO/BRANCH/PATH}).
 */
@Timeout(120)
class MipEndToEndTest {
    @TempDir
    Path tmp;

    private Path flash;
    private VirtualBoard board;
    private BoardServer server;
    private HttpServer http;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final List<String> requested = java.util.Collections.synchronizedList(new ArrayList<>());
    private String base;

    @BeforeEach
    void serve() throws IOException {
        flash = Files.createDirectories(tmp.resolve("flash"));
        board = VmBoard.create(flash);
        server = BoardServer.listen(board, 0);
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            requested.add(path);
            byte[] body = served.get(path);
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
        server.close();
        board.close();
    }

    private Result mpt(String... args) {
        List<String> all = new ArrayList<>(List.of("-d", server.deviceName()));
        all.addAll(List.of(args));
        return MainTest.mpt(all.toArray(new String[0]));
    }

    private static String sha(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Puts a file into the index by its short hash and returns that hash. */
    private String indexFile(String content) {
        String h = sha(content).substring(0, 8);
        served.put("/pi/file/" + h.substring(0, 2) + "/" + h, content.getBytes(StandardCharsets.UTF_8));
        return h;
    }

    private void put(String path, String text) {
        served.put(path, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (!p.equals(dir)) {
                    String rel = dir.relativize(p).toString().replace('\\', '/');
                    out.put(Files.isDirectory(p) ? rel + "/" : rel,
                            Files.isDirectory(p) ? "" : Files.readString(p, StandardCharsets.ISO_8859_1));
                }
            }
        }
        return out;
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

    /**
     * A package with a native module for two architectures: the virtual board runs no machine
     * code (sys.implementation._mpy names no architecture), so it gets the shared bytecode
     * only and neither native file is fetched. (MipResolverArchTest shows the choice.)
     */
    @Test
    void aBoardThatRunsNoMachineCodeGetsNoNativeBuild() throws IOException {
        String common = indexFile("M\u0006 shared bytecode");
        String forX64 = indexFile(nativeMpy(2, "x64 code"));
        String forArm = indexFile(nativeMpy(7, "armv7emsp code"));
        put("/pi/package/6/fastmath/latest.json", "{\"hashes\": [[\"fastmath/__init__.mpy\", \"" + common + "\"]], "
                + "\"arch\": {\"armv7emsp\": {\"hashes\": [[\"fastmath/_core.mpy\", \"" + forArm + "\"]]}, "
                + "\"x64\": {\"hashes\": [[\"fastmath/_core.mpy\", \"" + forX64 + "\"]]}}, \"version\": \"1.0\"}");
        Result r = mpt("mip", "install", "--index", base + "/pi", "fastmath");
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(tree(flash)).containsEntry("lib/fastmath/__init__.mpy", "M\u0006 shared bytecode")
                .doesNotContainKey("lib/fastmath/_core.mpy");
        assertThat(requested).doesNotContain("/pi/file/" + forArm.substring(0, 2) + "/" + forArm,
                "/pi/file/" + forX64.substring(0, 2) + "/" + forX64);
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
        String bad = sha("what the index promised").substring(0, 8);
        put("/pi/file/" + bad.substring(0, 2) + "/" + bad, "something else\n");
        put("/pi/package/6/tampered/latest.json", "{\"hashes\": [[\"ok.py\", \"" + good + "\"], [\"evil.py\", \""
                + bad + "\"]], \"deps\": [[\"greet\", \"latest\"]]}");
        Files.writeString(flash.resolve("main.py"), "print('mine')\n");
        Map<String, String> before = tree(flash);
        Result r = mpt("mip", "install", "--index", base + "/pi", "tampered");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: hash mismatch for lib/evil.py: the index says " + bad + ", " + base
                + "/pi/file/" + bad.substring(0, 2) + "/" + bad + " has " + sha("something else\n").substring(0, 8)
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
    void installsOverAPtyToo() throws IOException {
        indexWithChain();
        try (ServedBoard served = new ServedBoard(tmp.resolve("pty"))) {
            Result r = MainTest.mpt("-d", served.port(), "mip", "install", "--index", base + "/pi", "words", "+",
                    "sha256sum", ":lib/words.mpy");
            assertThat(r.err()).isEmpty();
            assertThat(r.status()).isZero();
            assertThat(r.out()).endsWith("Done\n" + sha("M\u0006 words as .mpy") + "  lib/words.mpy\n");
            assertThat(tree(tmp.resolve("pty/fs"))).containsOnlyKeys("lib/", "lib/greet/", "lib/greet/__init__.mpy",
                    "lib/words.mpy");
        }
    }

    @Test
    void aFullBoardIsOneLineSayingWhatWasInstalled() throws IOException {
        String small = indexFile("SMALL = 1\n");
        String big = indexFile("#".repeat(9000) + "\n");
        put("/pi/package/6/heavy/latest.json", "{\"hashes\": [[\"a_small.py\", \"" + small + "\"], [\"b_big.py\", \""
                + big + "\"]]}");
        Path tiny = Files.createDirectories(tmp.resolve("tiny"));
        try (VirtualBoard b = VmBoard.create(tiny, 3 * 4096); BoardServer s = BoardServer.listen(b, 0)) {
            Result r = MainTest.mpt("-d", s.deviceName(), "mip", "install", "--index", base + "/pi", "heavy");
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("error: lib/b_big.py: no space left on the board's filesystem; "
                    + "1 file was installed before it\n");
            assertThat(tree(tiny)).containsOnlyKeys("lib/", "lib/a_small.py");
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
