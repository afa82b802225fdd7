package dev.mpt.vm.extmod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpt.vm.Ops;
import dev.mpt.vm.PyBytes;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.PyTuple;
import dev.mpt.vm.Types;
import dev.mpt.vm.VM;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ssl over real loopback connections, with the JDK's own TLS sockets as the peer (a test certificate for CN=mpt.test). */
class TlsTest {
    @TempDir
    Path root;

    private VM vm;
    private PyModule socket;
    private PyModule ssl;
    private byte[] cert;
    private byte[] key;

    private void open() throws Exception {
        vm = new VM(root);
        vm.setHostNetwork(true);
        socket = Socket.module(vm);
        ssl = Tls.ssl(vm);
        try (InputStream c = getClass().getResourceAsStream("/tls/cert.der");
                InputStream k = getClass().getResourceAsStream("/tls/key.der")) {
            cert = c.readAllBytes();
            key = k.readAllBytes();
        }
    }

    @AfterEach
    void closeAll() {
        if (vm != null) {
            vm.softReset();
        }
    }

    private static Object call(Object obj, String method, Object... args) {
        return Ops.call(Ops.getattr(obj, method), args);
    }

    private SSLContext javaContext() throws Exception {
        return javaContext(cert, key);
    }

    private SSLContext javaContext(byte[] cert, byte[] key) throws Exception {
        X509Certificate c = Tls.certificates(cert)[0];
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("k", Tls.privateKey(key), "pw".toCharArray(), new X509Certificate[] {c});
        ks.setCertificateEntry("ca", c);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "pw".toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private Object connectedSocket(int port) {
        Object s = Ops.call(socket.globals.get("socket"));
        PyTuple ai = (PyTuple) Ops.toList(Ops.call(socket.globals.get("getaddrinfo"), "127.0.0.1", (long) port)).get(0);
        call(s, "connect", ai.items[4]);
        return s;
    }

    /** A JDK TLS server that takes one connection and only shakes hands (the client is expected to give up). */
    private static SSLServerSocket handshakeOnly(SSLContext ctx) throws Exception {
        SSLServerSocket server = (SSLServerSocket) ctx.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        CompletableFuture.runAsync(() -> {
            try (SSLSocket peer = (SSLSocket) server.accept()) {
                peer.startHandshake();
            } catch (Exception e) {
                // the client gives up: expected
            }
        });
        return server;
    }

    private Object clientContext() {
        Object ctx = Ops.call(ssl.globals.get("SSLContext"), ssl.globals.get("PROTOCOL_TLS_CLIENT"));
        Ops.setattr(ctx, "verify_mode", ssl.globals.get("CERT_REQUIRED"));
        Ops.call(Ops.getattr(ctx, "load_verify_locations"), new Object[0], Map.of("cadata", new PyBytes(cert)));
        return ctx;
    }

    @Test
    void aVerifyingClientTalksWithAJavaTlsServer() throws Exception {
        open();
        try (SSLServerSocket server = (SSLServerSocket) javaContext().getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> served = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket peer = (SSLSocket) server.accept()) {
                    String got = new String(peer.getInputStream().readNBytes(5), StandardCharsets.US_ASCII);
                    peer.getOutputStream().write("world\n".getBytes(StandardCharsets.US_ASCII));
                    peer.getOutputStream().flush();
                    return got;
                } catch (Exception e) {
                    return e.toString();
                }
            });
            Object s = connectedSocket(server.getLocalPort());
            Object tls = Ops.call(Ops.getattr(clientContext(), "wrap_socket"), new Object[] {s},
                    Map.of("server_hostname", "mpt.test"));
            assertThat(call(tls, "write", new PyBytes("hello".getBytes(StandardCharsets.US_ASCII)))).isEqualTo(5L);
            assertThat(Ops.bytesOf(call(tls, "readline"))).isEqualTo("world\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(Ops.bytesOf(call(tls, "getpeercert", true))).isEqualTo(cert);
            call(tls, "close");
            assertThat(served.get(10, TimeUnit.SECONDS)).isEqualTo("hello");
        }
    }

    @Test
    void aServerNameTheCertificateDoesNotNameFailsVerification() throws Exception {
        open();
        try (SSLServerSocket server = handshakeOnly(javaContext())) {
            Object s = connectedSocket(server.getLocalPort());
            assertThatThrownBy(() -> Ops.call(Ops.getattr(clientContext(), "wrap_socket"), new Object[] {s},
                    Map.of("server_hostname", "other.test"))).isInstanceOfSatisfying(PyError.class, e -> {
                        // mbedTLS's verification result, as MicroPython raises it
                        assertThat(e.exc.isInstance(Types.VALUE_ERROR)).isTrue();
                        assertThat(Ops.str(e.exc))
                                .isEqualTo("\nThe certificate Common Name (CN) does not match with the expected CN\n");
                    });
        }
    }

    @Test
    void anExpiredCertificateFailsVerificationEvenWhenItIsTheTrustedOne() throws Exception {
        open();
        byte[] expired;
        byte[] expiredKey;
        try (InputStream c = getClass().getResourceAsStream("/tls/expired_cert.der");
                InputStream k = getClass().getResourceAsStream("/tls/expired_key.der")) {
            expired = c.readAllBytes(); // CN=mpt.test, valid for one day in 2001
            expiredKey = k.readAllBytes();
        }
        try (SSLServerSocket server = handshakeOnly(javaContext(expired, expiredKey))) {
            Object s = connectedSocket(server.getLocalPort());
            Object ctx = Ops.call(ssl.globals.get("SSLContext"), ssl.globals.get("PROTOCOL_TLS_CLIENT"));
            Ops.setattr(ctx, "verify_mode", ssl.globals.get("CERT_REQUIRED"));
            Ops.call(Ops.getattr(ctx, "load_verify_locations"), new Object[0], Map.of("cadata", new PyBytes(expired)));
            assertThatThrownBy(() -> Ops.call(Ops.getattr(ctx, "wrap_socket"), new Object[] {s},
                    Map.of("server_hostname", "mpt.test"))).isInstanceOfSatisfying(PyError.class, e -> {
                        assertThat(e.exc.isInstance(Types.VALUE_ERROR)).isTrue();
                        assertThat(Ops.str(e.exc)).isEqualTo("\nThe certificate validity has expired\n");
                    });
        }
    }

    @Test
    void aServerInTheVmAnswersAJavaTlsClient() throws Exception {
        open();
        Object srv = Ops.call(socket.globals.get("socket"));
        PyTuple ai = (PyTuple) Ops.toList(Ops.call(socket.globals.get("getaddrinfo"), "127.0.0.1", 0L)).get(0);
        call(srv, "bind", ai.items[4]);
        call(srv, "listen");
        int port = ((InetSocketAddress) ((Socket.Sock) srv).server.getLocalAddress()).getPort();
        SSLContext javaCtx = javaContext();
        CompletableFuture<String> client = CompletableFuture.supplyAsync(() -> {
            try (SSLSocket c = (SSLSocket) javaCtx.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port)) {
                c.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
                c.getOutputStream().flush();
                return new String(c.getInputStream().readNBytes(4), StandardCharsets.US_ASCII);
            } catch (Exception e) {
                return e.toString();
            }
        });
        Object conn = ((PyTuple) call(srv, "accept")).items[0];
        Object ctx = Ops.call(ssl.globals.get("SSLContext"), ssl.globals.get("PROTOCOL_TLS_SERVER"));
        call(ctx, "load_cert_chain", new PyBytes(cert), new PyBytes(key));
        Object tls = Ops.call(Ops.getattr(ctx, "wrap_socket"), new Object[] {conn}, Map.of("server_side", true));
        assertThat(Ops.bytesOf(call(tls, "read", 4L))).isEqualTo("ping".getBytes(StandardCharsets.US_ASCII));
        call(tls, "write", new PyBytes("pong".getBytes(StandardCharsets.US_ASCII)));
        assertThat(client.get(10, TimeUnit.SECONDS)).isEqualTo("pong");
        call(tls, "close");
    }

    @Test
    void badKeysAndCertificatesAreValueErrors() throws Exception {
        open();
        Object ctx = Ops.call(ssl.globals.get("SSLContext"), ssl.globals.get("PROTOCOL_TLS_SERVER"));
        assertThatThrownBy(() -> call(ctx, "load_cert_chain", new PyBytes(cert), new PyBytes(new byte[] {'!'})))
                .isInstanceOfSatisfying(PyError.class, e -> assertThat(Ops.str(e.exc)).isEqualTo("invalid key"));
        assertThatThrownBy(() -> call(ctx, "load_cert_chain", new PyBytes(new byte[] {'!'}), new PyBytes(key)))
                .isInstanceOfSatisfying(PyError.class, e -> assertThat(Ops.str(e.exc)).isEqualTo("invalid cert"));
    }

    private Object udpSocket(int bindPort, int peerPort) {
        Object s = Ops.call(socket.globals.get("socket"), socket.globals.get("AF_INET"), socket.globals.get("SOCK_DGRAM"));
        call(s, "bind", ((PyTuple) Ops.toList(Ops.call(socket.globals.get("getaddrinfo"), "127.0.0.1", (long) bindPort)).get(0)).items[4]);
        call(s, "connect", ((PyTuple) Ops.toList(Ops.call(socket.globals.get("getaddrinfo"), "127.0.0.1", (long) peerPort)).get(0)).items[4]);
        call(s, "setblocking", false);
        return s;
    }

    private static int freeUdpPort() throws Exception {
        try (java.net.DatagramSocket d = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return d.getLocalPort();
        }
    }

    @Test
    void dtlsClientAndServerExchangeDatagramsAfterTheServersHelloVerifyRequest() throws Exception {
        open();
        PyModule tls = Tls.tls(vm);
        int sp = freeUdpPort();
        int cp = freeUdpPort();
        Object srv = udpSocket(sp, cp);
        Object cli = udpSocket(cp, sp);
        Object sctx = Ops.call(tls.globals.get("SSLContext"), tls.globals.get("PROTOCOL_DTLS_SERVER"));
        call(sctx, "load_cert_chain", new PyBytes(cert), new PyBytes(key));
        Object cctx = Ops.call(tls.globals.get("SSLContext"), tls.globals.get("PROTOCOL_DTLS_CLIENT"));
        Ops.setattr(cctx, "verify_mode", tls.globals.get("CERT_REQUIRED"));
        Ops.call(Ops.getattr(cctx, "load_verify_locations"), new Object[0], Map.of("cadata", new PyBytes(cert)));
        Map<String, Object> serverArgs = Map.of("do_handshake_on_connect", false, "client_id", new PyBytes(new byte[] {1}));
        Object c = Ops.call(Ops.getattr(cctx, "wrap_socket"), new Object[] {cli},
                Map.of("do_handshake_on_connect", false, "server_hostname", "mpt.test"));
        Object s = Ops.call(Ops.getattr(sctx, "wrap_socket"), new Object[] {srv}, serverArgs);
        java.util.List<String> got = new java.util.ArrayList<>();
        java.util.List<String> errors = new java.util.ArrayList<>();
        StringBuilder replies = new StringBuilder();
        int sent = 0;
        for (int i = 0; i < 2000 && !replies.toString().endsWith("pong 2"); i++) {
            if (sent < 3 && call(c, "write", new PyBytes(("ping " + sent).getBytes(StandardCharsets.US_ASCII))) instanceof Long) {
                sent++;
            }
            Object d;
            try {
                d = call(s, "read", 100L);
            } catch (PyError e) {
                // as mbedTLS: the first ClientHello only gets a cookie, the next comes to a new socket
                errors.add(Ops.str(e.exc));
                s = Ops.call(Ops.getattr(sctx, "wrap_socket"), new Object[] {srv}, serverArgs);
                continue;
            }
            if (d instanceof PyBytes b && b.data.length > 0) {
                String text = new String(b.data, StandardCharsets.US_ASCII);
                got.add(text);
                call(s, "write", new PyBytes(("pong " + text.substring(5)).getBytes(StandardCharsets.US_ASCII)));
            }
            if (call(c, "read", 100L) instanceof PyBytes r && r.data.length > 0) {
                replies.append(new String(r.data, StandardCharsets.US_ASCII));
            }
            Thread.sleep(1);
        }
        assertThat(errors).containsExactly("(-27264, 'MBEDTLS_ERR_SSL_HELLO_VERIFY_REQUIRED')");
        assertThat(got).containsExactly("ping 0", "ping 1", "ping 2");
        assertThat(replies.toString()).isEqualTo("pong 0pong 1pong 2");
        // a DTLS server needs the client's transport id as a buffer
        assertThatThrownBy(() -> Ops.call(Ops.getattr(sctx, "wrap_socket"), new Object[] {srv},
                Map.of("do_handshake_on_connect", false, "client_id", 4L))).isInstanceOfSatisfying(PyError.class,
                        e -> assertThat(Ops.str(e.exc)).isEqualTo("(-28928, 'MBEDTLS_ERR_SSL_BAD_INPUT_DATA')"));
        call(c, "close");
        call(s, "close");
    }
}
