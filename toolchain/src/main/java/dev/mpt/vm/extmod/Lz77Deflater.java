package dev.mpt.vm.extmod;

import java.io.ByteArrayOutputStream;

/**
 * The compressor behind {@code deflate.DeflateIO.write}: one final block with the fixed
 * Huffman codes of RFC 1951, its matches found by an exhaustive search of a history window
 * of {@code 2**wbits} bytes, as MicroPython's uzlib compressor does it — so the bytes out are
 * those a board writes. The search takes, for each position, the longest match of 3 or more
 * bytes (up to 259, which the encoder sends as two matches), the nearest one among equals;
 * a match may run on past the history into the data being compressed. Otherwise a literal.
 */
final class Lz77Deflater {
    /** Where the compressed bytes go, one at a time, as they are complete. */
    interface Sink {
        void put(int b);
    }

    private static final int MATCH_MIN = 3;
    private static final int MATCH_MAX = 258;

    private final byte[] hist;
    private final int mask;
    private int histStart;
    private int histLen;
    private final Sink sink;
    private long bitBuf;
    private int bitCount;

    Lz77Deflater(int wbits, Sink sink) {
        this.hist = new byte[1 << wbits];
        this.mask = hist.length - 1;
        this.sink = sink;
    }

    /** The one-shot form: a raw DEFLATE stream of {@code data} with a window of 2**wbits bytes. */
    static byte[] compressRaw(byte[] data, int wbits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Lz77Deflater d = new Lz77Deflater(wbits, out::write);
        d.startBlock();
        d.compress(data, 0, data.length);
        d.finishBlock();
        return out.toByteArray();
    }

    private void bits(int value, int n) {
        bitBuf |= (long) value << bitCount;
        bitCount += n;
        while (bitCount >= 8) {
            int b = (int) (bitBuf & 0xff);
            bitBuf >>>= 8;
            bitCount -= 8;
            sink.put(b);
        }
    }

    /** {@code v}'s {@code n} low bits in reverse order: Huffman codes go out most significant bit first. */
    private static int reversed(int v, int n) {
        return Integer.reverse(v) >>> (32 - n);
    }

    /** The block header: the last block, fixed codes. */
    void startBlock() {
        bits(1, 1);
        bits(1, 2);
    }

    /** The end-of-block code (seven zero bits) and seven more zero bits, so every code bit is out. */
    void finishBlock() {
        bits(0, 7);
        bits(0, 7);
    }

    private void literal(int c) {
        if (c < 144) {
            bits(reversed(0x30 + c, 8), 8);
        } else {
            bits(reversed(0x190 + c - 144, 9), 9);
        }
    }

    private void match(int distance, int len) {
        int d = distance - 1;
        while (len > 0) {
            // lengths 3..258 fit one code; 259 and 260 go as len-3 then 3
            int part = len > 260 ? 258 : len <= 258 ? len : len - 3;
            len -= part;
            int l = part - 3;
            int code;
            int extra;
            if (l == 255) {
                code = 28;
                extra = 0;
            } else if (l < 8) {
                code = l;
                extra = 0;
            } else {
                extra = 31 - Integer.numberOfLeadingZeros(l) - 2;
                code = 4 * (extra + 1) + ((l >> extra) & 3);
            }
            int sym = 257 + code;
            if (sym < 280) {
                bits(reversed(sym - 256, 7), 7);
            } else {
                bits(reversed(0xc0 + sym - 280, 8), 8);
            }
            if (extra > 0) {
                bits(l & ((1 << extra) - 1), extra);
            }
            int dcode;
            int dextra;
            if (d < 4) {
                dcode = d;
                dextra = 0;
            } else {
                dextra = 31 - Integer.numberOfLeadingZeros(d) - 1;
                dcode = 2 * (dextra + 1) + ((d >> dextra) & 1);
            }
            bits(reversed(dcode, 5), 5);
            if (dextra > 0) {
                bits(d & ((1 << dextra) - 1), dextra);
            }
        }
    }

    /** Compresses {@code len} bytes of {@code src} from {@code off}, the window carried from earlier calls. */
    void compress(byte[] src, int off, int len) {
        int top = off + len;
        int p = off;
        while (p < top) {
            int avail = top - p;
            int best = 0;
            int bestOffset = 0;
            for (int h = 0; h < histLen; h++) {
                int m = 0;
                while (m <= MATCH_MAX && m < avail) {
                    byte b = h + m < histLen ? hist[(histStart + h + m) & mask] : src[p + h + m - histLen];
                    if (src[p + m] != b) {
                        break;
                    }
                    m++;
                }
                if (m >= MATCH_MIN && m >= best) {
                    best = m;
                    bestOffset = histLen - h;
                }
            }
            int n;
            if (best == 0) {
                literal(src[p] & 0xff);
                n = 1;
            } else {
                match(bestOffset, best);
                n = best;
            }
            while (n-- > 0) {
                hist[(histStart + histLen) & mask] = src[p++];
                if (histLen == hist.length) {
                    histStart = (histStart + 1) & mask;
                } else {
                    histLen++;
                }
            }
        }
    }
}
