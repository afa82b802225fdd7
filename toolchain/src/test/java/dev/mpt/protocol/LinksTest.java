package dev.mpt.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class LinksTest {

    private static String readSome(Link l, int n) throws LinkException {
        byte[] buf = new byte[n];
        int got = 0;
        while (got < n) {
            got += l.read(buf, got, n - got, Duration.ofSeconds(2));
        }
        return new String(buf, StandardCharsets.UTF_8);
    }

    @Test
    void memoryPairCarriesBytesBothWaysAndTimesOut() throws Exception {
        MemoryLink.Pair p = MemoryLink.pair("test");
        p.host().write("ping".getBytes());
        assertThat(readSome(p.board(), 4)).isEqualTo("ping");
        p.board().write("pong".getBytes());
        assertThat(p.host().available()).isEqualTo(4);
        assertThat(readSome(p.host(), 4)).isEqualTo("pong");
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> p.host().read(Duration.ofMillis(100))).isInstanceOf(LinkTimeoutException.class)
                .hasMessageContaining("within 100 ms");
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(90_000_000L);
        p.board().close();
        assertThatThrownBy(() -> p.host().read(Duration.ofSeconds(5))).isInstanceOf(LinkClosedException.class);
        assertThatThrownBy(() -> p.host().write(new byte[1])).isInstanceOf(LinkClosedException.class);
    }

    @Test
    void closeWakesABlockedReader() throws Exception {
        MemoryLink.Pair p = MemoryLink.pair("test");
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException ignored) {
                // fine
            }
            p.host().close();
        });
        closer.start();
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> p.host().read(Duration.ofSeconds(10))).isInstanceOf(LinkClosedException.class);
        assertThat(System.nanoTime() - t0).isLessThan(2_000_000_000L);
    }

    @Test
    void bytePipeGrowsAndKeepsOrder() throws Exception {
        BytePipe pipe = new BytePipe();
        byte[] data = new byte[100_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        for (int i = 0; i < data.length; i += 777) {
            pipe.put(data, i, Math.min(777, data.length - i));
        }
        byte[] out = new byte[data.length];
        int got = 0;
        while (got < out.length) {
            got += pipe.take(out, got, Math.min(1000, out.length - got), Duration.ZERO, "pipe");
        }
        assertThat(out).isEqualTo(data);
    }

    @Test
    void socketLinkTalksToALocalServer() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread echo = new Thread(() -> {
                try (var s = server.accept()) {
                    s.getInputStream().transferTo(s.getOutputStream());
                } catch (IOException ignored) {
                    // test over
                }
            });
            echo.start();
            Link l = SocketLink.connect("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(2));
            assertThat(l.description()).isEqualTo("socket://127.0.0.1:" + server.getLocalPort());
            l.write("hello".getBytes());
            assertThat(readSome(l, 5)).isEqualTo("hello");
            l.close();
            assertThat(l.isOpen()).isFalse();
        }
    }

    @Test
    void socketLinkToNothingFailsClearly() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> SocketLink.connect("127.0.0.1", port, Duration.ofSeconds(2)))
                .isInstanceOf(LinkClosedException.class).hasMessageContaining("cannot connect to socket://127.0.0.1:" + port);
    }

    @Test
    void processLinkRunsACommandAndSeesItEnd() throws Exception {
        Link l = ProcessLink.start("head -c 3; echo ' done'", false);
        l.write("abcdef".getBytes());
        assertThat(readSome(l, 9)).isEqualTo("abc done\n");
        assertThatThrownBy(() -> l.read(Duration.ofSeconds(5))).isInstanceOf(LinkClosedException.class);
        l.close();
    }

    @Test
    void faultyLinkIsRepeatableFromItsSeed() throws Exception {
        String a = mangledCopy(42);
        assertThat(mangledCopy(42)).isEqualTo(a);
        assertThat(mangledCopy(43)).isNotEqualTo(a);
    }

    private static String mangledCopy(long seed) throws Exception {
        MemoryLink.Pair p = MemoryLink.pair("f");
        FaultyLink f = new FaultyLink(p.host(), FaultyLink.Faults.none().withDrops(0.05).withDuplicates(0.05).withGarbles(0.05), seed);
        byte[] text = "the quick brown fox jumps over the lazy dog ".repeat(20).getBytes();
        p.board().write(text);
        StringBuilder sb = new StringBuilder();
        byte[] buf = new byte[64];
        try {
            while (true) {
                int n = f.read(buf, 0, buf.length, Duration.ofMillis(50));
                sb.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (LinkTimeoutException end) {
            // all read
        }
        assertThat(f.alteredData()).isTrue();
        assertThat(f.log()).isNotEmpty();
        return sb + "|" + f.log();
    }

    @Test
    void faultyLinkCutsAtTheChosenByte() throws Exception {
        MemoryLink.Pair p = MemoryLink.pair("f");
        FaultyLink f = new FaultyLink(p.host(), FaultyLink.Faults.none().withCutAfterRead(5), 1);
        p.board().write("0123456789".getBytes());
        assertThat(readSome(f, 5)).isEqualTo("01234");
        assertThatThrownBy(() -> f.read(Duration.ofSeconds(1))).isInstanceOf(LinkClosedException.class)
                .hasMessageContaining("cut");
        assertThat(p.board().isOpen()).isFalse();
    }

    @Test
    void execExceptionParsesTheLastTracebackLine() {
        ExecException e = ExecException.fromStderr(("Traceback (most recent call last):\r\n"
                + "  File \"<stdin>\", line 3, in <module>\r\nOSError: [Errno 2] ENOENT\r\n").getBytes(), "x".getBytes());
        assertThat(e.exceptionType()).isEqualTo("OSError");
        assertThat(e.exceptionMessage()).isEqualTo("[Errno 2] ENOENT");
        assertThat(e.getMessage()).isEqualTo("OSError: [Errno 2] ENOENT");
        assertThat(e.traceback()).contains("line 3");
        ExecException ki = ExecException.fromStderr("KeyboardInterrupt: \r\n".getBytes(), new byte[0]);
        assertThat(ki.isKeyboardInterrupt()).isTrue();
        assertThat(ki.exceptionMessage()).isEmpty();
    }
}
