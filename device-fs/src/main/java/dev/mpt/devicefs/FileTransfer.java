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

    /** What travels on the wire, for {@code -v}: e.g. "exec, base64". */
    String description() throws RemoteFsException, BoardException;
}
