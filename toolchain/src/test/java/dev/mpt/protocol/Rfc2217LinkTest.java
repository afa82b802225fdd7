package dev.mpt.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Rfc2217Link against a small RFC 2217 server on a real socket: settings acknowledged, data with 0xFF echoed. */
class Rfc2217LinkTest {
    /** Accepts one client; acknowledges every COM-PORT-OPTION request, records it, echoes data. */
    static final class Server implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0);
        final List<String> requests = new CopyOnWriteArrayList<>();
        final ByteArrayOutputStream data = new ByteArrayOutputStream();

        Server() throws Exception {
            Thread t = new Thread(this::serve);
            t.setDaemon(true);
            t.start();
        }

        private void serve() {
            try (Socket s = socket.accept()) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                int b;
                while ((b = in.read()) >= 0) {
                    if (b != 255) {
                        echo(out, b);
                        continue;
                    }
                    int verb = in.read();
                    if (verb == 255) {
                        echo(out, 255);
                    } else if (verb == 250) {
                        ByteArrayOutputStream sub = new ByteArrayOutputStream();
                        int x;
                        while (true) {
                            x = in.read();
                            if (x == 255) {
                                int y = in.read();
                                if (y == 240) {
                                    break;
                                }
                                sub.write(y);
                            } else {
                                sub.write(x);
                            }
                        }
                        byte[] r = sub.toByteArray();
                        StringBuilder sb = new StringBuilder("code " + r[1]);
                        for (int i = 2; i < r.length; i++) {
                            sb.append(' ').append(r[i] & 0xff);
                        }
                        requests.add(sb.toString());
                        out.write(new byte[] {(byte) 255, (byte) 250, 44, (byte) (r[1] + 100)});
                        out.write(r, 2, r.length - 2);
                        out.write(new byte[] {(byte) 255, (byte) 240});
                    } else {
                        in.read(); // the option of DO/DONT/WILL/WONT
                    }
                }
            } catch (Exception ignored) {
                // client gone
            }
        }

        private synchronized void echo(OutputStream out, int b) throws java.io.IOException {
            data.write(b);
            out.write(b);
            if (b == 255) {
                out.write(b);
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    @Test
    void settingsAreAcknowledgedAndDataCrossesWith0xFFIntact() throws Exception {
        try (Server server = new Server();
                Rfc2217Link link = Rfc2217Link.connect("127.0.0.1", server.socket.getLocalPort(), 115200,
                        SerialSettings.ControlLines.CLEAR, Duration.ofSeconds(2))) {
            link.setBaud(921600);
            assertThat(link.baud()).isEqualTo(921600);
            assertThat(link.setDtr(true)).isTrue();
            assertThat(link.setRts(false)).isTrue();
            assertThat(server.requests).contains("code 1 0 1 194 0", "code 5 9", "code 5 12", "code 1 0 14 16 0",
                    "code 5 8");
            link.write(new byte[] {(byte) 0xFF, 0x41, (byte) 0xFF, (byte) 0xFF});
            byte[] got = new byte[4];
            int n = 0;
            while (n < 4) {
                n += link.read(got, n, 4 - n, Duration.ofSeconds(2));
            }
            assertThat(got).containsExactly(0xFF, 0x41, 0xFF, 0xFF);
            assertThat(link.description()).isEqualTo("rfc2217://127.0.0.1:" + server.socket.getLocalPort());
        }
    }
}
