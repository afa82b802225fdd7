package dev.mpt.flasher;

import dev.mpt.console.Progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Uf2FileTest {
    static final long RP2040 = 0xe48bff56L;
    static final long RP2350 = 0xe48bff59L;
    static final long ABSOLUTE = 0xe48bff57L;

    @TempDir
    Path dir;

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void blocksBecomeContiguousElementsPerFamily() {
        byte[] a = random(1000, 1);
        byte[] b = random(300, 2);
        byte[] file = new Uf2Builder().add(0x1000_0000L, a, RP2040).add(0x1002_0000L, b, RP2040).bytes();
        Uf2File f = Uf2File.parse(file);
        assertThat(f.parts()).hasSize(1);
        Uf2File.Part p = f.parts().get(0);
        assertThat(p.family()).isEqualTo(RP2040);
        assertThat(p.blocks()).isEqualTo(4 + 2);
        // payloads are whole 256-byte blocks: the last one of each run is padded
        assertThat(p.elements()).extracting(Element::address).containsExactly(0x1000_0000L, 0x1002_0000L);
        assertThat(Arrays.copyOf(p.elements().get(0).data(), 1000)).isEqualTo(a);
        assertThat(p.elements().get(0).size()).isEqualTo(1024);
        assertThat(f.familiesText()).isEqualTo("RP2040 (0xe48bff56)");
    }

    @Test
    void aUniversalFileHoldsOverlappingImagesOfTwoFamilies() {
        byte[] file = new Uf2Builder().add(0x1000_0000L, random(512, 3), RP2040)
                .add(0x1000_0000L, random(512, 4), RP2350).bytes();
        Uf2File f = Uf2File.parse(file);
        assertThat(f.parts()).extracting(Uf2File.Part::family).containsExactly(RP2040, RP2350);
        assertThat(f.familiesText()).isEqualTo("RP2040 (0xe48bff56), RP2350 (Arm, secure) (0xe48bff59)");
        FirmwareImage image = ImageLoader.decode("fw.uf2", file, OptionalLong.empty());
        assertThat(image.format()).isEqualTo(FirmwareImage.Format.UF2);
        assertThat(image.targets()).extracting(Target::name)
                .containsExactly("RP2040 (0xe48bff56)", "RP2350 (Arm, secure) (0xe48bff59)");
    }

    @Test
    void blocksNotForMainFlashAreSkipped() {
        byte[] file = new Uf2Builder().add(0x1000_0000L, random(256, 5), RP2040)
                .add(0x2000_0000L, random(256, 6), RP2040, Uf2File.FLAG_NOT_MAIN_FLASH).bytes();
        assertThat(Uf2File.parse(file).parts().get(0).elements()).extracting(Element::address)
                .containsExactly(0x1000_0000L);
    }

    @Test
    void badFilesSayWhatIsWrong() {
        byte[] good = new Uf2Builder().add(0x1000_0000L, random(512, 7), RP2040).bytes();
        assertThatThrownBy(() -> Uf2File.parse(Arrays.copyOf(good, 700)))
                .hasMessage("not a UF2 file: its 700 bytes are not a whole number of 512-byte blocks");
        byte[] badEnd = good.clone();
        badEnd[512 + 511] = 0;
        assertThatThrownBy(() -> Uf2File.parse(badEnd)).hasMessage("UF2 block 1 (at byte 512) has no UF2 magic numbers");
        byte[] tooBig = good.clone();
        tooBig[16] = (byte) 0xDD;
        tooBig[17] = 0x01;
        assertThatThrownBy(() -> Uf2File.parse(tooBig))
                .hasMessage("UF2 block 0 says it carries 477 bytes; a block holds 1 to 476");
        byte[] twice = new Uf2Builder().add(0x1000_0000L, random(256, 8), RP2040)
                .add(0x1000_0080L, random(256, 9), RP2040).bytes();
        assertThatThrownBy(() -> Uf2File.parse(twice))
                .hasMessage("UF2 block 1 writes 0x10000080, which an earlier block of its family already wrote");
        byte[] container = new Uf2Builder().add(0, random(256, 10), Uf2File.NO_FAMILY, Uf2File.FLAG_FILE_CONTAINER).bytes();
        assertThatThrownBy(() -> Uf2File.parse(container)).hasMessageContaining("file container");
        byte[] onlyExtra = new Uf2Builder().add(0, random(256, 11), RP2040, Uf2File.FLAG_NOT_MAIN_FLASH).bytes();
        assertThatThrownBy(() -> Uf2File.parse(onlyExtra)).hasMessage("the UF2 file has no block for main flash");
    }

    private Path drive(String name, String info) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.writeString(d.resolve(Uf2Drive.INFO_FILE), info);
        return d;
    }

    @Test
    void aDriveIsAFolderWithInfoUf2() throws Exception {
        Path rp2 = drive("RPI-RP2", "UF2 Bootloader v3.0\r\nModel: Raspberry Pi RP2\r\nBoard-ID: RPI-RP2\r\n");
        Uf2Drive d = Uf2Drive.at(rp2);
        assertThat(d.model()).isEqualTo("Raspberry Pi RP2");
        assertThat(d.field("Board-ID")).isEqualTo("RPI-RP2");
        assertThat(Uf2Drive.at(Files.createDirectories(dir.resolve("plain")))).isNull();
        assertThat(Uf2Drive.present(rp2)).containsExactly(d);
        assertThat(Uf2Drive.present(dir.resolve("plain"))).isEmpty();
    }

    @Test
    void mountsTablesAreRead() {
        String table = "/dev/sda1 / ext4 rw 0 0\n"
                + "/dev/sdb1 /media/me/RPI-RP2 vfat rw,nosuid 0 0\n"
                + "/dev/sdc1 /media/me/MY\\040BOOT msdos rw 0 0\n"
                + "proc /proc proc rw 0 0\n";
        assertThat(Uf2Drive.parseMounts(table)).containsExactly(Path.of("/media/me/RPI-RP2"), Path.of("/media/me/MY BOOT"));
    }

    @Test
    void anImageForTheOtherRp2ChipIsRefused() throws Exception {
        Uf2File rp2040 = Uf2File.parse(new Uf2Builder().add(0x1000_0000L, random(256, 12), RP2040).bytes());
        Uf2File rp2350 = Uf2File.parse(new Uf2Builder().add(0x1000_0000L, random(256, 13), RP2350).bytes());
        Uf2File absolute = Uf2File.parse(new Uf2Builder().add(0x1000_0000L, random(256, 14), ABSOLUTE).bytes());
        Uf2Drive pico2 = Uf2Drive.at(drive("RP2350", "UF2 Bootloader v1.0\nModel: Raspberry Pi RP2350\nBoard-ID: RP2350\n"));
        Uf2Drive pico = Uf2Drive.at(drive("RPI-RP2", "UF2 Bootloader v3.0\nModel: Raspberry Pi RP2\nBoard-ID: RPI-RP2\n"));
        assertThatThrownBy(() -> pico2.checkFamily(rp2040, "fw.uf2")).hasMessage("fw.uf2 is for RP2040 (0xe48bff56); "
                + "the drive " + pico2.root() + " is an RP2350's, whose bootloader would ignore it (use --force to copy anyway)");
        assertThatThrownBy(() -> pico.checkFamily(rp2350, "fw.uf2")).hasMessageContaining("is an RP2040's");
        pico.checkFamily(rp2040, "fw.uf2");
        pico2.checkFamily(rp2350, "fw.uf2");
        pico2.checkFamily(absolute, "fw.uf2");
        Uf2Drive other = Uf2Drive.at(drive("FTHR840BOOT", "UF2 Bootloader 0.6.0\nModel: Adafruit Feather nRF52840\n"));
        other.checkFamily(rp2040, "fw.uf2"); // a chip mpt cannot tell: its bootloader decides
    }

    @Test
    void copyingWritesTheFileAsItIs() throws Exception {
        byte[] file = new Uf2Builder().add(0x1000_0000L, random(5000, 15), RP2040).bytes();
        Uf2Drive d = Uf2Drive.at(drive("RPI-RP2", "Model: Raspberry Pi RP2\n"));
        d.copy("firmware.uf2", file, Progress.NONE);
        assertThat(Files.readAllBytes(d.root().resolve("firmware.uf2"))).isEqualTo(file);
        assertThatThrownBy(() -> new Uf2Drive(dir.resolve("gone"), "").copy("x.uf2", file, Progress.NONE))
                .hasMessageStartingWith("copying x.uf2 to " + dir.resolve("gone") + " failed: ")
                .hasMessageEndingWith("; the board stays in its bootloader: copy again");
    }

    @Test
    void familyNamesComeFromTheUf2List() {
        assertThat(Uf2File.familyName(0xada52840L)).isEqualTo("nRF52840 (0xada52840)");
        assertThat(Uf2File.familyName(0x12345678L)).isEqualTo("family 0x12345678");
        assertThat(List.of(Uf2File.familyName(0x68ed2b88L), Uf2File.familyName(0xc47e5767L)))
                .containsExactly("SAMD21 (0x68ed2b88)", "ESP32-S3 (0xc47e5767)");
    }
}
