package dev.mpt.vm;

/** A complex number of two doubles. */
public record PyComplex(double real, double imag) implements PyObject {
    public PyType type() {
        return Types.COMPLEX;
    }
}
