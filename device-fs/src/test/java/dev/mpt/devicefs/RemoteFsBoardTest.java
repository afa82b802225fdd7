package dev.mpt.devicefs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpt.board.VmBoard;
import dev.mpt.console.Progress;
import dev.mpt.protocol.DeviceSpec;
import dev.mpt.protocol.Devices;
import dev.mpt.protocol.Link;
import dev.mpt.protocol.RawRepl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * File operations end to end: against the virtual board (our compiler and VM behind the raw
 * REPL, its filesystem a temporary directory), or against a real board or any MicroPython
 * that speaks the raw REPL when {@code MPT_TEST_BOARD} names one (e.g. {@code /dev/ttyACM0},
 * or {@code socket://127.0.0.1:7777} for a unix-port micropython behind socat). Works in a
 * scratch directory it removes; host-side files live in a JUnit temporary directory.
 */
@Timeout(120)
class RemoteFsBoardTest {
    @TempDir
    Path tmp;

    private RawRepl repl;
    private RemoteFs fs;
    private String dir;

    @BeforeEach
    void connect() throws Exception {
        String spec = System.getenv("MPT_TEST_BOARD");
        if (spec == null || spec.isBlank()) {
            spec = "virtual";
        }
        Path flash = Files.createDirectories(tmp.resolve("flash"));
        Link link = Devices.open(DeviceSpec.parse(spec), Devices.OpenOptions.defaults(),
                () -> VmBoard.create(flash).start().connect());
        repl = new RawRepl(link);
        fs = new RemoteFs(repl, 512);
        dir = "mpt-test-" + Long.toHexString(new Random().nextLong() & 0xffffffL);
        fs.mkdir(dir);
    }

    @AfterEach
    void clean() throws Exception {
        if (fs != null) {
            fs.removeTree(dir);
            repl.close();
        }
    }

    @Test
    void writeReadListStatRemove() throws Exception {
        byte[] text = "print('hello')\n".getBytes(StandardCharsets.UTF_8);
        byte[] binary = new byte[3000];
        new Random(1).nextBytes(binary);
        fs.write(dir + "/a.py", text, Progress.NONE);
        fs.write(dir + "/b.bin", binary, Progress.NONE);
        fs.mkdirs(dir + "/sub/deeper");
        assertThat(fs.read(dir + "/a.py", Progress.NONE)).isEqualTo(text);
        assertThat(fs.read(dir + "/b.bin", Progress.NONE)).isEqualTo(binary);
        assertThat(fs.list(dir)).containsExactly(new RemoteFs.Entry("sub", true, 0),
                new RemoteFs.Entry("a.py", false, text.length), new RemoteFs.Entry("b.bin", false, 3000));
        assertThat(fs.stat(dir + "/b.bin")).hasValueSatisfying(s -> assertThat(s.size()).isEqualTo(3000));
        assertThat(fs.stat(dir + "/nope")).isEmpty();
        fs.rename(dir + "/a.py", dir + "/sub/a.py");
        assertThat(fs.walk(dir, true)).extracting(RemoteFs.Node::path)
                .containsExactlyInAnyOrder(dir + "/sub", dir + "/sub/deeper", dir + "/sub/a.py", dir + "/b.bin");
        fs.remove(dir + "/b.bin");
        assertThat(fs.list(dir)).extracting(RemoteFs.Entry::name).containsExactly("sub");
    }

    @Test
    void overwriteReplacesAndFailedWriteKeepsTheOldFile() throws Exception {
        fs.write(dir + "/f.txt", "old".getBytes(), Progress.NONE);
        fs.write(dir + "/f.txt", "new".getBytes(), Progress.NONE);
        assertThat(fs.read(dir + "/f.txt", Progress.NONE)).isEqualTo("new".getBytes());
        assertThatThrownBy(() -> fs.write(dir + "/missing/g.txt", "x".getBytes(), Progress.NONE))
                .isInstanceOf(RemoteFsException.class).hasMessage(dir + "/missing/g.txt: no such file or directory");
        assertThat(fs.list(dir)).extracting(RemoteFs.Entry::name).containsExactly("f.txt");
    }

    @Test
    void errorsNameThePath() {
        assertThatThrownBy(() -> fs.read(dir + "/none", Progress.NONE))
                .isInstanceOf(RemoteFsException.class).hasMessage(dir + "/none: no such file on the board");
        assertThatThrownBy(() -> fs.mkdir(dir))
                .isInstanceOf(RemoteFsException.class).hasMessage(dir + ": already exists");
    }

    @Test
    void syncCopiesOnlyChangesAndBackupRestoresTheTree() throws Exception {
        Path local = Files.createDirectories(tmp.resolve("sync"));
        Files.createDirectories(local.resolve("lib"));
        Files.writeString(local.resolve("main.py"), "import lib.m\n");
        Files.writeString(local.resolve("lib/m.py"), "X = 1\n");
        String target = dir + "/app";
        fs.mkdirs(target);
        Sync.Plan first = Sync.plan(local, target, fs.walk(target, true), Sync.DEFAULT_EXCLUDES, false);
        Sync.apply(first, fs, Progress.NONE);
        assertThat(first.copies()).hasSize(2);
        Sync.Plan again = Sync.plan(local, target, fs.walk(target, true), Sync.DEFAULT_EXCLUDES, false);
        assertThat(again.isEmpty()).isTrue();
        assertThat(again.unchanged()).isEqualTo(2);
        Files.writeString(local.resolve("lib/m.py"), "X = 2\n");
        Sync.Plan changed = Sync.plan(local, target, fs.walk(target, true), Sync.DEFAULT_EXCLUDES, false);
        assertThat(changed.copies()).extracting(Sync.Copy::remote).containsExactly(target + "/lib/m.py");
        Sync.apply(changed, fs, Progress.NONE);
        assertThat(fs.read(target + "/lib/m.py", Progress.NONE)).isEqualTo("X = 2\n".getBytes());

        Path archive = tmp.resolve("b.tar.gz");
        Backup.Summary saved = Backup.backup(fs, target, archive, Progress.NONE);
        assertThat(saved.files()).isEqualTo(2);
        fs.removeTree(target);
        Backup.Summary restored = Backup.restore(fs, archive, dir + "/copy", Progress.NONE);
        assertThat(restored.files()).isEqualTo(2);
        assertThat(fs.read(dir + "/copy/main.py", Progress.NONE)).isEqualTo("import lib.m\n".getBytes());
    }

    @Test
    void aFullFilesystemFailsTheCopyAndKeepsTheOldFile() throws Exception {
        // Its own virtual board with a 64 KiB filesystem (16 blocks of 4 KiB).
        Path flash = Files.createDirectories(tmp.resolve("small-flash"));
        try (RawRepl small = new RawRepl(VmBoard.create(flash, 64 * 1024).start().connect())) {
            RemoteFs sfs = new RemoteFs(small, 1024);
            sfs.write("config.txt", "old".getBytes(), Progress.NONE);
            assertThat(sfs.usage(".").total()).isEqualTo(64 * 1024);
            byte[] big = new byte[100 * 1024];
            assertThatThrownBy(() -> sfs.write("config.txt", big, Progress.NONE))
                    .isInstanceOf(RemoteFsException.class)
                    .hasMessage("config.txt: no space left on the board's filesystem");
            assertThat(sfs.read("config.txt", Progress.NONE)).isEqualTo("old".getBytes());
            assertThat(sfs.list(".")).extracting(RemoteFs.Entry::name).containsExactly("config.txt");
        }
    }
}
