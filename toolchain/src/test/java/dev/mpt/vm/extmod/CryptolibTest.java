package dev.mpt.vm.extmod;

import dev.mpt.vm.Ops;
import dev.mpt.vm.PyBytes;
import dev.mpt.vm.PyError;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** cryptolib.aes: FIPS-197 answers, and chaining state kept across calls as on a board. */
class CryptolibTest {
    private static final HexFormat HEX = HexFormat.of();

    static {
        Cryptolib.module();
    }

    private static Object aes(byte[] key, long mode, byte[] iv) {
        return iv == null ? Ops.call(Cryptolib.AES, new PyBytes(key), mode)
                : Ops.call(Cryptolib.AES, new PyBytes(key), mode, new PyBytes(iv));
    }

    private static byte[] call(Object c, String op, byte[] data) {
        return ((PyBytes) Ops.call(Ops.getattr(c, op), new PyBytes(data))).data;
    }

    @Test
    void ecbMatchesTheFips197Example() {
        byte[] key = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
        byte[] plain = HEX.parseHex("00112233445566778899aabbccddeeff");
        byte[] enc = call(aes(key, Cryptolib.MODE_ECB, null), "encrypt", plain);
        assertThat(HEX.formatHex(enc)).isEqualTo("69c4e0d86a7b0430d8cdb78070b4c55a");
        assertThat(call(aes(key, Cryptolib.MODE_ECB, null), "decrypt", enc)).isEqualTo(plain);
    }

    @Test
    void cbcAndCtrCarryTheirStateFromCallToCall() {
        byte[] key = "1234123412341234".getBytes();
        byte[] iv = "5678567856785678".getBytes();
        byte[] data = new byte[48];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        byte[] whole = call(aes(key, Cryptolib.MODE_CBC, iv), "encrypt", data);
        Object c = aes(key, Cryptolib.MODE_CBC, iv);
        byte[] first = call(c, "encrypt", java.util.Arrays.copyOf(data, 16));
        byte[] rest = call(c, "encrypt", java.util.Arrays.copyOfRange(data, 16, 48));
        assertThat(java.util.Arrays.copyOf(whole, 16)).isEqualTo(first);
        assertThat(java.util.Arrays.copyOfRange(whole, 16, 48)).isEqualTo(rest);

        Object ctr = aes(key, Cryptolib.MODE_CTR, iv);
        byte[] a = call(ctr, "encrypt", new byte[] {'a'});
        byte[] b = call(ctr, "encrypt", "bbbbbbbbbbbbbbbbbbbb".getBytes());
        byte[] both = call(aes(key, Cryptolib.MODE_CTR, iv), "decrypt",
                java.nio.ByteBuffer.allocate(21).put(a).put(b).array());
        assertThat(new String(both)).isEqualTo("abbbbbbbbbbbbbbbbbbbb");
    }

    @Test
    void blocksModesAndDirectionsAreChecked() {
        byte[] key = new byte[16];
        Object ecb = aes(key, Cryptolib.MODE_ECB, null);
        assertThatThrownBy(() -> call(ecb, "encrypt", new byte[3])).isInstanceOf(PyError.class);
        call(ecb, "encrypt", new byte[16]);
        assertThatThrownBy(() -> call(ecb, "decrypt", new byte[16])).isInstanceOf(PyError.class);
        assertThatThrownBy(() -> aes(key, 3, null)).isInstanceOf(PyError.class);
        assertThatThrownBy(() -> aes(new byte[5], 1, null)).isInstanceOf(PyError.class);
    }
}
