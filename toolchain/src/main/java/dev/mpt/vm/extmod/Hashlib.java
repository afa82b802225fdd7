package dev.mpt.vm.extmod;

import dev.mpt.vm.BuiltinTypes;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyBytes;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyObject;
import dev.mpt.vm.PyType;
import dev.mpt.vm.Types;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** hashlib: sha256, sha1 and md5, each a type (as on MicroPython: isinstance and subclasses work). */
final class Hashlib {
    private Hashlib() {}

    private static final String[][] ALGORITHMS = {{"sha256", "SHA-256"}, {"sha1", "SHA-1"}, {"md5", "MD5"}};
    private static final PyType[] TYPES = new PyType[ALGORITHMS.length];

    static final class Hash implements PyObject {
        final MessageDigest md;
        final PyType type;
        byte[] done;

        Hash(MessageDigest md, PyType type) {
            this.md = md;
            this.type = type;
        }

        public PyType type() {
            return type;
        }
    }

    static {
        for (int i = 0; i < ALGORITHMS.length; i++) {
            String[] alg = ALGORITHMS[i];
            PyType t = new PyType(alg[0], new PyType[] {Types.OBJECT}, true);
            t.maker = (cls, a, kw) -> {
                try {
                    Hash h = new Hash(MessageDigest.getInstance(alg[1]), t);
                    if (a.length > 0) {
                        h.md.update(Ops.bytesOf(a[0]));
                    }
                    return h;
                } catch (NoSuchAlgorithmException e) {
                    throw Ops.valueError(alg[0]);
                }
            };
            methods(t);
            TYPES[i] = t;
        }
    }

    private static void methods(PyType t) {
        BuiltinTypes.method(t, "update", (a, kw) -> {
            if (((Hash) a[0]).done != null) {
                throw Ops.valueError("hash is final");
            }
            ((Hash) a[0]).md.update(Ops.bytesOf(a[1]));
            return PyNone.NONE;
        });
        BuiltinTypes.method(t, "digest", (a, kw) -> {
            Hash h = (Hash) a[0];
            if (h.done != null) {
                throw Ops.valueError("hash is final");
            }
            h.done = h.md.digest();
            return new PyBytes(h.done);
        });
    }

    static PyModule hashlib() {
        PyModule m = new PyModule("hashlib");
        for (PyType t : TYPES) {
            m.globals.put(t.name, t);
        }
        return m;
    }
}
