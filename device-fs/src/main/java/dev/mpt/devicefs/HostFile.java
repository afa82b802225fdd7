package dev.mpt.devicefs;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Files on the host written all or nothing: the content goes to a temporary file next to
 * the target, which replaces the target only once complete, so a failed copy or backup
 * leaves an existing file as it was. A new file gets the permissions the user's umask gives
 * (as {@code cp} does); a replaced one keeps its own.
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
        Path tmp = null;
        OutputStream raw = null;
        while (raw == null) {
            // Not Files.createTempFile: that makes the file owner-only (0600) whatever the umask.
            tmp = parent.resolve(".mpt-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                raw = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                // another name
            }
        }
        try {
            try (OutputStream out = new BufferedOutputStream(raw)) {
                content.writeTo(out);
            }
            PosixFileAttributeView old = Files.getFileAttributeView(target, PosixFileAttributeView.class);
            if (old != null && Files.isRegularFile(target)) {
                Files.setPosixFilePermissions(tmp, old.readAttributes().permissions());
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
