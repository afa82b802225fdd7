package dev.mpt.vm;

/** A mutable bytearray: a growable byte buffer. */
public final class PyByteArray implements PyObject {
    public byte[] data;
    public int len;

    public PyByteArray(byte[] data) {
        this.data = data.clone();
        this.len = data.length;
    }

    public PyType type() {
        return Types.BYTEARRAY;
    }

    public byte[] bytes() {
        return java.util.Arrays.copyOf(data, len);
    }

    void set(byte[] b) {
        data = b.clone();
        len = b.length;
    }
}
