package dev.mpt.devicefs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostFileTest {
    @Test
    void aNewFileGetsTheUmaskPermissionsAsAPlainCreateDoes(@TempDir Path dir) throws IOException {
        Path reference = dir.resolve("reference");
        Files.write(reference, new byte[0]);
        HostFile.replace(dir.resolve("copied.bin"), "data".getBytes());
        assertThat(Files.getPosixFilePermissions(dir.resolve("copied.bin")))
                .isEqualTo(Files.getPosixFilePermissions(reference));
        assertThat(Files.readString(dir.resolve("copied.bin"))).isEqualTo("data");
    }

    @Test
    void aReplacedFileKeepsItsPermissions(@TempDir Path dir) throws IOException {
        Path script = dir.resolve("run.sh");
        Files.writeString(script, "old");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        HostFile.replace(script, "new".getBytes());
        assertThat(Files.readString(script)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(script))).isEqualTo("rwxr-x---");
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("main.py");
        Files.writeString(target, "old");
        assertThatThrownBy(() -> HostFile.replace(target, out -> {
            out.write("half".getBytes());
            throw new IOException("link cut");
        })).hasMessage("link cut");
        assertThat(Files.readString(target)).isEqualTo("old");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("main.py");
        }
    }
}
