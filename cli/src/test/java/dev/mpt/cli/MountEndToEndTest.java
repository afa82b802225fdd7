package dev.mpt.cli;

import static dev.mpt.cli.BoardFiles.assertError;
import static dev.mpt.cli.BoardFiles.assertOk;
import static dev.mpt.cli.BoardFiles.printed;
import static dev.mpt.cli.BoardFiles.sha256;
import static dev.mpt.cli.BoardFiles.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.cli.MainTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code mount}, {@code umount}, {@code romfs query|deploy}, {@code rtc}, {@code disconnect}
 * and {@code resume} through the real command line against the virtual board, on TCP and on
 * a pty. The board has a ROMFS partition of 16 KB in a host file. (UnixPortEndToEndTest runs
 * them against MicroPython's unix port.)
 */
class MountEndToEndTest extends OnServedBoard {
    static final int ROMFS_BYTES = 16384;

    Path host;

    /** With a ROMFS partition (in a host file) for romfs deploy and query. */
    @Override
    ServedBoard.Spec board(ServedBoard.Spec spec) {
        return spec.romfs(ROMFS_BYTES);
    }

    @BeforeEach
    void setUp() throws Exception {
        host = Files.createDirectories(tmp.resolve("host"));
    }

    void write(String rel, String text) throws IOException {
        BoardFiles.write(host.resolve(rel), text);
    }

    /** The partition's bytes, as the board keeps them in its host file. */
    byte[] partition() throws IOException {
        return Files.readAllBytes(tmp.resolve("board/board.romfs"));
    }

    // ------------------------------------------------------------------ mount

    @Test
    void codeRunsFromTheHostDirectoryAcrossASoftReset() throws Exception {
        write("pkg/__init__.py", "from .area import area\nN = 'from the host'\n");
        write("pkg/area.py", "def area(w, h):\n    return w * h\n");
        write("config.txt", "width=6\n");
        String run = "import pkg\nw = int(open('config.txt').read().split('=')[1])\n"
                + "print(pkg.N, pkg.area(w, 7))\nopen('result.txt', 'a').write('run\\n')";
        Result r = mpt("mount", host.toString(), "+", "exec", run, "+", "soft-reset", "+", "exec",
                "import os, sys\nprint(os.getcwd(), 'pkg' in sys.modules)", "+", "exec", run);
        assertThat(r.err()).isEqualTo("mounted " + host + " at :/remote\n");
        assertThat(r.out()).isEqualTo(printed("from the host 42\n/remote False\nfrom the host 42\n"));
        assertThat(r.status()).isZero();
        assertThat(host.resolve("result.txt")).hasContent("run\nrun\n");
        assertThat(tree(served.flash)).as("nothing was copied to the board").isEmpty();
    }

    @Test
    void umountLeavesTheDirectoryAndLaterCommandsWork() throws Exception {
        write("m.py", "V = 1\n");
        Result r = mpt("mount", host.toString(), "+", "umount", "+", "exec",
                "import os\nprint(os.getcwd() != '/remote')\ntry:\n import m\nexcept ImportError:\n print('gone')");
        assertThat(r.out()).isEqualTo(printed("True\ngone\n"));
        assertThat(r.status()).isZero();
    }

    @Test
    void aLinkOutOfTheDirectoryIsFollowedOnlyWithUnsafeLinks() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(host.resolve("out"), outside);
        write("inside/ok.txt", "ok");
        Files.createSymbolicLink(host.resolve("in"), host.resolve("inside"));
        String read = "print(open('in/ok.txt').read())\ntry:\n    print(open('out/secret.txt').read())\n"
                + "except OSError as e:\n    print('refused', e.errno)";
        Result safe = mpt("mount", host.toString(), "+", "exec", read);
        assertThat(safe.out()).isEqualTo(printed("ok\nrefused 2\n"));
        Result unsafe = mpt("mount", "--unsafe-links", host.toString(), "+", "exec", read);
        assertThat(unsafe.out()).isEqualTo(printed("ok\nsecret\n"));
        assertThat(unsafe.status()).isZero();
    }

    @Test
    void mountingWhatIsNoDirectoryIsOneErrorLine() {
        assertError(mpt("mount", tmp.resolve("nope").toString()), tmp.resolve("nope") + ": not a directory on the host");
        Result after = mpt("exec", "import os\nprint(os.getcwd())");
        assertThat(after.out()).isEqualTo(printed("/\n"));
    }

    // ------------------------------------------------------------------ romfs

    /** A ROMFS image of a small app built by {@code mpt romfs build} from {@code host/app} into {@code tmp}. */
    static Path image(Path host, Path tmp) throws IOException {
        BoardFiles.write(host.resolve("app/main.py"), "print('from rom')\n");
        BoardFiles.write(host.resolve("app/data.bin"), "0123456789");
        Path img = tmp.resolve("app.romfs");
        Result built = MainTest.mpt("romfs", "build", "--no-mpy", host.resolve("app").toString(), "-o", img.toString());
        assertThat(built.status()).isZero();
        return img;
    }

    @Test
    void romfsDeployWritesTheImageWhichTheBoardMountsAtRom() throws Exception {
        Path img = image(host, tmp);
        byte[] bytes = Files.readAllBytes(img);
        Result r = mpt("romfs", "deploy", img.toString(), "+", "romfs", "query", "+", "soft-reset", "+", "exec",
                "import os\nprint(sorted(os.listdir('/rom')))\nexec(open('/rom/main.py').read())");
        assertOk(r);
        assertThat(r.out()).contains("deployed to ROMFS0\n")
                .contains("ROMFS0: " + ROMFS_BYTES + " bytes\n  starts with d2:cd:31:")
                .contains("  a ROMFS image of " + bytes.length + " bytes\n")
                .endsWith(printed("['data.bin', 'main.py']\nfrom rom\n"));
        byte[] part = partition();
        assertThat(sha256(java.util.Arrays.copyOf(part, bytes.length))).isEqualTo(sha256(bytes));
    }

    @Test
    void romfsDeployOfADirectoryBuildsItFirst() throws Exception {
        write("site/index.html", "<p>hi</p>\n");
        Result r = mpt("romfs", "deploy", host.resolve("site").toString(), "+", "exec",
                "import vfs\nvfs.mount(vfs.VfsRom(vfs.rom_ioctl(2, 0)), '/r2')\nprint(open('/r2/index.html').read())");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("deployed to ROMFS0\n").endsWith(printed("<p>hi</p>\n\n"));
    }

    @Test
    void romfsImageTooBigOrAMissingPartitionIsRefusedAndThePartitionKept() throws Exception {
        Path img = image(host, tmp);
        assertOk(mpt("romfs", "deploy", img.toString()));
        byte[] before = partition();
        write("big/blob.bin", "x".repeat(ROMFS_BYTES));
        Result r = mpt("romfs", "deploy", "--no-mpy", host.resolve("big").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).matches("error: the image \\(\\d+ bytes\\) does not fit in ROMFS0 \\(" + ROMFS_BYTES
                + " bytes\\)\n");
        assertError(mpt("romfs", "deploy", "--partition", "2", img.toString()), "the board has no ROMFS2 partition");
        assertThat(partition()).isEqualTo(before);
    }

    @Test
    void romfsOnABoardWithoutAPartitionIsOneErrorLine() throws Exception {
        Path img = image(host, tmp);
        try (ServedBoard plain = ServedBoard.serve(tmp.resolve("plain"), link)) {
            Map<String, String> before = tree(plain.flash);
            assertError(plain.mpt("romfs", "deploy", img.toString()),
                    "the board's firmware has no ROMFS (no vfs.rom_ioctl)");
            assertError(plain.mpt("romfs", "query"), "the board's firmware has no ROMFS (no vfs.rom_ioctl)");
            assertThat(tree(plain.flash)).isEqualTo(before);
            assertThat(tmp.resolve("plain/board.romfs")).doesNotExist();
        }
    }

    // ------------------------------------------------------------------ rtc

    @Test
    void rtcSetsAndReadsTheBoardsClock() {
        Result r = mpt("exec", "import machine\nmachine.RTC().datetime((2001, 2, 3, 5, 4, 5, 6, 0))", "+", "rtc",
                "+", "rtc", "--set");
        assertThat(r.status()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines[0]).startsWith("(2001, 2, 3, 5, 4, 5, ");
        LocalDateTime now = LocalDateTime.now();
        assertThat(lines[1]).startsWith("(" + now.getYear() + ", " + now.getMonthValue() + ", " + now.getDayOfMonth()
                + ", " + (now.getDayOfWeek().getValue() - 1) + ", " + now.getHour() + ", ");
    }

    // ------------------------------------------------------------------ disconnect, resume

    @Test
    void disconnectThenConnectsAgainWithoutASoftReset() {
        Result r = mpt("exec", "kept = 5", "+", "disconnect", "+", "exec", "print(kept)");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo(printed("5\n"));
        assertThat(served.board.stats().softResets()).isEqualTo(1);
    }

    @Test
    void resumeKeepsTheBoardsState() {
        assertThat(mpt("exec", "state = 'kept'").status()).isZero();
        Result resumed = mpt("resume", "+", "exec", "print(state)");
        assertThat(resumed.out()).isEqualTo(printed("kept\n"));
        Result fresh = mpt("exec", "print(state)");
        assertThat(fresh.status()).isEqualTo(1);
        assertThat(fresh.err()).contains("NameError");
    }
}
