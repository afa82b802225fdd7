package dev.mpt.devicefs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.board.VirtualBoard;
import dev.mpt.board.VmBoard;
import dev.mpt.console.Progress;
import dev.mpt.protocol.RawRepl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copies through {@link AutoTransfer} with the binary protocol, against the virtual board (and,
 * in {@link BinaryTransferUnixPortTest}, MicroPython's unix port on a pty): every size around
 * the block edges, every byte value, compression, batches, errors.
 */
@Timeout(120)
class BinaryTransferTest {
    @TempDir
    Path tmp;

    private VirtualBoard board;
    private RawRepl repl;
    private RemoteFs fs;
    private Path flash;
    private AutoTransfer transfer;

    private String prefix = "";

    /** The unix port's binary, for the subclass that runs these tests against it; null for the virtual board. */
    String unixPort() {
        return null;
    }

    @BeforeEach
    void connect() throws Exception {
        flash = Files.createDirectories(tmp.resolve("flash"));
        board = VmBoard.create(flash).start();
        String mp = unixPort();
        if (mp != null) {
            repl = new RawRepl(dev.mpt.protocol.ProcessLink.start("stty raw -echo; exec " + mp, true));
            repl.enter(false);
            prefix = flash + "/";
        } else {
            repl = new RawRepl(board.connect());
            repl.enter(true);
        }
        RemoteCode code = new RemoteCode(repl);
        transfer = new AutoTransfer(code, 1024, true);
        fs = new RemoteFs(code, transfer);
    }

    @AfterEach
    void close() {
        if (repl != null) {
            repl.close();
        }
        board.close();
    }

    /**
     * The virtual board passes stdin to a running program with {@code kbd_intr(-1)} and sends
     * {@code sys.stdout.buffer} as it is (no "\r" before "\n"), as firmware does, so the
     * probe takes the binary path; the raw REPL works on after the probe.
     */
    @Test
    void theBoardGetsTheBinaryPath() throws Exception {
        assertThat(transfer.chosen()).isInstanceOf(BinaryTransfer.class);
        assertThat(fs.transferDescription()).startsWith("binary");
        assertThat(repl.eval("6*7")).isEqualTo("42");
    }

    /**
     * A later command on a board not soft-reset since ({@code --no-soft-reset}) finds the
     * helper there and does not send it again; after a soft reset it is sent again.
     */
    @Test
    void aLaterCommandFindsTheHelperStillThere() throws Exception {
        fs.write(prefix + "a.bin", new byte[3000], Progress.NONE);
        RemoteCode next = new RemoteCode(repl);
        AutoTransfer again = new AutoTransfer(next, 1024, true);
        assertThat(((BinaryTransfer) again.chosen()).installed).isTrue();
        byte[] data = new byte[5000];
        new Random(9).nextBytes(data);
        new RemoteFs(next, again).write(prefix + "b.bin", data, Progress.NONE);
        assertThat(Files.readAllBytes(flash.resolve("b.bin"))).isEqualTo(data);
        if (unixPort() == null) {
            repl.softReset();
            AutoTransfer afterReset = new AutoTransfer(new RemoteCode(repl), 1024, true);
            assertThat(((BinaryTransfer) afterReset.chosen()).installed).isFalse();
        }
    }

    @Test
    void sourceGoesDeflatedAndArrivesAsItWas() throws Exception {
        BinaryTransfer binary = (BinaryTransfer) transfer.chosen();
        StringBuilder src = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            src.append("def f").append(i).append("(x):\n    return x * ").append(i % 17).append("  # \u00e9\n");
        }
        byte[] data = src.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        fs.write(prefix + "src.py", data, Progress.NONE);
        assertThat(binary.lastCompressed).isTrue();
        assertThat(Files.readAllBytes(flash.resolve("src.py"))).isEqualTo(data);
        byte[] random = new byte[20_000];
        new Random(7).nextBytes(random);
        fs.write(prefix + "r.bin", random, Progress.NONE);
        assertThat(binary.lastCompressed).isFalse();
        assertThat(Files.readAllBytes(flash.resolve("r.bin"))).isEqualTo(random);
    }

    @Test
    void filesOfEverySizeGoBothWaysUnchanged() throws Exception {
        Random r = new Random(42);
        for (int size : new int[] {0, 1, 1023, 1024, 1025, 4096, 4097, 70_000}) {
            byte[] data = new byte[size];
            r.nextBytes(data);
            for (int i = 0; i < Math.min(size, 256); i++) {
                data[i] = (byte) i; // every byte value, 0x04 and 0x03 included
            }
            fs.write(prefix + "f" + size + ".bin", data, Progress.NONE);
            assertThat(Files.readAllBytes(flash.resolve("f" + size + ".bin"))).as("upload of %d bytes", size)
                    .isEqualTo(data);
            assertThat(fs.read(prefix + "f" + size + ".bin", Progress.NONE)).as("download of %d bytes", size).isEqualTo(data);
        }
        assertThat(fs.stat(prefix + "f0.bin")).isPresent();
        assertThat(repl.eval("1+1")).isEqualTo("2");
    }

    @Test
    void aBoardErrorOnTheBinaryPathIsOneLineAndTheReplStillWorks() throws Exception {
        assertThat(transfer.chosen()).isInstanceOf(BinaryTransfer.class);
        String bad = prefix + "nodir/x.bin";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fs.write(bad, new byte[5000], Progress.NONE))
                .isInstanceOf(RemoteFsException.class).hasMessage(bad + ": no such file or directory");
        assertThat(repl.eval("6*7")).isEqualTo("42");
    }

    @Test
    void aBatchPlacesEveryFileVerifiedInOneStream() throws Exception {
        BinaryTransfer binary = (BinaryTransfer) transfer.chosen();
        Files.writeString(flash.resolve("old.py"), "the old content\n");
        StringBuilder src = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            src.append("x").append(i).append(" = ").append(i * 7).append("\n");
        }
        byte[] random = new byte[3000];
        new Random(3).nextBytes(random);
        java.util.List<FileTransfer.Put> puts = java.util.List.of(
                new FileTransfer.Put(prefix + "old.py", "new = 1\n".getBytes()),
                new FileTransfer.Put(prefix + "empty.py", new byte[0]),
                new FileTransfer.Put(prefix + "caf\u00e9.py", src.toString().getBytes()),
                new FileTransfer.Put(prefix + "r.bin", random));
        boolean[] done = binary.sendVerified(puts, Progress.NONE);
        assertThat(done).containsOnly(true);
        assertThat(binary.lastCompressed).isTrue();
        for (FileTransfer.Put p : puts) {
            assertThat(Files.readAllBytes(flash.resolve(p.path().substring(prefix.length())))).as(p.path()).isEqualTo(p.data());
        }
        try (var names = Files.list(flash)) {
            assertThat(names.map(Path::toString)).noneMatch(n -> n.endsWith(".mpt-tmp"));
        }
        assertThat(repl.eval("6*7")).isEqualTo("42");
    }

    @Test
    void aFailingFileInABatchIsNamedAndTheFilesBeforeItAreInPlace() throws Exception {
        assertThat(transfer.chosen()).isInstanceOf(BinaryTransfer.class);
        java.util.List<FileTransfer.Put> puts = java.util.List.of(
                new FileTransfer.Put(prefix + "a.py", "a = 1\n".getBytes()),
                new FileTransfer.Put(prefix + "nodir/b.py", "b = 2\n".getBytes()),
                new FileTransfer.Put(prefix + "c.py", "c = 3\n".getBytes()));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fs.writeAll(puts, Progress.NONE))
                .isInstanceOf(RemoteFsException.class).hasMessage(prefix + "nodir/b.py: no such file or directory");
        assertThat(Files.readString(flash.resolve("a.py"))).isEqualTo("a = 1\n");
        assertThat(repl.eval("6*7")).isEqualTo("42");
    }
}
