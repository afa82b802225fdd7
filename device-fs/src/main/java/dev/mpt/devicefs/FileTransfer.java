package dev.mpt.devicefs;

import dev.mpt.console.Progress;
import dev.mpt.protocol.BoardException;

/**
 * How file content crosses the link, the one way every copy goes ({@code cp}, {@code sync},
 * {@code backup}, {@code restore}, {@code run} of a .mpy): {@link RemoteFs} decides where
 * bytes go and makes writes atomic; a transfer only moves the bytes. {@link ExecTransfer}
 * sends them as code through the raw REPL, which any firmware runs; a faster binary
 * protocol plugs in here. Each reports the bytes it moved with {@link Progress#advance}.
 */
public interface FileTransfer {
    /** The content of the file at {@code path}, {@code size} bytes as stat said. */
    byte[] receive(String path, long size, Progress progress) throws RemoteFsException, BoardException;

    /**
     * Creates or truncates the file at {@code path} and writes {@code data} to it. On failure
     * the file may hold part of the data; the caller removes it.
     */
    void send(String path, byte[] data, Progress progress) throws RemoteFsException, BoardException;

    /** One file of a batch: its path on the board and its content. */
    record Put(String path, byte[] data) {}

    /**
     * Writes many files in one stream, each to a temporary file that the board hashes and
     * renames over its target only when its SHA-256 is the source's. Returns which files are
     * in place; the caller writes the others one by one ({@link RemoteFs#write}). A transfer
     * without a batch path writes none and returns all false.
     */
    default boolean[] sendVerified(java.util.List<Put> files, Progress progress)
            throws RemoteFsException, BoardException {
        return new boolean[files.size()];
    }

    /** What travels on the wire, for {@code -v}: e.g. "exec, base64". */
    String description() throws RemoteFsException, BoardException;
}
