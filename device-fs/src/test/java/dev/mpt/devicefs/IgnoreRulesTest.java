package dev.mpt.devicefs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IgnoreRulesTest {
    @TempDir
    Path dir;

    @Test
    void aNameWithoutSlashMatchesAtAnyDepth() {
        IgnoreRules r = IgnoreRules.of(List.of("*.md", "build"));
        assertThat(r.ignored("README.md", false)).isTrue();
        assertThat(r.ignored("docs/api/x.md", false)).isTrue();
        assertThat(r.ignored("lib/build", true)).isTrue();
        assertThat(r.ignored("lib/build/out.py", false)).as("inside a left-out directory").isTrue();
        assertThat(r.ignored("lib/builder.py", false)).isFalse();
    }

    @Test
    void aSlashAnchorsThePatternAtTheTop() {
        IgnoreRules r = IgnoreRules.of(List.of("/config.py", "tests/data"));
        assertThat(r.ignored("config.py", false)).isTrue();
        assertThat(r.ignored("lib/config.py", false)).isFalse();
        assertThat(r.ignored("tests/data/a.bin", false)).isTrue();
        assertThat(r.ignored("lib/tests/data", true)).isFalse();
    }

    @Test
    void aTrailingSlashMatchesDirectoriesOnly() {
        IgnoreRules r = IgnoreRules.of(List.of("logs/"));
        assertThat(r.ignored("logs", true)).isTrue();
        assertThat(r.ignored("logs", false)).isFalse();
        assertThat(r.ignored("app/logs/today.txt", false)).isTrue();
    }

    @Test
    void negationTakesAFileBackUnlessItsDirectoryIsOut() {
        IgnoreRules r = IgnoreRules.of(List.of("# comment", "", "*.txt", "!keep.txt", "out/", "!out/x.txt"));
        assertThat(r.ignored("a.txt", false)).isTrue();
        assertThat(r.ignored("sub/keep.txt", false)).isFalse();
        assertThat(r.ignored("out/x.txt", false)).isTrue();
        assertThat(r.ignored("# comment", false)).isFalse();
    }

    @Test
    void doubleStarSpansDirectoriesAndSingleStarDoesNot() {
        IgnoreRules r = IgnoreRules.of(List.of("docs/**/*.png", "a/*/c", "**/tmp", "dist/**"));
        assertThat(r.ignored("docs/x.png", false)).isTrue();
        assertThat(r.ignored("docs/img/big/x.png", false)).isTrue();
        assertThat(r.ignored("a/b/c", false)).isTrue();
        assertThat(r.ignored("a/b/b/c", false)).isFalse();
        assertThat(r.ignored("x/y/tmp", true)).isTrue();
        assertThat(r.ignored("dist/app.py", false)).isTrue();
        assertThat(r.ignored("dist", true)).isFalse();
    }

    @Test
    void charactersClassesAndQuestionMarks() {
        IgnoreRules r = IgnoreRules.of(List.of("test_?.py", "[ab]*.log", "[!x]y"));
        assertThat(r.ignored("test_1.py", false)).isTrue();
        assertThat(r.ignored("test_12.py", false)).isFalse();
        assertThat(r.ignored("a1.log", false)).isTrue();
        assertThat(r.ignored("c1.log", false)).isFalse();
        assertThat(r.ignored("zy", false)).isTrue();
        assertThat(r.ignored("xy", false)).isFalse();
    }

    @Test
    void theDirectorysMptignoreComesBetweenDefaultsAndExcludes() throws Exception {
        Files.writeString(dir.resolve(".mptignore"), "*.md\n!keep.pyc\n");
        IgnoreRules r = IgnoreRules.forDirectory(dir, Sync.DEFAULT_EXCLUDES, List.of("secrets.py"));
        assertThat(r.ignored("README.md", false)).isTrue();
        assertThat(r.ignored("m.pyc", false)).isTrue();
        assertThat(r.ignored("keep.pyc", false)).isFalse();
        assertThat(r.ignored("secrets.py", false)).isTrue();
        assertThat(r.ignored(".mptignore", false)).isTrue();
        assertThat(r.ignored("lib/__pycache__/m.pyc", false)).isTrue();
        assertThat(r.ignored("main.py", false)).isFalse();
    }
}
