package dev.mpt.bytecode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * Random and mutated bytes never make the reader throw anything but its own format error;
 * whatever it does accept writes back to the same bytes.
 */
class MpyReaderFuzzTest {

    private static final byte[] GOOD = MpyWriter.write(Vectors.module());

    @Property(tries = 2000)
    void randomBytes(@ForAll @Size(max = 300) byte[] bytes) {
        check(bytes);
    }

    @Property(tries = 2000)
    void randomBytesAfterAValidHeader(@ForAll @Size(max = 200) byte[] tail) {
        byte[] b = new byte[4 + tail.length];
        b[0] = 'M';
        b[1] = 6;
        b[3] = 31;
        System.arraycopy(tail, 0, b, 4, tail.length);
        check(b);
    }

    @Property(tries = 3000)
    void mutatedValidFile(@ForAll long seed) {
        Random r = new Random(seed);
        byte[] b = GOOD.clone();
        int edits = 1 + r.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(3)) {
                case 0 -> b[at] = (byte) r.nextInt(256);
                case 1 -> b[at] ^= (byte) (1 << r.nextInt(8));
                default -> b = java.util.Arrays.copyOf(b, Math.max(1, at));
            }
        }
        check(b);
    }

    private static void check(byte[] bytes) {
        MpyFile f;
        try {
            f = MpyReader.read(bytes);
        } catch (MpyFormatException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
            return;
        }
        assertThat(MpyWriter.write(f)).isEqualTo(bytes);
        try {
            Disassembler.disassemble(f);
        } catch (MpyFormatException e) {
            throw new AssertionError("accepted file did not disassemble: " + e.getMessage(), e);
        }
    }
}
