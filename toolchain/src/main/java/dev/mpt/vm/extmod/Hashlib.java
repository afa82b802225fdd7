package dev.mpt.vm.extmod;

import dev.mpt.vm.BuiltinTypes;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyBuiltin;
import dev.mpt.vm.PyBytes;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyObject;
import dev.mpt.vm.PyType;
import dev.mpt.vm.Types;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** hashlib: sha256, sha1 and md5. */
final class Hashlib {
    private Hashlib() {}

    static final PyType HASH = new PyType("hash", new PyType[] {Types.OBJECT}, true);

    static final class Hash implements PyObject {
        final MessageDigest md;
        byte[] done;

        Hash(MessageDigest md) {
            this.md = md;
        }

        public PyType type() {
            return HASH;
        }
    }

    static {
        BuiltinTypes.method(HASH, "update", (a, kw) -> {
            if (((Hash) a[0]).done != null) {
                throw Ops.valueError("hash is final");
            }
            ((Hash) a[0]).md.update(Ops.bytesOf(a[1]));
            return PyNone.NONE;
        });
        BuiltinTypes.method(HASH, "digest", (a, kw) -> {
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
        for (String[] alg : new String[][] {{"sha256", "SHA-256"}, {"sha1", "SHA-1"}, {"md5", "MD5"}}) {
            m.globals.put(alg[0], new PyBuiltin(alg[0], (a, kw) -> {
                try {
                    Hash h = new Hash(MessageDigest.getInstance(alg[1]));
                    if (a.length > 0) {
                        h.md.update(Ops.bytesOf(a[0]));
                    }
                    return h;
                } catch (NoSuchAlgorithmException e) {
                    throw Ops.valueError(alg[0]);
                }
            }));
        }
        return m;
    }
}
