package dev.mpt.vm;

import java.util.Arrays;

/** An immutable bytes value. */
public final class PyBytes implements PyObject {
    public final byte[] data;

    public PyBytes(byte[] data) {
        this.data = data;
    }

    public PyType type() {
        return Types.BYTES;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PyBytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }
}
