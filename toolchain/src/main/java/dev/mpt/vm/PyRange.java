package dev.mpt.vm;

/** range(start, stop, step): MicroPython's objrange. */
public record PyRange(long start, long stop, long step) implements PyObject {
    public PyType type() {
        return Types.RANGE;
    }

    long length() {
        if (step > 0) {
            return start < stop ? (stop - start + step - 1) / step : 0;
        }
        return start > stop ? (start - stop - step - 1) / -step : 0;
    }
}
