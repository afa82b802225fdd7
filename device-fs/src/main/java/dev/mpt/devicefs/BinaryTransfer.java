package dev.mpt.devicefs;

import dev.mpt.console.Progress;
import dev.mpt.protocol.BoardException;
import dev.mpt.protocol.ExecException;
import dev.mpt.protocol.ExecResult;
import dev.mpt.protocol.LinkException;
import dev.mpt.protocol.RawRepl;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.CRC32;

/**
 * File content as raw bytes at line rate: a small helper, sent to the board once per
 * connection, reads and writes {@code sys.stdin.buffer}/{@code sys.stdout.buffer} with the
 * keyboard interrupt off ({@code micropython.kbd_intr(-1)}) while a file moves, in blocks
 * with a CRC-32 each, a window of blocks in flight and cumulative acknowledgements.
 *
 * <p>Upload: the host sends blocks of exactly {@code min(B, left)} bytes, each followed by
 * its CRC-32 xor its sequence number; the board answers ASCII lines {@code A<n>.<n>} (next
 * block wanted). A bad or missing block makes the board answer {@code N<n>.<n>}, drop what
 * arrives until the line is quiet and say {@code R<n>.<n>}, from where the host resends.
 * The host sends filler when acknowledgements stop, so a board waiting for a lost byte reads
 * a full (bad) block and asks again.
 *
 * <p>Download: the board sends frames (sequence number, data, CRC-32 of both), escaped so
 * that neither the end-of-output byte 0x04 nor the frame end 0xC0 occurs inside, ended by
 * 0xC0; the host answers 8-byte acknowledgements ({@code K}/{@code N}, sequence number,
 * check bytes). A lost or bad frame is asked for again; the board resends from the oldest
 * unacknowledged frame when acknowledgements stop.
 *
 * <p>Many files ({@link #sendVerified}, for {@code sync}) go as one upload of a bundle, each
 * file's path, size and SHA-256 ahead of its data; the helper writes, hashes and renames
 * each as it arrives.
 *
 * <p>Either side gives up after a few silent timeouts and the board's program ends, after
 * which the raw REPL is entered afresh so no stray transfer byte is taken for code. A board
 * whose host went away mid-block waits in a blocking read ({@code sys.stdin.buffer.read(n)}
 * returns only with n bytes on firmware) where Ctrl-C is just data; the next host's
 * {@link RawRepl#enter} sends a run of Ctrl-C that completes the read, and a block or an
 * acknowledgement ending in Ctrl-C bytes where its check should be ends the helper at once. The
 * helper needs {@code sys.stdin.buffer}, {@code micropython.kbd_intr}, {@code select.poll}
 * and {@code binascii.crc32}; {@link #probe} says whether the board has them.
 */
public final class BinaryTransfer implements FileTransfer {
    /** Data bytes per block. */
    static final int BLOCK = 1024;
    /** Blocks in flight before an acknowledgement is needed. */
    static final int WINDOW = 4;
    /** The board's wait (ms) for the next byte before it asks again. */
    static final int BOARD_WAIT_MS = 400;
    private static final Duration HOST_WAIT = Duration.ofMillis(1500);
    private static final int HOST_TRIES = 6;

    private static final boolean DEBUG = System.getenv("MPT_XFER_DEBUG") != null;
    private static final byte END = (byte) 0xC0;
    private static final byte ESC = (byte) 0xDB;

    /** The helper: one object {@code _mpt_x} with {@code put} and {@code get}. */
    static final String HELPER = """
            import sys,micropython,binascii,select,io,os
            try:
             import deflate
            except ImportError:
             pass
            try:
             import hashlib
            except ImportError:
             pass
            class _mpt_X:
             def __init__(s):
              s.i=sys.stdin.buffer;s.o=sys.stdout.buffer;p=select.poll();p.register(sys.stdin,select.POLLIN);s.q=p.poll
             def rd(s,v,T):
              k=0;n=len(v)
              while k<n:
               if not s.q(T):return 0
               r=s.i.read(n-k)
               if not r:return 0
               v[k:k+len(r)]=r;k+=len(r)
              return 1
             def say(s,c,v):
              s.o.write(('%s%d.%d\\n'%(c,v,v)).encode())
             def drain(s,T):
              c=0
              while s.q(T):
               c=c+1 if s.i.read(1)==b'\\x03' else 0
               if c>15:raise OSError('mpt: interrupted')
             def put(s,p,n,B,T,z):
              f=open(p,'wb')
              try:s.rx(f.write,n,B,T,z)
              finally:f.close()
             def w1(s,w,d,x):
              if x is None:
               try:w(d)
               except OSError as o:return o
              return x
             def rx(s,w,n,B,T,z):
              micropython.kbd_intr(-1);x=None
              try:
               b=bytearray(B+4);q=0;g=0;e=0;u=bytearray();s.say('R',0)
               while g<n:
                m=min(B,n-g);v=memoryview(b)[:m+4]
                if s.rd(v,T) and binascii.crc32(v[:m])^q==int.from_bytes(v[m:],'little'):
                 if z:
                  u.extend(v[:m])
                  while len(u)>=3 and len(u)>=3+(u[0]|u[1]<<8):
                   L=u[0]|u[1]<<8;d=u[3:3+L]
                   if u[2]:d=deflate.DeflateIO(io.BytesIO(d),deflate.RAW,z).read()
                   x=s.w1(w,d,x);u=u[3+L:]
                 else:x=s.w1(w,v[:m],x)
                 g+=m;q+=1;e=0;s.say('A',q)
                else:
                 if b[m:m+4]==b'\\x03\\x03\\x03\\x03':raise OSError('mpt: interrupted')
                 e+=1
                 if e>6:raise OSError('mpt: the line stays silent or garbled')
                 s.say('N',q);s.drain(T//4+1);s.say('R',q)
              finally:
               micropython.kbd_intr(3)
              s.say('D',g)
              if x:raise x
             def many(s,i,n,B,T,z):
              s.j=i;s.r=bytearray();s.k=b'';s.f=None
              try:s.rx(s.mw,n,B,T,z)
              finally:
               if s.f:
                s.f.close();s.f=None;os.remove(s.t)
             def mw(s,d):
              s.k+=bytes(d)
              while 1:
               k=s.k
               if not s.f:
                if len(k)<2 or len(k)<38+(k[0]|k[1]<<8):return
                L=k[0]|k[1]<<8;s.n=k[2:2+L];s.p=str(s.n,'utf-8');s.m=int.from_bytes(k[2+L:6+L],'little');s.h=k[6+L:38+L]
                s.k=k=k[38+L:];s.t=s.p+'.mpt-tmp';s.f=open(s.t,'wb')
               c=min(s.m,len(k))
               if c:s.f.write(k[:c]);s.k=k=k[c:];s.m-=c
               if s.m:return
               s.fin()
             def fin(s):
              s.f.close();s.f=None;g=hashlib.sha256(s.n);f=open(s.t,'rb')
              while 1:
               b=f.read(512)
               if not b:break
               g.update(b)
              f.close()
              if g.digest()==s.h:
               try:os.rename(s.t,s.p)
               except OSError:os.remove(s.p);os.rename(s.t,s.p)
               s.r.append(49)
              else:
               os.remove(s.t);s.r.append(48)
             def get(s,p,B,W,T):
              f=open(p,'rb');n=f.seek(0,2);c=(n+B-1)//B;micropython.kbd_intr(-1)
              try:
               a=bytearray(8);b=0;x=0;e=0
               while b<c:
                t=T
                if x<b+W and x<c:
                 f.seek(x*B);d=f.read(B);h=x.to_bytes(4,'little');k=binascii.crc32(d,binascii.crc32(h))
                 s.o.write((h+d+k.to_bytes(4,'little')).replace(b'\\xdb',b'\\xdb\\xdd').replace(b'\\xc0',b'\\xdb\\xdc').replace(b'\\x04',b'\\xdb\\xde')+b'\\xc0')
                 x+=1;t=0
                if s.q(t):
                 e=0
                 if s.rd(a,T) and (a[0]==75 or a[0]==78) and a[5]==a[1]^255 and a[6]==a[2]^255 and a[7]==a[3]^255:
                  v=int.from_bytes(a[1:5],'little')
                  if v>b:b=v
                  if a[0]==78:x=v
                  elif x<b:x=b
                 elif a[4:]==b'\\x03\\x03\\x03\\x03':raise OSError('mpt: interrupted')
                 else:s.drain(T//4+1)
                elif t:
                 e+=1
                 if e>6:raise OSError('mpt: no acknowledgement')
                 x=b
              finally:
               micropython.kbd_intr(3);f.close()
            _mpt_x=_mpt_X()
            """;

    private final RemoteCode code;
    private final int block;
    private final int window;
    /** Whether the helper is on the board (sent by this connection, or found there by the probe). */
    boolean installed;

    public BinaryTransfer(RemoteCode code) {
        this(code, BLOCK, WINDOW);
    }

    BinaryTransfer(RemoteCode code, int block, int window) {
        this.code = code;
        this.block = block;
        this.window = window;
    }

    /** Bytes a terminal or a firmware could swallow or change: Ctrl-C, Ctrl-D, CR, LF, XON, 0xFF. */
    private static final byte[] PROBE_BYTES = {0x03, 0x04, 0x0d, 0x0a, 0x11, (byte) 0xff};

    /**
     * Bytes {@code sys.stdout.buffer} must send unchanged (between two markers) for downloads:
     * LF and CR (a cooked console or a tty turns "\n" into "\r\n"), XON/XOFF, 0xFF, Ctrl-C,
     * NUL. Only 0x04, 0xC0 and 0xDB are escaped in a download frame.
     */
    private static final byte[] ECHO_BYTES = {'<', 0x0a, 0x0d, 0x11, 0x13, (byte) 0xff, 0x03, 0x00, '>'};

    private static String pyBytes(byte[] b) {
        StringBuilder sb = new StringBuilder("b'");
        for (byte x : b) {
            sb.append(String.format("\\x%02x", x & 0xff));
        }
        return sb.append('\'').toString();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * Whether the board runs the helper: it must have the modules, switch the keyboard
     * interrupt off, pass bytes that a terminal or firmware could swallow from its stdin to
     * a running program unchanged, and send what the program writes to
     * {@code sys.stdout.buffer} as it is (no "\r" added before "\n"). Tried with a few such
     * bytes each way; on failure the raw REPL is entered afresh.
     */
    public static boolean probe(RemoteCode code) throws RemoteFsException, BoardException {
        return probe(code, null);
    }

    /**
     * As {@link #probe(RemoteCode)}; when the board is found to still hold this helper from
     * an earlier command (no soft reset since), {@code then} is told so it is not sent again.
     */
    static boolean probe(RemoteCode code, BinaryTransfer then) throws RemoteFsException, BoardException {
        boolean resident = false;
        // one program: which optional modules there are (for later), whether the helper's are,
        // then the test of stdin and stdout.buffer; "P0.0" says it waits for the bytes
        Running run = new Running(code.repl(), "import sys\n"
                + "try:\n import deflate;r='1'\nexcept ImportError:r='0'\n"
                + "try:\n import hashlib;r+='1'\nexcept ImportError:r+='0'\n"
                + "try:\n import micropython,binascii,select\n"
                + " sys.stdin.buffer.read;sys.stdout.buffer.write;micropython.kbd_intr;select.poll;binascii.crc32\n"
                + "except Exception:\n r+='-'\n"
                + "try:\n v=_mpt_x.v\nexcept Exception:\n v=''\n"
                + "print('m'+r,v)\n"
                + "if r[-1]!='-':\n"
                + " micropython.kbd_intr(-1)\n"
                + " try:\n"
                + "  p=select.poll();p.register(sys.stdin,select.POLLIN)\n"
                + "  sys.stdout.buffer.write(b'P0.0\\n')\n"
                + "  b=b''\n"
                + "  while len(b)<" + PROBE_BYTES.length + " and p.poll(" + BOARD_WAIT_MS + "):b+=sys.stdin.buffer.read("
                + PROBE_BYTES.length + "-len(b))\n"
                + "  print('ok',binascii.hexlify(b).decode())\n"
                + "  sys.stdout.buffer.write(" + pyBytes(ECHO_BYTES) + ")\n"
                + " finally:\n"
                + "  micropython.kbd_intr(3)\n", Duration.ofSeconds(10));
        boolean works = false;
        try {
            boolean waiting = run.awaitLine('P', 0);
            if (waiting) {
                run.write(PROBE_BYTES);
            }
            ExecResult r = run.result();
            if (r != null && !r.raised()) {
                String out = r.stdoutText();
                int m = out.indexOf('m');
                if (m >= 0 && out.length() >= m + 3 && out.charAt(m + 1) != '-') {
                    code.known("deflate", out.charAt(m + 1) == '1');
                    code.known("hashlib", out.charAt(m + 2) == '1');
                    int nl = out.indexOf('\n', m);
                    resident = nl > m + 3 && out.substring(m + 3, nl).strip().equals(HELPER_ID);
                }
                works = waiting && out.contains("ok " + java.util.HexFormat.of().formatHex(PROBE_BYTES) + "\n")
                        && indexOf(r.stdout(), ECHO_BYTES) >= 0;
            }
            if (DEBUG && r != null) {
                System.err.println("probe: " + java.util.HexFormat.of().formatHex(r.stdout()));
            }
        } finally {
            run.close(works && run.clean);
        }
        if (works && resident && then != null) {
            then.installed = true;
        }
        return works;
    }

    @Override
    public String description() throws RemoteFsException, BoardException {
        if (hasDeflate == null) {
            hasDeflate = code.has("deflate");
        }
        return "binary, " + block + "-byte blocks, window " + window + ", CRC-32 per block"
                + (hasDeflate ? ", deflate where it shrinks uploads" : "");
    }

    // ------------------------------------------------------------------ upload

    @Override
    public void send(String path, byte[] data, Progress progress) throws RemoteFsException, BoardException {
        try {
            sendOnce(path, data, progress);
        } catch (RemoteFsException e) {
            if (!helperLost(e)) {
                throw e;
            }
            code.run("", helperCode());
            sendOnce(path, data, progress);
        }
    }

    @Override
    public byte[] receive(String path, long size, Progress progress) throws RemoteFsException, BoardException {
        try {
            return receiveOnce(path, size, progress);
        } catch (RemoteFsException e) {
            if (!helperLost(e)) {
                throw e;
            }
            code.run("", helperCode());
            return receiveOnce(path, size, progress);
        }
    }

    /** Whether the helper is gone from the board (a soft reset since it was sent). */
    private static boolean helperLost(RemoteFsException e) {
        return e.getMessage().contains("NameError") && e.getMessage().contains("_mpt_x");
    }

    private void sendOnce(String path, byte[] data, Progress progress) throws RemoteFsException, BoardException {
        install();
        byte[] payload = compressed(data);
        boolean z = payload != null;
        if (!z) {
            payload = data;
        }
        lastCompressed = z;
        String call = "_mpt_x.put(" + PyLiteral.str(path) + "," + payload.length + "," + block + ","
                + BOARD_WAIT_MS + "," + (z ? UNIT_BITS : 0) + ")\n";
        push(path, call, payload, data.length, progress);
    }

    /**
     * Runs {@code call} (a helper method that receives {@code payload.length} bytes) and
     * feeds it the payload in windowed blocks; progress advances over {@code reportBytes}.
     */
    private void push(String path, String call, byte[] payload, long reportBytes, Progress progress)
            throws RemoteFsException, BoardException {
        Running run = start(path, call, payload.length);
        boolean clean = false;
        try {
            if (!run.awaitLine('R', 0)) {
                run.finish(path); // the board's error (no such directory, a helper lost to a soft reset…)
                throw new RemoteFsException(path + ": the board did not start the transfer");
            }
            long sent = 0;
            int blocks = (payload.length + block - 1) / block;
            int acked = 0;
            int next = 0;
            int tries = 0;
            boolean paused = false;
            while (acked < blocks) {
                while (!paused && next < blocks && next < acked + window) {
                    run.write(frameUp(payload, next));
                    next++;
                }
                Line line = run.line(HOST_WAIT);
                if (line == null) {
                    if (++tries > HOST_TRIES || run.isDone()) {
                        throw new RemoteFsException(path + ": the board stopped acknowledging (line cut or too noisy)");
                    }
                    run.write(new byte[block + 4]); // completes a block the board waits for; it will ask again
                    continue;
                }
                tries = 0;
                switch (line.kind) {
                    case 'A' -> {
                        if (line.n > acked && line.n <= blocks) {
                            // progress in bytes of the file, as a share of the payload through
                            long now = reportBytes * Math.min((long) line.n * block, payload.length) / Math.max(1, payload.length);
                            progress.advance(now - sent);
                            sent = now;
                            acked = line.n;
                            next = Math.max(next, acked);
                        }
                    }
                    case 'N' -> paused = true;
                    case 'R' -> {
                        paused = false;
                        if (line.n <= blocks) {
                            next = line.n;
                        }
                    }
                    default -> { }
                }
            }
            run.finish(path);
            progress.advance(reportBytes - sent);
            clean = run.clean;
        } finally {
            run.close(clean);
        }
    }

    /** Raw bytes per batch at most (one file larger than this goes alone). */
    static final int BATCH_BYTES = 1 << 20;

    /**
     * Many files in one stream, batches of up to {@link #BATCH_BYTES}: each file a header
     * (path length, UTF-8 path, data length, SHA-256 of path and data) and its data, the
     * whole batch deflated in units as a single upload is, so the line never idles between
     * files. The helper writes each to {@code path + ".mpt-tmp"}, hashes the path and what it
     * wrote and renames it over the target only when the hash is the source's; a file in
     * progress when the transfer fails is removed. Afterwards the board says, twice over, which files it renamed.
     */
    @Override
    public boolean[] sendVerified(List<Put> files, Progress progress) throws RemoteFsException, BoardException {
        boolean[] done = new boolean[files.size()];
        if (!code.has("hashlib")) {
            return done;
        }
        int from = 0;
        while (from < files.size()) {
            int to = from;
            long bytes = 0;
            while (to < files.size() && (to == from || bytes + files.get(to).data().length <= BATCH_BYTES)) {
                bytes += files.get(to).data().length;
                to++;
            }
            List<Put> batch = files.subList(from, to);
            boolean[] got;
            try {
                got = sendBatch(batch, progress);
            } catch (RemoteFsException e) {
                if (!helperLost(e)) {
                    throw e;
                }
                code.run("", helperCode());
                got = sendBatch(batch, progress);
            }
            System.arraycopy(got, 0, done, from, got.length);
            from = to;
        }
        return done;
    }

    private boolean[] sendBatch(List<Put> files, Progress progress) throws RemoteFsException, BoardException {
        install();
        ByteArrayOutputStream bundle = new ByteArrayOutputStream();
        long raw = 0;
        for (Put f : files) {
            byte[] name = f.path().getBytes(StandardCharsets.UTF_8);
            int n = f.data().length;
            bundle.write(name.length & 0xff);
            bundle.write(name.length >>> 8);
            bundle.writeBytes(name);
            bundle.writeBytes(new byte[] {(byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24)});
            bundle.writeBytes(sha256(name, f.data()));
            bundle.writeBytes(f.data());
            raw += n;
        }
        byte[] data = bundle.toByteArray();
        byte[] payload = compressed(data);
        boolean z = payload != null;
        if (!z) {
            payload = data;
        }
        lastCompressed = z;
        long id = (System.nanoTime() ^ data.length) & 0x3fffffffL;
        String what = files.size() == 1 ? files.get(0).path() : files.size() + " files";
        String call = "_mpt_x.many(" + id + "," + payload.length + "," + block + "," + BOARD_WAIT_MS + ","
                + (z ? UNIT_BITS : 0) + ")\n";
        try {
            push(what, call, payload, raw, progress);
        } catch (RemoteFsException e) {
            if (helperLost(e)) {
                throw e;
            }
            // what the board said (a missing directory, a full disk) or a line too noisy:
            // the files not in place are written one by one, which names the failing one
        } catch (BoardException e) {
            if (e.kind() == BoardException.Kind.DISCONNECTED || !repl().link().isOpen()) {
                throw e;
            }
        }
        boolean[] done = new boolean[files.size()];
        String answer;
        try {
            answer = code.run("", "_mpt_t=bytes(_mpt_x.r).decode()\nprint(_mpt_x.j,_mpt_t,_mpt_t)\ndel _mpt_t\n")
                    .strip();
        } catch (RemoteFsException | BoardException e) {
            return done; // unknown: the caller writes each file again
        }
        String[] parts = answer.split(" ", -1);
        if (parts.length == 3 && parts[0].equals(Long.toString(id)) && parts[1].equals(parts[2])
                && parts[1].length() <= files.size() && parts[1].matches("[01]*")) {
            for (int i = 0; i < parts[1].length(); i++) {
                done[i] = parts[1].charAt(i) == '1';
            }
        }
        return done;
    }

    /** SHA-256 of a path and the data that goes there: a garbled path fails the check too. */
    private static byte[] sha256(byte[] path, byte[] data) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            md.update(path);
            md.update(data);
            return md.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private dev.mpt.protocol.RawRepl repl() {
        return code.repl();
    }

    /** Log2 of the uncompressed size of each compressed unit, and the board's window for it. */
    static final int UNIT_BITS = 13;

    /** Whether the last upload went compressed (for tests and {@code -v}). */
    boolean lastCompressed;
    private Boolean hasDeflate;

    /**
     * The data as units of at most 8 KB, each a 3-byte header (length, deflated or stored)
     * and the raw-deflated or stored bytes; null when the board has no {@code deflate} or the
     * data does not shrink by a tenth.
     */
    private byte[] compressed(byte[] data) throws RemoteFsException, BoardException {
        if (data.length < 512) {
            return null;
        }
        if (hasDeflate == null) {
            hasDeflate = code.has("deflate");
        }
        if (!hasDeflate) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2);
        java.util.zip.Deflater d = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION, true);
        byte[] buf = new byte[(1 << UNIT_BITS) + 1024];
        try {
            for (int off = 0; off < data.length; off += 1 << UNIT_BITS) {
                int n = Math.min(1 << UNIT_BITS, data.length - off);
                d.reset();
                d.setInput(data, off, n);
                d.finish();
                int c = 0;
                while (!d.finished() && c < buf.length) {
                    c += d.deflate(buf, c, buf.length - c);
                }
                boolean deflated = d.finished() && c < n;
                int len = deflated ? c : n;
                out.write(len & 0xff);
                out.write(len >>> 8);
                out.write(deflated ? 1 : 0);
                out.write(deflated ? buf : data, deflated ? 0 : off, len);
            }
        } finally {
            d.end();
        }
        return out.size() * 10 < data.length * 9 ? out.toByteArray() : null;
    }

    private byte[] frameUp(byte[] data, int seq) {
        int off = seq * block;
        int n = Math.min(block, data.length - off);
        byte[] f = Arrays.copyOfRange(data, off, off + n + 4);
        CRC32 crc = new CRC32();
        crc.update(data, off, n);
        int c = (int) crc.getValue() ^ seq;
        f[n] = (byte) c;
        f[n + 1] = (byte) (c >>> 8);
        f[n + 2] = (byte) (c >>> 16);
        f[n + 3] = (byte) (c >>> 24);
        return f;
    }

    // ------------------------------------------------------------------ download

    private byte[] receiveOnce(String path, long size, Progress progress) throws RemoteFsException, BoardException {
        install();
        int blocks = (int) ((size + block - 1) / block);
        Running run = start(path, "_mpt_x.get(" + PyLiteral.str(path) + "," + block + "," + window + ","
                + BOARD_WAIT_MS + ")\n", size);
        boolean clean = false;
        byte[] data = new byte[(int) size];
        try {
            int expected = 0;
            int tries = 0;
            long nakAt = 0;
            while (true) {
                byte[] frame = run.frame(HOST_WAIT);
                if (frame == null) {
                    if (run.isDone()) {
                        break;
                    }
                    if (++tries > HOST_TRIES) {
                        throw new RemoteFsException(path + ": the board stopped sending (line cut or too noisy)");
                    }
                    run.write(ack('N', expected));
                    continue;
                }
                tries = 0;
                int seq = checkedSeq(frame);
                if (seq < 0) {
                    continue; // garbled: the gap shows with the next good frame
                }
                if (seq == expected && expected < blocks) {
                    int n = frame.length - 8;
                    long off = (long) seq * block;
                    if (n != Math.min(block, size - off)) {
                        throw new RemoteFsException(path + ": the file changed size on the board while being read");
                    }
                    System.arraycopy(frame, 4, data, (int) off, n);
                    expected++;
                    progress.advance(n);
                    run.write(ack('K', expected));
                } else if (seq < expected) {
                    run.write(ack('K', expected));
                } else if (System.nanoTime() - nakAt > 200_000_000L) {
                    nakAt = System.nanoTime();
                    run.write(ack('N', expected));
                }
            }
            run.finish(path);
            if (expected != blocks) {
                throw new RemoteFsException(path + ": the transfer ended early (" + expected + " of " + blocks
                        + " blocks)");
            }
            clean = run.clean;
        } finally {
            run.close(clean);
        }
        return data;
    }

    private static byte[] ack(char kind, int n) {
        return new byte[] {(byte) kind, (byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24),
                (byte) ~n, (byte) ~(n >>> 8), (byte) ~(n >>> 16)};
    }

    /** The sequence number of an unescaped frame whose CRC is right, else -1. */
    private static int checkedSeq(byte[] f) {
        if (f.length < 8) {
            return -1;
        }
        CRC32 crc = new CRC32();
        crc.update(f, 0, f.length - 4);
        int want = (int) crc.getValue();
        int got = (f[f.length - 4] & 0xff) | (f[f.length - 3] & 0xff) << 8 | (f[f.length - 2] & 0xff) << 16
                | (f[f.length - 1] & 0xff) << 24;
        if (want != got) {
            return -1;
        }
        int seq = (f[0] & 0xff) | (f[1] & 0xff) << 8 | (f[2] & 0xff) << 16 | (f[3] & 0xff) << 24;
        return seq < 0 ? -1 : seq;
    }

    // ------------------------------------------------------------------ plumbing

    private void install() throws RemoteFsException, BoardException {
        if (!installed) {
            code.run("", helperCode());
            installed = true;
        }
    }

    /**
     * The helper as sent: deflated (a third of the bytes on the line) where the board has
     * {@code deflate}, else as it is.
     */
    private String helperCode() throws RemoteFsException, BoardException {
        if (hasDeflate == null) {
            hasDeflate = code.has("deflate");
        }
        return hasDeflate ? HELPER_DEFLATED : HELPER + HELPER_MARK;
    }

    /** Names this helper's text: a later command that finds it on the board does not send it again. */
    static final String HELPER_ID;
    private static final String HELPER_MARK;

    /** The helper deflated (raw, window 4 KB: it is smaller) in base64, unpacked and run by the board. */
    private static final String HELPER_DEFLATED;

    static {
        CRC32 id = new CRC32();
        id.update(HELPER.getBytes(StandardCharsets.UTF_8));
        HELPER_ID = "h" + Long.toHexString(id.getValue());
        HELPER_MARK = "_mpt_x.v='" + HELPER_ID + "'\n";
        byte[] text = (HELPER + HELPER_MARK).getBytes(StandardCharsets.UTF_8);
        if (text.length > 4096) {
            throw new IllegalStateException("the helper outgrew the 4 KB window it is unpacked with");
        }
        java.util.zip.Deflater d = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION, true);
        d.setInput(text);
        d.finish();
        byte[] buf = new byte[text.length + 64];
        int n = 0;
        while (!d.finished()) {
            n += d.deflate(buf, n, buf.length - n);
        }
        d.end();
        HELPER_DEFLATED = "import deflate,io,binascii\nexec(deflate.DeflateIO(io.BytesIO(binascii.a2b_base64('"
                + java.util.Base64.getEncoder().encodeToString(Arrays.copyOf(buf, n))
                + "')),deflate.RAW,12).read())\n";
    }

    private Running start(String path, String call, long size) {
        // room for the line at 1 KB/s, and for the retries the protocol allows
        Duration deadline = Duration.ofSeconds(30).plusMillis(size);
        return new Running(code.repl(), call, deadline);
    }

    /** A line the board wrote: kind letter and number, parsed only when both copies agree. */
    private record Line(char kind, int n) {}

    /** The helper running on the board: its output as lines or frames, and the link to write to. */
    private static final class Running {
        private final RawRepl repl;
        private final BlockingQueue<byte[]> out = new LinkedBlockingQueue<>();
        private final FutureTask<ExecResult> task;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private byte[] buf = new byte[0];
        private int pos;
        boolean clean = true;

        Running(RawRepl repl, String call, Duration deadline) {
            this.repl = repl;
            this.task = new FutureTask<>(() -> repl.execRaw(call.getBytes(StandardCharsets.UTF_8), deadline,
                    (b, off, len) -> out.add(Arrays.copyOfRange(b, off, off + len))));
            Thread t = new Thread(task, "mpt-transfer-exec");
            t.setDaemon(true);
            t.start();
        }

        boolean isDone() {
            return task.isDone() && out.isEmpty() && pos >= buf.length;
        }

        void write(byte[] b) throws BoardException {
            try {
                repl.link().write(b, 0, b.length);
            } catch (LinkException e) {
                clean = false;
                throw new BoardException(BoardException.Kind.DISCONNECTED, "lost " + repl.link().description()
                        + ": " + e.getMessage(), e);
            }
        }

        /** The next output byte, or -1 when none came in time. */
        private int next(long deadlineNanos) {
            while (pos >= buf.length) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return -1;
                }
                try {
                    byte[] b = out.poll(Math.min(left, 50_000_000L), TimeUnit.NANOSECONDS);
                    if (b != null) {
                        buf = b;
                        pos = 0;
                    } else if (task.isDone() && out.isEmpty()) {
                        return -1;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            }
            return buf[pos++] & 0xff;
        }

        /** The next well-formed line, or null when none came within {@code wait}. */
        Line line(Duration wait) {
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                int b = next(deadline);
                if (b < 0) {
                    return null;
                }
                if (b != '\n') {
                    pending.write(b);
                    if (pending.size() > 40) {
                        pending.reset();
                    }
                    continue;
                }
                String s = pending.toString(StandardCharsets.ISO_8859_1);
                pending.reset();
                if (DEBUG) {
                    System.err.println("board: " + s);
                }
                int dot = s.indexOf('.');
                if (s.length() >= 4 && dot > 1 && s.substring(1, dot).matches("\\d{1,9}")
                        && s.substring(1, dot).equals(s.substring(dot + 1))) {
                    return new Line(s.charAt(0), Integer.parseInt(s.substring(1, dot)));
                }
            }
        }

        /** Waits for a line of {@code kind} and {@code n}; false if the program ended or none came. */
        boolean awaitLine(char kind, int n) {
            long deadline = System.nanoTime() + HOST_WAIT.toNanos() * 2;
            while (System.nanoTime() < deadline) {
                Line l = line(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                if (l == null) {
                    return false;
                }
                if (l.kind == kind && l.n == n) {
                    return true;
                }
            }
            return false;
        }

        /** The next frame, unescaped (possibly garbled), or null when none came within {@code wait}. */
        byte[] frame(Duration wait) {
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                int b = next(deadline);
                if (b < 0) {
                    return null;
                }
                if ((byte) b == END) {
                    byte[] f = unescape(pending.toByteArray());
                    pending.reset();
                    if (DEBUG) {
                        System.err.println("frame of " + f.length + ", seq " + checkedSeq(f));
                    }
                    return f;
                }
                pending.write(b);
                if (pending.size() > 4 * BLOCK + 64) {
                    pending.reset(); // no end in sight: garbage
                }
            }
        }

        private static byte[] unescape(byte[] e) {
            ByteArrayOutputStream o = new ByteArrayOutputStream(e.length);
            for (int i = 0; i < e.length; i++) {
                byte b = e[i];
                if (b == ESC && i + 1 < e.length) {
                    byte c = e[++i];
                    o.write(c == (byte) 0xDC ? 0xC0 : c == (byte) 0xDD ? 0xDB : c == (byte) 0xDE ? 0x04 : -1);
                    if (c != (byte) 0xDC && c != (byte) 0xDD && c != (byte) 0xDE) {
                        return new byte[0];
                    }
                } else {
                    o.write(b);
                }
            }
            return o.toByteArray();
        }

        /** The board program's result once it ended, or null if it did not end in time or failed. */
        ExecResult result() {
            try {
                return task.get(HOST_WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // not usable
            }
            clean = false;
            return null;
        }

        /** Waits for the board's program to end; its exception becomes a one-line error. */
        void finish(String path) throws RemoteFsException, BoardException {
            ExecResult r;
            try {
                r = task.get(HOST_WAIT.toMillis() * (HOST_TRIES + 2), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                clean = false;
                throw new BoardException(BoardException.Kind.TIMEOUT, "the transfer program on "
                        + repl.link().description() + " did not end");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                clean = false;
                throw new BoardException(BoardException.Kind.TIMEOUT, "interrupted");
            } catch (ExecutionException e) {
                clean = false;
                if (e.getCause() instanceof BoardException b) {
                    throw b;
                }
                throw new BoardException(BoardException.Kind.PROTOCOL, String.valueOf(e.getCause().getMessage()));
            }
            if (r.raised()) {
                clean = false;
                ExecException ex = ExecException.fromStderr(r.stderr(), r.stdout());
                if (ex.exceptionMessage().startsWith("mpt: ")) {
                    throw new RemoteFsException(path + ": " + ex.exceptionMessage().substring(5));
                }
                throw RemoteCode.translate(path, ex);
            }
        }

        /**
         * Ends the run: waits for the board's program if still running, and after anything
         * unusual enters the raw REPL afresh, so stray transfer bytes are not taken for code.
         */
        void close(boolean wasClean) {
            if (!task.isDone()) {
                try {
                    task.get(HOST_WAIT.toMillis() * (HOST_TRIES + 2), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException | TimeoutException e) {
                    // reported by the caller, or the link is gone
                }
                if (!task.isDone()) {
                    repl.link().close(); // the helper never ended: nothing else can stop it
                    task.cancel(true);
                    return;
                }
            }
            if (!wasClean && repl.link().isOpen()) {
                try {
                    repl.enter(false);
                } catch (BoardException e) {
                    // the caller's failure is what matters; the next command re-enters
                }
            }
        }
    }
}
