package dev.mpt.vm.extmod;

import dev.mpt.vm.ArrayType;
import dev.mpt.vm.BuiltinTypes;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyByteArray;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyException;
import dev.mpt.vm.PyInstance;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyObject;
import dev.mpt.vm.PyTuple;
import dev.mpt.vm.PyType;
import dev.mpt.vm.Slots;
import dev.mpt.vm.Types;

/**
 * framebuf: FrameBuffer(buffer, width, height, format[, stride]) drawing into a bytearray in
 * the pixel layouts displays use — MONO_VLSB (a byte is 8 pixels down), MONO_HLSB/MONO_HMSB
 * (a byte is 8 pixels across, leftmost in the high/low bit), RGB565 (16-bit little-endian),
 * GS2_HMSB, GS4_HMSB (leftmost pixel in the high bits) and GS8. Drawing clips to the buffer.
 * There is no built-in font here, so {@code text} is not provided.
 */
final class FrameBuf {
    private FrameBuf() {}

    static final int MONO_VLSB = 0;
    static final int RGB565 = 1;
    static final int GS4_HMSB = 2;
    static final int MONO_HLSB = 3;
    static final int MONO_HMSB = 4;
    static final int GS2_HMSB = 5;
    static final int GS8 = 6;

    static final PyType FRAMEBUFFER = new PyType("FrameBuffer", new PyType[] {Types.OBJECT}, true);

    /** Bytes a FrameBuffer draws into: a bytearray (or a window of one), or read-only bytes. */
    private static final class Pixels {
        final PyByteArray target;
        final int offset;
        final byte[] readOnly;
        final int length;

        Pixels(Object o) {
            if (o instanceof PyInstance pi && pi.base != null) {
                o = pi.base;
            }
            if (o instanceof PyByteArray ba) {
                target = ba;
                offset = 0;
                readOnly = null;
                length = ba.len;
            } else if (o instanceof ArrayType.MemoryView mv && mv.target instanceof PyByteArray ba) {
                target = ba;
                offset = mv.start;
                readOnly = null;
                length = mv.len;
            } else {
                target = null;
                offset = 0;
                readOnly = Ops.bytesOf(o);
                length = readOnly.length;
            }
        }

        int get(int i) {
            return (readOnly != null ? readOnly[i] : target.data[offset + i]) & 0xff;
        }

        void set(int i, int v) {
            if (readOnly != null) {
                throw Ops.typeError("object with buffer protocol required");
            }
            target.data[offset + i] = (byte) v;
        }
    }

    static final class FB implements PyObject, Slots.Buffer {
        public byte[] bufferBytes() {
            if (buffer == null) {
                throw Ops.typeError("object with buffer protocol required");
            }
            return Ops.bytesOf(buffer);
        }

        public Object bufferOwner() {
            return buffer != null ? buffer : this;
        }

        Object buffer;
        Pixels px;
        int width;
        int height;
        int stride;
        int format;

        public PyType type() {
            return FRAMEBUFFER;
        }

        void init(Object buf, long w, long h, long fmt, Object strideArg) {
            if (w < 1 || h < 1 || w > 0xffff || h > 0xffff) {
                throw new PyError(new PyException(Types.VALUE_ERROR, PyTuple.EMPTY));
            }
            int s = strideArg == null || strideArg == PyNone.NONE ? (int) w : (int) Ops.toLong(strideArg);
            if (s < w) {
                throw new PyError(new PyException(Types.VALUE_ERROR, PyTuple.EMPTY));
            }
            int bpp;
            switch ((int) fmt) {
                case MONO_VLSB:
                case GS8:
                    bpp = 8;
                    break;
                case MONO_HLSB:
                case MONO_HMSB:
                    s = (s + 7) & ~7;
                    bpp = 1;
                    break;
                case GS2_HMSB:
                    s = (s + 3) & ~3;
                    bpp = 2;
                    break;
                case GS4_HMSB:
                    s = (s + 1) & ~1;
                    bpp = 4;
                    break;
                case RGB565:
                    bpp = 16;
                    break;
                default:
                    throw Ops.valueError("invalid format");
            }
            // the last row (or page of 8 rows) only needs to reach the last pixel
            long need = fmt == MONO_VLSB ? ((h + 7) / 8 - 1) * s + w : (((h - 1) * s + w) * bpp + 7) / 8;
            Pixels p = new Pixels(buf);
            if (p.length < need) {
                throw new PyError(new PyException(Types.VALUE_ERROR, PyTuple.EMPTY));
            }
            buffer = buf;
            px = p;
            width = (int) w;
            height = (int) h;
            stride = s;
            format = (int) fmt;
        }

        int get(int x, int y) {
            switch (format) {
                case MONO_VLSB:
                    return (px.get((y >> 3) * stride + x) >> (y & 7)) & 1;
                case MONO_HLSB:
                    return (px.get((x + y * stride) >> 3) >> (7 - (x & 7))) & 1;
                case MONO_HMSB:
                    return (px.get((x + y * stride) >> 3) >> (x & 7)) & 1;
                case RGB565: {
                    int i = (x + y * stride) * 2;
                    return px.get(i) | (px.get(i + 1) << 8);
                }
                case GS2_HMSB: {
                    int i = x + y * stride;
                    return (px.get(i >> 2) >> ((i & 3) * 2)) & 3;
                }
                case GS4_HMSB: {
                    int i = x + y * stride;
                    return (px.get(i >> 1) >> ((i & 1) != 0 ? 0 : 4)) & 0x0f;
                }
                default:
                    return px.get(x + y * stride);
            }
        }

        void set(int x, int y, int c) {
            switch (format) {
                case MONO_VLSB: {
                    int i = (y >> 3) * stride + x;
                    int bit = 1 << (y & 7);
                    px.set(i, c != 0 ? px.get(i) | bit : px.get(i) & ~bit);
                    break;
                }
                case MONO_HLSB:
                case MONO_HMSB: {
                    int i = (x + y * stride) >> 3;
                    int bit = 1 << (format == MONO_HLSB ? 7 - (x & 7) : x & 7);
                    px.set(i, c != 0 ? px.get(i) | bit : px.get(i) & ~bit);
                    break;
                }
                case RGB565: {
                    int i = (x + y * stride) * 2;
                    px.set(i, c);
                    px.set(i + 1, c >> 8);
                    break;
                }
                case GS2_HMSB: {
                    int i = x + y * stride;
                    int shift = (i & 3) * 2;
                    px.set(i >> 2, (px.get(i >> 2) & ~(3 << shift)) | ((c & 3) << shift));
                    break;
                }
                case GS4_HMSB: {
                    int i = x + y * stride;
                    int shift = (i & 1) != 0 ? 0 : 4;
                    px.set(i >> 1, (px.get(i >> 1) & ~(0x0f << shift)) | ((c & 0x0f) << shift));
                    break;
                }
                default:
                    px.set(x + y * stride, c);
                    break;
            }
        }

        void setChecked(long x, long y, int c) {
            if (x >= 0 && y >= 0 && x < width && y < height) {
                set((int) x, (int) y, c);
            }
        }

        void fillRect(long x, long y, long w, long h, int c) {
            if (w < 1 || h < 1 || x + w <= 0 || y + h <= 0 || y >= height || x >= width) {
                return;
            }
            int xe = (int) Math.min(width, x + w);
            int ye = (int) Math.min(height, y + h);
            int x0 = (int) Math.max(x, 0);
            int y0 = (int) Math.max(y, 0);
            for (int yy = y0; yy < ye; yy++) {
                for (int xx = x0; xx < xe; xx++) {
                    set(xx, yy, c);
                }
            }
        }
    }

    private static FB fb(Object o) {
        if (o instanceof FB f) {
            return f;
        }
        if (o instanceof PyInstance pi && pi.base instanceof FB f) {
            return f;
        }
        throw Ops.typeError("FrameBuffer required");
    }

    private static long i(Object o) {
        return Ops.toLong(o);
    }

    private static int col(Object o) {
        return (int) Ops.toLong(o);
    }

    static PyModule module() {
        PyModule m = new PyModule("framebuf");
        m.globals.put("FrameBuffer", FRAMEBUFFER);
        m.fn("FrameBuffer1", (a, kw) -> {
            FB f = new FB();
            f.init(a[0], i(a[1]), i(a[2]), MONO_VLSB, a.length > 3 ? a[3] : null);
            return f;
        });
        m.globals.put("MVLSB", (long) MONO_VLSB);
        m.globals.put("MONO_VLSB", (long) MONO_VLSB);
        m.globals.put("RGB565", (long) RGB565);
        m.globals.put("GS2_HMSB", (long) GS2_HMSB);
        m.globals.put("GS4_HMSB", (long) GS4_HMSB);
        m.globals.put("GS8", (long) GS8);
        m.globals.put("MONO_HLSB", (long) MONO_HLSB);
        m.globals.put("MONO_HMSB", (long) MONO_HMSB);
        return m;
    }

    static {
        FRAMEBUFFER.maker = (cls, a, kw) -> {
            FB f = new FB();
            if (a.length == 0 && (kw == null || kw.isEmpty())) {
                return f; // for a subclass whose __init__ calls FrameBuffer.__init__
            }
            if (a.length < 4 || (kw != null && !kw.isEmpty())) {
                throw Ops.typeError("function missing required positional argument");
            }
            f.init(a[0], i(a[1]), i(a[2]), i(a[3]), a.length > 4 ? a[4] : null);
            return f;
        };
        BuiltinTypes.method(FRAMEBUFFER, "__init__", (a, kw) -> {
            fb(a[0]).init(a[1], i(a[2]), i(a[3]), i(a[4]), a.length > 5 ? a[5] : null);
            return PyNone.NONE;
        });
        BuiltinTypes.method(FRAMEBUFFER, "fill", (a, kw) -> {
            FB f = fb(a[0]);
            f.fillRect(0, 0, f.width, f.height, col(a[1]));
            return PyNone.NONE;
        });
        BuiltinTypes.method(FRAMEBUFFER, "fill_rect", (a, kw) -> {
            fb(a[0]).fillRect(i(a[1]), i(a[2]), i(a[3]), i(a[4]), col(a[5]));
            return PyNone.NONE;
        });
        BuiltinTypes.method(FRAMEBUFFER, "pixel", (a, kw) -> {
            FB f = fb(a[0]);
            long x = i(a[1]);
            long y = i(a[2]);
            if (x < 0 || y < 0 || x >= f.width || y >= f.height) {
                return PyNone.NONE;
            }
            if (a.length > 3) {
                f.set((int) x, (int) y, col(a[3]));
                return PyNone.NONE;
            }
            return (long) f.get((int) x, (int) y);
        });
        BuiltinTypes.method(FRAMEBUFFER, "hline", (a, kw) -> {
            fb(a[0]).fillRect(i(a[1]), i(a[2]), i(a[3]), 1, col(a[4]));
            return PyNone.NONE;
        });
        BuiltinTypes.method(FRAMEBUFFER, "vline", (a, kw) -> {
            fb(a[0]).fillRect(i(a[1]), i(a[2]), 1, i(a[3]), col(a[4]));
            return PyNone.NONE;
        });
        BuiltinTypes.method(FRAMEBUFFER, "rect", (a, kw) -> {
            FB f = fb(a[0]);
            long x = i(a[1]);
            long y = i(a[2]);
            long w = i(a[3]);
            long h = i(a[4]);
            int c = col(a[5]);
            if (a.length > 6 && Ops.truthy(a[6])) {
                f.fillRect(x, y, w, h, c);
            } else {
                f.fillRect(x, y, w, 1, c);
                f.fillRect(x, y + h - 1, w, 1, c);
                f.fillRect(x, y, 1, h, c);
                f.fillRect(x + w - 1, y, 1, h, c);
            }
            return PyNone.NONE;
        });
        BuiltinTypes.method(FRAMEBUFFER, "line", (a, kw) -> {
            line(fb(a[0]), i(a[1]), i(a[2]), i(a[3]), i(a[4]), col(a[5]));
            return PyNone.NONE;
        });
        BuiltinTypes.method(FRAMEBUFFER, "blit", (a, kw) -> {
            blit(fb(a[0]), a[1], i(a[2]), i(a[3]), a.length > 4 ? i(a[4]) : -1, a.length > 5 ? a[5] : PyNone.NONE);
            return PyNone.NONE;
        });
        BuiltinTypes.method(FRAMEBUFFER, "scroll", (a, kw) -> {
            scroll(fb(a[0]), i(a[1]), i(a[2]));
            return PyNone.NONE;
        });
        BuiltinTypes.method(FRAMEBUFFER, "ellipse", (a, kw) -> {
            ellipse(fb(a[0]), i(a[1]), i(a[2]), i(a[3]), i(a[4]), col(a[5]), a.length > 6 && Ops.truthy(a[6]),
                    a.length > 7 ? (int) i(a[7]) : 0xf);
            return PyNone.NONE;
        });
        BuiltinTypes.method(FRAMEBUFFER, "poly", (a, kw) -> {
            poly(fb(a[0]), i(a[1]), i(a[2]), a[3], col(a[4]), a.length > 5 && Ops.truthy(a[5]));
            return PyNone.NONE;
        });
    }

    /** Bresenham's line from (x1, y1) to (x2, y2), both ends included. */
    static void line(FB f, long x1, long y1, long x2, long y2, int c) {
        long dx = Math.abs(x2 - x1);
        long dy = Math.abs(y2 - y1);
        long sx = x1 < x2 ? 1 : -1;
        long sy = y1 < y2 ? 1 : -1;
        boolean steep = dy > dx;
        if (steep) {
            long t = x1;
            x1 = y1;
            y1 = t;
            t = dx;
            dx = dy;
            dy = t;
            t = sx;
            sx = sy;
            sy = t;
        }
        long e = 2 * dy - dx;
        for (long k = 0; k < dx; k++) {
            if (steep) {
                f.setChecked(y1, x1, c);
            } else {
                f.setChecked(x1, y1, c);
            }
            while (e >= 0) {
                y1 += sy;
                e -= 2 * dx;
            }
            x1 += sx;
            e += 2 * dy;
        }
        f.setChecked(x2, y2, c);
    }

    private static void blit(FB dst, Object srcObj, long x, long y, long key, Object palette) {
        FB src = readable(srcObj);
        FB pal = palette == PyNone.NONE ? null : readable(palette);
        if (x >= dst.width || y >= dst.height || -x >= src.width || -y >= src.height) {
            return;
        }
        int x0 = (int) Math.max(0, x);
        int y0 = (int) Math.max(0, y);
        int x1 = (int) Math.max(0, -x);
        int y1 = (int) Math.max(0, -y);
        int x0end = (int) Math.min(dst.width, x + src.width);
        int y0end = (int) Math.min(dst.height, y + src.height);
        for (int yy = y0, sy = y1; yy < y0end; yy++, sy++) {
            for (int xx = x0, sx = x1; xx < x0end; xx++, sx++) {
                int c = src.get(sx, sy);
                if (pal != null) {
                    c = c < pal.width ? pal.get(c, 0) : 0;
                }
                if (c != key) {
                    dst.set(xx, yy, c);
                }
            }
        }
    }

    /** A FrameBuffer, or a (buffer, width, height, format[, stride]) tuple read as one. */
    private static FB readable(Object o) {
        if (o instanceof PyTuple t) {
            if (t.items.length < 4 || t.items.length > 5) {
                throw Ops.valueError(null);
            }
            FB f = new FB();
            f.init(t.items[0], i(t.items[1]), i(t.items[2]), i(t.items[3]), t.items.length > 4 ? t.items[4] : null);
            return f;
        }
        return fb(o);
    }

    /** Moves the contents by (xstep, ystep); the strip left behind keeps its old pixels. */
    private static void scroll(FB f, long xstep, long ystep) {
        int sx;
        int xend;
        int dx;
        if (xstep < 0) {
            sx = 0;
            xend = (int) Math.max(0, f.width + xstep);
            dx = 1;
        } else {
            sx = f.width - 1;
            xend = (int) Math.min(f.width - 1, xstep - 1);
            dx = -1;
        }
        int sy;
        int yend;
        int dy;
        if (ystep < 0) {
            sy = 0;
            yend = (int) Math.max(0, f.height + ystep);
            dy = 1;
        } else {
            sy = f.height - 1;
            yend = (int) Math.min(f.height - 1, ystep - 1);
            dy = -1;
        }
        for (int y = sy; y != yend; y += dy) {
            for (int x = sx; x != xend; x += dx) {
                f.set(x, y, f.get((int) (x - xstep), (int) (y - ystep)));
            }
        }
    }

    private static final int Q1 = 1;
    private static final int Q2 = 2;
    private static final int Q3 = 4;
    private static final int Q4 = 8;

    private static void ellipsePoints(FB f, long cx, long cy, long x, long y, int c, boolean fill, int mask) {
        if (fill) {
            if ((mask & Q1) != 0) {
                f.fillRect(cx, cy - y, x + 1, 1, c);
            }
            if ((mask & Q2) != 0) {
                f.fillRect(cx - x, cy - y, x + 1, 1, c);
            }
            if ((mask & Q3) != 0) {
                f.fillRect(cx - x, cy + y, x + 1, 1, c);
            }
            if ((mask & Q4) != 0) {
                f.fillRect(cx, cy + y, x + 1, 1, c);
            }
        } else {
            if ((mask & Q1) != 0) {
                f.setChecked(cx + x, cy - y, c);
            }
            if ((mask & Q2) != 0) {
                f.setChecked(cx - x, cy - y, c);
            }
            if ((mask & Q3) != 0) {
                f.setChecked(cx - x, cy + y, c);
            }
            if ((mask & Q4) != 0) {
                f.setChecked(cx + x, cy + y, c);
            }
        }
    }

    /** Midpoint ellipse with radii xr, yr; mask picks quadrants (1 top right, then anticlockwise). */
    private static void ellipse(FB f, long cx, long cy, long xr, long yr, int c, boolean fill, int mask) {
        if (xr == 0 && yr == 0) {
            if ((mask & 0xf) != 0) {
                f.setChecked(cx, cy, c);
            }
            return;
        }
        long twoASq = 2 * xr * xr;
        long twoBSq = 2 * yr * yr;
        long x = xr;
        long y = 0;
        long xchange = yr * yr * (1 - 2 * xr);
        long ychange = xr * xr;
        long err = 0;
        long stoppingX = twoBSq * xr;
        long stoppingY = 0;
        while (stoppingX >= stoppingY) {
            ellipsePoints(f, cx, cy, x, y, c, fill, mask);
            y++;
            stoppingY += twoASq;
            err += ychange;
            ychange += twoASq;
            if (2 * err + xchange > 0) {
                x--;
                stoppingX -= twoBSq;
                err += xchange;
                xchange += twoBSq;
            }
        }
        x = 0;
        y = yr;
        xchange = yr * yr;
        ychange = xr * xr * (1 - 2 * yr);
        err = 0;
        stoppingX = 0;
        stoppingY = twoASq * yr;
        while (stoppingX <= stoppingY) {
            ellipsePoints(f, cx, cy, x, y, c, fill, mask);
            x++;
            stoppingX += twoBSq;
            err += xchange;
            xchange += twoBSq;
            if (2 * err + ychange > 0) {
                y--;
                stoppingY -= twoASq;
                err += ychange;
                ychange += twoASq;
            }
        }
    }

    private static void poly(FB f, long x, long y, Object coords, int c, boolean fill) {
        long[] pts;
        if (coords instanceof ArrayType.PyArray arr) {
            pts = new long[arr.items.size()];
            for (int k = 0; k < pts.length; k++) {
                pts[k] = Ops.toLong(arr.items.get(k));
            }
        } else {
            java.util.List<Object> l = Ops.toList(coords);
            pts = new long[l.size()];
            for (int k = 0; k < pts.length; k++) {
                pts[k] = Ops.toLong(l.get(k));
            }
        }
        int n = pts.length / 2;
        if (n < 1) {
            return;
        }
        if (!fill) {
            long px = pts[0];
            long py = pts[1];
            for (int k = n - 1; k >= 0; k--) {
                long qx = pts[2 * k];
                long qy = pts[2 * k + 1];
                line(f, x + px, y + py, x + qx, y + qy, c);
                px = qx;
                py = qy;
            }
            return;
        }
        long ymin = Long.MAX_VALUE;
        long ymax = Long.MIN_VALUE;
        for (int k = 0; k < n; k++) {
            ymin = Math.min(ymin, pts[2 * k + 1]);
            ymax = Math.max(ymax, pts[2 * k + 1]);
        }
        for (long row = ymin; row <= ymax; row++) {
            java.util.List<Long> nodes = new java.util.ArrayList<>();
            long px1 = pts[0];
            long py1 = pts[1];
            for (int k = n - 1; k >= 0; k--) {
                long px2 = pts[2 * k];
                long py2 = pts[2 * k + 1];
                if (py1 != py2 && ((py1 > row || py2 > row) && (py1 <= row || py2 <= row))) {
                    long node = (32 * px1 + 32 * (px2 - px1) * (row - py1) / (py2 - py1) + 16) / 32;
                    nodes.add(node);
                } else if (row == Math.max(py1, py2)) {
                    if (py1 < py2) {
                        f.setChecked(x + px2, y + py2, c);
                    } else if (py2 < py1) {
                        f.setChecked(x + px1, y + py1, c);
                    } else {
                        line(f, x + px1, y + py1, x + px2, y + py2, c);
                    }
                }
                px1 = px2;
                py1 = py2;
            }
            if (nodes.isEmpty()) {
                continue;
            }
            java.util.Collections.sort(nodes);
            for (int k = 0; k + 1 < nodes.size(); k += 2) {
                f.fillRect(x + nodes.get(k), y + row, nodes.get(k + 1) - nodes.get(k) + 1, 1, c);
            }
        }
    }
}
