package dev.mpt.devicefs;

import dev.mpt.protocol.BoardException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Whole-filesystem copies of a board as {@code .tar.gz} files: {@link #backup} saves a
 * directory tree, {@link #restore} puts one back (each file written atomically). Paths in
 * the archive are relative to the directory backed up, so a backup of {@code /flash} can
 * be restored to {@code /} on another board.
 */
public final class Backup {
    private Backup() {}

    /** What a backup or restore did. */
    public record Summary(int files, int dirs, long bytes) {}

    /** Saves everything below {@code remoteDir} into {@code archive} (written via a temp file). */
    public static Summary backup(RemoteFs fs, String remoteDir, Path archive, RemoteFs.Progress progress)
            throws IOException, BoardException {
        List<RemoteFs.Node> nodes = fs.walk(remoteDir, false);
        long total = nodes.stream().mapToLong(RemoteFs.Node::size).sum();
        String dir = RemoteFs.stripSlash(remoteDir);
        String prefix = dir.equals(".") ? "" : dir.equals("/") ? "/" : dir + "/";
        Path parent = archive.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".mpt-backup-", ".tmp");
        int files = 0;
        int dirs = 0;
        long done = 0;
        try {
            try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp));
                    GzipCompressorOutputStream gz = new GzipCompressorOutputStream(raw);
                    TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                for (RemoteFs.Node n : nodes) {
                    String rel = n.path().startsWith(prefix) ? n.path().substring(prefix.length()) : n.path();
                    if (n.isDir()) {
                        TarArchiveEntry e = new TarArchiveEntry(rel + "/");
                        tar.putArchiveEntry(e);
                        tar.closeArchiveEntry();
                        dirs++;
                    } else {
                        long before = done;
                        byte[] data = fs.read(n.path(), (d, t) -> progress.advance(before + d, total));
                        TarArchiveEntry e = new TarArchiveEntry(rel);
                        e.setSize(data.length);
                        tar.putArchiveEntry(e);
                        tar.write(data);
                        tar.closeArchiveEntry();
                        files++;
                        done += data.length;
                    }
                }
                tar.finish();
            }
            Files.move(tmp, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        progress.advance(total, total);
        return new Summary(files, dirs, done);
    }

    /** Writes every directory and file of {@code archive} below {@code remoteDir}. */
    public static Summary restore(RemoteFs fs, Path archive, String remoteDir, RemoteFs.Progress progress)
            throws IOException, BoardException {
        long total = Files.size(archive);
        String base = RemoteFs.stripSlash(remoteDir);
        List<String> made = new ArrayList<>();
        int files = 0;
        int dirs = 0;
        long bytes = 0;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
                CountingInput counted = new CountingInput(raw);
                GzipCompressorInputStream gz = new GzipCompressorInputStream(counted);
                TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
            if (!base.equals(".") && !base.isEmpty()) {
                fs.mkdirs(base);
            }
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String name = e.getName();
                if (name.startsWith("/") || name.equals("..") || name.startsWith("../") || name.contains("/../")) {
                    throw new IOException(archive + ": unsafe path in archive: " + name);
                }
                String target = RemoteFs.join(base, RemoteFs.stripSlash(name));
                if (e.isDirectory()) {
                    fs.mkdirs(target);
                    made.add(target);
                    dirs++;
                } else if (e.isFile()) {
                    String parent = target.contains("/") ? target.substring(0, target.lastIndexOf('/')) : "";
                    if (!parent.isEmpty() && !made.contains(parent)) {
                        fs.mkdirs(parent);
                        made.add(parent);
                    }
                    byte[] data = tar.readAllBytes();
                    fs.write(target, data, RemoteFs.Progress.NONE);
                    files++;
                    bytes += data.length;
                    progress.advance(counted.count, total);
                }
            }
        } catch (IOException e) {
            if (e instanceof BoardException || e instanceof RemoteFsException) {
                throw e;
            }
            throw new IOException(archive + ": not a readable .tar.gz backup (" + e.getMessage() + ")", e);
        }
        progress.advance(total, total);
        return new Summary(files, dirs, bytes);
    }

    /** Counts compressed bytes read, for progress. */
    private static final class CountingInput extends java.io.FilterInputStream {
        long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
