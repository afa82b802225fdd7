package dev.mpt.devicefs;

import dev.mpt.console.Progress;
import dev.mpt.protocol.BoardException;

/**
 * The fastest transfer the board can run, chosen on first use: {@link BinaryTransfer} where
 * the firmware has what its helper needs, else {@link ExecTransfer}.
 */
public final class AutoTransfer implements FileTransfer {
    private final RemoteCode code;
    private final int chunkBytes;
    private final boolean binaryAllowed;
    private FileTransfer chosen;

    /**
     * @param chunkBytes    chunk size of the fallback {@link ExecTransfer}
     * @param binaryAllowed false to always use {@link ExecTransfer}
     */
    public AutoTransfer(RemoteCode code, int chunkBytes, boolean binaryAllowed) {
        this.code = code;
        this.chunkBytes = chunkBytes;
        this.binaryAllowed = binaryAllowed;
    }

    /** The transfer in use, chosen now if not yet. */
    public FileTransfer chosen() throws RemoteFsException, BoardException {
        if (chosen == null) {
            BinaryTransfer binary = new BinaryTransfer(code);
            chosen = binaryAllowed && BinaryTransfer.probe(code, binary) ? binary : new ExecTransfer(code, chunkBytes);
        }
        return chosen;
    }

    @Override
    public byte[] receive(String path, long size, Progress progress) throws RemoteFsException, BoardException {
        return chosen().receive(path, size, progress);
    }

    @Override
    public void send(String path, byte[] data, Progress progress) throws RemoteFsException, BoardException {
        chosen().send(path, data, progress);
    }

    @Override
    public boolean[] sendVerified(java.util.List<Put> files, Progress progress)
            throws RemoteFsException, BoardException {
        return chosen().sendVerified(files, progress);
    }

    @Override
    public String description() throws RemoteFsException, BoardException {
        return chosen().description();
    }
}
