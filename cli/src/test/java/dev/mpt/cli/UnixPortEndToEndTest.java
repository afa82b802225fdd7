package dev.mpt.cli;

import static dev.mpt.cli.BoardFiles.sha256;
import static dev.mpt.cli.BoardFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.cli.MainTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mount}, {@code umount}, {@code romfs query|deploy} and {@code rtc} against
 * MicroPython's unix port on a pty, when {@code MPT_TEST_MICROPYTHON} names it (skipped
 * otherwise). Each {@code mpt} call starts a fresh interpreter, so a test is one chain. The
 * unix port has neither {@code vfs.rom_ioctl} nor {@code machine.RTC}; the romfs and rtc
 * tests give it, first in the chain, a ROMFS partition and a clock in Python with firmware's
 * interface (a {@code vfs} module whose {@code rom_ioctl} works on a bytearray, a
 * {@code machine.RTC} that keeps a tuple). {@link MountEndToEndTest} runs the same commands
 * against the virtual board.
 */
@Timeout(120)
class UnixPortEndToEndTest {
    @TempDir
    Path tmp;

    Path host;

    @BeforeEach
    void setUp() throws Exception {
        host = Files.createDirectories(tmp.resolve("host"));
    }

    static String unixPort() {
        String mp = System.getenv("MPT_TEST_MICROPYTHON");
        Assumptions.assumeTrue(mp != null && !mp.isBlank(), "MPT_TEST_MICROPYTHON not set");
        return "pty:stty raw -echo; exec " + mp;
    }

    /** {@code mpt -d <the unix port> --no-soft-reset ARGS…} (the unix port cannot soft-reset). */
    static Result onUnixPort(String... args) {
        List<String> all = new ArrayList<>(List.of("-d", unixPort(), "--no-soft-reset"));
        all.addAll(List.of(args));
        return MainTest.mpt(all.toArray(new String[0]));
    }

    void write(String rel, String text) throws Exception {
        BoardFiles.write(host.resolve(rel), text);
    }

    Path image() throws Exception {
        return MountEndToEndTest.image(host, tmp);
    }

    /** A ROMFS partition of {@code size} bytes as firmware's vfs.rom_ioctl offers it, for the unix port. */
    static String romPartition(int size) {
        return "import sys\n"
                + "class Rom:\n"
                + " def __init__(s):\n  s.b = bytearray(" + size + ")\n"
                + " def rom_ioctl(s, op, *a):\n"
                + "  if op == 1: return 1\n"
                + "  if a[0] != 0: return -19\n"
                + "  if op == 2: return memoryview(s.b)\n"
                + "  if op == 3:\n   s.b[:] = b'\\xff' * len(s.b)\n   return 16\n"
                + "  if op == 4:\n"
                + "   if a[1] % 16 or len(a[2]) % 16 or a[1] + len(a[2]) > len(s.b): return -22\n"
                + "   s.b[a[1]:a[1] + len(a[2])] = a[2]\n   return 0\n"
                + "  if op == 5: return 0\n"
                + "  return -22\n"
                + " def umount(s, p): raise OSError(22)\n"
                + "sys.modules['vfs'] = Rom()\n";
    }

    static final String CLOCK = "import sys, machine\n"
            + "class RTC:\n"
            + " t = (2000, 1, 1, 5, 0, 0, 0, 0)\n"
            + " def datetime(s, v=None):\n"
            + "  if v is None: return RTC.t\n"
            + "  RTC.t = tuple(v)\n"
            + "class M: pass\n"
            + "m = M()\nm.RTC = RTC\nsys.modules['machine'] = m\n";

    @Test
    void codeRunsFromTheHostDirectoryWithoutCopying() throws Exception {
        write("lib_on_host/__init__.py", "def area(w, h):\n    return w * h\n");
        write("config.txt", "width=6\n");
        Result r = onUnixPort("mount", host.toString(), "+", "exec",
                "import lib_on_host\nw = int(open('config.txt').read().split('=')[1])\n"
                        + "print(lib_on_host.area(w, 7))\nopen('result.txt', 'w').write('done')");
        assertThat(r.err()).isEqualTo("mounted " + host + " at :/remote\n");
        assertThat(r.out()).isEqualTo("42\n");
        assertThat(r.status()).isZero();
        assertThat(host.resolve("result.txt")).hasContent("done");
    }

    @Test
    void umountLeavesTheDirectoryAndLaterCommandsWork() throws Exception {
        write("m.py", "V = 1\n");
        Result r = onUnixPort("mount", host.toString(), "+", "umount", "+", "exec",
                "import os\nprint(os.getcwd() != '/remote')\ntry:\n import m\nexcept ImportError:\n print('gone')");
        assertThat(r.out()).isEqualTo("True\ngone\n");
        assertThat(r.status()).isZero();
    }

    @Test
    void romfsDeployWritesTheImageAndQueryShowsIt() throws Exception {
        Path img = image();
        byte[] bytes = Files.readAllBytes(img);
        Result r = onUnixPort("exec", romPartition(8192), "+", "romfs", "deploy", img.toString(), "+",
                "romfs", "query", "+", "exec",
                "import vfs, hashlib, binascii\nprint(binascii.hexlify(hashlib.sha256(vfs.b[:" + bytes.length
                        + "]).digest()).decode())");
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("image of " + bytes.length + " bytes\nROMFS0: 8192 bytes\n")
                .contains("deployed to ROMFS0\n")
                .contains("ROMFS0: 8192 bytes\n  starts with d2:cd:31:")
                .contains("  a ROMFS image of " + bytes.length + " bytes\n")
                .endsWith(sha256(bytes) + "\n");
    }

    @Test
    void romfsImageTooBigIsRefusedAndThePartitionKept() throws Exception {
        Path img = image();
        Result r = onUnixPort("exec", romPartition(32), "+", "romfs", "deploy", img.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: the image (" + Files.size(img)
                + " bytes) does not fit in ROMFS0 (32 bytes)\n");
        Result q = onUnixPort("exec", romPartition(32), "+", "romfs", "deploy", "--partition", "2", img.toString());
        assertThat(q.err()).isEqualTo("error: the board has no ROMFS2 partition\n");
    }

    @Test
    void romfsOnFirmwareWithoutItIsOneErrorLine() throws Exception {
        Path img = image();
        Result r = onUnixPort("romfs", "deploy", img.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: the board's firmware has no ROMFS (no vfs.rom_ioctl)\n");
    }

    @Test
    void rtcPrintsTheClockAndSetsItFromTheHost() {
        Result r = onUnixPort("exec", CLOCK, "+", "rtc", "+", "rtc", "--set");
        assertThat(r.status()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines[0]).isEqualTo("(2000, 1, 1, 5, 0, 0, 0, 0)");
        java.time.LocalDateTime now = java.time.LocalDateTime.now();
        assertThat(lines[1]).startsWith("(" + now.getYear() + ", " + now.getMonthValue() + ", " + now.getDayOfMonth()
                + ", " + (now.getDayOfWeek().getValue() - 1) + ", ");
    }

    @Test
    void rtcWithoutAClockIsOneErrorLine() {
        Result r = onUnixPort("rtc");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: the board's firmware has no real-time clock (no machine.RTC)\n");
    }
}
