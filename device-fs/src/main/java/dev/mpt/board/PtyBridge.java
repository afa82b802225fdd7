package dev.mpt.board;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A pseudo-terminal in front of a {@link BoardServer}, made by socat (Debian package
 * {@code socat}), so tools that open serial ports (picocom, mpremote, {@code mpt -d PATH})
 * reach the virtual board through a path such as {@code /tmp/mpt-board}. The pty is raw,
 * without echo, as a USB serial port is.
 */
public final class PtyBridge implements AutoCloseable {
    private final Process socat;
    private final Path path;
    /** Stops socat even when the JVM ends without {@link #close()} (Ctrl-C on {@code mpt board serve}). */
    private final Thread onExit;

    private PtyBridge(Process socat, Path path) {
        this.socat = socat;
        this.path = path;
        this.onExit = new Thread(socat::destroy, "mpt-pty-bridge-exit");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /**
     * Starts socat and waits until the pty's symlink exists.
     *
     * @param path    the symlink to create (it must not exist)
     * @param tcpPort the port a {@link BoardServer} listens on at 127.0.0.1
     * @throws IOException when socat is missing or does not make the pty in time
     */
    public static PtyBridge start(Path path, int tcpPort, Duration wait) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder("socat", "PTY,link=" + path.toAbsolutePath() + ",raw,echo=0",
                    "TCP:127.0.0.1:" + tcpPort).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run socat (install the socat package): " + e.getMessage(), e);
        }
        long end = System.nanoTime() + wait.toNanos();
        while (!Files.exists(path)) {
            if (!p.isAlive() || System.nanoTime() > end) {
                p.destroy();
                String why = p.isAlive() ? "timed out" : new String(p.getInputStream().readAllBytes()).strip();
                throw new IOException("socat did not create the pty " + path + ": " + why);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                p.destroy();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting socat");
            }
        }
        return new PtyBridge(p, path);
    }

    /** Whether socat still runs (it ends when its TCP connection does). */
    public boolean isAlive() {
        return socat.isAlive();
    }

    /** The symlink to open as a serial port. */
    public Path path() {
        return path;
    }

    /** The pty device the symlink points to, e.g. /dev/pts/3. */
    public Path device() throws IOException {
        return path.toRealPath();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to
        }
        socat.destroy();
        try {
            if (!socat.waitFor(2, TimeUnit.SECONDS)) {
                socat.destroyForcibly();
            }
        } catch (InterruptedException e) {
            socat.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // socat removes it itself on a clean exit
        }
    }
}
