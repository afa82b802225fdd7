package dev.mpt.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on 127.0.0.1 that behaves like a serial line, for tests and benchmarks of board
 * transfers: each direction carries at most {@code baud / 10} bytes per second (8N1: ten bits
 * a byte) and delivers each byte {@code latency} after it went on the wire. Each accepted
 * connection gets a connection of its own to the target.
 *
 * <p>It can also be a bad line: {@link #faults} chosen for the connections accepted next
 * garble or drop bytes in either direction, or cut the connection after a number of bytes,
 * all drawn from one seeded {@link Random} so a failing run replays from its seed;
 * {@link #log()} says what was done.
 *
 * <p>Run on its own: {@code java -cp mpt.jar dev.mpt.protocol.ThrottleProxy LISTEN_PORT
 * TARGET_HOST TARGET_PORT [BAUD] [LATENCY_MS]}.
 */
public final class ThrottleProxy implements AutoCloseable {

    /**
     * Faults of a line. Chances are per byte; a cut closes both sides once that many bytes
     * went that way (-1: never).
     */
    public record Faults(double garbleToBoard, double dropToBoard, double garbleToHost, double dropToHost,
                         long cutAfterToBoard, long cutAfterToHost) {
        public static Faults none() {
            return new Faults(0, 0, 0, 0, -1, -1);
        }

        public Faults withGarbles(double toBoard, double toHost) {
            return new Faults(toBoard, dropToBoard, toHost, dropToHost, cutAfterToBoard, cutAfterToHost);
        }

        public Faults withDrops(double toBoard, double toHost) {
            return new Faults(garbleToBoard, toBoard, garbleToHost, toHost, cutAfterToBoard, cutAfterToHost);
        }

        public Faults withCutAfterToBoard(long bytes) {
            return new Faults(garbleToBoard, dropToBoard, garbleToHost, dropToHost, bytes, cutAfterToHost);
        }

        public Faults withCutAfterToHost(long bytes) {
            return new Faults(garbleToBoard, dropToBoard, garbleToHost, dropToHost, cutAfterToBoard, bytes);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            if (garbleToBoard > 0 || garbleToHost > 0) {
                sb.append(String.format("garble %.5f/%.5f ", garbleToBoard, garbleToHost));
            }
            if (dropToBoard > 0 || dropToHost > 0) {
                sb.append(String.format("drop %.5f/%.5f ", dropToBoard, dropToHost));
            }
            if (cutAfterToBoard >= 0) {
                sb.append("cut after ").append(cutAfterToBoard).append(" bytes to the board ");
            }
            if (cutAfterToHost >= 0) {
                sb.append("cut after ").append(cutAfterToHost).append(" bytes to the host ");
            }
            return sb.length() == 0 ? "no faults" : sb.toString().strip();
        }
    }

    private record Piece(byte[] data, long deliverAt) {}

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final double nanosPerByte;
    private final long latencyNanos;
    private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private volatile Faults faults = Faults.none();
    private volatile Random random = new Random(0);
    private volatile boolean closed;

    private ThrottleProxy(ServerSocket server, String targetHost, int targetPort, int baud, double latencyMs) {
        this.server = server;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.nanosPerByte = 1e9 * 10 / baud;
        this.latencyNanos = (long) (latencyMs * 1e6);
    }

    /**
     * Starts a proxy on a free port of 127.0.0.1 (or {@code listenPort}) in front of
     * {@code targetHost:targetPort}.
     */
    public static ThrottleProxy start(int listenPort, String targetHost, int targetPort, int baud, double latencyMs)
            throws IOException {
        ServerSocket s = new ServerSocket(listenPort, 5, InetAddress.getLoopbackAddress());
        ThrottleProxy p = new ThrottleProxy(s, targetHost, targetPort, baud, latencyMs);
        Thread t = new Thread(p::serve, "throttle-proxy-accept");
        t.setDaemon(true);
        t.start();
        return p;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int listen = Integer.parseInt(args[0]);
        int baud = args.length > 3 ? Integer.parseInt(args[3]) : 115200;
        double latency = args.length > 4 ? Double.parseDouble(args[4]) : 1.0;
        ThrottleProxy p = start(listen, args[1], Integer.parseInt(args[2]), baud, latency);
        Thread.currentThread().join();
        p.close();
    }

    /** The port it listens on. */
    public int port() {
        return server.getLocalPort();
    }

    /** The faults of the connections accepted from now on, and of the line of the one open now. */
    public void faults(Faults f, long seed) {
        this.random = new Random(seed);
        this.faults = f;
        log.clear();
    }

    /** What was injected since the faults were last set. */
    public List<String> log() {
        synchronized (log) {
            return new ArrayList<>(log);
        }
    }

    private void serve() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(targetHost, targetPort);
                client.setTcpNoDelay(true);
                target.setTcpNoDelay(true);
                open.add(client);
                open.add(target);
                long[] counts = new long[2];
                direction(client, target, true, counts);
                direction(target, client, false, counts);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    /** Closes both sides of every connection: what a pulled cable does. */
    private void cut(Socket a, Socket b) {
        try {
            a.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            b.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Moves bytes from {@code from} to {@code to} at the line's rate and latency, with the faults in force. */
    private void direction(Socket from, Socket to, boolean toBoard, long[] counts) {
        BlockingQueue<Piece> line = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            long lineFreeAt = System.nanoTime();
            byte[] buf = new byte[64];
            try (InputStream in = from.getInputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    byte[] data = mangle(buf, n, toBoard, counts);
                    if (data == null) {
                        cut(from, to);
                        break;
                    }
                    // the bytes go on the wire one after the other, once the wire is free
                    long now = System.nanoTime();
                    lineFreeAt = Math.max(lineFreeAt, now) + (long) (n * nanosPerByte);
                    line.add(new Piece(data, lineFreeAt + latencyNanos));
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
        }, "throttle-proxy-read");
        Thread writer = new Thread(() -> {
            try {
                OutputStream out = to.getOutputStream();
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
            cut(from, to);
            open.remove(from);
            open.remove(to);
        }, "throttle-proxy-write");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    /** The bytes as the faulty line passes them on; null when the line is cut here. */
    private byte[] mangle(byte[] buf, int n, boolean toBoard, long[] counts) {
        Faults f = faults;
        double garble = toBoard ? f.garbleToBoard : f.garbleToHost;
        double drop = toBoard ? f.dropToBoard : f.dropToHost;
        long cutAfter = toBoard ? f.cutAfterToBoard : f.cutAfterToHost;
        int dir = toBoard ? 0 : 1;
        String way = toBoard ? "to board" : "to host";
        byte[] out = new byte[n];
        int k = 0;
        Random r = random;
        for (int i = 0; i < n; i++) {
            if (cutAfter >= 0 && counts[dir] >= cutAfter) {
                log.add("cut after " + counts[dir] + " bytes " + way);
                return null;
            }
            counts[dir]++;
            byte b = buf[i];
            if (drop > 0 && r.nextDouble() < drop) {
                log.add("dropped byte " + counts[dir] + " " + way);
                continue;
            }
            if (garble > 0 && r.nextDouble() < garble) {
                byte g = (byte) (b ^ (1 + r.nextInt(255)));
                log.add(String.format("garbled byte %d %s: %02x -> %02x", counts[dir], way, b & 0xff, g & 0xff));
                b = g;
            }
            out[k++] = b;
        }
        return k == n ? out : java.util.Arrays.copyOf(out, k);
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        synchronized (open) {
            for (Socket s : new ArrayList<>(open)) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }
}
