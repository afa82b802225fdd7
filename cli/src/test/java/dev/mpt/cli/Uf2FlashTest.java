package dev.mpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.flasher.Uf2Builder;
import dev.mpt.flasher.Uf2Drive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mpt flash FILE.uf2}: the file goes onto the UF2 bootloader's drive. */
class Uf2FlashTest {
    private static final long RP2040 = 0xe48bff56L;

    @TempDir
    Path dir;

    private Path uf2(String name) throws IOException {
        byte[] data = new byte[3000];
        new Random(5).nextBytes(data);
        return Files.write(dir.resolve(name), new Uf2Builder().add(0x1000_0000L, data, RP2040).bytes());
    }

    private Path drive(String boardId) throws IOException {
        Path d = Files.createDirectories(dir.resolve(boardId));
        Files.writeString(d.resolve(Uf2Drive.INFO_FILE), "UF2 Bootloader v3.0\nModel: Raspberry Pi RP2\nBoard-ID: "
                + boardId + "\n");
        return d;
    }

    @Test
    void theFileIsCopiedOntoTheDrive() throws Exception {
        Path fw = uf2("firmware.uf2");
        Path d = drive("RPI-RP2");
        MainTest.Result r = MainTest.mpt("flash", "--drive", d.toString(), fw.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("drive: " + d + " (Raspberry Pi RP2)\n")
                .contains("image: firmware.uf2 (UF2), RP2040 (0xe48bff56), 3072 bytes\n")
                .contains("copied firmware.uf2; the bootloader flashes it and restarts the board\n");
        assertThat(Files.readAllBytes(d.resolve("firmware.uf2"))).isEqualTo(Files.readAllBytes(fw));
    }

    @Test
    void dryRunShowsTheFamiliesAndCopiesNothing() throws Exception {
        Path d = drive("RPI-RP2");
        MainTest.Result r = MainTest.mpt("flash", "--dry-run", "--drive", d.toString(), uf2("fw.uf2").toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("image: fw.uf2 (UF2), 12 blocks\n")
                .contains("  RP2040 (0xe48bff56): 3072 bytes in 12 blocks\n")
                .contains("    write 0x10000000..0x10000bff (3072 bytes)\n")
                .contains("would copy it to " + d + " (Raspberry Pi RP2)");
        assertThat(d.resolve("fw.uf2")).doesNotExist();
        MainTest.Result info = MainTest.mpt("dfu", "info", dir.resolve("fw.uf2").toString());
        assertThat(info.out()).contains("file: fw.uf2 (UF2), 3072 bytes of payload\n")
                .contains("family RP2040 (0xe48bff56): 1 element, 3072 bytes\n");
    }

    @Test
    void wrongDriveOrChipIsOneLine() throws Exception {
        Path fw = uf2("fw.uf2");
        MainTest.Result none = MainTest.mpt("flash", "--drive", Files.createDirectories(dir.resolve("usb")).toString(),
                fw.toString());
        assertThat(none.status()).isEqualTo(1);
        assertThat(none.err()).startsWith("error: " + dir.resolve("usb") + " is not a UF2 bootloader drive").hasLineCount(1);
        Path pico2 = drive("RP2350");
        MainTest.Result chip = MainTest.mpt("flash", "--drive", pico2.toString(), fw.toString());
        assertThat(chip.status()).isEqualTo(1);
        assertThat(chip.err()).contains("is for RP2040 (0xe48bff56)").contains("--force").hasLineCount(1);
        assertThat(pico2.resolve("fw.uf2")).doesNotExist();
        assertThat(MainTest.mpt("flash", "--force", "--drive", pico2.toString(), fw.toString()).status()).isZero();
    }

    @Test
    void aRunningBoardIsSentIntoItsBootloaderFirstAndSeenComingBack() throws Exception {
        Path fw = uf2("fw.uf2");
        Path d = drive("RPI-RP2");
        try (ServedBoard served = ServedBoard.serve(dir, ServedBoard.Link.PTY)) {
            String port = served.device();
            MainTest.Result r = MainTest.mpt("flash", "-d", port, "--drive", d.toString(), fw.toString());
            assertThat(r.err()).isEmpty();
            assertThat(r.status()).isZero();
            assertThat(r.out()).contains("board on " + port + " runs MicroPython v1.28.0; ")
                    .contains("copied fw.uf2")
                    .contains("board is back on " + port + ": MicroPython v1.28.0; ");
            assertThat(served.board.stats().hardResets()).isEqualTo(1);
        }
        assertThat(Files.readAllBytes(d.resolve("fw.uf2"))).isEqualTo(Files.readAllBytes(fw));
    }
}
