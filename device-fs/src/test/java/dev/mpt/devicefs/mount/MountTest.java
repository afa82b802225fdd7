package dev.mpt.devicefs.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpt.devicefs.BoardConnection;
import dev.mpt.protocol.Devices;
import dev.mpt.protocol.ExecException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host directory mounted on a board that mpt did not write: MicroPython's unix port on a
 * pty, when {@code MPT_TEST_MICROPYTHON} names its binary (tests tagged {@code unix}). The
 * board imports a package from the host, reads and writes host files, lists, stats, makes
 * and removes directories; a path outside the directory stays out of reach.
 *
 * <p>The unix port cannot soft-reset (Ctrl-D ends the process), so the mount surviving a soft
 * reset is tested on the virtual board, in {@link VirtualBoardMountTest}.
 */
@Timeout(120)
@Tag("unix")
class MountTest {
    @TempDir
    Path tmp;

    Path host;
    BoardConnection board;

    @BeforeEach
    void connect(TestInfo info) throws Exception {
        String mp = System.getenv("MPT_TEST_MICROPYTHON");
        Assumptions.assumeTrue(mp != null && !mp.isBlank(), "MPT_TEST_MICROPYTHON not set");
        host = Files.createDirectories(tmp.resolve("host"));
        // the unix port leaves the terminal as it found it while code runs: raw, so stdin is bytes
        board = new BoardConnection(() -> {
            throw new IllegalStateException("no virtual board here");
        });
        board.configure("pty:stty raw -echo; exec " + mp, Devices.OpenOptions.defaults(), false);
    }

    @AfterEach
    void close() {
        if (board != null) {
            board.close();
        }
    }

    Path write(String rel, String text) throws Exception {
        Path p = host.resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    String run(String code) throws Exception {
        return board.repl().exec(code).stdoutText().replace("\r\n", "\n");
    }

    @Test
    void theBoardImportsAPackageFromTheHostAndRunsIt() throws Exception {
        write("app/__init__.py", "NAME = 'app'\n");
        write("app/util.py", "from . import NAME\ndef greet(who):\n    return NAME + ' greets ' + who\n");
        write("main_on_host.py", "import app.util\nprint(app.util.greet('board'))\n");
        Mount.attach(board, host, false);
        assertThat(run("import os\nprint(os.getcwd())")).isEqualTo("/remote\n");
        assertThat(run("import main_on_host")).isEqualTo("app greets board\n");
        assertThat(run("import app\nprint(app.__file__)")).isEqualTo("app/__init__.py\n");
        // a change on the host is what the board imports next
        write("app/util.py", "def greet(who):\n    return 'changed for ' + who\n");
        assertThat(run("import sys\ndel sys.modules['app.util']\nimport app.util\nprint(app.util.greet('x'))"))
                .isEqualTo("changed for x\n");
    }

    @Test
    void theBoardReadsAndWritesHostFiles() throws Exception {
        write("data/in.txt", "line one\nline two\n");
        byte[] big = new byte[200_000];
        new Random(3).nextBytes(big);
        for (int i = 0; i < 256; i++) {
            big[i] = (byte) i; // every byte value, 0x03 and the escape byte among them
        }
        Files.write(host.resolve("data/big.bin"), big);
        Mount.attach(board, host, false);
        assertThat(run("print(repr(open('data/in.txt').read()))")).isEqualTo("'line one\\nline two\\n'\n");
        assertThat(run("print([l for l in open('data/in.txt')])")).isEqualTo("['line one\\n', 'line two\\n']\n");
        assertThat(run("import hashlib,binascii\nf=open('/remote/data/big.bin','rb')\nh=hashlib.sha256()\n"
                + "while True:\n d=f.read(5000)\n if not d: break\n h.update(d)\nf.close()\n"
                + "print(binascii.hexlify(h.digest()).decode())"))
                .isEqualTo(sha256(big) + "\n");
        run("with open('data/out.txt','w') as f:\n for i in range(500):\n  f.write('row %d\\n' % i)\n"
                + "with open('data/log.bin','wb') as f:\n f.write(bytes(range(256)))\n"
                + "with open('data/log.bin','ab') as f:\n f.write(b'\\x03\\x04\\x0e\\x0f')\n");
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            rows.append("row ").append(i).append('\n');
        }
        assertThat(Files.readString(host.resolve("data/out.txt"))).isEqualTo(rows.toString());
        byte[] log = Files.readAllBytes(host.resolve("data/log.bin"));
        assertThat(log).hasSize(260);
        assertThat(log[255]).isEqualTo((byte) 255);
        assertThat(log[256]).isEqualTo((byte) 3);
    }

    @Test
    void eachRequestGetsItsOwnAnswerAcrossPausesOnTheBoard() throws Exception {
        write("one.txt", "1");
        write("two.txt", "2");
        Mount.attach(board, host, false);
        // the host waits for output in short reads that time out while the board sleeps
        assertThat(run("import time\na = open('one.txt').read()\ntime.sleep(0.7)\nb = open('two.txt').read()\n"
                + "time.sleep(0.4)\nimport os\nprint(a, b, os.stat('two.txt')[6])")).isEqualTo("1 2 1\n");
    }

    @Test
    void outputThatOnlyLooksLikeARequestIsPassedOn() throws Exception {
        write("x.txt", "x");
        Mount.attach(board, host, false);
        byte[] out = board.repl().exec("import sys\nsys.stdout.buffer.write(b'a\\x0eSb\\x00c\\x0e\\x0eQ\\x0eL')\n"
                + "print(open('x.txt').read())").stdout();
        assertThat(new String(out, StandardCharsets.ISO_8859_1).replace("\r\n", "\n"))
                .isEqualTo("a\u000eSb\u0000c\u000e\u000eQ\u000eLx\n");
    }

    @Test
    void directoriesAreListedMadeRenamedAndRemoved() throws Exception {
        write("a.txt", "12345");
        write("sub/b.txt", "x");
        Mount.attach(board, host, false);
        assertThat(run("import os\nprint(sorted(os.listdir()))\nprint(os.stat('a.txt')[6], os.stat('sub')[0] & 0x4000)"))
                .isEqualTo("['a.txt', 'sub']\n5 16384\n");
        run("import os\nos.mkdir('new')\nos.rename('a.txt','new/a2.txt')\nos.remove('sub/b.txt')\nos.rmdir('sub')\n"
                + "os.chdir('new')\nprint(os.getcwd(), os.listdir())");
        assertThat(host.resolve("new/a2.txt")).hasContent("12345");
        assertThat(host.resolve("sub")).doesNotExist();
        assertThat(run("import os\nprint(os.getcwd())")).isEqualTo("/remote/new\n");
        assertThat(run("try:\n open('/remote/none.txt')\nexcept OSError as e:\n print(e.errno)")).isEqualTo("2\n");
        assertThat(run("try:\n import not_there\nexcept ImportError as e:\n print('ImportError')"))
                .isEqualTo("ImportError\n");
    }

    @Test
    void aLinkOutOfTheDirectoryIsNotFollowedUnlessAllowed() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(host.resolve("out"), outside);
        write("inside/ok.txt", "ok");
        Files.createSymbolicLink(host.resolve("in"), host.resolve("inside"));
        Mount.attach(board, host, false);
        assertThat(run("import os\nprint(sorted(os.listdir()))")).isEqualTo("['in', 'inside']\n");
        assertThat(run("print(open('in/ok.txt').read())")).isEqualTo("ok\n");
        assertThat(run("try:\n open('out/secret.txt')\nexcept OSError as e:\n print(e.errno)")).isEqualTo("2\n");
        assertThat(run("try:\n open('../../outside/secret.txt')\nexcept OSError as e:\n print(e.errno)"))
                .isEqualTo("2\n");
        Mount.attach(board, host, true);
        assertThat(run("print(open('out/secret.txt').read())")).isEqualTo("secret\n");
    }

    @Test
    void theReplTerminalUsesTheMountWhileLinesAreTyped() throws Exception {
        write("greeting.py", "TEXT = 'hello from the host'\n");
        Mount.attach(board, host, false);
        board.repl().exit(); // to the friendly prompt, as mpt repl does
        java.io.ByteArrayOutputStream screen = new java.io.ByteArrayOutputStream();
        dev.mpt.monitor.BoardOutput output = new dev.mpt.monitor.BoardOutput(screen, null,
                dev.mpt.monitor.LineMap.NONE, false, false, java.time.Clock.systemUTC());
        byte[] typed = "import greeting\nprint(greeting.TEXT.upper())\nprint(open('greeting.py').readline())\n"
                .getBytes(StandardCharsets.UTF_8);
        new dev.mpt.monitor.Headless(board.link(), output, java.time.Duration.ofSeconds(3))
                .run(new java.io.ByteArrayInputStream(typed), null);
        String shown = screen.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
        assertThat(shown).contains(">>> print(greeting.TEXT.upper())\nHELLO FROM THE HOST\n")
                .contains("TEXT = 'hello from the host'").doesNotContain("Traceback").doesNotContain("\u000e");
    }

    @Test
    void unmountingLeavesTheBoardWhereItWas() throws Exception {
        String before = run("import os\nprint(os.getcwd())");
        Mount mount = Mount.attach(board, host, false);
        write("only_on_host.py", "print('imported')\n");
        mount.detach();
        assertThat(run("import os\nprint(os.getcwd())")).isEqualTo(before);
        assertThatThrownBy(() -> run("import only_on_host")).isInstanceOf(ExecException.class)
                .hasMessageContaining("ImportError");
        assertThat(mount.link().isActive()).isFalse();
    }

    @Test
    void aHostPathThatIsNoDirectoryIsOneError() {
        assertThatThrownBy(() -> Mount.attach(board, tmp.resolve("missing"), false))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("not a directory");
    }

    static String sha256(byte[] data) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
    }

}
