package dev.mpt.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpt.bytecode.BinaryOp;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Values print and behave the way MicroPython's do (hand-checked against a board's output). */
class ObjectModelTest {

    @Test
    void floatsPrintLikeMicroPython() {
        assertThat(Ops.repr(0.1)).isEqualTo("0.1");
        assertThat(Ops.repr(1.0 / 3)).isEqualTo("0.3333333333333333");
        assertThat(Ops.repr(1e16)).isEqualTo("1e+16");
        assertThat(Ops.repr(1e15)).isEqualTo("1000000000000000.0");
        assertThat(Ops.repr(1.5e-7)).isEqualTo("1.5e-07");
        assertThat(Ops.repr(0.0001)).isEqualTo("0.0001");
        assertThat(Ops.repr(100.0)).isEqualTo("100.0");
        assertThat(Ops.repr(-0.0)).isEqualTo("-0.0");
        assertThat(Ops.repr(Double.NaN)).isEqualTo("nan");
        assertThat(Ops.repr(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(Ops.repr(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    }

    @Test
    void intsGrowPastSixtyFourBits() {
        Object big = Ops.binary(BinaryOp.POWER, 2L, 100L);
        assertThat(big).isEqualTo(new BigInteger("1267650600228229401496703205376"));
        assertThat(Ops.binary(BinaryOp.ADD, Long.MAX_VALUE, 1L)).isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(Ops.binary(BinaryOp.SUBTRACT, big, big)).isEqualTo(0L);
    }

    @Test
    void divisionFloorsAndModuloFollowsTheDivisor() {
        assertThat(Ops.binary(BinaryOp.FLOOR_DIVIDE, 7L, -2L)).isEqualTo(-4L);
        assertThat(Ops.binary(BinaryOp.MODULO, -7L, 3L)).isEqualTo(2L);
        assertThat(Ops.binary(BinaryOp.FLOOR_DIVIDE, 7.0, -2L)).isEqualTo(-4.0);
        assertThat(Ops.binary(BinaryOp.MODULO, -7.0, 3L)).isEqualTo(2.0);
        assertThat(Ops.binary(BinaryOp.TRUE_DIVIDE, 10L, 4L)).isEqualTo(2.5);
        assertThat(Ops.binary(BinaryOp.POWER, 2L, -1L)).isEqualTo(0.5);
        assertThatThrownBy(() -> Ops.binary(BinaryOp.FLOOR_DIVIDE, 1L, 0L))
                .isInstanceOf(PyError.class).hasMessage("ZeroDivisionError: divide by zero");
    }

    @Test
    void dictsAndSetsIterateInMicroPythonHashOrder() {
        PyDict d = new PyDict();
        d.put("b", 1L);
        d.put("a", 2L);
        d.put("c", 3L);
        d.put("zz", 4L);
        assertThat(Ops.repr(d)).isEqualTo("{'a': 2, 'zz': 4, 'c': 3, 'b': 1}");
        PySet s = new PySet(false, 5);
        for (long v : new long[] {5, 1, 9, 100, 3}) {
            s.add(v);
        }
        assertThat(Ops.repr(s)).isEqualTo("{5, 1, 100, 3, 9}");
        PyDict e = new PyDict();
        for (long i = 0; i < 10; i++) {
            e.put(i * 7, i);
        }
        assertThat(Ops.repr(e)).isEqualTo("{0: 0, 21: 3, 42: 6, 63: 9, 14: 2, 35: 5, 56: 8, 7: 1, 28: 4, 49: 7}");
    }

    @Test
    void equalNumbersAreTheSameKey() {
        PyDict d = new PyDict();
        d.put(1L, "int");
        d.put(1.0, "float");
        d.put(Boolean.TRUE, "bool");
        assertThat(d.size()).isEqualTo(1);
        assertThat(d.get(1L)).isEqualTo("bool");
    }

    @Test
    void stringsAndBytesQuoteLikeMicroPython() {
        assertThat(Ops.repr("a'b\"c\n\u0001\u00e9")).isEqualTo("'a\\'b\"c\\n\\x01\\xe9'");
        assertThat(Ops.repr("it's")).isEqualTo("\"it's\"");
        assertThat(Ops.repr(new PyBytes(new byte[] {'a', 0, (byte) 0xff, '\''}))).isEqualTo("b\"a\\x00\\xff'\"");
        assertThat(Ops.repr(PyTuple.of(1L))).isEqualTo("(1,)");
        assertThat(Ops.repr(new PyException(Types.VALUE_ERROR, "x"))).isEqualTo("ValueError('x',)");
    }

    @Test
    void operatorErrorsUseMicroPythonWording() {
        assertThatThrownBy(() -> Ops.binary(BinaryOp.ADD, 1L, "a")).isInstanceOf(PyError.class)
                .hasMessage("TypeError: unsupported types for __add__: 'int', 'str'");
        assertThatThrownBy(() -> Ops.getitem(new PyList(), 1L)).isInstanceOf(PyError.class)
                .hasMessage("IndexError: list index out of range");
        assertThatThrownBy(() -> Ops.len(5L)).isInstanceOf(PyError.class)
                .hasMessage("TypeError: object of type 'int' has no len()");
    }

    @Test
    void percentAndFormatProduceCOutput() {
        assertThat(Fmt.percent("%s %r %d %x %5.2f %-5s|", PyTuple.of("a", "b", 3L, 255L, 3.14159, "x")))
                .isEqualTo("a 'b' 3 ff  3.14 x    |");
        assertThat(Fmt.format("{:>6}|{:<4}|{:^5}|{:08.3f}", new Object[] {"ab", 1L, "c", -3.14159}, null))
                .isEqualTo("    ab|1   |  c  |-003.142");
        assertThat(Fmt.formatValue(1234567L, ",")).isEqualTo("1,234,567");
        assertThat(Fmt.formatValue(255L, "#x")).isEqualTo("0xff");
    }

    @Test
    void boolIsNotAnIntSubclassInMicroPython() {
        assertThat(Classes.isInstance(Boolean.TRUE, Types.INT)).isFalse();
        assertThat(Ops.binary(BinaryOp.ADD, Boolean.TRUE, 1L)).isEqualTo(2L);
    }
}
