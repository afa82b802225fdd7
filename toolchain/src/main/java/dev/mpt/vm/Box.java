package dev.mpt.vm;

/**
 * Boxed ints for the VM's hot paths. {@link Long#valueOf} keeps only -128..127, so every
 * byte value above 127 (a bytes subscript, an xor of two bytes) allocated a Long; {@link #of}
 * shares one Long for each of -256..1023. Which box an int is never shows: {@code is} on
 * ints compares their values (as MicroPython's small ints, which are not objects).
 */
public final class Box {
    private Box() {}

    static final int LOW = -256;
    static final int HIGH = 1023;
    private static final Long[] CACHE = new Long[HIGH - LOW + 1];

    static {
        for (int i = 0; i < CACHE.length; i++) {
            CACHE[i] = Long.valueOf(i + LOW);
        }
    }

    /** v boxed: a shared Long in -256..1023, else Long.valueOf's. */
    public static Long of(long v) {
        long i = v - LOW;
        return i >= 0 && i < CACHE.length ? CACHE[(int) i] : Long.valueOf(v);
    }
}
