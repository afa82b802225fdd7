package dev.mpt.vm;

/**
 * A Python value that is not one of the Java types the VM uses directly. The VM represents
 * {@code None} as {@link PyNone#NONE}, bool as {@link Boolean}, int as {@link Long} or
 * {@link java.math.BigInteger} (only when it does not fit a long), float as {@link Double}
 * and str as {@link String}; everything else implements this interface.
 */
public interface PyObject {
    PyType type();
}
