package dev.mpt.devicefs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpt.board.VirtualBoard;
import dev.mpt.board.VmBoard;
import dev.mpt.console.Progress;
import dev.mpt.protocol.RawRepl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code cp}'s rules, driven directly against the virtual board in-process. */
@Timeout(60)
class CopyTest {
    @TempDir
    Path tmp;

    private Path flash;
    private Path host;
    private VirtualBoard board;
    private RawRepl repl;
    private RemoteFs fs;

    @BeforeEach
    void connect() throws Exception {
        flash = Files.createDirectories(tmp.resolve("flash"));
        host = Files.createDirectories(tmp.resolve("host"));
        board = VmBoard.create(flash).start();
        repl = new RawRepl(board.connect());
        repl.enter(true);
        fs = new RemoteFs(repl, 512);
    }

    @AfterEach
    void close() {
        repl.close();
        board.close();
    }

    private Path file(String rel, String content) throws IOException {
        Path p = host.resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    private Copy.Summary cp(boolean recursive, String... args) throws IOException {
        List<String> all = List.of(args);
        return new Copy(fs, recursive, Progress.NONE).run(all.subList(0, all.size() - 1), all.get(all.size() - 1));
    }

    @Test
    void aFileGoesUnderItsNameIntoADirectoryOrToTheNameGiven() throws Exception {
        Path a = file("a.py", "A = 1\n");
        Files.createDirectories(flash.resolve("lib"));
        cp(false, a.toString(), ":");
        cp(false, a.toString(), ":lib");
        cp(false, a.toString(), ":b.py");
        assertThatThrownBy(() -> cp(false, a.toString(), ":new/"))
                .isInstanceOf(RemoteFsException.class).hasMessage("new/a.py: no such file or directory");
        assertThat(flash.resolve("a.py")).hasContent("A = 1");
        assertThat(flash.resolve("lib/a.py")).hasContent("A = 1");
        assertThat(flash.resolve("b.py")).hasContent("A = 1");
        assertThat(flash.resolve("new")).doesNotExist();
    }

    @Test
    void severalFilesGoIntoTheDirectory() throws Exception {
        Files.createDirectories(flash.resolve("lib"));
        Copy.Summary s = cp(false, file("a.py", "a").toString(), file("b.py", "bb").toString(), ":lib");
        assertThat(s).isEqualTo(new Copy.Summary(2, 0, 3));
        assertThat(flash.resolve("lib/a.py")).hasContent("a");
        assertThat(flash.resolve("lib/b.py")).hasContent("bb");
        assertThatThrownBy(() -> cp(false, ":lib/a.py", ":lib/b.py", host.resolve("x.py").toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(host.resolve("x.py") + ": not a directory (copying several files)");
    }

    @Test
    void aTreeGoesToANewNameOrIntoAnExistingDirectory() throws Exception {
        file("proj/main.py", "m");
        file("proj/lib/u.py", "u");
        Files.createDirectories(host.resolve("proj/empty"));
        Copy.Summary s = cp(true, host.resolve("proj").toString(), ":app");
        assertThat(s).isEqualTo(new Copy.Summary(2, 3, 2));
        assertThat(flash.resolve("app/lib/u.py")).hasContent("u");
        assertThat(flash.resolve("app/empty")).isDirectory();
        cp(true, host.resolve("proj").toString(), ":app");
        assertThat(flash.resolve("app/proj/main.py")).hasContent("m");
    }

    @Test
    void theCurrentDirectoryIsCopiedUnderItsRealName() throws Exception {
        file("proj/main.py", "m");
        cp(true, host.resolve("proj").resolve(".").toString(), ":");
        assertThat(flash.resolve("proj/main.py")).hasContent("m");
    }

    @Test
    void theBoardsRootDownloadsAsBoard() throws Exception {
        Files.createDirectories(flash.resolve("lib"));
        Files.writeString(flash.resolve("lib/x.py"), "x");
        Files.writeString(flash.resolve("main.py"), "main");
        Copy.Summary s = cp(true, ":", host.toString());
        assertThat(s).isEqualTo(new Copy.Summary(2, 2, 5));
        assertThat(host.resolve("board/lib/x.py")).hasContent("x");
        assertThat(host.resolve("board/main.py")).hasContent("main");
        cp(false, ":main.py", host.resolve("renamed.py").toString());
        assertThat(host.resolve("renamed.py")).hasContent("main");
    }

    @Test
    void eachFileIsOneProgressPhaseOfItsSize() throws Exception {
        byte[] big = new byte[3000];
        Files.write(host.resolve("big.bin"), big);
        List<String> seen = new ArrayList<>();
        long[] advanced = {0};
        Progress recording = new Progress() {
            @Override
            public void begin(String phase, long total) {
                seen.add("begin " + phase + " " + total);
            }

            @Override
            public void advance(long units) {
                advanced[0] += units;
            }

            @Override
            public void end() {
                seen.add("end " + advanced[0]);
            }
        };
        new Copy(fs, false, recording).run(List.of(host.resolve("big.bin").toString()), ":");
        new Copy(fs, false, recording).run(List.of(":big.bin"), host.resolve("back.bin").toString());
        assertThat(seen).containsExactly("begin big.bin 3000", "end 3000", "begin big.bin 3000", "end 6000");
        assertThat(fs.transferDescription()).isEqualTo("exec, base64, 512-byte chunks");
        assertThat(host.resolve("back.bin")).hasBinaryContent(big);
    }

    @Test
    void directoriesNeedRecursive() throws Exception {
        Files.createDirectories(host.resolve("d"));
        Files.createDirectories(flash.resolve("e"));
        assertThatThrownBy(() -> cp(false, host.resolve("d").toString(), ":"))
                .hasMessage(host.resolve("d") + " is a directory (use -r)");
        assertThatThrownBy(() -> cp(false, ":e", host.toString())).hasMessage(":e is a directory (use -r)");
    }

    @Test
    void aTransferCutHalfwayLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        Files.writeString(flash.resolve("config.txt"), "old");
        RemoteCode code = new RemoteCode(repl);
        FileTransfer cut = new FileTransfer() {
            private final ExecTransfer exec = new ExecTransfer(code, 64);

            @Override
            public byte[] receive(String path, long size, Progress progress) throws RemoteFsException,
                    dev.mpt.protocol.BoardException {
                return exec.receive(path, size, progress);
            }

            @Override
            public void send(String path, byte[] data, Progress progress) throws RemoteFsException,
                    dev.mpt.protocol.BoardException {
                exec.send(path, java.util.Arrays.copyOf(data, data.length / 2), progress);
                throw new RemoteFsException(path + ": the link dropped");
            }

            @Override
            public String description() {
                return "cut halfway";
            }
        };
        RemoteFs cutFs = new RemoteFs(code, cut);
        Path update = file("config.txt", "new content, longer than the old");
        assertThatThrownBy(() -> new Copy(cutFs, false, Progress.NONE).run(List.of(update.toString()), ":"))
                .isInstanceOf(RemoteFsException.class).hasMessage("config.txt: the link dropped");
        assertThat(flash.resolve("config.txt")).hasContent("old");
        try (var left = Files.list(flash)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("config.txt");
        }
    }
}
