package dev.mpt.devicefs.mip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The github: and gitlab: shortcuts become the raw-file URLs mpremote's mip fetches. */
class MipSourceTest {
    @Test
    void githubAtABranchOrHead() {
        assertThat(MipSource.rewrite("github:org/repo/pkg/package.json", "v1", MipSource.GITHUB_RAW, MipSource.GITLAB))
                .isEqualTo("https://raw.githubusercontent.com/org/repo/v1/pkg/package.json");
        assertThat(MipSource.rewrite("github:org/repo/package.json", null, MipSource.GITHUB_RAW, MipSource.GITLAB))
                .isEqualTo("https://raw.githubusercontent.com/org/repo/HEAD/package.json");
    }

    @Test
    void gitlabUsesItsRawPath() {
        assertThat(MipSource.rewrite("gitlab:org/repo/a/b.py", "main", MipSource.GITHUB_RAW, MipSource.GITLAB))
                .isEqualTo("https://gitlab.com/org/repo/-/raw/main/a/b.py");
        assertThat(MipSource.rewrite("gitlab:org/repo/a/b.py", "", MipSource.GITHUB_RAW, "http://mirror/gl/"))
                .isEqualTo("http://mirror/gl/org/repo/-/raw/HEAD/a/b.py");
    }

    @Test
    void otherUrlsAreLeftAlone() {
        assertThat(MipSource.rewrite("https://example.org/x.py", "v2", MipSource.GITHUB_RAW, MipSource.GITLAB))
                .isEqualTo("https://example.org/x.py");
        assertThat(MipSource.isUrl("lib/package.json")).isFalse();
        assertThat(MipSource.isUrl("gitlab:a/b")).isTrue();
    }
}
