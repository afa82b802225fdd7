package dev.mpt.devicefs;

import dev.mpt.console.Progress;
import dev.mpt.protocol.BoardException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * Saves everything below {@code remoteDir} into {@code archive}, which is replaced only
     * once complete; reported as one phase "backup" in bytes read from the board.
     */
    public static Summary backup(RemoteFs fs, String remoteDir, Path archive, Progress progress)
            throws IOException, BoardException {
        List<RemoteFs.Node> nodes = fs.walk(remoteDir, false);
        progress.begin("backup", nodes.stream().mapToLong(RemoteFs.Node::size).sum());
        int[] counts = new int[2];
        long[] bytes = {0};
        HostFile.replace(archive, raw -> {
            try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(raw);
                    TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                for (RemoteFs.Node n : nodes) {
                    String rel = BoardPath.relative(remoteDir, n.path());
                    if (n.isDir()) {
                        tar.putArchiveEntry(new TarArchiveEntry(rel + "/"));
                        tar.closeArchiveEntry();
                        counts[1]++;
                    } else {
                        byte[] data = fs.read(n.path(), progress);
                        TarArchiveEntry e = new TarArchiveEntry(rel);
                        e.setSize(data.length);
                        tar.putArchiveEntry(e);
                        tar.write(data);
                        tar.closeArchiveEntry();
                        counts[0]++;
                        bytes[0] += data.length;
                    }
                }
                tar.finish();
            }
        });
        progress.end();
        return new Summary(counts[0], counts[1], bytes[0]);
    }

    /**
     * Writes every directory and file of {@code archive} below {@code remoteDir}, each file
     * atomically; reported as one phase "restore" in bytes of the archive read.
     *
     * @throws IllegalArgumentException when {@code archive} is not a file
     */
    public static Summary restore(RemoteFs fs, Path archive, String remoteDir, Progress progress)
            throws IOException, BoardException {
        if (!Files.isRegularFile(archive)) {
            throw new IllegalArgumentException(archive + ": no such file");
        }
        progress.begin("restore", Files.size(archive));
        String base = BoardPath.stripSlash(remoteDir);
        List<String> made = new ArrayList<>();
        int files = 0;
        int dirs = 0;
        long bytes = 0;
        long reported = 0;
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
                String target = BoardPath.join(base, BoardPath.stripSlash(name));
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
                    fs.write(target, data, Progress.NONE);
                    files++;
                    bytes += data.length;
                    progress.advance(counted.count - reported);
                    reported = counted.count;
                }
            }
        } catch (IOException e) {
            if (e instanceof BoardException || e instanceof RemoteFsException) {
                throw e;
            }
            throw new IOException(archive + ": not a readable .tar.gz backup (" + e.getMessage() + ")", e);
        }
        progress.end();
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
