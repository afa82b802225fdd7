package dev.mpt.devicefs;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files on the host written all or nothing: the content goes to a temporary file next to
 * the target, which replaces the target only once complete, so a failed copy or backup
 * leaves an existing file as it was.
 */
public final class HostFile {
    private HostFile() {}

    /** Writes the content of a file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Replaces (or creates) {@code target} with {@code data}, making its parent directories. */
    public static void replace(Path target, byte[] data) throws IOException {
        replace(target, out -> out.write(data));
    }

    /** Replaces (or creates) {@code target} with what {@code content} writes. */
    public static void replace(Path target, Content content) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".mpt-", ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                content.writeTo(out);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
