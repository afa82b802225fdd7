package dev.mpt.vm.extmod;

import dev.mpt.vm.ArrayType;
import dev.mpt.vm.BuiltinTypes;
import dev.mpt.vm.Errno;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyBytes;
import dev.mpt.vm.PyByteArray;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyException;
import dev.mpt.vm.PyList;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyObject;
import dev.mpt.vm.PyTuple;
import dev.mpt.vm.PyType;
import dev.mpt.vm.Slots;
import dev.mpt.vm.Types;
import dev.mpt.vm.VM;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * tls and ssl (MicroPython's modtls and micropython-lib's ssl.py) on the JDK's TLS: an
 * SSLContext for a client or a server with a certificate chain and key (DER or PEM; PKCS#1,
 * SEC1 or PKCS#8 keys), CA certificates to verify the peer with (cadata) and a verify mode;
 * wrap_socket gives an SSLSocket that runs an SSLEngine over any stream (its read/readinto
 * and write), blocking or not as the stream is. Errors carry mbedTLS's numbers and names
 * where a program can see them (certificate verification, fatal alerts, the peer closing).
 */
public final class Tls {
    private Tls() {}

    static final PyType CONTEXT = new PyType("SSLContext", new PyType[] {Types.OBJECT}, true);
    static final PyType SSL_SOCKET = new PyType("SSLSocket", new PyType[] {Types.OBJECT}, true);

    static final long PROTOCOL_TLS_CLIENT = 0;
    static final long PROTOCOL_TLS_SERVER = 1;
    static final long PROTOCOL_DTLS_CLIENT = 2;
    static final long PROTOCOL_DTLS_SERVER = 3;
    static final long CERT_NONE = 0;
    static final long CERT_OPTIONAL = 1;
    static final long CERT_REQUIRED = 2;

    /** An SSLContext: its role, its certificate and key, the CAs it trusts and how strictly. */
    static final class Ctx implements PyObject, Slots.Attributes, Slots.Print {
        final VM vm;
        final boolean server;
        long verifyMode;
        PrivateKey key;
        X509Certificate[] chain;
        final List<X509Certificate> cas = new ArrayList<>();
        String[] ciphers;
        /** DTLS (PROTOCOL_DTLS_*): records over datagrams, one write a datagram. */
        boolean dtls;
        /**
         * A DTLS server's handshakes that answered a ClientHello with a HelloVerifyRequest, by
         * client id: the client's next ClientHello (with the cookie, the handshake's second
         * message) goes on in the same engine when that client is wrapped again.
         */
        final Map<String, SSLEngine> helloVerified = new java.util.HashMap<>();

        Ctx(VM vm, boolean server, long verifyMode) {
            this.vm = vm;
            this.server = server;
            this.verifyMode = verifyMode;
        }

        public PyType type() {
            return CONTEXT;
        }

        public void print(StringBuilder sb) {
            sb.append("<SSLContext>");
        }

        public Object getAttr(String name) {
            return name.equals("verify_mode") ? (Object) verifyMode : null;
        }

        public boolean setAttr(String name, Object value) {
            if (name.equals("verify_mode")) {
                long v = Ops.toLong(value);
                if (v < CERT_NONE || v > CERT_REQUIRED) {
                    throw Ops.valueError("invalid verify_mode");
                }
                verifyMode = v;
                return true;
            }
            return false;
        }

        SSLEngine engine(boolean serverSide, String hostname) {
            try {
                KeyManager[] kms = null;
                if (key != null) {
                    KeyStore ks = KeyStore.getInstance("PKCS12");
                    ks.load(null, null);
                    char[] pw = "mpt".toCharArray();
                    ks.setKeyEntry("key", key, pw, chain);
                    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                    kmf.init(ks, pw);
                    kms = kmf.getKeyManagers();
                }
                TrustManager[] tms;
                if (verifyMode == CERT_REQUIRED) {
                    KeyStore ts = KeyStore.getInstance("PKCS12");
                    ts.load(null, null);
                    for (int i = 0; i < cas.size(); i++) {
                        ts.setCertificateEntry("ca" + i, cas.get(i));
                    }
                    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                    tmf.init(ts);
                    tms = tmf.getTrustManagers();
                    for (int i = 0; i < tms.length; i++) {
                        if (tms[i] instanceof X509ExtendedTrustManager x) {
                            tms[i] = checkingDates(x);
                        }
                    }
                } else {
                    tms = new TrustManager[] {TRUST_ALL};
                }
                SSLContext c = SSLContext.getInstance(dtls ? "DTLS" : "TLS");
                c.init(kms, tms, null);
                SSLEngine e = !serverSide && hostname != null ? c.createSSLEngine(hostname, 443) : c.createSSLEngine();
                e.setUseClientMode(!serverSide);
                SSLParameters p = e.getSSLParameters();
                // TLS 1.2, as MicroPython's mbedTLS configuration speaks it (same messages, alerts and suites)
                p.setProtocols(new String[] {dtls ? "DTLSv1.2" : "TLSv1.2"});
                if (serverSide) {
                    if (verifyMode == CERT_REQUIRED) {
                        p.setNeedClientAuth(true);
                    } else if (verifyMode == CERT_OPTIONAL) {
                        p.setWantClientAuth(true);
                    }
                } else if (hostname != null) {
                    try {
                        p.setServerNames(List.of(new SNIHostName(hostname)));
                    } catch (IllegalArgumentException ignored) {
                        // an address or odd name: no SNI, as mbedTLS sends none for it either
                    }
                    if (verifyMode == CERT_REQUIRED) {
                        p.setEndpointIdentificationAlgorithm("HTTPS");
                    }
                }
                if (ciphers != null) {
                    p.setCipherSuites(ciphers);
                }
                e.setSSLParameters(p);
                return e;
            } catch (java.security.GeneralSecurityException | java.io.IOException e) {
                throw Ops.error(Types.OS_ERROR, "TLS setup failed: " + e.getMessage());
            }
        }
    }

    /**
     * The JDK's trust check, after the dates of every certificate the peer sent, as mbedTLS
     * checks them (PKIX does not check a trusted certificate's own dates: a peer that sends its
     * expired self-signed certificate, also given as cadata, passed).
     */
    static X509ExtendedTrustManager checkingDates(X509ExtendedTrustManager pkix) {
        return new X509ExtendedTrustManager() {
            private void dates(X509Certificate[] chain) throws java.security.cert.CertificateException {
                for (X509Certificate c : chain) {
                    c.checkValidity();
                }
            }

            public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket s)
                    throws java.security.cert.CertificateException {
                dates(chain);
                pkix.checkClientTrusted(chain, authType, s);
            }

            public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket s)
                    throws java.security.cert.CertificateException {
                dates(chain);
                pkix.checkServerTrusted(chain, authType, s);
            }

            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine e)
                    throws java.security.cert.CertificateException {
                dates(chain);
                pkix.checkClientTrusted(chain, authType, e);
            }

            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine e)
                    throws java.security.cert.CertificateException {
                dates(chain);
                pkix.checkServerTrusted(chain, authType, e);
            }

            public void checkClientTrusted(X509Certificate[] chain, String authType)
                    throws java.security.cert.CertificateException {
                dates(chain);
                pkix.checkClientTrusted(chain, authType);
            }

            public void checkServerTrusted(X509Certificate[] chain, String authType)
                    throws java.security.cert.CertificateException {
                dates(chain);
                pkix.checkServerTrusted(chain, authType);
            }

            public X509Certificate[] getAcceptedIssuers() {
                return pkix.getAcceptedIssuers();
            }
        };
    }

    /** Trusts any peer: CERT_NONE and CERT_OPTIONAL (the handshake goes on whatever the certificate). */
    static final X509ExtendedTrustManager TRUST_ALL = new X509ExtendedTrustManager() {
        public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket s) {}

        public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket s) {}

        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine e) {}

        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine e) {}

        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };

    /** Raised inside when the stream underneath has nothing now (non-blocking): the caller answers None. */
    static final class WouldBlock extends RuntimeException {
        WouldBlock() {
            super(null, null, false, false);
        }
    }

    /** A TLS connection over a stream. */
    static final class TlsSock implements PyObject, Slots.Stream, Slots.Print {
        final VM vm;
        final Object sock;
        final SSLEngine engine;
        /** Bytes read from the stream, not yet decrypted. */
        ByteBuffer netIn = ByteBuffer.allocate(0);
        /** Decrypted bytes not yet read. */
        byte[] appIn = new byte[0];
        /** Encrypted bytes not yet written to the stream. */
        byte[] netOut = new byte[0];
        boolean closed;
        boolean peerClosed;
        boolean started;
        /** A DTLS server that has just sent a HelloVerifyRequest (the client comes again with the cookie). */
        boolean helloVerifySent;
        /** A DTLS server's context and the client's transport id, else null. */
        Ctx ctx;
        String clientId;

        TlsSock(VM vm, Object sock, SSLEngine engine) {
            this.vm = vm;
            this.sock = sock;
            this.engine = engine;
        }

        public PyType type() {
            return SSL_SOCKET;
        }

        public void print(StringBuilder sb) {
            sb.append("<SSLSocket>");
        }

        void checkOpen() {
            if (closed) {
                throw Errno.oserror(9);
            }
        }

        /** Writes pending encrypted bytes; false when the stream cannot take them now. */
        boolean flush() {
            while (netOut.length > 0) {
                Object r = Ops.call(Ops.getattr(sock, "write"), new PyBytes(netOut));
                if (r == PyNone.NONE) {
                    return false;
                }
                int n = (int) Ops.toLong(r);
                netOut = java.util.Arrays.copyOfRange(netOut, Math.min(n, netOut.length), netOut.length);
                if (n == 0) {
                    return false;
                }
            }
            return true;
        }

        /** Reads more encrypted bytes; false at the end of the stream; WouldBlock when none now. */
        boolean fill() {
            byte[] got;
            if (sock instanceof Socket.Sock s) {
                // one read of what is there (mbedTLS reads its socket with MP_STREAM_RW_ONCE)
                got = s.receive(16709, 0, null);
                if (got == null) {
                    s.wouldBlock();
                    throw new WouldBlock();
                }
            } else {
                PyByteArray buf = new PyByteArray(new byte[16709]);
                Object r = Ops.call(Ops.getattr(sock, "readinto"), buf);
                if (r == PyNone.NONE) {
                    throw new WouldBlock();
                }
                got = java.util.Arrays.copyOf(buf.data, (int) Math.max(0, Ops.toLong(r)));
            }
            int n = got.length;
            if (n <= 0) {
                return false;
            }
            ByteBuffer nb = ByteBuffer.allocate(netIn.remaining() + n);
            nb.put(netIn);
            nb.put(got, 0, n);
            nb.flip();
            netIn = nb;
            return true;
        }

        void wrap(ByteBuffer src) throws SSLException {
            while (true) {
                ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
                SSLEngineResult r = engine.wrap(src, out);
                out.flip();
                byte[] b = new byte[out.remaining()];
                out.get(b);
                // a DTLS handshake record (type 22, 13-byte header) holding a HelloVerifyRequest (3)
                if (b.length > 13 && b[0] == 22 && b[13] == 3 && ctx != null) {
                    helloVerifySent = true;
                }
                netOut = Stream2.concat(netOut, b);
                if (r.getStatus() != SSLEngineResult.Status.OK || !src.hasRemaining()) {
                    return;
                }
            }
        }

        /** Decrypts what has arrived; false when more bytes are needed. */
        boolean unwrap() throws SSLException {
            ByteBuffer out = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize() + 64);
            SSLEngineResult r = engine.unwrap(netIn, out);
            out.flip();
            if (out.hasRemaining()) {
                byte[] b = new byte[out.remaining()];
                out.get(b);
                appIn = Stream2.concat(appIn, b);
            }
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                peerClosed = true;
                return true;
            }
            return r.getStatus() != SSLEngineResult.Status.BUFFER_UNDERFLOW;
        }

        /** Runs the handshake as far as the stream allows (WouldBlock when it must wait). */
        void handshake() {
            try {
                if (!started) {
                    started = true;
                    engine.beginHandshake();
                }
                while (true) {
                    SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
                    switch (hs) {
                        case NEED_WRAP -> {
                            wrap(ByteBuffer.allocate(0));
                            if (!flush()) {
                                throw new WouldBlock();
                            }
                            if (helloVerifySent) {
                                // as mbedTLS: this connection attempt ends here, the client's
                                // next ClientHello (with the cookie) goes to a new socket
                                closed = true;
                                if (ctx != null) {
                                    ctx.helloVerified.put(clientId, engine);
                                }
                                throw tlsError(-27264, "MBEDTLS_ERR_SSL_HELLO_VERIFY_REQUIRED");
                            }
                        }
                        case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                            if (!unwrap()) {
                                if (!fill()) {
                                    throw tlsError(-29312, "MBEDTLS_ERR_SSL_CONN_EOF");
                                }
                            } else if (peerClosed) {
                                throw tlsError(-29312, "MBEDTLS_ERR_SSL_CONN_EOF");
                            }
                        }
                        case NEED_TASK -> {
                            Runnable t;
                            while ((t = engine.getDelegatedTask()) != null) {
                                t.run();
                            }
                        }
                        default -> {
                            if (!flush()) {
                                throw new WouldBlock();
                            }
                            return;
                        }
                    }
                }
            } catch (SSLException e) {
                try {
                    // tell the peer why, as mbedTLS sends its alert
                    engine.closeOutbound();
                    wrap(ByteBuffer.allocate(0));
                    flush();
                } catch (SSLException | PyError | WouldBlock ignored) {
                    // the connection is failing anyway
                }
                throw mapped(e);
            }
        }

        boolean handshaking() {
            SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
            return !started || (hs != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
                    && hs != SSLEngineResult.HandshakeStatus.FINISHED);
        }

        /** Up to n decrypted bytes; empty at the end; null when none now (non-blocking). */
        byte[] read(int n) {
            checkOpen();
            try {
                if (handshaking()) {
                    handshake();
                }
                flush();
                while (appIn.length == 0 && !peerClosed) {
                    if (!netIn.hasRemaining() || !unwrap()) {
                        if (!fill()) {
                            peerClosed = true;
                        }
                    }
                }
                int k = Math.min(n, appIn.length);
                byte[] r = java.util.Arrays.copyOf(appIn, k);
                appIn = java.util.Arrays.copyOfRange(appIn, k, appIn.length);
                return r;
            } catch (WouldBlock e) {
                return null;
            } catch (SSLException e) {
                throw mapped(e);
            }
        }

        /** Encrypts and sends b; how many bytes were taken, or -1 when none could be now. */
        int write(byte[] b) {
            checkOpen();
            try {
                if (handshaking()) {
                    handshake();
                }
                if (!flush()) {
                    return -1;
                }
                wrap(ByteBuffer.wrap(b));
                flush(); // what the stream cannot take now goes with the next call
                return b.length;
            } catch (WouldBlock e) {
                return -1;
            } catch (SSLException e) {
                throw mapped(e);
            }
        }

        void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (started && !handshaking()) {
                    engine.closeOutbound();
                    wrap(ByteBuffer.allocate(0));
                    flush();
                }
            } catch (SSLException | PyError | WouldBlock ignored) {
                // closing: the peer may be gone already
            }
            Object close = Ops.getattrOrNull(sock, "close");
            if (close != null) {
                Ops.call(close);
            } else {
                Object ioctl = Ops.getattrOrNull(sock, "ioctl");
                if (ioctl != null) {
                    Ops.call(ioctl, 4L, 0L); // MP_STREAM_CLOSE, as a stream without close() gets it
                }
            }
        }

        public long poll(VM vm, long mask) {
            if (closed) {
                return POLL_NVAL;
            }
            long ev = 0;
            if ((mask & POLL_RD) != 0 && (appIn.length > 0 || peerClosed)) {
                ev |= POLL_RD;
            }
            long under = Select.events(vm, sock, mask);
            return ev | under;
        }
    }

    /** Small byte helpers shared by the TLS code. */
    static final class Stream2 {
        private Stream2() {}

        static byte[] concat(byte[] a, byte[] b) {
            byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, r, a.length, b.length);
            return r;
        }
    }

    static PyError tlsError(int code, String name) {
        return new PyError(new PyException(Types.OS_ERROR, PyTuple.of((long) code, name)));
    }

    /** The mbedTLS error a JDK TLS failure stands for. */
    static PyError mapped(SSLException e) {
        String m = String.valueOf(e.getMessage());
        Throwable c = e;
        StringBuilder all = new StringBuilder();
        while (c != null) {
            all.append(c.getClass().getName()).append(':').append(c.getMessage()).append('\n');
            c = c.getCause();
        }
        String t = all.toString();
        if (t.contains("Empty client certificate chain") || t.contains("certificate_required")) {
            return tlsError(-29824, "MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE");
        }
        if (t.contains("Received fatal alert")) {
            return tlsError(-30592, "MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE");
        }
        if (t.contains("CertPath") || t.contains("PKIX") || t.contains("No subject alternative")
                || t.contains("No name matching") || t.contains("Certificate")) {
            // as mbedTLS words its verification result: ValueError, one line per reason
            String reason;
            if (t.contains("No subject alternative") || t.contains("No name matching")) {
                reason = "The certificate Common Name (CN) does not match with the expected CN";
            } else if (t.contains("CertificateExpired") || t.contains("timestamp check failed")
                    || t.contains("NotAfter")) {
                reason = "The certificate validity has expired";
            } else if (t.contains("CertificateNotYetValid") || t.contains("NotBefore")) {
                reason = "The certificate validity starts in the future";
            } else {
                reason = "The certificate is not correctly signed by the trusted CA";
            }
            return Ops.valueError("\n" + reason + "\n");
        }
        if (m.contains("closed") || m.contains("EOF")) {
            return tlsError(-29312, "MBEDTLS_ERR_SSL_CONN_EOF");
        }
        return tlsError(-30592, "MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE");
    }

    // ---- keys and certificates ------------------------------------------------------------

    /** DER bytes of a PEM block (or the bytes themselves when they are DER already). */
    static List<byte[]> ders(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        List<byte[]> out = new ArrayList<>();
        int at = 0;
        while (true) {
            int begin = text.indexOf("-----BEGIN ", at);
            if (begin < 0) {
                break;
            }
            int bodyStart = text.indexOf("-----", begin + 11);
            int end = text.indexOf("-----END ", bodyStart + 5);
            if (bodyStart < 0 || end < 0) {
                break;
            }
            String body = text.substring(bodyStart + 5, end).replaceAll("\\s", "");
            try {
                out.add(Base64.getDecoder().decode(body));
            } catch (IllegalArgumentException e) {
                return List.of();
            }
            at = end + 9;
        }
        if (out.isEmpty() && !text.contains("-----BEGIN ")) {
            out.add(data);
        }
        return out;
    }

    static X509Certificate[] certificates(byte[] data) {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (byte[] der : ders(data)) {
                out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (java.security.cert.CertificateException | RuntimeException e) {
            throw Ops.valueError("invalid cert");
        }
        if (out.isEmpty()) {
            throw Ops.valueError("invalid cert");
        }
        return out.toArray(new X509Certificate[0]);
    }

    static PrivateKey privateKey(byte[] data) {
        List<byte[]> ders = ders(data);
        if (ders.isEmpty()) {
            throw Ops.valueError("invalid key");
        }
        byte[] der = ders.get(0);
        for (String alg : new String[] {"RSA", "EC"}) {
            for (byte[] candidate : new byte[][] {der, pkcs8(der, alg)}) {
                if (candidate == null) {
                    continue;
                }
                try {
                    return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(candidate));
                } catch (java.security.GeneralSecurityException | RuntimeException e) {
                    // try the next reading
                }
            }
        }
        throw Ops.valueError("invalid key");
    }

    private static final byte[] RSA_ALG = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7,
        0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final byte[] EC_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    /** A PKCS#1 (RSA) or SEC1 (EC) private key wrapped as PKCS#8, or null. */
    static byte[] pkcs8(byte[] der, String alg) {
        try {
            byte[] algId;
            if (alg.equals("RSA")) {
                algId = RSA_ALG;
            } else {
                byte[] curve = sec1Curve(der);
                if (curve == null) {
                    return null;
                }
                algId = tlv(0x30, Stream2.concat(EC_OID, curve));
            }
            byte[] body = Stream2.concat(Stream2.concat(new byte[] {0x02, 0x01, 0x00}, algId), tlv(0x04, der));
            return tlv(0x30, body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The curve OID (whole TLV) in a SEC1 ECPrivateKey's [0] parameters. */
    static byte[] sec1Curve(byte[] der) {
        int[] pos = {0};
        if ((der[0] & 0xff) != 0x30) {
            return null;
        }
        pos[0] = 1;
        readLen(der, pos);
        while (pos[0] < der.length) {
            int tag = der[pos[0]++] & 0xff;
            int len = readLen(der, pos);
            if (tag == 0xa0) {
                return java.util.Arrays.copyOfRange(der, pos[0], pos[0] + len);
            }
            pos[0] += len;
        }
        return null;
    }

    private static int readLen(byte[] b, int[] pos) {
        int first = b[pos[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int n = first & 0x7f;
        int len = 0;
        for (int i = 0; i < n; i++) {
            len = len << 8 | (b[pos[0]++] & 0xff);
        }
        return len;
    }

    static byte[] tlv(int tag, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = body.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.write(body, 0, body.length);
        return out.toByteArray();
    }

    // ---- the Python face ------------------------------------------------------------------

    static byte[] bytesOrFile(VM vm, Object o) {
        if (o instanceof String path) {
            java.nio.file.Path p = vm.resolve(path);
            try {
                return java.nio.file.Files.readAllBytes(p);
            } catch (java.io.IOException | RuntimeException e) {
                throw Errno.oserror(2);
            }
        }
        return Ops.bytesOf(o);
    }

    static Object arg(Object[] a, Map<String, Object> kw, int i, String name, Object dflt) {
        if (i < a.length) {
            return a[i];
        }
        if (kw != null && kw.containsKey(name)) {
            return kw.get(name);
        }
        return dflt;
    }

    static TlsSock wrapSocket(Ctx ctx, Object sock, boolean serverSide, boolean handshakeNow, Object hostname) {
        if (!serverSide && ctx.verifyMode == CERT_REQUIRED && hostname == PyNone.NONE) {
            throw Ops.valueError("CERT_REQUIRED requires server_hostname");
        }
        return wrapSocket(ctx, sock, serverSide, handshakeNow, hostname, null);
    }

    static TlsSock wrapSocket(Ctx ctx, Object sock, boolean serverSide, boolean handshakeNow, Object hostname,
            String clientId) {
        if (!serverSide && ctx.verifyMode == CERT_REQUIRED && hostname == PyNone.NONE) {
            throw Ops.valueError("CERT_REQUIRED requires server_hostname");
        }
        SSLEngine resumed = clientId == null ? null : ctx.helloVerified.remove(clientId);
        SSLEngine e = resumed != null ? resumed : ctx.engine(serverSide, hostname == PyNone.NONE ? null : Ops.str(hostname));
        TlsSock s = new TlsSock(ctx.vm, sock, e);
        if (clientId != null) {
            s.ctx = ctx;
            s.clientId = clientId;
            s.started = resumed != null;
        }
        if (handshakeNow) {
            s.handshake();
        }
        return s;
    }

    static {
        BuiltinTypes.method(CONTEXT, "load_cert_chain", (a, kw) -> {
            Ctx c = (Ctx) a[0];
            Object certArg = arg(a, kw, 1, "certfile", PyNone.NONE);
            Object keyArg = arg(a, kw, 2, "keyfile", PyNone.NONE);
            c.key = privateKey(bytesOrFile(c.vm, keyArg));
            if (certArg == PyNone.NONE) {
                throw Ops.typeError("can't convert 'NoneType' object to str implicitly");
            }
            c.chain = certificates(bytesOrFile(c.vm, certArg));
            return PyNone.NONE;
        });
        BuiltinTypes.method(CONTEXT, "load_verify_locations", (a, kw) -> {
            Ctx c = (Ctx) a[0];
            Object cafile = arg(a, kw, 1, "cafile", PyNone.NONE);
            Object cadata = kw != null && kw.containsKey("cadata") ? kw.get("cadata") : PyNone.NONE;
            if (cadata == PyNone.NONE && cafile != PyNone.NONE && !(cafile instanceof String)) {
                cadata = cafile; // tls.SSLContext takes the data positionally
                cafile = PyNone.NONE;
            }
            byte[] data = cafile != PyNone.NONE ? bytesOrFile(c.vm, cafile) : Ops.bytesOf(cadata);
            try {
                c.cas.addAll(List.of(certificates(data)));
            } catch (PyError e) {
                throw Ops.valueError("invalid cert");
            }
            return PyNone.NONE;
        });
        BuiltinTypes.method(CONTEXT, "get_ciphers", (a, kw) -> {
            PyList out = new PyList();
            for (String suite : suites()) {
                out.items.add(suite.replace('_', '-'));
            }
            return out;
        });
        BuiltinTypes.method(CONTEXT, "set_ciphers", (a, kw) -> {
            Ctx c = (Ctx) a[0];
            if (!(a[1] instanceof dev.mpt.vm.PyList) && !(a[1] instanceof PyTuple)) {
                throw Ops.typeError("object '" + Ops.typeName(a[1]) + "' isn't a tuple or list");
            }
            List<String> known = suites();
            List<String> names = new ArrayList<>();
            for (Object o : Ops.toList(a[1])) {
                String name = Ops.str(o).replace('-', '_');
                if (!known.contains(name)) {
                    throw tlsError(-24192, "MBEDTLS_ERR_SSL_BAD_CONFIG");
                }
                names.add(name);
            }
            c.ciphers = names.toArray(new String[0]);
            return PyNone.NONE;
        });
        BuiltinTypes.method(CONTEXT, "wrap_socket", (a, kw) -> {
            Ctx c = (Ctx) a[0];
            boolean serverSide = Ops.truthy(arg(new Object[0], kw, 0, "server_side", Boolean.FALSE));
            boolean now = Ops.truthy(arg(new Object[0], kw, 0, "do_handshake_on_connect", Boolean.TRUE));
            Object host = arg(new Object[0], kw, 0, "server_hostname", PyNone.NONE);
            if (c.dtls) {
                // the context's protocol makes the endpoint; a DTLS server needs the client's
                // transport id (its address), as mbedTLS's HelloVerifyRequest cookies do
                serverSide = c.server;
                Object id = arg(new Object[0], kw, 0, "client_id", PyNone.NONE);
                if (serverSide && !(id instanceof PyBytes || id instanceof PyByteArray
                        || id instanceof dev.mpt.vm.ArrayType.MemoryView)) {
                    throw tlsError(-28928, "MBEDTLS_ERR_SSL_BAD_INPUT_DATA");
                }
                if (serverSide) {
                    return wrapSocket(c, a[1], true, now, host,
                            java.util.HexFormat.of().formatHex(Ops.bytesOf(id)));
                }
            }
            return wrapSocket(c, a[1], serverSide, now, host);
        });

        BuiltinTypes.method(SSL_SOCKET, "read", (a, kw) -> {
            TlsSock s = (TlsSock) a[0];
            long n = a.length > 1 && a[1] != PyNone.NONE ? Ops.toLong(a[1]) : -1;
            if (n >= 0) {
                byte[] b = s.read((int) n);
                return b == null ? PyNone.NONE : new PyBytes(b);
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            while (true) {
                byte[] b = s.read(16384);
                if (b == null) {
                    return all.size() == 0 ? PyNone.NONE : new PyBytes(all.toByteArray());
                }
                if (b.length == 0) {
                    return new PyBytes(all.toByteArray());
                }
                all.write(b, 0, b.length);
            }
        });
        PyBuiltinNative readinto = (a, kw) -> {
            TlsSock s = (TlsSock) a[0];
            int len = (int) Math.min(a.length > 2 ? Ops.toLong(a[2]) : Long.MAX_VALUE, ArrayType.writableLength(a[1]));
            byte[] b = s.read(len);
            if (b == null) {
                return PyNone.NONE;
            }
            ArrayType.store(a[1], b, b.length);
            return (long) b.length;
        };
        BuiltinTypes.method(SSL_SOCKET, "readinto", readinto::call);
        BuiltinTypes.method(SSL_SOCKET, "recv_into", readinto::call);
        BuiltinTypes.method(SSL_SOCKET, "recv", (a, kw) -> {
            byte[] b = ((TlsSock) a[0]).read((int) Ops.toLong(a[1]));
            if (b == null) {
                throw Errno.oserror(11);
            }
            return new PyBytes(b);
        });
        BuiltinTypes.method(SSL_SOCKET, "readline", (a, kw) -> {
            TlsSock s = (TlsSock) a[0];
            byte[] line = Socket.readUpTo(s::read, -1, true);
            return line == null ? PyNone.NONE : new PyBytes(line);
        });
        BuiltinTypes.method(SSL_SOCKET, "write", (a, kw) -> {
            int n = ((TlsSock) a[0]).write(Ops.bytesOf(a[1]));
            return n < 0 ? PyNone.NONE : (Object) (long) n;
        });
        BuiltinTypes.method(SSL_SOCKET, "send", (a, kw) -> {
            int n = ((TlsSock) a[0]).write(Ops.bytesOf(a[1]));
            if (n < 0) {
                throw Errno.oserror(11);
            }
            return (long) n;
        });
        BuiltinTypes.method(SSL_SOCKET, "sendall", (a, kw) -> {
            TlsSock s = (TlsSock) a[0];
            if (s.write(Ops.bytesOf(a[1])) < 0) {
                throw Errno.oserror(11);
            }
            return PyNone.NONE;
        });
        BuiltinTypes.method(SSL_SOCKET, "setblocking", (a, kw) -> {
            Ops.call(Ops.getattr(((TlsSock) a[0]).sock, "setblocking"), a[1]);
            return PyNone.NONE;
        });
        BuiltinTypes.method(SSL_SOCKET, "close", (a, kw) -> {
            ((TlsSock) a[0]).close();
            return PyNone.NONE;
        });
        BuiltinTypes.method(SSL_SOCKET, "getpeercert", (a, kw) -> {
            TlsSock s = (TlsSock) a[0];
            try {
                java.security.cert.Certificate[] peer = s.engine.getSession().getPeerCertificates();
                return new PyBytes(peer[0].getEncoded());
            } catch (javax.net.ssl.SSLPeerUnverifiedException | java.security.cert.CertificateEncodingException e) {
                return PyNone.NONE;
            }
        });
        BuiltinTypes.method(SSL_SOCKET, "cipher", (a, kw) -> {
            javax.net.ssl.SSLSession session = ((TlsSock) a[0]).engine.getSession();
            return PyTuple.of(session.getCipherSuite().replace('_', '-'), session.getProtocol());
        });
    }

    /** A native method body (a named interface so one lambda serves two method names). */
    @FunctionalInterface
    interface PyBuiltinNative {
        Object call(Object[] a, Map<String, Object> kw);
    }

    static void constants(PyModule m) {
        m.globals.put("SSLContext", CONTEXT);
        m.globals.put("SSLSocket", SSL_SOCKET);
        m.globals.put("PROTOCOL_TLS_CLIENT", PROTOCOL_TLS_CLIENT);
        m.globals.put("PROTOCOL_TLS_SERVER", PROTOCOL_TLS_SERVER);
        m.globals.put("PROTOCOL_DTLS_CLIENT", PROTOCOL_DTLS_CLIENT);
        m.globals.put("PROTOCOL_DTLS_SERVER", PROTOCOL_DTLS_SERVER);
        m.globals.put("CERT_NONE", CERT_NONE);
        m.globals.put("CERT_OPTIONAL", CERT_OPTIONAL);
        m.globals.put("CERT_REQUIRED", CERT_REQUIRED);
        m.globals.put("MBEDTLS_VERSION", "JDK " + System.getProperty("java.version"));
    }

    static Ctx context(VM vm, Object[] a, boolean sslDefaults) {
        if (a.length != 1) {
            throw Ops.typeError("function takes 1 positional arguments but " + a.length + " were given");
        }
        long protocol = Ops.toLong(a[0]);
        if (protocol < PROTOCOL_TLS_CLIENT || protocol > PROTOCOL_DTLS_SERVER) {
            throw Ops.valueError("invalid protocol");
        }
        boolean server = protocol == PROTOCOL_TLS_SERVER || protocol == PROTOCOL_DTLS_SERVER;
        // tls: a client verifies the server by default; ssl.SSLContext (ssl.py) starts at CERT_NONE
        Ctx c = new Ctx(vm, server, sslDefaults || server ? CERT_NONE : CERT_REQUIRED);
        c.dtls = protocol == PROTOCOL_DTLS_CLIENT || protocol == PROTOCOL_DTLS_SERVER;
        return c;
    }

    /**
     * The TLS 1.2 cipher suites the JDK offers, in mbedTLS's order of preference (ECDHE-ECDSA,
     * ECDHE-RSA, DHE-RSA, then RSA key exchange; AES-256 before AES-128; GCM, CCM, then CBC).
     */
    static List<String> suites() {
        List<String> out = new ArrayList<>();
        try {
            for (String suite : SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites()) {
                if (suite.startsWith("TLS_AES") || suite.startsWith("TLS_CHACHA") || suite.contains("anon")
                        || suite.contains("NULL") || suite.contains("SCSV") || suite.contains("KRB5")
                        || suite.contains("DES") || suite.contains("RC4") || suite.contains("EXPORT")
                        || suite.startsWith("TLS_ECDH_")) {
                    continue;
                }
                out.add(suite);
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            return out;
        }
        out.sort(java.util.Comparator.comparingInt((String n) -> rank(n, "ECDHE_ECDSA", "ECDHE_RSA", "DHE_RSA", "RSA"))
                .thenComparingInt(n -> rank(n, "AES_256", "AES_128", "CHACHA20"))
                .thenComparingInt(n -> rank(n, "GCM", "CCM_8", "CCM", "CBC"))
                .thenComparingInt(n -> n.endsWith("_SHA") ? 1 : 0));
        return out;
    }

    private static int rank(String name, String... parts) {
        for (int i = 0; i < parts.length; i++) {
            if (name.contains("_" + parts[i] + "_")) {
                return i;
            }
        }
        return parts.length;
    }

    /** asyncio's ssl=True: a client context as ssl.SSLContext(PROTOCOL_TLS_CLIENT) makes it (no verification). */
    public static Object clientContext(VM vm) {
        Socket.requireNetwork(vm, "ssl");
        return context(vm, new Object[] {PROTOCOL_TLS_CLIENT}, true);
    }

    /** tls: the built-in module. */
    static PyModule tls(VM vm) {
        Socket.requireNetwork(vm, "tls");
        PyModule m = new PyModule("tls");
        constants(m);
        PyType ctx = new PyType("SSLContext", new PyType[] {CONTEXT}, true);
        ctx.maker = (cls, a, kw) -> context(vm, a, false);
        m.globals.put("SSLContext", ctx);
        return m;
    }

    /** ssl: what micropython-lib's ssl.py makes of tls (frozen into the unix port). */
    static PyModule ssl(VM vm) {
        Socket.requireNetwork(vm, "ssl");
        PyModule m = new PyModule("ssl");
        constants(m);
        PyType ctx = new PyType("SSLContext", new PyType[] {CONTEXT}, true);
        ctx.maker = (cls, a, kw) -> context(vm, a, true);
        m.globals.put("SSLContext", ctx);
        m.fn("wrap_socket", (a, kw) -> {
            Object sock = a[0];
            boolean serverSide = Ops.truthy(arg(a, kw, 1, "server_side", Boolean.FALSE));
            Object key = arg(a, kw, 2, "key", PyNone.NONE);
            Object cert = arg(a, kw, 3, "cert", PyNone.NONE);
            long reqs = Ops.toLong(arg(a, kw, 4, "cert_reqs", CERT_NONE));
            Object cadata = arg(a, kw, 5, "cadata", PyNone.NONE);
            Object host = arg(a, kw, 6, "server_hostname", PyNone.NONE);
            boolean now = Ops.truthy(arg(a, kw, 7, "do_handshake", Boolean.TRUE));
            Ctx c = new Ctx(vm, serverSide, CERT_NONE);
            if (Ops.truthy(cert) || Ops.truthy(key)) {
                c.key = privateKey(bytesOrFile(vm, key));
                if (cert == PyNone.NONE) {
                    throw Ops.typeError("can't convert 'NoneType' object to str implicitly");
                }
                c.chain = certificates(bytesOrFile(vm, cert));
            }
            if (Ops.truthy(cadata)) {
                try {
                    c.cas.addAll(List.of(certificates(Ops.bytesOf(cadata))));
                } catch (PyError e) {
                    throw Ops.valueError("invalid cert");
                }
            }
            c.verifyMode = reqs;
            return wrapSocket(c, sock, serverSide, now, host);
        });
        return m;
    }
}
