package dev.mpt.bytecode;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * An entry of a .mpy file's constant table. Numbers keep the text the file stores them as
 * (MicroPython writes the repr of the number), so reading and writing a file is exact.
 */
public sealed interface Constant {

    /** The persistent-object type byte that introduces this constant in the file. */
    int typeCode();

    int FUN_TABLE = 0;
    int NONE = 1;
    int FALSE = 2;
    int TRUE = 3;
    int ELLIPSIS = 4;
    int STR = 5;
    int BYTES = 6;
    int INT = 7;
    int FLOAT = 8;
    int COMPLEX = 9;
    int TUPLE = 10;

    /** The table of native-code entry points ({@code mp_fun_table}), used by native code. */
    record FunTable() implements Constant {
        public int typeCode() {
            return FUN_TABLE;
        }
    }

    record None() implements Constant {
        public int typeCode() {
            return NONE;
        }
    }

    record Bool(boolean value) implements Constant {
        public int typeCode() {
            return value ? TRUE : FALSE;
        }
    }

    record Ellipsis() implements Constant {
        public int typeCode() {
            return ELLIPSIS;
        }
    }

    record Str(String value) implements Constant {
        public Str {
            Objects.requireNonNull(value);
        }

        public int typeCode() {
            return STR;
        }
    }

    /** A bytes constant; the array is copied in and out, so the record stays immutable. */
    record Bytes(byte[] value) implements Constant {
        public Bytes {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        public int length() {
            return value.length;
        }

        public int typeCode() {
            return BYTES;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(value, b.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bytes[" + HexFormat.of().formatHex(value) + "]";
        }
    }

    /** An integer too big for a small int, stored in decimal. */
    record Int(String literal) implements Constant {
        public Int {
            Numbers.checkInt(literal);
        }

        public static Int of(BigInteger value) {
            return new Int(value.toString());
        }

        public BigInteger value() {
            return Numbers.parseInt(literal);
        }

        public int typeCode() {
            return INT;
        }
    }

    /** A float, stored as its MicroPython repr (e.g. {@code 1e+100}, {@code inf}). */
    record Float(String literal) implements Constant {
        public Float {
            Numbers.checkFloat(literal);
        }

        public double value() {
            return Numbers.parseFloat(literal);
        }

        public int typeCode() {
            return FLOAT;
        }
    }

    /** A complex number, stored as its MicroPython repr (e.g. {@code 2j}, {@code (1+2j)}). */
    record Complex(String literal) implements Constant {
        public Complex {
            Numbers.parseComplex(literal);
        }

        /** The real and imaginary parts. */
        public double[] value() {
            return Numbers.parseComplex(literal);
        }

        public int typeCode() {
            return COMPLEX;
        }
    }

    record Tuple(List<Constant> items) implements Constant {
        public Tuple {
            items = List.copyOf(items);
        }

        public int typeCode() {
            return TUPLE;
        }
    }
}
