package dev.mpt.devicefs.mount;

import dev.mpt.devicefs.BoardConnection;
import dev.mpt.devicefs.RemoteFsException;
import dev.mpt.protocol.ExecException;
import dev.mpt.protocol.Link;
import dev.mpt.protocol.LinkException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code mpt mount}: a host directory mounted on the board at {@link MountAgent#MOUNT_POINT},
 * for as long as the connection lasts. The connection's link becomes a {@link MountLink},
 * so every later command of the chain (and {@code mpt repl}) has its requests answered; a
 * soft reset is followed by the mount being made again; closing the connection unmounts.
 */
public final class Mount {
    private final BoardConnection connection;
    private final MountLink link;

    private Mount(BoardConnection connection, MountLink link) {
        this.connection = connection;
        this.link = link;
    }

    /**
     * Mounts {@code dir} on the board of {@code connection}, replacing a mount made before
     * on this connection.
     *
     * @param unsafeLinks follow symbolic links that lead out of {@code dir}
     * @throws IOException {@code dir} is not a directory, or the board cannot mount it (one line)
     */
    public static Mount attach(BoardConnection connection, Path dir, boolean unsafeLinks) throws IOException {
        HostDirectory host = new HostDirectory(dir, unsafeLinks);
        connection.repl();
        Link current = connection.link();
        if (current instanceof MountLink old) {
            old.deactivate();
            current = old.base();
        }
        Link below = current;
        MountLink link = new MountLink(below, host);
        connection.interpose(l -> link);
        Mount mount = new Mount(connection, link);
        try {
            connection.repl().exec(MountAgent.MOUNT);
        } catch (ExecException e) {
            link.deactivate();
            throw new RemoteFsException("cannot mount " + dir + " on the board: " + e.exceptionType()
                    + (e.exceptionMessage().isEmpty() ? "" : ": " + e.exceptionMessage())
                    + (e.exceptionType().equals("ImportError") || e.exceptionType().equals("AttributeError")
                            ? " (the firmware needs vfs.mount of Python objects)" : ""));
        }
        connection.beforeClose(mount::detachQuietly);
        return mount;
    }

    /** The link that answers the board's requests. */
    public MountLink link() {
        return link;
    }

    /** Unmounts on the board and stops answering requests. */
    public void detach() throws IOException {
        if (!link.isActive()) {
            return;
        }
        if (!link.isOpen()) {
            link.deactivate();
            return;
        }
        try {
            connection.repl().exec(MountAgent.UMOUNT);
        } catch (ExecException e) {
            throw new RemoteFsException("cannot unmount " + MountAgent.MOUNT_POINT + ": " + e.getMessage());
        } finally {
            link.deactivate();
            link.directory().close();
        }
    }

    private void detachQuietly() {
        try {
            detach();
        } catch (IOException ignored) {
            // the connection closes anyway
        }
    }

    /** The mount on this connection, if there is an active one. */
    public static MountLink current(BoardConnection connection) throws LinkException {
        return connection.isOpen() && connection.link() instanceof MountLink m && m.isActive() ? m : null;
    }
}
