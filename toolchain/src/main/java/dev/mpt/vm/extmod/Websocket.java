package dev.mpt.vm.extmod;

import dev.mpt.vm.ArrayType;
import dev.mpt.vm.BuiltinTypes;
import dev.mpt.vm.Errno;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyByteArray;
import dev.mpt.vm.PyBytes;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyObject;
import dev.mpt.vm.PyType;
import dev.mpt.vm.Types;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * websocket: websocket(stream) frames RFC 6455 data over a stream, the server side as
 * MicroPython's webrepl uses it: read(n) takes payload across frames (unmasking it), skips
 * ping and pong frames and answers a close frame with one (then reads end); write sends one
 * unmasked frame of the current data opcode; ioctl 8 gives the last frame's opcode, ioctl 9
 * swaps the write opcode.
 */
final class Websocket {
    private Websocket() {}

    static final PyType WEBSOCKET = new PyType("websocket", new PyType[] {Types.OBJECT}, true);

    private static final int FRAME_CONT = 0;
    private static final int FRAME_TXT = 1;
    private static final int FRAME_CLOSE = 8;
    private static final int FRAME_PING = 9;
    private static final int FRAME_PONG = 10;

    static final class Ws implements PyObject {
        final Object stream;
        /** Payload bytes left in the frame being read. */
        long left;
        byte[] mask;
        int maskPos;
        int lastOpcode;
        int opts = FRAME_TXT;
        boolean closed;

        Ws(Object stream) {
            this.stream = stream;
        }

        public PyType type() {
            return WEBSOCKET;
        }

        private byte[] readRaw(int n) {
            Object r = Ops.call(Ops.getattr(stream, "read"), (long) n);
            return r == PyNone.NONE ? new byte[0] : Ops.bytesOf(r);
        }

        private void writeRaw(byte[] b) {
            Ops.call(Ops.getattr(stream, "write"), new PyBytes(b));
        }

        /** Reads the next frame header; false at the end of the stream. */
        private boolean header() {
            byte[] h = readRaw(2);
            if (h.length < 2) {
                return false;
            }
            int opcode = h[0] & 0x0f;
            boolean masked = (h[1] & 0x80) != 0;
            long len = h[1] & 0x7f;
            if (len == 126) {
                byte[] e = readRaw(2);
                len = ((e[0] & 0xff) << 8) | (e[1] & 0xff);
            } else if (len == 127) {
                throw Errno.oserror(5);
            }
            mask = masked ? readRaw(4) : null;
            maskPos = 0;
            left = len;
            if (opcode == FRAME_CLOSE || opcode == FRAME_PING || opcode == FRAME_PONG) {
                byte[] payload = payload((int) len);
                if (opcode == FRAME_CLOSE) {
                    writeRaw(frame(FRAME_CLOSE, payload));
                    closed = true;
                }
                return true;
            }
            if (opcode != FRAME_CONT) {
                lastOpcode = opcode;
            }
            return true;
        }

        private byte[] payload(int n) {
            byte[] b = readRaw(n);
            if (mask != null) {
                for (int i = 0; i < b.length; i++) {
                    b[i] ^= mask[maskPos++ & 3];
                }
            }
            left -= b.length;
            return b;
        }

        byte[] read(long n) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (!closed && (n < 0 || out.size() < n)) {
                if (left == 0) {
                    if (!header()) {
                        break;
                    }
                    continue;
                }
                long want = n < 0 ? left : Math.min(left, n - out.size());
                byte[] b = payload((int) want);
                if (b.length == 0) {
                    break;
                }
                out.write(b, 0, b.length);
            }
            return out.toByteArray();
        }

        static byte[] frame(int opcode, byte[] payload) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0x80 | opcode);
            if (payload.length < 126) {
                out.write(payload.length);
            } else if (payload.length < 65536) {
                out.write(126);
                out.write(payload.length >> 8);
                out.write(payload.length & 0xff);
            } else {
                throw Errno.oserror(105);
            }
            out.write(payload, 0, payload.length);
            return out.toByteArray();
        }
    }

    static PyModule module() {
        PyModule m = new PyModule("websocket");
        m.globals.put("websocket", WEBSOCKET);
        WEBSOCKET.maker = (cls, a, kw) -> new Ws(a[0]);
        return m;
    }

    static {
        BuiltinTypes.method(WEBSOCKET, "read", (a, kw) -> new PyBytes(((Ws) a[0]).read(
                a.length > 1 && a[1] != PyNone.NONE ? Ops.toLong(a[1]) : -1)));
        BuiltinTypes.method(WEBSOCKET, "readinto", (a, kw) -> {
            Ws ws = (Ws) a[0];
            int len = ArrayType.writableLength(a[1]);
            byte[] r = ws.read(a.length > 2 ? Math.min(len, Ops.toLong(a[2])) : len);
            ArrayType.store(a[1], r, r.length);
            return (long) r.length;
        });
        BuiltinTypes.method(WEBSOCKET, "readline", (a, kw) -> {
            Ws ws = (Ws) a[0];
            return new PyBytes(Socket.readUpTo(ws::read, -1, true));
        });
        BuiltinTypes.method(WEBSOCKET, "write", (a, kw) -> {
            Ws ws = (Ws) a[0];
            byte[] data = a[1] instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : Ops.bytesOf(a[1]);
            ws.writeRaw(Ws.frame(ws.opts, data));
            return (long) data.length;
        });
        BuiltinTypes.method(WEBSOCKET, "ioctl", (a, kw) -> {
            Ws ws = (Ws) a[0];
            long req = Ops.toLong(a[1]);
            long arg = a.length > 2 ? Ops.toLong(a[2]) : 0;
            if (req == 8) {
                return (long) ws.lastOpcode;
            }
            if (req == 9) {
                long cur = ws.opts;
                ws.opts = (int) (arg & 0x0f);
                return cur;
            }
            if (req == 4) {
                Ops.call(Ops.getattr(ws.stream, "close"));
                return 0L;
            }
            throw Errno.oserror(22);
        });
        BuiltinTypes.method(WEBSOCKET, "close", (a, kw) -> {
            Ops.call(Ops.getattr(((Ws) a[0]).stream, "close"));
            return PyNone.NONE;
        });
    }
}
