package dev.mpt.vm;

/** Small built-in object kinds. */
public final class Misc {
    private Misc() {}

    record Range(long start, long stop, long step) implements PyObject {
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

    record Slice(Object start, Object stop, Object step) implements PyObject {
        public PyType type() {
            return Types.SLICE;
        }
    }

    record BoundMethod(Object self, Object fn) implements PyObject {
        public PyType type() {
            return Types.BOUND_METHOD;
        }
    }

    record StaticMethod(Object fn) implements PyObject {
        public PyType type() {
            return Types.STATICMETHOD;
        }
    }

    record ClassMethod(Object fn) implements PyObject {
        public PyType type() {
            return Types.CLASSMETHOD;
        }
    }

    public record Property(Object fget, Object fset, Object fdel) implements PyObject {
        public PyType type() {
            return Types.PROPERTY;
        }
    }

    /** A super() object: look up from the type after {@code type} in obj's class. */
    record Super(PyType cls, Object obj) implements PyObject {
        public PyType type() {
            return Types.SUPER;
        }
    }
}
