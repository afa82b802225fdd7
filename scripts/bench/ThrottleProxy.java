import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy that behaves like a serial line: each direction carries at most
 * {@code baud / 10} bytes per second (8N1: ten bits a byte) and delivers each byte
 * {@code latency} ms after it has been "sent", for benchmarks of board transfers
 * (scripts/bench/transfer.sh). One connection at a time, each to a new target connection.
 *
 * <p>Run: {@code java scripts/bench/ThrottleProxy.java LISTEN_PORT TARGET_HOST TARGET_PORT [BAUD] [LATENCY_MS]}
 */
public final class ThrottleProxy {
    private ThrottleProxy() {}

    private record Piece(byte[] data, long deliverAt) {}

    public static void main(String[] args) throws IOException {
        int listen = Integer.parseInt(args[0]);
        String host = args[1];
        int port = Integer.parseInt(args[2]);
        int baud = args.length > 3 ? Integer.parseInt(args[3]) : 115200;
        double latencyMs = args.length > 4 ? Double.parseDouble(args[4]) : 1.0;
        double nanosPerByte = 1e9 * 10 / baud;
        try (ServerSocket server = new ServerSocket(listen, 5, InetAddress.getLoopbackAddress())) {
            while (true) {
                Socket client = server.accept();
                Socket target = new Socket(host, port);
                client.setTcpNoDelay(true);
                target.setTcpNoDelay(true);
                direction(client, target, nanosPerByte, latencyMs);
                direction(target, client, nanosPerByte, latencyMs);
            }
        }
    }

    /** Moves bytes from {@code from} to {@code to} at the line's rate and latency. */
    private static void direction(Socket from, Socket to, double nanosPerByte, double latencyMs) {
        BlockingQueue<Piece> line = new LinkedBlockingQueue<>();
        long latency = (long) (latencyMs * 1e6);
        Thread reader = new Thread(() -> {
            long lineFreeAt = System.nanoTime();
            byte[] buf = new byte[64];
            try (InputStream in = from.getInputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    // the bytes go on the wire one after the other, once the wire is free
                    long now = System.nanoTime();
                    lineFreeAt = Math.max(lineFreeAt, now) + (long) (n * nanosPerByte);
                    line.add(new Piece(java.util.Arrays.copyOf(buf, n), lineFreeAt + latency));
                    // a sender cannot run ahead of the wire by more than a few pieces
                    long ahead = lineFreeAt - System.nanoTime() - 2_000_000L;
                    if (ahead > 0) {
                        LockSupport.parkNanos(ahead);
                    }
                }
            } catch (IOException e) {
                // closed
            }
            line.add(new Piece(null, 0));
        }, "proxy-read");
        Thread writer = new Thread(() -> {
            try (OutputStream out = to.getOutputStream()) {
                while (true) {
                    Piece p = line.take();
                    if (p.data == null) {
                        break;
                    }
                    long wait = p.deliverAt - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    out.write(p.data);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // closed
            }
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // done
            }
        }, "proxy-write");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }
}
