package dev.mpt.vm.extmod;

import dev.mpt.vm.Ops;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyException;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyTuple;
import dev.mpt.vm.Types;
import dev.mpt.vm.VM;
import java.math.BigInteger;

/** random: MicroPython's generator, seeded per VM. */
final class Random {
    private Random() {}

    /** A small xorshift generator, as MicroPython's random module uses. */
    /**
     * MicroPython's random generator (Yasmarang, Ilya Levin's public-domain generator, as
     * MicroPython's random module runs it), so a seeded program gets the numbers a board
     * gives: 32-bit state words, an 8-bit one, all arithmetic modulo 2^32.
     */
    static final class Yasmarang {
        private int pad;
        private int n;
        private int d;
        private int dat;

        Yasmarang(long seed) {
            seed(seed);
        }

        /** random.seed(s): the low 32 bits of s. */
        void seed(long s) {
            pad = (int) s;
            n = 69;
            d = 233;
            dat = 0;
        }

        /** The next 32-bit word (as an unsigned value). */
        long next32() {
            pad += dat + d * n;
            pad = (pad << 3) + (pad >>> 29);
            n = pad | 2;
            d ^= (pad << 31) + (pad >>> 1);
            dat = (dat ^ pad ^ (d >>> 8) ^ 1) & 0xFF;
            return (pad ^ (d << 5) ^ (pad >>> 18) ^ (dat << 1)) & 0xFFFF_FFFFL;
        }

        /** getrandbits(bits), 1 to 32: the low bits of one word. */
        long bits(int bits) {
            return next32() & (0xFFFF_FFFFL >>> (32 - bits));
        }

        /** A float in [0, 1): two words fill the 52 fraction bits of a double in [1, 2), less 1. */
        double random() {
            long frac = ((next32() << 32) | next32()) & ((1L << 52) - 1);
            return Double.longBitsToDouble(0x3FF0_0000_0000_0000L | frac) - 1;
        }

        /** Below bound (1 to 2^32 - 1): masked words, drawn again until one fits. */
        long below(long bound) {
            long mask = 1;
            while ((bound & mask) < bound) {
                mask = (mask << 1) | 1;
            }
            long r;
            do {
                r = next32() & mask;
            } while (r >= bound);
            return r;
        }
    }

    static PyModule random(VM vm) {
        PyModule m = new PyModule("random");
        Yasmarang random = vm.moduleState(Yasmarang.class, v -> new Yasmarang(System.nanoTime()));
        m.fn("seed", (a, kw) -> {
            random.seed(a.length > 0 && a[0] != PyNone.NONE ? truncated(a[0]) : System.nanoTime() ^ System.identityHashCode(vm));
            return PyNone.NONE;
        });
        // (MICROPY_PY_RANDOM_SEED_INIT_FUNC: the function that seeds the generator at the first
        // import, from the board's entropy; calling it seeds it again)
        m.fn("__init__", (a, kw) -> {
            random.seed(System.nanoTime() ^ System.identityHashCode(vm));
            return PyNone.NONE;
        });
        m.fn("getrandbits", (a, kw) -> {
            long n = Ops.toLong(a[0]);
            if (n < 0 || n > 32) {
                throw Ops.valueError("bits must be 32 or less");
            }
            return n == 0 ? 0L : random.bits((int) n);
        });
        m.fn("random", (a, kw) -> random.random());
        m.fn("uniform", (a, kw) -> {
            double lo = Ops.toDouble(a[0]);
            double hi = Ops.toDouble(a[1]);
            return lo + (hi - lo) * random.random();
        });
        // the range functions draw below a 32-bit bound and say nothing more than ValueError
        // for an empty range, as MicroPython's do
        m.fn("randint", (a, kw) -> {
            long lo = Ops.toLong(a[0]);
            long hi = Ops.toLong(a[1]);
            if (hi < lo) {
                throw new PyError(new PyException(Types.VALUE_ERROR, PyTuple.EMPTY));
            }
            return lo + random.below((hi - lo + 1) & 0xFFFF_FFFFL);
        });
        m.fn("randrange", (a, kw) -> {
            long start = Ops.toLong(a[0]);
            long count;
            long step = 1;
            if (a.length == 1) {
                count = start;
                start = 0;
            } else {
                long stop = Ops.toLong(a[1]);
                if (a.length > 2) {
                    step = Ops.toLong(a[2]);
                }
                count = step > 0 ? (stop - start + step - 1) / step : step < 0 ? (stop - start + step + 1) / step : 0;
            }
            if (count <= 0) {
                throw new PyError(new PyException(Types.VALUE_ERROR, PyTuple.EMPTY));
            }
            return start + step * random.below(count & 0xFFFF_FFFFL);
        });
        m.fn("choice", (a, kw) -> {
            long n = Ops.len(a[0]);
            if (n == 0) {
                throw new PyError(new PyException(Types.INDEX_ERROR, PyTuple.EMPTY));
            }
            return Ops.getitem(a[0], random.below(n & 0xFFFF_FFFFL));
        });
        return m;
    }

    /** An int's low 64 bits, as MicroPython takes a seed (then its low 32). */
    private static long truncated(Object v) {
        return v instanceof BigInteger b ? b.longValue() : Ops.toLong(v);
    }
}
