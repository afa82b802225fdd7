package dev.mpt.devicefs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncPlanTest {
    @TempDir
    Path local;

    private void file(String rel, String content) throws Exception {
        Path p = local.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private RemoteFs.Node remoteFile(String path, String content) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new RemoteFs.Node(path, false, content.length(), java.util.HexFormat.of().formatHex(digest));
    }

    @Test
    void copiesOnlyNewAndChangedFiles() throws Exception {
        file("main.py", "print(1)\n");
        file("lib/a.py", "A = 1\n");
        file("lib/b.py", "B = 2\n");
        List<RemoteFs.Node> board = List.of(
                new RemoteFs.Node("/app/lib", true, 0, ""),
                remoteFile("/app/lib/a.py", "A = 1\n"),
                remoteFile("/app/lib/b.py", "B = 1\n"),
                remoteFile("/app/old.py", "gone\n"));
        Sync.Plan plan = Sync.plan(local, "/app", board, Sync.DEFAULT_EXCLUDES, false);
        assertThat(plan.mkdirs()).isEmpty();
        assertThat(plan.copies()).extracting(Sync.Copy::remote).containsExactly("/app/lib/b.py", "/app/main.py");
        assertThat(plan.unchanged()).isEqualTo(1);
        assertThat(plan.deletes()).isEmpty();
        assertThat(plan.boardCanHash()).isTrue();
    }

    @Test
    void deleteRemovesWhatTheHostDoesNotHaveButNotExcludedNames() throws Exception {
        file("main.py", "x\n");
        List<RemoteFs.Node> board = List.of(
                new RemoteFs.Node("/old", true, 0, ""),
                remoteFile("/old/x.py", "x"),
                remoteFile("/main.py", "x\n"),
                remoteFile("/notes.md", "keep"));
        Sync.Plan plan = Sync.plan(local, "/", board, List.of("*.md"), true);
        assertThat(plan.deletes()).containsExactly("/old");
        assertThat(plan.copies()).isEmpty();
        assertThat(plan.unchanged()).isEqualTo(1);
    }

    @Test
    void cachesAndVersionControlAreLeftOut() throws Exception {
        file("main.py", "x\n");
        file("__pycache__/main.cpython-311.pyc", "junk");
        file(".git/HEAD", "ref");
        Sync.Plan plan = Sync.plan(local, "app", List.of(), Sync.DEFAULT_EXCLUDES, false);
        assertThat(plan.copies()).extracting(Sync.Copy::remote).containsExactly("app/main.py");
        assertThat(plan.mkdirs()).isEmpty();
    }

    @Test
    void withoutHashesEverythingIsCopied() throws Exception {
        file("a.py", "1");
        List<RemoteFs.Node> board = List.of(new RemoteFs.Node("/a.py", false, 1, ""));
        Sync.Plan plan = Sync.plan(local, "/", board, List.of(), false);
        assertThat(plan.boardCanHash()).isFalse();
        assertThat(plan.copies()).hasSize(1);
    }

    @Test
    void aFileWhereADirectoryGoesIsReplaced() throws Exception {
        file("lib/a.py", "1");
        List<RemoteFs.Node> board = List.of(remoteFile("/lib", "not a dir"));
        Sync.Plan plan = Sync.plan(local, "/", board, List.of(), false);
        assertThat(plan.deletes()).containsExactly("/lib");
        assertThat(plan.mkdirs()).containsExactly("/lib");
        assertThat(plan.copies()).extracting(Sync.Copy::remote).containsExactly("/lib/a.py");
    }

    private static final BoardMpy BOARD = BoardMpy.decode(2822); // .mpy 6.3, x64, as the unix port says

    @Test
    void compilingSendsMpyKeepsMainAndBootAsSourceAndRemovesTheStalePy() throws Exception {
        file("main.py", "import lib.m\n");
        file("boot.py", "pass\n");
        file("lib/m.py", "X = 1\n");
        file("lib/data.json", "{}");
        List<RemoteFs.Node> board = List.of(
                new RemoteFs.Node("/lib", true, 0, ""),
                remoteFile("/lib/m.py", "X = 0\n"));
        Sync.Plan plan = Sync.plan(local, "/", board, IgnoreRules.of(Sync.DEFAULT_EXCLUDES), false, BOARD);
        assertThat(plan.copies()).extracting(Sync.Copy::remote)
                .containsExactly("/boot.py", "/lib/data.json", "/lib/m.mpy", "/main.py");
        byte[] mpy = plan.copies().get(2).data();
        assertThat(mpy[0]).isEqualTo((byte) 'M');
        assertThat(mpy[1]).isEqualTo((byte) 6);
        assertThat(plan.copies().get(2).size()).isEqualTo(mpy.length);
        assertThat(plan.deletes()).containsExactly("/lib/m.py");

        Sync.Plan again = Sync.plan(local, "/", plan.after(), IgnoreRules.of(Sync.DEFAULT_EXCLUDES), false, BOARD);
        assertThat(again.isEmpty()).as("the same compiled bytes are unchanged").isTrue();
        assertThat(again.unchanged()).isEqualTo(4);
    }

    @Test
    void sourceThatDoesNotCompileIsOneLineNamingTheFile() throws Exception {
        file("lib/bad.py", "def f(:\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Sync.plan(local, "/", List.of(),
                IgnoreRules.of(List.of()), false, BOARD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(local.resolve("lib/bad.py") + ", line 1: SyntaxError: invalid syntax");
    }

    @Test
    void afterIsWhatAWalkWouldFind() throws Exception {
        file("a.py", "A\n");
        file("sub/b.py", "B\n");
        List<RemoteFs.Node> board = List.of(remoteFile("/old.py", "x"), new RemoteFs.Node("/gone", true, 0, ""),
                remoteFile("/gone/c.py", "c"));
        Sync.Plan plan = Sync.plan(local, "/", board, List.of(), true);
        assertThat(plan.after()).containsExactlyInAnyOrder(remoteFile("/a.py", "A\n"), remoteFile("/sub/b.py", "B\n"),
                new RemoteFs.Node("/sub", true, 0, ""));
    }

    @Test
    void anMptignoreLeavesOutWhatItNames() throws Exception {
        file(".mptignore", "# not for the board\ndocs/\n*.md\n");
        file("main.py", "x\n");
        file("docs/a.py", "x\n");
        file("notes.md", "x\n");
        List<RemoteFs.Node> board = List.of(remoteFile("/keep.md", "k"));
        Sync.Plan plan = Sync.plan(local, "/", board,
                IgnoreRules.forDirectory(local, Sync.DEFAULT_EXCLUDES, List.of()), true, null);
        assertThat(plan.copies()).extracting(Sync.Copy::remote).containsExactly("/main.py");
        assertThat(plan.mkdirs()).isEmpty();
        assertThat(plan.deletes()).as("ignored names on the board stay").isEmpty();
    }
}
