package dev.mpt.flasher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class DfuseFileTest {
    private static final byte[] A = "ABCDEFGHIJ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] B = {1, 2, 3};

    private static byte[] sample() {
        return DfuseFile.build(List.of(new Target(0, "", List.of(new Element(0x0800_0000L, A),
                new Element(0x0802_0000L, B)))), 0x0483, 0xdf11);
    }

    @Test
    void buildsTheLayoutDfuPyWrites() {
        byte[] f = sample();
        // 11 prefix + 274 target prefix + (8 + 16) + (8 + 8) elements padded to 8 + 16 suffix
        assertThat(f).hasSize(341);
        ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(f, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("DfuSe");
        assertThat(f[5]).isEqualTo((byte) 1);
        assertThat(b.getInt(6)).isEqualTo(341 - 16);
        assertThat(f[10]).isEqualTo((byte) 1);
        assertThat(new String(f, 11, 6, StandardCharsets.US_ASCII)).isEqualTo("Target");
        assertThat(f[17]).isEqualTo((byte) 0);
        assertThat(b.getInt(18)).isEqualTo(1);
        assertThat(new String(f, 22, 6, StandardCharsets.US_ASCII)).isEqualTo("ST...\0");
        assertThat(b.getInt(277)).isEqualTo(40);
        assertThat(b.getInt(281)).isEqualTo(2);
        assertThat(b.getInt(285)).isEqualTo(0x0800_0000);
        assertThat(b.getInt(289)).isEqualTo(16);
        assertThat(f[303]).isEqualTo((byte) 0);
        // suffix: bcdDevice 0, 0483:df11, bcdDFU 0x011a, "UFD", 16, CRC as dfu-suffix --check reports it
        assertThat(b.getShort(325)).isEqualTo((short) 0);
        assertThat(b.getShort(327) & 0xFFFF).isEqualTo(0xdf11);
        assertThat(b.getShort(329) & 0xFFFF).isEqualTo(0x0483);
        assertThat(b.getShort(331) & 0xFFFF).isEqualTo(0x011a);
        assertThat(new String(f, 333, 3, StandardCharsets.US_ASCII)).isEqualTo("UFD");
        assertThat(b.getInt(337) & 0xFFFFFFFFL).isEqualTo(0x7F8AEBF9L);
    }

    @Test
    void parsesWhatItBuilds() {
        FirmwareImage image = DfuseFile.parse(sample());
        assertThat(image.format()).isEqualTo(FirmwareImage.Format.DFUSE);
        assertThat(image.suffix()).hasValue(new DfuSuffix(0, 0xdf11, 0x0483, 0x011a));
        assertThat(image.targets()).hasSize(1);
        Target t = image.targets().get(0);
        assertThat(t.name()).isEqualTo("ST...");
        assertThat(t.elements()).extracting(Element::address).containsExactly(0x0800_0000L, 0x0802_0000L);
        assertThat(t.elements().get(0).data()).startsWith(A).hasSize(16);
        assertThat(t.elements().get(1).data()).containsExactly(1, 2, 3, 0, 0, 0, 0, 0);
    }

    @Test
    void aDamagedByteIsReportedAsACrcMismatch() {
        byte[] f = sample();
        f[300] ^= 1;
        assertThatThrownBy(() -> DfuseFile.parse(f))
                .isInstanceOf(FirmwareFormatException.class)
                .hasMessageStartingWith("DFU suffix CRC mismatch: file says 0x7f8aebf9");
    }

    @Test
    void aTruncatedFileIsReported() {
        byte[] f = java.util.Arrays.copyOf(sample(), 200);
        assertThatThrownBy(() -> DfuseFile.parse(f)).isInstanceOf(FirmwareFormatException.class);
    }

    @Test
    void anElementLongerThanItsTargetIsNamed() {
        byte[] f = sample();
        ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putInt(289, 1000);
        byte[] fixed = resuffix(f);
        assertThatThrownBy(() -> DfuseFile.parse(fixed))
                .hasMessage("target 0 element 0 at 0x08000000 says it holds 1000 bytes, the target has 32 left");
    }

    @Test
    void aWrongImageSizeIsNamed() {
        byte[] f = sample();
        ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putInt(6, 999);
        assertThatThrownBy(() -> DfuseFile.parse(resuffix(f)))
                .hasMessage("DfuSe prefix says the image is 999 bytes, but the file holds 325 before its suffix");
    }

    @Test
    void aPlainSuffixIsNotDfuse() {
        byte[] f = sample();
        ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putShort(331, (short) 0x0100);
        assertThatThrownBy(() -> DfuseFile.parse(resuffix(f))).hasMessageContaining("bcdDFU 0x0100");
    }

    @Property(tries = 50)
    void roundTripsAnyElements(@ForAll @Size(max = 40) byte[] first, @ForAll @Size(min = 1, max = 40) byte[] second) {
        Element a = new Element(0x0800_0000L, pad8(first));
        Element b = new Element(0x0801_0000L, pad8(second));
        byte[] f = DfuseFile.build(List.of(new Target(0, "Flash", List.of(a, b))), 0x1209, 0x0001);
        FirmwareImage image = DfuseFile.parse(f);
        assertThat(image.elements()).containsExactly(a, b);
        assertThat(image.targets().get(0).name()).isEqualTo("Flash");
        assertThat(image.suffix().orElseThrow().vidPid()).isEqualTo("1209:0001");
    }

    private static byte[] pad8(byte[] d) {
        return java.util.Arrays.copyOf(d, (d.length + 7) / 8 * 8);
    }

    /** Recomputes the CRC after a deliberate edit, so the parser gets past the suffix. */
    static byte[] resuffix(byte[] f) {
        long crc = DfuSuffix.crc(f, 0, f.length - 4);
        ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putInt(f.length - 4, (int) crc);
        return f;
    }
}
