package dev.mpt.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A serial port on another machine, served over TCP by an RFC 2217 server (ser2net,
 * Espressif's esp_rfc2217_server, pyserial's example server): Telnet with the COM-PORT-OPTION,
 * through which the baud rate and the DTR/RTS lines are set remotely. Named
 * {@code rfc2217://HOST:PORT}.
 *
 * <p>Data bytes 0xFF are doubled on the wire both ways; each line change is acknowledged by
 * the server, and this link waits for the acknowledgement (at most {@link #ACK_TIMEOUT}), so
 * that a reset sequence's timing holds at the far end.
 */
public final class Rfc2217Link extends PumpedLink implements LineControl {
    static final int IAC = 255;
    static final int DONT = 254;
    static final int DO = 253;
    static final int WONT = 252;
    static final int WILL = 251;
    static final int SB = 250;
    static final int SE = 240;
    static final int BINARY = 0;
    static final int SGA = 3;
    static final int COM_PORT = 44;
    static final int SET_BAUDRATE = 1;
    static final int SET_DATASIZE = 2;
    static final int SET_PARITY = 3;
    static final int SET_STOPSIZE = 4;
    static final int SET_CONTROL = 5;
    static final int PURGE_DATA = 12;
    /** How long the server may take to acknowledge a setting. */
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(3);

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition acked = lock.newCondition();
    /** Count of acknowledgements per COM-PORT-OPTION code (server codes minus 100). */
    private final int[] acks = new int[32];
    private volatile int baud;

    private Rfc2217Link(Socket socket, String name, int baud) throws IOException {
        super(name);
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
        this.baud = baud;
        startPump(this::pump, "mpt-rfc2217-reader");
    }

    /**
     * Connects, negotiates binary mode and the COM-PORT-OPTION, and sets 8N1 at {@code baud}
     * with DTR and RTS as {@code lines} says.
     */
    public static Rfc2217Link connect(String host, int port, int baud, SerialSettings.ControlLines lines,
            Duration connectTimeout) throws LinkException {
        String name = "rfc2217://" + host + ":" + port;
        Socket socket = new Socket();
        Rfc2217Link link;
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, connectTimeout.toMillis()));
            link = new Rfc2217Link(socket, name, baud);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw new LinkClosedException("cannot connect to " + name + ": " + e.getMessage(), e);
        }
        try {
            link.raw(IAC, WILL, BINARY, IAC, DO, BINARY, IAC, WILL, SGA, IAC, DO, SGA, IAC, WILL, COM_PORT);
            link.setBaud(baud);
            link.subnegotiate(SET_DATASIZE, new byte[] {8});
            link.subnegotiate(SET_PARITY, new byte[] {1});
            link.subnegotiate(SET_STOPSIZE, new byte[] {1});
            boolean on = lines == SerialSettings.ControlLines.ASSERT;
            link.setDtr(on);
            link.setRts(on);
        } catch (LinkException e) {
            link.close();
            throw e;
        }
        return link;
    }

    private void raw(int... bytes) throws LinkException {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        sendRaw(b, 0, b.length);
    }

    private void sendRaw(byte[] b, int off, int len) throws LinkException {
        synchronized (out) {
            try {
                out.write(b, off, len);
                out.flush();
            } catch (IOException e) {
                throw new LinkClosedException("write to " + description() + " failed: " + e.getMessage(), e);
            }
        }
    }

    /** Sends one COM-PORT-OPTION request and waits until the server acknowledges it. */
    private void subnegotiate(int code, byte[] value) throws LinkException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.write(IAC);
        b.write(SB);
        b.write(COM_PORT);
        b.write(code);
        for (byte v : value) {
            b.write(v);
            if ((v & 0xff) == IAC) {
                b.write(IAC);
            }
        }
        b.write(IAC);
        b.write(SE);
        int before;
        lock.lock();
        try {
            before = acks[code];
        } finally {
            lock.unlock();
        }
        byte[] bytes = b.toByteArray();
        sendRaw(bytes, 0, bytes.length);
        long remaining = ACK_TIMEOUT.toNanos();
        lock.lock();
        try {
            while (acks[code] == before) {
                if (remaining <= 0 || !open()) {
                    throw new LinkTimeoutException(description() + " did not acknowledge a port setting within "
                            + Durations.format(ACK_TIMEOUT) + " (is it an RFC 2217 server?)");
                }
                remaining = acked.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinkClosedException(description() + ": interrupted");
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int baud() {
        return baud;
    }

    @Override
    public void setBaud(int newBaud) throws LinkException {
        subnegotiate(SET_BAUDRATE, new byte[] {(byte) (newBaud >>> 24), (byte) (newBaud >>> 16),
            (byte) (newBaud >>> 8), (byte) newBaud});
        baud = newBaud;
    }

    @Override
    public boolean setDtr(boolean asserted) throws LinkException {
        subnegotiate(SET_CONTROL, new byte[] {(byte) (asserted ? 8 : 9)});
        return true;
    }

    @Override
    public boolean setRts(boolean asserted) throws LinkException {
        subnegotiate(SET_CONTROL, new byte[] {(byte) (asserted ? 11 : 12)});
        return true;
    }

    @Override
    public void discardInput() {
        incoming.clear();
    }

    @Override
    protected void send(byte[] buf, int off, int len) throws LinkException {
        int extra = 0;
        for (int i = off; i < off + len; i++) {
            if ((buf[i] & 0xff) == IAC) {
                extra++;
            }
        }
        if (extra == 0) {
            sendRaw(buf, off, len);
            return;
        }
        byte[] esc = new byte[len + extra];
        int j = 0;
        for (int i = off; i < off + len; i++) {
            esc[j++] = buf[i];
            if ((buf[i] & 0xff) == IAC) {
                esc[j++] = buf[i];
            }
        }
        sendRaw(esc, 0, esc.length);
    }

    /** Reads the socket, answers option negotiation, counts acknowledgements, passes data on. */
    private void pump() {
        byte[] buf = new byte[8192];
        byte[] data = new byte[8192];
        int state = 0; // 0 data, 1 after IAC, 2 option byte, 3 in subnegotiation, 4 IAC in subnegotiation
        int verb = 0;
        byte[] sub = new byte[64];
        int subLen = 0;
        try {
            while (open()) {
                int n = in.read(buf);
                if (n < 0) {
                    incoming.closeWith(open() ? new LinkException(description() + " closed the connection") : null);
                    return;
                }
                int d = 0;
                for (int i = 0; i < n; i++) {
                    int b = buf[i] & 0xff;
                    switch (state) {
                        case 0 -> {
                            if (b == IAC) {
                                state = 1;
                            } else {
                                data[d++] = (byte) b;
                            }
                        }
                        case 1 -> {
                            if (b == IAC) {
                                data[d++] = (byte) b;
                                state = 0;
                            } else if (b == DO || b == DONT || b == WILL || b == WONT) {
                                verb = b;
                                state = 2;
                            } else if (b == SB) {
                                subLen = 0;
                                state = 3;
                            } else {
                                state = 0;
                            }
                        }
                        case 2 -> {
                            answer(verb, b);
                            state = 0;
                        }
                        case 3 -> {
                            if (b == IAC) {
                                state = 4;
                            } else if (subLen < sub.length) {
                                sub[subLen++] = (byte) b;
                            }
                        }
                        default -> {
                            if (b == SE) {
                                subnegotiated(sub, subLen);
                                state = 0;
                            } else {
                                if (subLen < sub.length) {
                                    sub[subLen++] = (byte) b;
                                }
                                state = 3;
                            }
                        }
                    }
                }
                if (d > 0) {
                    incoming.put(data, 0, d);
                }
            }
        } catch (IOException e) {
            incoming.closeWith(open() ? new LinkException(description() + ": " + e.getMessage()) : null);
        }
    }

    /** Refuses every option we did not ask for; agrees to the ones we use. */
    private void answer(int verb, int option) throws LinkException {
        boolean ours = option == BINARY || option == SGA || option == COM_PORT;
        if (verb == DO && !ours) {
            raw(IAC, WONT, option);
        } else if (verb == WILL && !ours) {
            raw(IAC, DONT, option);
        }
    }

    private void subnegotiated(byte[] sub, int len) {
        if (len < 2 || (sub[0] & 0xff) != COM_PORT) {
            return;
        }
        int code = (sub[1] & 0xff) - 100;
        if (code < 0 || code >= acks.length) {
            return;
        }
        lock.lock();
        try {
            acks[code]++;
            acked.signalAll();
        } finally {
            lock.unlock();
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
