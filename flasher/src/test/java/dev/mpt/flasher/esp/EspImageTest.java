package dev.mpt.flasher.esp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpt.flasher.FlasherException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EspImageTest {
    /** A valid one-segment image: header, extended header, segment, checksum line, optional SHA-256. */
    static byte[] image(int chipId, boolean sha, int mode, int sizeFreq) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {(byte) 0xE9, 1, (byte) mode, (byte) sizeFreq, 0x00, 0x00, 0x08, 0x40});
        byte[] ext = new byte[16];
        ext[4] = (byte) chipId;
        ext[15] = (byte) (sha ? 1 : 0);
        b.write(ext);
        byte[] seg = "segment data of the image, 37 bytes!".getBytes();
        b.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0x3FFB0000).putInt(seg.length).array());
        b.write(seg);
        int checksum = 0xEF;
        for (byte x : seg) {
            checksum ^= x & 0xff;
        }
        while (b.size() % 16 != 15) {
            b.write(0);
        }
        b.write(checksum);
        if (sha) {
            b.write(MessageDigest.getInstance("SHA-256").digest(b.toByteArray()));
        }
        return b.toByteArray();
    }

    @Test
    void aValidImageIsRecognisedAndADamagedOneIsNot() throws Exception {
        byte[] good = image(0, true, 2, 0x20);
        assertThat(EspImage.valid(good, Chip.ESP32)).isTrue();
        byte[] bad = good.clone();
        bad[40] ^= 1;
        assertThat(EspImage.valid(bad, Chip.ESP32)).isFalse();
    }

    @Test
    void anImageForAnotherChipIsRefusedInOneLineUnlessForced() throws Exception {
        byte[] s3 = image(9, false, 2, 0x20);
        assertThatThrownBy(() -> EspImage.checkChip("fw.bin", s3, Chip.ESP32, false))
                .isInstanceOf(FlasherException.class)
                .hasMessage("fw.bin is an ESP32-S3 image but the board is an ESP32 (--force flashes it anyway)");
        EspImage.checkChip("fw.bin", s3, Chip.ESP32, true);
        EspImage.checkChip("fw.bin", image(0, false, 2, 0x20), Chip.ESP32, false);
    }

    @Test
    void flashParametersArePatchedOnlyAtTheBootloaderOffsetAndTheDigestFollows() throws Exception {
        byte[] img = image(0, true, 2, 0x20);
        byte[] p = EspImage.patchFlashParams(img, 0x1000, Chip.ESP32, "dout", "80m", 16L << 20);
        assertThat(p[2]).isEqualTo((byte) 3);
        assertThat(p[3]).isEqualTo((byte) 0x4F);
        assertThat(EspImage.valid(p, Chip.ESP32)).as("SHA-256 recomputed").isTrue();
        assertThat(Arrays.copyOfRange(p, 4, p.length - 32)).isEqualTo(Arrays.copyOfRange(img, 4, img.length - 32));
        assertThat(EspImage.patchFlashParams(img, 0x10000, Chip.ESP32, "dout", "80m", 16L << 20)).isEqualTo(img);
        assertThat(EspImage.patchFlashParams(img, 0x1000, Chip.ESP32, "keep", "keep", -1)).isEqualTo(img);
        byte[] notImage = img.clone();
        notImage[40] ^= 1;
        assertThat(EspImage.patchFlashParams(notImage, 0x1000, Chip.ESP32, "dout", "keep", -1)).isEqualTo(notImage);
    }

    @Test
    void sizesAreNamedAsTheHeaderNamesThem() {
        assertThat(EspImage.parseSize("4MB")).isEqualTo(4L << 20);
        assertThat(EspImage.sizeNibble(Chip.ESP32, 4L << 20)).isEqualTo(0x20);
        assertThat(EspImage.sizeNibble(Chip.ESP32, 1L << 20)).isEqualTo(0x00);
        assertThatThrownBy(() -> EspImage.parseSize("big")).hasMessageContaining("--flash-size");
    }

    @Test
    void theChipTableFindsFamiliesByMagicAndByName() {
        assertThat(Chip.byMagic(0x00F01D83L)).contains(Chip.ESP32);
        assertThat(Chip.byMagic(0x1B31506FL).map(Chip::name)).contains("ESP32-C3");
        assertThat(Chip.byName("esp32s3").map(Chip::bootloaderOffset)).contains(0L);
        assertThat(Chip.ESP32.bootloaderOffset()).isEqualTo(0x1000);
        assertThat(RomStatus.describe(0x08)).startsWith("0x08 flash write error");
    }
}
