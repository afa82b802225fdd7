package dev.mpt.vm.extmod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpt.vm.Ops;
import dev.mpt.vm.PyByteArray;
import dev.mpt.vm.PyBytes;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyTuple;
import dev.mpt.vm.Types;
import dev.mpt.vm.VM;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** socket over real loopback sockets, with plain Java sockets as the peer. */
class SocketTest {
    @TempDir
    Path root;

    private VM vm;
    private PyModule socket;

    private PyModule open() {
        vm = new VM(root);
        vm.setHostNetwork(true);
        socket = Socket.module(vm);
        return socket;
    }

    @AfterEach
    void closeAll() {
        if (vm != null) {
            vm.softReset();
        }
    }

    private Object sock(Object... args) {
        return Ops.call(socket.globals.get("socket"), args);
    }

    private static Object call(Object obj, String method, Object... args) {
        return Ops.call(Ops.getattr(obj, method), args);
    }

    private Object addr(String host, int port) {
        PyTuple ai = (PyTuple) Ops.toList(Ops.call(socket.globals.get("getaddrinfo"), host, (long) port)).get(0);
        return ai.items[4];
    }

    private static int port(Object listening) {
        try {
            return ((InetSocketAddress) ((Socket.Sock) listening).server.getLocalAddress()).getPort();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static long errnoOf(Runnable r) {
        try {
            r.run();
        } catch (PyError e) {
            assertThat(e.exc.isInstance(Types.OS_ERROR)).isTrue();
            return (Long) e.exc.args.items[0];
        }
        throw new AssertionError("no OSError");
    }

    private static String text(Object bytes) {
        return new String(Ops.bytesOf(bytes), StandardCharsets.UTF_8);
    }

    @Test
    void aVmWithoutTheHostNetworkCannotImportSocket() {
        VM board = new VM(root);
        assertThatThrownBy(() -> Socket.module(board)).isInstanceOfSatisfying(PyError.class,
                e -> assertThat(e.exc.isInstance(Types.IMPORT_ERROR)).isTrue());
    }

    @Test
    void aServerInTheVmTalksWithAJavaClient() throws Exception {
        open();
        Object srv = sock();
        call(srv, "setsockopt", 1L, 2L, 1L);
        call(srv, "bind", addr("127.0.0.1", 0));
        call(srv, "listen", 1L);
        try (java.net.Socket client = new java.net.Socket(InetAddress.getLoopbackAddress(), port(srv))) {
            PyTuple accepted = (PyTuple) call(srv, "accept");
            Object conn = accepted.items[0];
            assertThat(accepted.items[1]).isInstanceOf(PyByteArray.class);
            OutputStream out = client.getOutputStream();
            out.write("GET / HTTP/1.0\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(text(call(conn, "readline"))).isEqualTo("GET / HTTP/1.0\r\n");
            assertThat(text(call(conn, "readline"))).isEqualTo("Host: x\r\n");
            assertThat(text(call(conn, "recv", 10L))).isEqualTo("\r\n");
            assertThat(call(conn, "write", new PyBytes("HTTP/1.0 200 OK\r\n\r\nhi".getBytes(StandardCharsets.US_ASCII))))
                    .isEqualTo(21L);
            call(conn, "close");
            InputStream in = client.getInputStream();
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.0 200 OK\r\n\r\nhi");
        }
    }

    @Test
    void aClientInTheVmReadsUntilTheServerCloses() throws Exception {
        open();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Object c = sock();
            call(c, "connect", addr("127.0.0.1", server.getLocalPort()));
            try (java.net.Socket peer = server.accept()) {
                call(c, "send", new PyBytes("ping".getBytes(StandardCharsets.US_ASCII)));
                byte[] got = peer.getInputStream().readNBytes(4);
                assertThat(new String(got, StandardCharsets.US_ASCII)).isEqualTo("ping");
                peer.getOutputStream().write("pong and more".getBytes(StandardCharsets.US_ASCII));
            }
            assertThat(text(call(c, "read"))).isEqualTo("pong and more");
            assertThat(Ops.bytesOf(call(c, "recv", 5L))).isEmpty();
        }
    }

    @Test
    void nonBlockingAndTimedCallsRaiseWhatTheUnixPortRaises() throws Exception {
        open();
        Object srv = sock();
        call(srv, "bind", addr("127.0.0.1", 0));
        call(srv, "listen");
        call(srv, "setblocking", false);
        assertThat(errnoOf(() -> call(srv, "accept"))).isEqualTo(11L); // EAGAIN
        call(srv, "settimeout", 0.05);
        long t0 = System.nanoTime();
        assertThat(errnoOf(() -> call(srv, "accept"))).isEqualTo(110L); // ETIMEDOUT
        assertThat((System.nanoTime() - t0) / 1_000_000L).isBetween(40L, 2000L);
        Object c = sock();
        call(c, "connect", addr("127.0.0.1", port(srv)));
        call(c, "settimeout", 0.05);
        assertThat(errnoOf(() -> call(c, "recv", 1L))).isEqualTo(11L);
        assertThat(errnoOf(() -> call(c, "read", 1L))).isEqualTo(110L);
        call(c, "setblocking", false);
        assertThat(call(c, "read", 1L)).isSameAs(PyNone.NONE);
        assertThat(errnoOf(() -> call(sock(), "recv", 1L))).isEqualTo(107L); // ENOTCONN
    }

    @Test
    void connectingWhereNobodyListensIsRefused() throws Exception {
        open();
        int port;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = gone.getLocalPort();
        }
        Object c = sock();
        Object a = addr("127.0.0.1", port);
        assertThat(errnoOf(() -> call(c, "connect", a))).isEqualTo(111L);
        Object nb = sock();
        call(nb, "setblocking", false);
        assertThat(errnoOf(() -> call(nb, "connect", a))).isEqualTo(115L); // EINPROGRESS
    }

    @Test
    void udpDatagramsGoBothWaysWithTheSenderAddress() throws Exception {
        open();
        Object u = sock(2L, 2L);
        call(u, "bind", addr("127.0.0.1", 0));
        int port = ((InetSocketAddress) ((Socket.Sock) u).dgram.getLocalAddress()).getPort();
        try (DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            byte[] msg = "hello udp".getBytes(StandardCharsets.US_ASCII);
            peer.send(new DatagramPacket(msg, msg.length, InetAddress.getLoopbackAddress(), port));
            PyTuple r = (PyTuple) call(u, "recvfrom", 100L);
            assertThat(text(r.items[0])).isEqualTo("hello udp");
            PyTuple from = Socket.sockaddr(Ops.bytesOf(r.items[1]));
            assertThat(from.items[2]).isEqualTo((long) peer.getLocalPort());
            call(u, "sendto", new PyBytes("reply".getBytes(StandardCharsets.US_ASCII)), r.items[1]);
            DatagramPacket p = new DatagramPacket(new byte[100], 100);
            peer.setSoTimeout(5000);
            peer.receive(p);
            assertThat(new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII)).isEqualTo("reply");
        }
    }

    @Test
    void pollSeesSocketsByObjectAndByFileDescriptor() throws Exception {
        open();
        PyModule select = Select.module(vm);
        Object srv = sock();
        call(srv, "bind", addr("127.0.0.1", 0));
        call(srv, "listen");
        Object p = Ops.call(select.globals.get("poll"));
        call(p, "register", call(srv, "fileno"), Select.POLLIN);
        assertThat(Ops.toList(call(p, "poll", 0L))).isEmpty();
        try (java.net.Socket client = new java.net.Socket(InetAddress.getLoopbackAddress(), port(srv))) {
            List<Object> ready = Ops.toList(call(p, "poll", 2000L));
            assertThat(ready).hasSize(1);
            assertThat(((PyTuple) ready.get(0)).items[1]).isEqualTo(Select.POLLIN);
            Object conn = ((PyTuple) call(srv, "accept")).items[0];
            Object p2 = Ops.call(select.globals.get("poll"));
            call(p2, "register", conn, Select.POLLIN);
            client.getOutputStream().write(1);
            assertThat(Ops.toList(call(p2, "poll", 2000L))).hasSize(1);
            call(conn, "close");
            assertThat(((PyTuple) Ops.toList(call(p2, "poll", 0L)).get(0)).items[1]).isEqualTo(0x20L); // POLLNVAL
        }
    }

    @Test
    void aBoardsSelectSelectSortsReadableWritableAndFailedSockets() throws Exception {
        open();
        assertThat(Select.module(vm).globals.get("select")).isNull(); // the unix port has none
        vm.setBoard(true); // bare-metal firmware has it
        PyModule select = Select.module(vm);
        Object srv = sock();
        call(srv, "bind", addr("127.0.0.1", 0));
        call(srv, "listen");
        Object c = sock();
        call(c, "connect", addr("127.0.0.1", port(srv)));
        Object conn = ((PyTuple) call(srv, "accept")).items[0];
        Object fn = select.globals.get("select");
        PyTuple idle = (PyTuple) Ops.call(fn, new dev.mpt.vm.PyList(List.of(c)), new dev.mpt.vm.PyList(List.of(c)),
                new dev.mpt.vm.PyList(), 0L);
        assertThat(Ops.toList(idle.items[0])).isEmpty();
        assertThat(Ops.toList(idle.items[1])).containsExactly(c);
        call(conn, "send", new PyBytes(new byte[] {42}));
        PyTuple ready = (PyTuple) Ops.call(fn, new dev.mpt.vm.PyList(List.of(c)), new dev.mpt.vm.PyList(),
                new dev.mpt.vm.PyList(), 2.0);
        assertThat(Ops.toList(ready.items[0])).containsExactly(c);
        call(c, "close");
        PyTuple closed = (PyTuple) Ops.call(fn, new dev.mpt.vm.PyList(List.of(c)), new dev.mpt.vm.PyList(),
                new dev.mpt.vm.PyList(), 0L);
        assertThat(Ops.toList(closed.items[2])).containsExactly(c);
    }

    @Test
    void aSoftResetClosesTheVmsSockets() throws Exception {
        open();
        Object srv = sock();
        call(srv, "setsockopt", 1L, 2L, 1L);
        call(srv, "bind", addr("127.0.0.1", 0));
        call(srv, "listen");
        int port = port(srv);
        assertThat(Ops.str(srv)).isEqualTo("<_socket 3>");
        vm.softReset();
        try (ServerSocket again = new ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertThat(again.isBound()).isTrue();
        }
        socket = Socket.module(vm);
        assertThat(Ops.str(sock())).isEqualTo("<_socket 3>");
    }
}
