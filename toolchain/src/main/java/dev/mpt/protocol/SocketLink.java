package dev.mpt.protocol;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** A TCP connection, as named by {@code socket://host:port}. */
public final class SocketLink extends StreamLink {
    private final Socket socket;

    private SocketLink(Socket socket, String name) throws IOException {
        super(socket.getInputStream(), socket.getOutputStream(), name);
        this.socket = socket;
    }

    public static SocketLink connect(String host, int port, Duration connectTimeout) throws LinkException {
        String name = "socket://" + host + ":" + port;
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, connectTimeout.toMillis()));
            return new SocketLink(socket, name);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw new LinkClosedException("cannot connect to " + name + ": " + e.getMessage(), e);
        }
    }

    /** Wraps a socket already connected, for example one a server accepted. */
    public static SocketLink of(Socket socket) throws LinkException {
        try {
            socket.setTcpNoDelay(true);
            return new SocketLink(socket, "socket://" + socket.getInetAddress().getHostAddress() + ":" + socket.getPort());
        } catch (IOException e) {
            throw new LinkClosedException("cannot use socket: " + e.getMessage(), e);
        }
    }

    @Override
    protected void closeChannel() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
