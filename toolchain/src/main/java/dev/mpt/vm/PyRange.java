package dev.mpt.vm;

/** range(start, stop, step): MicroPython's objrange. */
public record PyRange(long start, long stop, long step) implements PyObject {
    public PyType type() {
        return Types.RANGE;
    }

    /** As MicroPython's range_len: machine-word arithmetic (it wraps), never below 0. */
    long length() {
        long len = stop - start + step;
        len = step > 0 ? len - 1 : len + 1;
        len = len / step;
        return Math.max(len, 0);
    }
}
