package dev.mpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.cli.MainTest.Result;
import dev.mpt.devicefs.MptConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The configuration files: a project's {@code .mpt.toml} found from a sub-directory, the
 * user's file below it in precedence, the default device they name used against the
 * virtual board on TCP and on a pty, shortcuts expanded, and {@code mpt config} saying where each
 * setting came from.
 */
class ConfigEndToEndTest extends OnServedBoard {
    private Path project;
    private Path work;
    private Path userDir;

    @BeforeEach
    void serve() throws IOException {
        project = Files.createDirectories(tmp.resolve("project"));
        work = Files.createDirectories(project.resolve("src/deep"));
        userDir = Files.createDirectories(tmp.resolve("user"));
    }

    /** mpt with the configuration found from the project's sub-directory {@code work} and {@code userDir}. */
    @Override
    Result mpt(String... args) {
        MptConfig config;
        try {
            config = MptConfig.load(work, userDir);
        } catch (IOException e) {
            return new Result(1, "", "error: " + e.getMessage() + "\n");
        }
        return MainTest.mpt(config, args);
    }

    private void userFile(String text) throws IOException {
        Files.createDirectories(userDir.resolve("mpt"));
        Files.writeString(userDir.resolve("mpt/config.toml"), text);
    }

    @Test
    void theProjectsDeviceAndShortcutsAreUsed() throws IOException {
        Files.writeString(project.resolve(".mpt.toml"), "# the bench board\n"
                + "device = \"" + served.device() + "\"\n\n[shortcuts]\n"
                + "hello = \"exec \\\"print('hello' + ' world')\\\"\"  # a comment\n"
                + "twice = [\"exec\", \"x = 21\", \"+\", \"eval\", \"x * 2\"]\n");
        Result r = mpt("hello", "+", "twice");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("hello world\r\n42\r\n");
    }

    @Test
    void theProjectFileWinsOverTheUsersAndConfigSaysWhereEachSettingCameFrom() throws IOException {
        userFile("device = \"socket://127.0.0.1:1\"\n[shortcuts]\nls = \"exec 'print(1)'\"\nup = \"soft-reset\"\n");
        Files.writeString(project.resolve(".mpt.toml"), "device = '" + served.device() + "'\n");
        Result r = mpt("config");
        assertThat(r.err()).isEmpty();
        Path user = userDir.resolve("mpt/config.toml");
        Path proj = project.resolve(".mpt.toml");
        assertThat(r.out()).isEqualTo("files read: " + user + ", " + proj + "\n"
                + "device = " + served.device() + "    (" + proj + ")\n"
                + "shortcut ls = exec 'print(1)'    (" + user + ")\n"
                + "shortcut up = soft-reset    (" + user + ")\n");
        Result ls = mpt("ls");
        assertThat(ls.status()).as("a shortcut never hides an mpt command").isZero();
        assertThat(ls.out()).isEmpty();
        assertThat(mpt("up").status()).isZero();
    }

    @Test
    void withoutFilesConfigSaysWhereItLooked() throws IOException {
        Result r = mpt("config");
        assertThat(r.out()).isEqualTo("no configuration file; looked for " + userDir.resolve("mpt/config.toml")
                + " and " + work.resolve(".mpt.toml") + " (and in the parents of its directory)\n");
    }

    @Test
    void dashDStillChoosesTheBoard() throws IOException {
        Files.writeString(project.resolve(".mpt.toml"), "device = \"socket://127.0.0.1:1\"\n");
        Result r = mpt("-d", served.device(), "eval", "6 * 7");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("42\r\n");
    }

    @Test
    void aMalformedFileIsOneLineNamingTheFileAndLine() throws IOException {
        Files.writeString(project.resolve(".mpt.toml"), "device = \"x\"\ncolour = \"blue\"\n");
        Result r = mpt("config");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: " + project.resolve(".mpt.toml")
                + ":2: unknown setting 'colour' (mpt knows device)\n");
    }
}
