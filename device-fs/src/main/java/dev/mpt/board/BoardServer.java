package dev.mpt.board;

import dev.mpt.protocol.LinkException;
import dev.mpt.protocol.SocketLink;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Serves a {@link VirtualBoard} on a TCP port bound to 127.0.0.1, so that
 * {@code socket://127.0.0.1:PORT} reaches it. One host at a time: a new connection takes
 * the board over from the previous one, as replugging a cable would. The board keeps
 * running (and keeps its state) between connections.
 *
 * <p>To reach it through a serial-port path (for picocom, mpremote, or jSerialComm), put a
 * pty in front of it with socat:
 * {@code socat PTY,link=/tmp/mpt-board,raw,echo=0 TCP:127.0.0.1:PORT}.
 */
public final class BoardServer implements AutoCloseable {
    private final VirtualBoard board;
    private final ServerSocket server;
    private final Thread acceptor;
    private volatile boolean closed;

    private BoardServer(VirtualBoard board, ServerSocket server) {
        this.board = board;
        this.server = server;
        this.acceptor = new Thread(this::acceptLoop, "mpt-board-server :" + server.getLocalPort());
        this.acceptor.setDaemon(true);
    }

    /**
     * Starts the board (if needed) and listens on 127.0.0.1.
     *
     * @param port the port, or 0 for any free one ({@link #port()} tells which)
     */
    public static BoardServer listen(VirtualBoard board, int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4);
        BoardServer s = new BoardServer(board, server);
        board.start();
        s.acceptor.start();
        return s;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code socket://127.0.0.1:PORT}: the device name hosts use to connect. */
    public String deviceName() {
        return "socket://127.0.0.1:" + port();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                try {
                    board.attach(SocketLink.of(socket));
                } catch (LinkException e) {
                    socket.close();
                }
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    /** Stops listening and disconnects the host; the board itself keeps running until closed. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        board.detach();
        try {
            acceptor.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
