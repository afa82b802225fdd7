package dev.mpt.vm.extmod;

import dev.mpt.vm.ArrayType;
import dev.mpt.vm.BuiltinTypes;
import dev.mpt.vm.Errno;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyByteArray;
import dev.mpt.vm.PyBytes;
import dev.mpt.vm.PyList;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyObject;
import dev.mpt.vm.PyTuple;
import dev.mpt.vm.PyType;
import dev.mpt.vm.Slots;
import dev.mpt.vm.Types;
import dev.mpt.vm.VM;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ConnectionPendingException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import java.nio.channels.NetworkChannel;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.channels.UnsupportedAddressTypeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * socket as MicroPython's unix port has it: TCP and UDP over IPv4 and IPv6 on the host's
 * network, addresses as Linux's sockaddr bytes (what getaddrinfo gives), blocking,
 * non-blocking and timed sockets with the errors the unix port raises (EAGAIN on a
 * non-blocking call that would wait, and on a timed-out recv/send; ETIMEDOUT on a timed-out
 * read/write/accept/connect; EINPROGRESS from a non-blocking connect), the stream methods
 * (read, readinto, readline, write), makefile and file descriptor numbers. Java NIO channels
 * carry the data; each socket keeps its own selector to wait on and to answer select/poll.
 *
 * <p>Only a VM given the host's network ({@link VM#setHostNetwork}) can import it.
 */
public final class Socket {
    private Socket() {}

    static final PyType SOCKET = new PyType("socket", new PyType[] {Types.OBJECT}, true);
    static final PyType FILE_IO = new PyType("FileIO", new PyType[] {Types.OBJECT}, true);
    static final PyType TEXT_IO = new PyType("TextIOWrapper", new PyType[] {Types.OBJECT}, true);

    static final int SOCK_STREAM = 1;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_RAW = 3;
    static final int MSG_PEEK = 2;
    static final int MSG_DONTROUTE = 4;
    static final int MSG_DONTWAIT = 64;
    static final int SOL_SOCKET = 1;
    static final int SO_REUSEADDR = 2;
    static final int SO_ERROR = 4;
    static final int SO_BROADCAST = 6;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SO_KEEPALIVE = 9;
    static final int SO_LINGER = 13;
    static final int SO_REUSEPORT = 15;
    static final int SO_RCVTIMEO = 20;
    static final int SO_SNDTIMEO = 21;
    static final int IPPROTO_IP = 0;
    static final int IPPROTO_TCP = 6;
    static final int IPPROTO_UDP = 17;
    static final int IPPROTO_IPV6 = 41;
    static final int TCP_NODELAY = 1;
    static final int IP_MULTICAST_TTL = 33;
    static final int IP_MULTICAST_LOOP = 34;
    static final int IP_ADD_MEMBERSHIP = 35;
    static final int IP_DROP_MEMBERSHIP = 36;
    static final int IPV6_V6ONLY = 26;

    static final int EAGAIN = 11;
    static final int EBADF = 9;
    static final int EINVAL = 22;
    static final int EPIPE = 32;
    static final int ENOPROTOOPT = 92;
    static final int EAFNOSUPPORT = 97;
    static final int EISCONN = 106;
    static final int ENOTCONN = 107;
    static final int ETIMEDOUT = 110;
    static final int ECONNREFUSED = 111;
    static final int EALREADY = 114;
    static final int EINPROGRESS = 115;

    /** The most bytes poll reads ahead of the program, looking for the end of a connection. */
    private static final int READ_AHEAD = 1 << 20;

    /** How long a blocking call waits between looks at Ctrl-C. */
    private static final long SLICE_MS = 50;

    /** One VM's sockets: the file descriptor numbers in use; all are closed at soft reset. */
    static final class Net implements AutoCloseable {
        final VM vm;
        final TreeMap<Integer, Sock> fds = new TreeMap<>();
        /** This VM's socket.socket: the shared type's methods, made with this VM's descriptors. */
        final PyType type = new PyType("socket", new PyType[] {SOCKET}, true);

        Net(VM vm) {
            this.vm = vm;
            type.maker = (cls, a, kw) -> make(this, a);
            if (vm.board) {
                // lwip's sockets have sendall; the unix port's (the host VM's model) do not
                BuiltinTypes.method(type, "sendall", (a, kw) -> sendall((Sock) a[0], a[1]));
            }
        }

        synchronized int allocate(Sock s) {
            int fd = 3;
            while (fds.containsKey(fd)) {
                fd++;
            }
            fds.put(fd, s);
            return fd;
        }

        synchronized void release(int fd) {
            fds.remove(fd);
        }

        synchronized Sock byFd(long fd) {
            return fd > Integer.MAX_VALUE ? null : fds.get((int) fd);
        }

        @Override
        public void close() {
            List<Sock> open;
            synchronized (this) {
                open = new ArrayList<>(fds.values());
            }
            for (Sock s : open) {
                s.close();
            }
        }
    }

    static Net net(VM vm) {
        return vm.moduleState(Net.class, Net::new);
    }

    /**
     * asyncio's open_connection: a non-blocking TCP socket to host:port (the first address
     * getaddrinfo gives) whose connect is under way.
     */
    public static Object connecting(VM vm, Object host, Object port) {
        requireNetwork(vm, "socket");
        PyTuple ai = (PyTuple) getaddrinfo(new Object[] {host, port, 0L, (long) SOCK_STREAM}).items.get(0);
        Sock s = make(net(vm), new Object[] {ai.items[0], ai.items[1], ai.items[2]});
        s.timeoutMs = 0;
        try {
            s.connect(SocketAddress.decode(ai.items[4], s.family));
        } catch (dev.mpt.vm.PyError e) {
            if (!Errno.is(e, EINPROGRESS)) {
                s.close();
                throw e;
            }
        }
        return s;
    }

    /** asyncio's start_server: a non-blocking listening socket on host:port, SO_REUSEADDR set. */
    public static Object listening(VM vm, Object host, Object port, long backlog) {
        requireNetwork(vm, "socket");
        PyTuple ai = (PyTuple) getaddrinfo(new Object[] {host, port}).items.get(0);
        Sock s = make(net(vm), new Object[] {ai.items[0]});
        try {
            s.timeoutMs = 0;
            s.setOption(SOL_SOCKET, SO_REUSEADDR, 1L);
            s.bind(SocketAddress.decode(ai.items[4], s.family));
            s.listen((int) Math.max(0, backlog));
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** The socket behind a file descriptor number of this VM, or null. */
    static Slots.Stream byFd(VM vm, long fd) {
        return net(vm).byFd(fd);
    }

    /** Raises ImportError unless the VM was given the host's network. */
    public static void requireNetwork(VM vm, String module) {
        if (!vm.hostNetwork()) {
            throw Ops.error(Types.IMPORT_ERROR, "no module named '" + module + "'");
        }
    }

    /** A socket: one Java channel (made when the socket's role is known) and its selector. */
    static final class Sock implements PyObject, Slots.Stream, Slots.Print {
        final Net net;
        final int family;
        final int type;
        final int proto;
        int fd;
        boolean closed;
        /** -1: blocking without limit; 0: non-blocking; otherwise the timeout in milliseconds. */
        long timeoutMs = -1;

        ServerSocketChannel server;
        SocketChannel stream;
        DatagramChannel dgram;
        Selector selector;
        SelectionKey key;
        /** A non-blocking connect under way. */
        boolean connecting;
        /** A connect failed: the socket reads as ended; its error is reported once (SO_ERROR). */
        boolean failed;
        int pendingError;
        /** TCP bytes read ahead (by MSG_PEEK, or by poll looking for a reset) and not yet consumed. */
        byte[] peeked = new byte[0];
        /** No more TCP bytes will come: the peer closed, or reset the connection. */
        boolean ended;
        /** The error a reset connection reports once its read-ahead bytes are consumed (ECONNRESET). */
        int readError;
        /** The connection was reset: poll reports a hang-up. */
        boolean hungUp;
        /** A UDP datagram read by a MSG_PEEK. */
        byte[] peekedDatagram;
        InetSocketAddress peekedFrom;
        /** Options set before the channel existed (applied when it is made), by (level << 16 | name). */
        final Map<Integer, Object> options = new LinkedHashMap<>();
        final List<MembershipKey> memberships = new ArrayList<>();

        Sock(Net net, int family, int type, int proto) {
            this.net = net;
            this.family = family;
            this.type = type;
            this.proto = proto;
            this.fd = net.allocate(this);
        }

        public PyType type() {
            return net.type;
        }

        public void print(StringBuilder sb) {
            sb.append("<_socket ").append(fd).append('>');
        }

        ProtocolFamily protocolFamily() {
            return family == SocketAddress.AF_INET6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        }

        SelectableChannel channel() {
            return server != null ? server : stream != null ? stream : dgram;
        }

        void checkOpen() {
            if (closed) {
                throw Errno.oserror(EBADF);
            }
        }

        /** Puts a new channel in place: non-blocking, with the options set so far, and a selector. */
        void adopt(SelectableChannel ch) throws IOException {
            ch.configureBlocking(false);
            for (Map.Entry<Integer, Object> e : options.entrySet()) {
                applyOption((NetworkChannel) ch, e.getKey() >> 16, e.getKey() & 0xffff, e.getValue());
            }
            if (selector == null) {
                selector = Selector.open();
            }
            if (key != null) {
                key.cancel();
                selector.selectNow();
            }
            key = ch.register(selector, 0);
        }

        DatagramChannel datagram() throws IOException {
            if (dgram == null) {
                DatagramChannel ch = DatagramChannel.open(protocolFamily());
                adopt(ch);
                dgram = ch;
            }
            return dgram;
        }

        /** Waits until one of ops is ready, the timeout passes (false) or Ctrl-C comes. */
        boolean await(int ops, boolean dontWait) throws IOException {
            if (dontWait || timeoutMs == 0) {
                return false;
            }
            long deadline = timeoutMs < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMs * 1_000_000L;
            while (true) {
                net.vm.checkInterrupt();
                if (closed) {
                    throw Errno.oserror(EBADF);
                }
                key.interestOps(ops);
                long left = deadline == Long.MAX_VALUE ? SLICE_MS : (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    selector.selectedKeys().clear();
                    return selector.selectNow() > 0;
                }
                int n;
                Object gil = net.vm.blockingStart();
                try {
                    n = selector.select(Math.max(1, Math.min(SLICE_MS, left)));
                } finally {
                    net.vm.blockingEnd(gil);
                }
                selector.selectedKeys().clear();
                if (n > 0 && (key.readyOps() & ops) != 0) {
                    return true;
                }
            }
        }

        /** Reads what has arrived, up to max bytes, onto the read-ahead without waiting; false when nothing had. */
        boolean fill(int max) throws IOException {
            ByteBuffer buf = ByteBuffer.allocate(Math.max(1, max));
            int got;
            try {
                got = stream.read(buf);
            } catch (IOException e) {
                if (e instanceof ClosedChannelException) {
                    throw e;
                }
                ended = true;
                hungUp = true;
                readError = errnoOf(e);
                return true;
            }
            if (got < 0) {
                ended = true;
                return true;
            }
            if (got == 0) {
                return false;
            }
            byte[] all = java.util.Arrays.copyOf(peeked, peeked.length + got);
            System.arraycopy(buf.array(), 0, all, peeked.length, got);
            peeked = all;
            return true;
        }

        /** Resolves a non-blocking connect that has finished (or failed) since. */
        void settle() {
            if (!connecting) {
                return;
            }
            try {
                if (stream.finishConnect()) {
                    connecting = false;
                }
            } catch (IOException e) {
                connecting = false;
                failConnect(errnoOf(e));
            }
        }

        void failConnect(int errno) {
            failed = true;
            pendingError = errno;
            try {
                stream.close();
            } catch (IOException ignored) {
                // already failed
            }
        }

        // ---- role: bind, listen, accept, connect -------------------------------------------

        void bind(InetSocketAddress addr) {
            checkOpen();
            checkFamily(addr);
            try {
                if (type == SOCK_DGRAM) {
                    datagram().bind(addr);
                    return;
                }
                if (stream != null || server != null) {
                    throw Errno.oserror(EINVAL);
                }
                SocketChannel ch = SocketChannel.open(protocolFamily());
                try {
                    adopt(ch);
                    ch.bind(addr);
                } catch (IOException | RuntimeException e) {
                    ch.close();
                    throw e;
                }
                stream = ch;
            } catch (IOException e) {
                throw Errno.oserror(errnoOf(e));
            } catch (UnsupportedAddressTypeException e) {
                throw Errno.oserror(EAFNOSUPPORT);
            }
        }

        void checkFamily(InetSocketAddress addr) {
            if (SocketAddress.family(addr) != family) {
                throw Errno.oserror(family == SocketAddress.AF_INET6 ? EINVAL : EAFNOSUPPORT);
            }
        }

        void listen(int backlog) {
            checkOpen();
            if (type != SOCK_STREAM) {
                throw Errno.oserror(95);
            }
            if (server != null) {
                return;
            }
            try {
                java.net.SocketAddress local = null;
                if (stream != null) {
                    if (stream.isConnected() || connecting) {
                        throw Errno.oserror(EINVAL);
                    }
                    local = stream.getLocalAddress();
                    key.cancel();
                    stream.close();
                    // a channel registered with a selector lets its port go at the selector's next select
                    selector.selectNow();
                    stream = null;
                    key = null;
                }
                ServerSocketChannel ch = ServerSocketChannel.open(protocolFamily());
                try {
                    adopt(ch);
                    ch.bind(local, Math.max(1, backlog));
                } catch (IOException | RuntimeException e) {
                    ch.close();
                    throw e;
                }
                server = ch;
            } catch (IOException e) {
                throw Errno.oserror(errnoOf(e));
            }
        }

        Object accept() {
            checkOpen();
            if (server == null) {
                throw Errno.oserror(EINVAL);
            }
            try {
                while (true) {
                    SocketChannel c = server.accept();
                    if (c != null) {
                        Sock s = new Sock(net, family, SOCK_STREAM, 0);
                        s.adopt(c);
                        s.stream = c;
                        InetSocketAddress peer = (InetSocketAddress) c.getRemoteAddress();
                        return PyTuple.of(s, new PyByteArray(SocketAddress.encode(peer)));
                    }
                    if (!await(SelectionKey.OP_ACCEPT, false)) {
                        throw Errno.oserror(timeoutMs == 0 ? EAGAIN : ETIMEDOUT);
                    }
                }
            } catch (IOException e) {
                throw Errno.oserror(errnoOf(e));
            }
        }

        void connect(InetSocketAddress addr) {
            checkOpen();
            checkFamily(addr);
            try {
                if (type == SOCK_DGRAM) {
                    DatagramChannel d = datagram();
                    if (d.isConnected()) {
                        d.disconnect();
                    }
                    d.connect(addr);
                    return;
                }
                if (server != null) {
                    throw Errno.oserror(EISCONN);
                }
                settle();
                if (connecting) {
                    throw Errno.oserror(EALREADY);
                }
                if (stream != null && stream.isConnected()) {
                    throw Errno.oserror(EISCONN);
                }
                if (stream == null || !stream.isOpen()) {
                    SocketChannel ch = SocketChannel.open(protocolFamily());
                    adopt(ch);
                    stream = ch;
                }
                failed = false;
                pendingError = 0;
                boolean done;
                try {
                    done = stream.connect(addr);
                } catch (IOException e) {
                    int err = errnoOf(e);
                    stream.close();
                    stream = null;
                    throw Errno.oserror(err);
                }
                if (done) {
                    return;
                }
                connecting = true;
                if (timeoutMs == 0) {
                    throw Errno.oserror(EINPROGRESS);
                }
                boolean ready = await(SelectionKey.OP_CONNECT, false);
                if (!ready) {
                    // as the unix port: a blocking connect that ran out of time is ETIMEDOUT
                    connecting = false;
                    stream.close();
                    stream = null;
                    throw Errno.oserror(ETIMEDOUT);
                }
                settle();
                if (failed) {
                    int err = pendingError;
                    pendingError = 0;
                    failed = false;
                    stream = null;
                    throw Errno.oserror(err);
                }
            } catch (IOException e) {
                throw Errno.oserror(errnoOf(e));
            } catch (AlreadyConnectedException e) {
                throw Errno.oserror(EISCONN);
            } catch (ConnectionPendingException e) {
                throw Errno.oserror(EALREADY);
            } catch (UnresolvedAddressException | UnsupportedAddressTypeException e) {
                throw Errno.oserror(EAFNOSUPPORT);
            }
        }

        // ---- data ----------------------------------------------------------------------------

        /**
         * Reads at most n bytes: the bytes, an empty array at the end of the stream, or null when
         * nothing came (at once for a non-blocking socket, or within its timeout).
         */
        byte[] receive(int n, int flags, InetSocketAddress[] from) {
            checkOpen();
            boolean peek = (flags & MSG_PEEK) != 0;
            boolean dontWait = (flags & MSG_DONTWAIT) != 0;
            try {
                if (type == SOCK_DGRAM) {
                    return receiveDatagram(n, peek, dontWait, from);
                }
                settle();
                if (failed) {
                    if (pendingError != 0) {
                        int err = pendingError;
                        pendingError = 0;
                        throw Errno.oserror(err);
                    }
                    return new byte[0];
                }
                if (stream == null || server != null || (!stream.isConnected() && !connecting)) {
                    throw Errno.oserror(ENOTCONN);
                }
                if (connecting && timeoutMs == 0) {
                    return null;
                }
                if (from != null) {
                    from[0] = (InetSocketAddress) stream.getRemoteAddress();
                }
                if (n == 0) {
                    return new byte[0];
                }
                while (true) {
                    if (connecting) {
                        if (!await(SelectionKey.OP_CONNECT, dontWait)) {
                            return null;
                        }
                        settle();
                        if (failed) {
                            return receive(n, flags, from);
                        }
                        continue;
                    }
                    if (peeked.length < n && !ended) {
                        fill(n - peeked.length);
                    }
                    if (peeked.length > 0) {
                        int k = Math.min(n, peeked.length);
                        byte[] r = java.util.Arrays.copyOf(peeked, k);
                        if (!peek) {
                            peeked = java.util.Arrays.copyOfRange(peeked, k, peeked.length);
                        }
                        return r;
                    }
                    if (readError != 0) {
                        int err = readError;
                        readError = 0;
                        throw Errno.oserror(err);
                    }
                    if (ended) {
                        return new byte[0];
                    }
                    if (!await(SelectionKey.OP_READ, dontWait)) {
                        return null;
                    }
                }
            } catch (IOException e) {
                throw Errno.oserror(errnoOf(e));
            } catch (NotYetConnectedException e) {
                throw Errno.oserror(ENOTCONN);
            }
        }

        byte[] receiveDatagram(int n, boolean peek, boolean dontWait, InetSocketAddress[] from) throws IOException {
            DatagramChannel d = datagram();
            while (true) {
                if (peekedDatagram != null) {
                    byte[] r = java.util.Arrays.copyOf(peekedDatagram, Math.min(n, peekedDatagram.length));
                    if (from != null) {
                        from[0] = peekedFrom;
                    }
                    if (!peek) {
                        peekedDatagram = null;
                        peekedFrom = null;
                    }
                    return r;
                }
                ByteBuffer buf = ByteBuffer.allocate(65536);
                java.net.SocketAddress src = d.receive(buf);
                if (src != null) {
                    byte[] all = java.util.Arrays.copyOf(buf.array(), buf.position());
                    if (peek) {
                        peekedDatagram = all;
                        peekedFrom = (InetSocketAddress) src;
                        continue;
                    }
                    if (from != null) {
                        from[0] = (InetSocketAddress) src;
                    }
                    return java.util.Arrays.copyOf(all, Math.min(n, all.length));
                }
                if (!await(SelectionKey.OP_READ, dontWait)) {
                    return null;
                }
            }
        }

        /**
         * Sends bytes: how many went (a blocking socket sends them all unless its timeout
         * passes), or -1 when none could go without waiting (or within the timeout).
         */
        int send(byte[] data, int flags, InetSocketAddress to) {
            checkOpen();
            boolean dontWait = (flags & MSG_DONTWAIT) != 0;
            try {
                if (type == SOCK_DGRAM) {
                    DatagramChannel d = datagram();
                    if (to == null && !d.isConnected()) {
                        throw Errno.oserror(89); // EDESTADDRREQ
                    }
                    while (true) {
                        int sent = to == null ? d.write(ByteBuffer.wrap(data)) : d.send(ByteBuffer.wrap(data), to);
                        if (sent > 0 || data.length == 0) {
                            return sent;
                        }
                        if (!await(SelectionKey.OP_WRITE, dontWait)) {
                            return -1;
                        }
                    }
                }
                settle();
                if (failed) {
                    int err = pendingError != 0 ? pendingError : EPIPE;
                    pendingError = 0;
                    throw Errno.oserror(err);
                }
                if (stream == null || server != null || (!stream.isConnected() && !connecting)) {
                    throw Errno.oserror(server != null ? ENOTCONN : EPIPE);
                }
                ByteBuffer buf = ByteBuffer.wrap(data);
                int total = 0;
                while (true) {
                    if (connecting) {
                        if (!await(SelectionKey.OP_CONNECT, dontWait)) {
                            return total > 0 ? total : -1;
                        }
                        settle();
                        if (failed) {
                            return send(data, flags, to);
                        }
                        continue;
                    }
                    total += stream.write(buf);
                    if (!buf.hasRemaining()) {
                        return total;
                    }
                    if (!await(SelectionKey.OP_WRITE, dontWait)) {
                        return total > 0 ? total : -1;
                    }
                }
            } catch (IOException e) {
                throw Errno.oserror(errnoOf(e));
            } catch (NotYetConnectedException e) {
                throw Errno.oserror(ENOTCONN);
            } catch (UnresolvedAddressException | UnsupportedAddressTypeException e) {
                throw Errno.oserror(EAFNOSUPPORT);
            }
        }

        /** The error a stream read or write raises when nothing could be done: as the unix port. */
        PyObject wouldBlock() {
            if (timeoutMs != 0) {
                throw Errno.oserror(ETIMEDOUT);
            }
            return null;
        }

        // ---- select/poll -----------------------------------------------------------------------

        public long poll(VM vm, long mask) {
            if (closed) {
                return POLL_NVAL;
            }
            try {
                if (type == SOCK_DGRAM) {
                    long ev = mask & POLL_WR;
                    if ((mask & POLL_RD) != 0 && (peekedDatagram != null || ready(SelectionKey.OP_READ))) {
                        ev |= POLL_RD;
                    }
                    return ev;
                }
                if (server != null) {
                    return (mask & POLL_RD) != 0 && ready(SelectionKey.OP_ACCEPT) ? POLL_RD : 0;
                }
                if (connecting) {
                    if (!ready(SelectionKey.OP_CONNECT)) {
                        return 0;
                    }
                    settle();
                    if (connecting) {
                        return 0;
                    }
                }
                if (failed) {
                    return (mask & (POLL_RD | POLL_WR)) | POLL_HUP | (pendingError != 0 ? POLL_ERR : 0);
                }
                if (stream == null || !stream.isConnected()) {
                    return (mask & POLL_WR) | POLL_HUP;
                }
                long ev = 0;
                if ((mask & POLL_RD) != 0 && !ended && peeked.length < READ_AHEAD && ready(SelectionKey.OP_READ)) {
                    // read what came ahead, to tell data from an end or a reset (poll's IN/ERR/HUP)
                    for (int i = 0; i < 16 && !ended && fill(65536); i++) {
                        // keep reading while bytes arrive at once: a reset right after data shows too
                    }
                }
                if ((mask & POLL_RD) != 0 && (peeked.length > 0 || ended)) {
                    ev |= POLL_RD;
                }
                if (readError != 0) {
                    ev |= POLL_ERR;
                }
                if (hungUp) {
                    ev |= POLL_HUP;
                }
                int ops = (mask & POLL_WR) != 0 && !hungUp ? SelectionKey.OP_WRITE : 0;
                if (ops != 0) {
                    int r = readyOps(ops);
                    if ((r & SelectionKey.OP_WRITE) != 0) {
                        ev |= POLL_WR;
                    }
                }
                return ev;
            } catch (IOException e) {
                return POLL_ERR;
            }
        }

        boolean ready(int ops) throws IOException {
            return (readyOps(ops) & ops) != 0;
        }

        int readyOps(int ops) throws IOException {
            if (key == null || !key.isValid()) {
                return 0;
            }
            key.interestOps(ops);
            selector.selectedKeys().clear();
            int n = selector.selectNow();
            selector.selectedKeys().clear();
            return n > 0 ? key.readyOps() : 0;
        }

        void close() {
            if (closed) {
                return;
            }
            closed = true;
            net.release(fd);
            fd = -1;
            try {
                SelectableChannel ch = channel();
                if (ch != null) {
                    ch.close();
                }
                if (selector != null) {
                    selector.close();
                }
            } catch (IOException e) {
                // closing releases the descriptor whatever the outcome, as on the unix port
            }
        }

        // ---- options --------------------------------------------------------------------------

        void setOption(int level, int name, Object value) {
            checkOpen();
            Object v = Ops.isInt(value) ? (Object) Ops.toLong(value) : Ops.bytesOf(value);
            if (!known(level, name)) {
                throw Errno.oserror(ENOPROTOOPT);
            }
            if (level == IPPROTO_IP && (name == IP_ADD_MEMBERSHIP || name == IP_DROP_MEMBERSHIP)) {
                membership(name == IP_ADD_MEMBERSHIP, v);
                return;
            }
            options.put(level << 16 | name, v);
            SelectableChannel ch = channel();
            if (ch != null) {
                try {
                    applyOption((NetworkChannel) ch, level, name, v);
                } catch (IOException e) {
                    throw Errno.oserror(errnoOf(e));
                }
            }
        }

        static boolean known(int level, int name) {
            return switch (level) {
                case SOL_SOCKET -> name == SO_REUSEADDR || name == SO_BROADCAST || name == SO_KEEPALIVE
                        || name == SO_LINGER || name == SO_SNDBUF || name == SO_RCVBUF || name == SO_REUSEPORT
                        || name == SO_RCVTIMEO || name == SO_SNDTIMEO;
                case IPPROTO_TCP -> name == TCP_NODELAY;
                case IPPROTO_IP -> name == IP_MULTICAST_TTL || name == IP_MULTICAST_LOOP || name == IP_ADD_MEMBERSHIP
                        || name == IP_DROP_MEMBERSHIP;
                case IPPROTO_IPV6 -> name == IPV6_V6ONLY;
                default -> false;
            };
        }

        static long intValue(Object v) {
            if (v instanceof Long l) {
                return l;
            }
            byte[] b = (byte[]) v;
            long r = 0;
            for (int i = Math.min(4, b.length) - 1; i >= 0; i--) {
                r = r << 8 | (b[i] & 0xff);
            }
            return r;
        }

        void applyOption(NetworkChannel ch, int level, int name, Object v) throws IOException {
            long n = intValue(v);
            try {
                if (level == SOL_SOCKET) {
                    switch (name) {
                        case SO_REUSEADDR -> ch.setOption(StandardSocketOptions.SO_REUSEADDR, n != 0);
                        case SO_REUSEPORT -> {
                            if (ch.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                                ch.setOption(StandardSocketOptions.SO_REUSEPORT, n != 0);
                            }
                        }
                        case SO_BROADCAST -> {
                            if (ch instanceof DatagramChannel) {
                                ch.setOption(StandardSocketOptions.SO_BROADCAST, n != 0);
                            }
                        }
                        case SO_KEEPALIVE -> {
                            if (ch instanceof SocketChannel) {
                                ch.setOption(StandardSocketOptions.SO_KEEPALIVE, n != 0);
                            }
                        }
                        case SO_LINGER -> {
                            if (ch instanceof SocketChannel && v instanceof byte[] b && b.length >= 8) {
                                long on = intValue(b);
                                long secs = intValue(java.util.Arrays.copyOfRange(b, 4, 8));
                                ch.setOption(StandardSocketOptions.SO_LINGER, on != 0 ? (int) secs : -1);
                            }
                        }
                        case SO_SNDBUF -> {
                            if (!(ch instanceof ServerSocketChannel)) {
                                ch.setOption(StandardSocketOptions.SO_SNDBUF, (int) Math.max(1, n));
                            }
                        }
                        case SO_RCVBUF -> ch.setOption(StandardSocketOptions.SO_RCVBUF, (int) Math.max(1, n));
                        default -> {
                            // SO_RCVTIMEO/SO_SNDTIMEO: settimeout is how timeouts are set here
                        }
                    }
                } else if (level == IPPROTO_TCP && ch instanceof SocketChannel) {
                    ch.setOption(StandardSocketOptions.TCP_NODELAY, n != 0);
                } else if (level == IPPROTO_IP && ch instanceof DatagramChannel) {
                    if (name == IP_MULTICAST_TTL) {
                        ch.setOption(StandardSocketOptions.IP_MULTICAST_TTL, (int) n);
                    } else if (name == IP_MULTICAST_LOOP) {
                        ch.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, n != 0);
                    }
                }
                // IPV6_V6ONLY: Java's IPv6 sockets are dual-stack; the option is accepted
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                throw Errno.oserror(EINVAL);
            }
        }

        /** IP_ADD_MEMBERSHIP / IP_DROP_MEMBERSHIP with a struct ip_mreq (group, interface address). */
        void membership(boolean join, Object v) {
            if (!(v instanceof byte[] b) || b.length < 8) {
                throw Errno.oserror(EINVAL);
            }
            try {
                InetAddress group = InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 0, 4));
                InetAddress iface = InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 4, 8));
                if (join) {
                    NetworkInterface ni = iface.isAnyLocalAddress() ? defaultInterface() : NetworkInterface.getByInetAddress(iface);
                    if (ni == null) {
                        throw Errno.oserror(19); // ENODEV
                    }
                    memberships.add(datagram().join(group, ni));
                } else {
                    boolean dropped = false;
                    for (MembershipKey k : new ArrayList<>(memberships)) {
                        if (k.group().equals(group)) {
                            k.drop();
                            memberships.remove(k);
                            dropped = true;
                        }
                    }
                    if (!dropped) {
                        throw Errno.oserror(99); // EADDRNOTAVAIL
                    }
                }
            } catch (IOException e) {
                throw Errno.oserror(errnoOf(e));
            }
        }

        static NetworkInterface defaultInterface() throws IOException {
            for (NetworkInterface ni : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (ni.isUp() && ni.supportsMulticast() && !ni.isLoopback()) {
                    return ni;
                }
            }
            return NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
        }

        void setTimeout(Object t) {
            if (t == PyNone.NONE) {
                timeoutMs = -1;
                return;
            }
            double s = Ops.toDouble(t);
            if (s < 0) {
                throw Errno.oserror(33); // EDOM, as setsockopt(SO_RCVTIMEO) with a negative time
            }
            long us = Math.round(s * 1_000_000.0);
            timeoutMs = us == 0 ? 0 : Math.max(1, (us + 999) / 1000);
        }
    }

    // ---- stream methods shared by the socket and its makefile() files ------------------------

    /** read(n): up to n bytes, all of them unless the stream ends or (non-blocking) runs dry. */
    static Object read(Sock s, long n, boolean text) {
        return readFrom(s, readUpTo(want -> s.receive(want, 0, null), n, false), text);
    }

    static Object readline(Sock s, long max, boolean text) {
        return readFrom(s, readUpTo(want -> s.receive(want, 0, null), max, true), text);
    }

    /** What a stream read of a socket gives: the bytes (text: decoded), or None when none had come yet. */
    private static Object readFrom(Sock s, byte[] got, boolean text) {
        if (got == null) {
            s.wouldBlock();
            return PyNone.NONE;
        }
        return wrap(got, text);
    }

    /**
     * The stream reads of sockets and what wraps them (read, readline): bytes from source (which
     * gives up to n bytes, empty at the end, null when none are there now) up to max (all when
     * negative) or the end, with toNewline through the first newline (read a byte at a time). Null
     * when the source had none from the start; what came so far when it runs dry later.
     */
    static byte[] readUpTo(IntFunction<byte[]> source, long max, boolean toNewline) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (max < 0 || out.size() < max) {
            int want = toNewline ? 1 : max < 0 ? 4096 : (int) Math.min(65536, max - out.size());
            byte[] b = source.apply(want);
            if (b == null) {
                if (out.size() == 0) {
                    return null;
                }
                break;
            }
            if (b.length == 0) {
                break;
            }
            out.write(b, 0, b.length);
            if (toNewline && b[b.length - 1] == '\n') {
                break;
            }
        }
        return out.toByteArray();
    }

    static Object readinto(Sock s, Object buf, long max) {
        int len = (int) Math.min(max < 0 ? Integer.MAX_VALUE : max, ArrayType.writableLength(buf));
        int done = 0;
        byte[] got = new byte[len];
        while (done < len) {
            byte[] b = s.receive(len - done, 0, null);
            if (b == null) {
                if (done == 0) {
                    s.wouldBlock();
                    return PyNone.NONE;
                }
                break;
            }
            if (b.length == 0) {
                break;
            }
            System.arraycopy(b, 0, got, done, b.length);
            done += b.length;
        }
        ArrayType.store(buf, got, done);
        return (long) done;
    }

    static Object sendall(Sock s, Object data) {
        byte[] b = Ops.bytesOf(data);
        int off = 0;
        while (off < b.length) {
            int sent = s.send(java.util.Arrays.copyOfRange(b, off, b.length), 0, null);
            if (sent < 0) {
                throw Errno.oserror(s.timeoutMs == 0 ? EAGAIN : ETIMEDOUT);
            }
            off += sent;
        }
        return PyNone.NONE;
    }

    static Object write(Sock s, Object[] a) {
        byte[] b = a[1] instanceof String str ? str.getBytes(StandardCharsets.UTF_8) : Ops.bytesOf(a[1]);
        int off = 0;
        int len = b.length;
        if (a.length == 3) {
            len = (int) Math.min(len, Math.max(0, Ops.toLong(a[2])));
        } else if (a.length >= 4) {
            off = (int) Math.min(b.length, Math.max(0, Ops.toLong(a[2])));
            len = (int) Math.min(b.length - off, Math.max(0, Ops.toLong(a[3])));
        }
        int sent = s.send(java.util.Arrays.copyOfRange(b, off, off + len), 0, null);
        if (sent < 0) {
            s.wouldBlock();
            return PyNone.NONE;
        }
        return (long) sent;
    }

    static Object wrap(byte[] b, boolean text) {
        return text ? new String(b, StandardCharsets.UTF_8) : new PyBytes(b);
    }

    /** What makefile() gives: the socket seen as a file (closing it closes the socket, as on the unix port). */
    static final class SockFile implements PyObject, Slots.Stream, Slots.Print {
        final Sock sock;
        final boolean text;

        SockFile(Sock sock, boolean text) {
            this.sock = sock;
            this.text = text;
        }

        public PyType type() {
            return text ? TEXT_IO : FILE_IO;
        }

        public void print(StringBuilder sb) {
            sb.append("<io.").append(text ? "TextIOWrapper" : "FileIO").append(' ').append(sock.fd).append('>');
        }

        public long poll(VM vm, long mask) {
            return sock.poll(vm, mask);
        }
    }

    static Sock sockOf(Object o) {
        if (o instanceof Sock s) {
            return s;
        }
        if (o instanceof SockFile f) {
            return f.sock;
        }
        throw Ops.typeError("socket expected");
    }

    static boolean isText(Object o) {
        return o instanceof SockFile f && f.text;
    }

    static {
        for (PyType t : new PyType[] {SOCKET, FILE_IO, TEXT_IO}) {
            BuiltinTypes.method(t, "read", (a, kw) -> {
                Sock s = sockOf(a[0]);
                long n = a.length > 1 && a[1] != PyNone.NONE ? Ops.toLong(a[1]) : -1;
                return read(s, n, isText(a[0]));
            });
            BuiltinTypes.method(t, "readinto", (a, kw) -> readinto(sockOf(a[0]), a[1], a.length > 2 ? Ops.toLong(a[2]) : -1));
            BuiltinTypes.method(t, "readline", (a, kw) -> readline(sockOf(a[0]),
                    a.length > 1 && a[1] != PyNone.NONE ? Ops.toLong(a[1]) : -1, isText(a[0])));
            BuiltinTypes.method(t, "write", (a, kw) -> write(sockOf(a[0]), a));
            BuiltinTypes.method(t, "close", (a, kw) -> {
                sockOf(a[0]).close();
                return PyNone.NONE;
            });
            BuiltinTypes.method(t, "fileno", (a, kw) -> (long) sockOf(a[0]).fd);
        }
        for (PyType t : new PyType[] {FILE_IO, TEXT_IO}) {
            BuiltinTypes.method(t, "flush", (a, kw) -> PyNone.NONE);
            BuiltinTypes.method(t, "readlines", (a, kw) -> {
                PyList out = new PyList();
                while (true) {
                    Object l = readline(sockOf(a[0]), -1, isText(a[0]));
                    if (l == PyNone.NONE || Ops.len(l) == 0) {
                        return out;
                    }
                    out.items.add(l);
                }
            });
            BuiltinTypes.method(t, "__enter__", (a, kw) -> a[0]);
            BuiltinTypes.method(t, "__exit__", (a, kw) -> {
                sockOf(a[0]).close();
                return PyNone.NONE;
            });
            BuiltinTypes.method(t, "__iter__", (a, kw) -> a[0]);
            BuiltinTypes.method(t, "__next__", (a, kw) -> {
                Object l = readline(sockOf(a[0]), -1, isText(a[0]));
                if (l == PyNone.NONE || Ops.len(l) == 0) {
                    throw Ops.error(Types.STOP_ITERATION, null);
                }
                return l;
            });
        }
        BuiltinTypes.method(SOCKET, "bind", (a, kw) -> {
            Sock s = (Sock) a[0];
            s.bind(SocketAddress.decode(a[1], s.family));
            return PyNone.NONE;
        });
        BuiltinTypes.method(SOCKET, "listen", (a, kw) -> {
            ((Sock) a[0]).listen(a.length > 1 ? (int) Math.max(0, Ops.toLong(a[1])) : 2);
            return PyNone.NONE;
        });
        BuiltinTypes.method(SOCKET, "accept", (a, kw) -> ((Sock) a[0]).accept());
        BuiltinTypes.method(SOCKET, "connect", (a, kw) -> {
            Sock s = (Sock) a[0];
            s.connect(SocketAddress.decode(a[1], s.family));
            return PyNone.NONE;
        });
        BuiltinTypes.method(SOCKET, "recv", (a, kw) -> {
            Sock s = (Sock) a[0];
            long n = Ops.toLong(a[1]);
            byte[] b = s.receive((int) Math.max(0, n), a.length > 2 ? (int) Ops.toLong(a[2]) : 0, null);
            if (b == null) {
                throw Errno.oserror(EAGAIN);
            }
            return new PyBytes(b);
        });
        BuiltinTypes.method(SOCKET, "recvfrom", (a, kw) -> {
            Sock s = (Sock) a[0];
            InetSocketAddress[] from = new InetSocketAddress[1];
            byte[] b = s.receive((int) Math.max(0, Ops.toLong(a[1])), a.length > 2 ? (int) Ops.toLong(a[2]) : 0, from);
            if (b == null) {
                throw Errno.oserror(EAGAIN);
            }
            byte[] addr = from[0] != null ? SocketAddress.encode(from[0]) : new byte[0];
            return PyTuple.of(new PyBytes(b), new PyBytes(addr));
        });
        BuiltinTypes.method(SOCKET, "send", (a, kw) -> {
            Sock s = (Sock) a[0];
            int sent = s.send(Ops.bytesOf(a[1]), a.length > 2 ? (int) Ops.toLong(a[2]) : 0, null);
            if (sent < 0) {
                throw Errno.oserror(EAGAIN);
            }
            return (long) sent;
        });
        BuiltinTypes.method(SOCKET, "sendto", (a, kw) -> {
            Sock s = (Sock) a[0];
            int flags = a.length > 3 ? (int) Ops.toLong(a[2]) : 0;
            Object addr = a.length > 3 ? a[3] : a[2];
            byte[] data = Ops.bytesOf(a[1]);
            int sent = s.send(data, flags, SocketAddress.decode(addr, s.family));
            if (sent < 0) {
                throw Errno.oserror(EAGAIN);
            }
            return (long) sent;
        });
        BuiltinTypes.method(SOCKET, "setsockopt", (a, kw) -> {
            if (a.length != 4) {
                throw Ops.typeError("function expected 4 positional arguments");
            }
            ((Sock) a[0]).setOption((int) Ops.toLong(a[1]), (int) Ops.toLong(a[2]), a[3]);
            return PyNone.NONE;
        });
        BuiltinTypes.method(SOCKET, "setblocking", (a, kw) -> {
            Sock s = (Sock) a[0];
            s.checkOpen();
            s.timeoutMs = Ops.truthy(a[1]) ? -1 : 0;
            return PyNone.NONE;
        });
        BuiltinTypes.method(SOCKET, "settimeout", (a, kw) -> {
            Sock s = (Sock) a[0];
            s.checkOpen();
            s.setTimeout(a[1]);
            return PyNone.NONE;
        });
        BuiltinTypes.method(SOCKET, "makefile", (a, kw) -> {
            Sock s = (Sock) a[0];
            String mode = a.length > 1 ? Ops.str(a[1]) : "r";
            return new SockFile(s, !mode.contains("b"));
        });
    }

    static PyModule module(VM vm) {
        requireNetwork(vm, "socket");
        Net net = net(vm);
        PyModule m = new PyModule("socket");
        m.globals.put("socket", net.type);
        m.fn("getaddrinfo", (a, kw) -> getaddrinfo(a));
        m.fn("inet_pton", (a, kw) -> {
            int family = (int) Ops.toLong(a[0]);
            String text = Ops.str(a[1]);
            byte[] b = family == SocketAddress.AF_INET ? SocketAddress.parseV4(text)
                    : family == SocketAddress.AF_INET6 ? SocketAddress.parseV6(text) : null;
            if (family != SocketAddress.AF_INET && family != SocketAddress.AF_INET6) {
                throw Errno.oserror(EAFNOSUPPORT);
            }
            if (b == null) {
                throw Errno.oserror(EINVAL);
            }
            return new PyBytes(b);
        });
        m.fn("inet_ntop", (a, kw) -> {
            int family = (int) Ops.toLong(a[0]);
            return SocketAddress.format(family, Ops.bytesOf(a[1]));
        });
        m.fn("sockaddr", (a, kw) -> sockaddr(Ops.bytesOf(a[0])));
        Object[][] constants = {
            {"AF_UNIX", SocketAddress.AF_UNIX}, {"AF_INET", SocketAddress.AF_INET}, {"AF_INET6", SocketAddress.AF_INET6},
            {"SOCK_STREAM", SOCK_STREAM}, {"SOCK_DGRAM", SOCK_DGRAM}, {"SOCK_RAW", SOCK_RAW},
            {"MSG_DONTROUTE", MSG_DONTROUTE}, {"MSG_DONTWAIT", MSG_DONTWAIT}, {"MSG_PEEK", MSG_PEEK},
            {"SOL_SOCKET", SOL_SOCKET}, {"SO_BROADCAST", SO_BROADCAST}, {"SO_ERROR", SO_ERROR},
            {"SO_KEEPALIVE", SO_KEEPALIVE}, {"SO_LINGER", SO_LINGER}, {"SO_REUSEADDR", SO_REUSEADDR},
            {"IP_ADD_MEMBERSHIP", IP_ADD_MEMBERSHIP}, {"IP_DROP_MEMBERSHIP", IP_DROP_MEMBERSHIP},
        };
        for (Object[] c : constants) {
            m.globals.put((String) c[0], (long) (Integer) c[1]);
        }
        return m;
    }

    static Sock make(Net net, Object[] a) {
        long family = a.length > 0 ? Ops.toLong(a[0]) : SocketAddress.AF_INET;
        long type = a.length > 1 ? Ops.toLong(a[1]) : SOCK_STREAM;
        long proto = a.length > 2 ? Ops.toLong(a[2]) : 0;
        int kind = (int) (type & ~(2048L | 524288L)); // SOCK_NONBLOCK, SOCK_CLOEXEC
        if (family != SocketAddress.AF_INET && family != SocketAddress.AF_INET6) {
            throw Errno.oserror(EAFNOSUPPORT);
        }
        if (kind == SOCK_RAW) {
            throw Errno.oserror(1); // EPERM: raw sockets need privileges the VM does not take
        }
        if (kind != SOCK_STREAM && kind != SOCK_DGRAM) {
            throw Errno.oserror(EINVAL);
        }
        if (proto != 0 && proto != (kind == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP)) {
            throw Errno.oserror(93); // EPROTONOSUPPORT
        }
        Sock s = new Sock(net, (int) family, kind, (int) proto);
        if ((type & 2048L) != 0) {
            s.timeoutMs = 0;
        }
        return s;
    }

    static PyTuple sockaddr(byte[] b) {
        if (b.length < 2) {
            throw Errno.oserror(EINVAL);
        }
        int fam = (b[0] & 0xff) | (b[1] & 0xff) << 8;
        int port = b.length >= 4 ? (b[2] & 0xff) << 8 | (b[3] & 0xff) : 0;
        if (fam == SocketAddress.AF_INET && b.length >= 8) {
            return PyTuple.of((long) fam, new PyBytes(java.util.Arrays.copyOfRange(b, 4, 8)), (long) port);
        }
        if (fam == SocketAddress.AF_INET6 && b.length >= 28) {
            long flow = be32(b, 4);
            long scope = be32(b, 24);
            return PyTuple.of((long) fam, new PyBytes(java.util.Arrays.copyOfRange(b, 8, 24)), (long) port, flow, scope);
        }
        return PyTuple.of((long) fam, new PyBytes(java.util.Arrays.copyOfRange(b, 2, b.length)));
    }

    private static long be32(byte[] b, int off) {
        return (long) (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }

    /** Service names the resolver knows without /etc/services: port, and whether TCP and UDP carry it. */
    private static final Map<String, int[]> SERVICES = Map.of("http", new int[] {80, 1, 0},
            "https", new int[] {443, 1, 0}, "ftp", new int[] {21, 1, 0}, "ssh", new int[] {22, 1, 0},
            "telnet", new int[] {23, 1, 0}, "smtp", new int[] {25, 1, 0}, "domain", new int[] {53, 1, 1},
            "ntp", new int[] {123, 0, 1}, "mqtt", new int[] {1883, 1, 0}, "echo", new int[] {7, 1, 1});

    static PyList getaddrinfo(Object[] a) {
        if (a.length < 2) {
            throw Ops.typeError("function missing required positional argument");
        }
        String host = Ops.str(a[0] instanceof String ? a[0] : requireStr(a[0]));
        int port;
        int[] service = null;
        if (Ops.isInt(a[1])) {
            port = (int) (Ops.toLong(a[1]) & 0xffff);
        } else {
            String serv = Ops.str(requireStr(a[1]));
            service = SERVICES.get(serv);
            if (service != null) {
                port = service[0];
            } else {
                try {
                    port = Integer.parseInt(serv) & 0xffff;
                } catch (NumberFormatException e) {
                    throw Ops.error(Types.OS_ERROR, "[addrinfo error -8]");
                }
            }
        }
        int family = a.length > 2 ? (int) Ops.toLong(a[2]) : 0;
        int type = a.length > 3 ? (int) Ops.toLong(a[3]) : 0;
        int proto = a.length > 4 ? (int) Ops.toLong(a[4]) : 0;
        if (family != 0 && family != SocketAddress.AF_INET && family != SocketAddress.AF_INET6) {
            throw Ops.error(Types.OS_ERROR, "[addrinfo error -6]");
        }
        if (host.isEmpty()) {
            throw Ops.error(Types.OS_ERROR, "[addrinfo error -2]");
        }
        if (SocketAddress.wrongFamily(host, family)) {
            throw Ops.error(Types.OS_ERROR, "[addrinfo error -9]");
        }
        InetAddress[] addrs;
        try {
            addrs = SocketAddress.resolve(host, family);
        } catch (UnknownHostException e) {
            throw Ops.error(Types.OS_ERROR, "[addrinfo error -2]");
        }
        int[][] kinds = {{SOCK_STREAM, IPPROTO_TCP}, {SOCK_DGRAM, IPPROTO_UDP}, {SOCK_RAW, 0}};
        PyList out = new PyList();
        for (InetAddress ip : addrs) {
            byte[] sa = SocketAddress.encode(new InetSocketAddress(ip, port));
            long fam = SocketAddress.family(new InetSocketAddress(ip, port));
            for (int[] k : kinds) {
                if (type != 0 && type != k[0]) {
                    continue;
                }
                if (proto != 0 && proto != k[1]) {
                    continue;
                }
                if (service != null && (k[0] == SOCK_RAW || service[k[0]] == 0)) {
                    continue; // a named service exists only over the protocols that carry it
                }
                if (type == 0 && proto == 0 || k[0] != SOCK_RAW || type == SOCK_RAW) {
                    int p = k[0] == SOCK_RAW ? proto : k[1];
                    out.items.add(PyTuple.of(fam, (long) k[0], (long) p, PyNone.NONE, new PyByteArray(sa.clone())));
                }
            }
        }
        return out;
    }

    private static Object requireStr(Object o) {
        if (!(o instanceof String)) {
            throw Ops.typeError("can't convert '" + Ops.typeName(o) + "' object to str implicitly");
        }
        return o;
    }

    /** The errno an I/O failure of the host stands for (Java keeps the system's message). */
    static int errnoOf(IOException e) {
        if (e instanceof ClosedChannelException) {
            return EBADF;
        }
        if (e instanceof java.net.PortUnreachableException) {
            return ECONNREFUSED;
        }
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        String[][] table = {
            {"connection refused", "111"}, {"connection reset", "104"}, {"broken pipe", "32"},
            {"address already in use", "98"}, {"cannot assign requested address", "99"},
            {"network is unreachable", "101"}, {"no route to host", "113"}, {"permission denied", "13"},
            {"timed out", "110"}, {"protocol not available", "92"}, {"invalid argument", "22"},
            {"already connected", "106"}, {"message too long", "90"}, {"not supported", "95"},
            {"address family", "97"}, {"host is down", "112"}, {"too many open files", "24"},
        };
        for (String[] row : table) {
            if (m.contains(row[0])) {
                return Integer.parseInt(row[1]);
            }
        }
        if (e instanceof java.net.BindException) {
            return 98;
        }
        if (e instanceof java.net.ConnectException) {
            return ECONNREFUSED;
        }
        return 5;
    }
}
