package dev.mpt.vm.extmod;

import dev.mpt.vm.BuiltinTypes;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyByteArray;
import dev.mpt.vm.PyBytes;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyObject;
import dev.mpt.vm.PyType;
import dev.mpt.vm.Types;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * cryptolib: aes(key, mode[, IV]) with 16- or 32-byte keys in ECB (1), CBC (2) or CTR (6) mode;
 * encrypt/decrypt(in[, out]). As on a board, one object either encrypts or decrypts, ECB and
 * CBC work on whole 16-byte blocks, and CBC/CTR carry their state from call to call.
 */
final class Cryptolib {
    private Cryptolib() {}

    static final long MODE_ECB = 1;
    static final long MODE_CBC = 2;
    static final long MODE_CTR = 6;

    static final PyType AES = new PyType("aes", new PyType[] {Types.OBJECT}, true);

    static final class Aes implements PyObject {
        final byte[] key;
        final long mode;
        final byte[] iv;
        Cipher cipher;
        /** 0 unused, 1 encrypting, 2 decrypting. */
        int direction;

        Aes(byte[] key, long mode, byte[] iv) {
            this.key = key;
            this.mode = mode;
            this.iv = iv;
        }

        public PyType type() {
            return AES;
        }

        byte[] run(byte[] in, boolean encrypt) {
            int dir = encrypt || mode == MODE_CTR ? 1 : 2;
            if (direction != 0 && direction != dir) {
                throw Ops.error(Types.OS_ERROR, "can't encrypt & decrypt");
            }
            if (mode != MODE_CTR && in.length % 16 != 0) {
                throw Ops.valueError("blksize");
            }
            try {
                if (cipher == null) {
                    direction = dir;
                    String name = mode == MODE_ECB ? "AES/ECB/NoPadding" : mode == MODE_CBC ? "AES/CBC/NoPadding"
                            : "AES/CTR/NoPadding";
                    cipher = Cipher.getInstance(name);
                    SecretKeySpec k = new SecretKeySpec(key, "AES");
                    int opmode = dir == 1 ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
                    if (mode == MODE_ECB) {
                        cipher.init(opmode, k);
                    } else {
                        cipher.init(opmode, k, new IvParameterSpec(iv));
                    }
                }
                byte[] out = cipher.update(in);
                return out == null ? new byte[0] : out;
            } catch (GeneralSecurityException e) {
                throw Ops.valueError("key");
            }
        }
    }

    static PyModule module() {
        PyModule m = new PyModule("cryptolib");
        m.globals.put("aes", AES);
        AES.maker = (cls, a, kw) -> {
            byte[] key = Ops.bytesOf(a[0]);
            long mode = Ops.toLong(a[1]);
            if (key.length != 16 && key.length != 32) {
                throw Ops.valueError("key");
            }
            if (mode != MODE_ECB && mode != MODE_CBC && mode != MODE_CTR) {
                throw Ops.valueError("mode");
            }
            byte[] iv = new byte[16];
            if (a.length > 2 && a[2] != PyNone.NONE) {
                byte[] given = Ops.bytesOf(a[2]);
                if (given.length != 16) {
                    throw Ops.valueError("IV");
                }
                iv = given;
            }
            return new Aes(key, mode, iv);
        };
        return m;
    }

    private static Object op(Object[] a, boolean encrypt) {
        Aes c = (Aes) a[0];
        byte[] out = c.run(Ops.bytesOf(a[1]), encrypt);
        if (a.length > 2 && a[2] != PyNone.NONE) {
            if (!(a[2] instanceof PyByteArray dst)) {
                throw Ops.typeError("object with buffer protocol required");
            }
            if (dst.len != out.length) {
                throw Ops.valueError("output too small");
            }
            System.arraycopy(out, 0, dst.data, 0, out.length);
            return PyNone.NONE;
        }
        return new PyBytes(out);
    }

    static {
        BuiltinTypes.method(AES, "encrypt", (a, kw) -> op(a, true));
        BuiltinTypes.method(AES, "decrypt", (a, kw) -> op(a, false));
    }
}
