package dev.mpt.flasher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.flasher.esp.EspRomEmu;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * `mpt flash` and `mpt esp …` against the emulated ESP32 ROM loader of ../shared/esp-rom-emu
 * (a python3 child process, its delays scaled down), on a pty and over RFC 2217.
 */
class EspEndToEndTest {
    static final String FAST = "0.01";

    record Run(int status, String out, String err, double seconds) {}

    static Run mpt(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long t = System.nanoTime();
        int status = FlasherMain.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString(), (System.nanoTime() - t) / 1e9);
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Firmware-like: an image header for the ESP32 (chip id 0), then repetitive code and text. */
    static byte[] compressible(int n) {
        byte[] b = new byte[n];
        Random r = new Random(7);
        String text = "MicroPython v1.28.0 machine network socket esp32 ";
        for (int i = 0; i < n; i++) {
            b[i] = i % 3 == 0 ? (byte) r.nextInt(16) : (byte) text.charAt(i % text.length());
        }
        b[0] = (byte) 0xE9;
        b[1] = 3;
        b[2] = 2;
        b[3] = 0x20;
        Arrays.fill(b, 8, 24, (byte) 0);
        return b;
    }

    static byte[] flashAt(EspRomEmu emu, int offset, int length) throws IOException {
        return Arrays.copyOfRange(Files.readAllBytes(emu.flash), offset, offset + length);
    }

    @Test
    void infoNamesTheChipItsMacAndItsFlash(@TempDir Path dir) throws Exception {
        try (EspRomEmu emu = EspRomEmu.start(dir, false, "--time-scale", FAST)) {
            Run r = mpt("esp", "info", "-d", emu.device, "--before", "no_reset", "--after", "no_reset");
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out()).contains("chip: ESP32-D0WD-V3 (revision v3.1)", "features: Wi-Fi, BT, Dual Core, 240MHz",
                    "crystal: 40 MHz", "MAC: 24:0a:c4:e5:31:7c", "flash: manufacturer 0xef, device 0x4016, 4 MB");
        }
    }

    @Test
    void aRandomMebibyteAt921600IsWrittenVerifiedAndReadBack(@TempDir Path dir) throws Exception {
        byte[] image = random(1 << 20, 1);
        Path file = dir.resolve("random.bin");
        Files.write(file, image);
        try (EspRomEmu emu = EspRomEmu.start(dir, false, "--time-scale", FAST)) {
            Run r = mpt("flash", "--chip", "esp32", "-d", emu.device, "--before", "no_reset", "--after", "no_reset",
                    "--baud", "921600", file.toString());
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out()).contains("wrote 1048576 bytes at 0x1000 (sent 1048576 bytes at 921600 baud), "
                    + "MD5 verified: " + dev.mpt.flasher.esp.EspSession.md5Hex(image));
            assertThat(flashAt(emu, 0x1000, image.length)).isEqualTo(image);
            assertThat(emu.logLines()).anyMatch(l -> l.contains("\"baud\": 921600"));

            Path back = dir.resolve("back.bin");
            Run read = mpt("esp", "read", "-d", emu.device, "--before", "no_reset", "--after", "no_reset",
                    "--baud", "921600", "-o", back.toString(), "--range", "0x1000:0x4000");
            assertThat(read.status()).as(read.err()).isZero();
            assertThat(Files.readAllBytes(back)).isEqualTo(Arrays.copyOf(image, 0x4000));
        }
    }

    @Test
    void aCompressibleImageGoesCompressedAndIsRecognisedAsAnEspImage(@TempDir Path dir) throws Exception {
        byte[] image = compressible(600_000);
        Path file = dir.resolve("firmware.bin");
        Files.write(file, image);
        try (EspRomEmu emu = EspRomEmu.start(dir, false, "--time-scale", FAST)) {
            Run r = mpt("flash", "-d", emu.device, "--before", "no_reset", "--after", "no_reset", file.toString());
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out()).contains("chip: ESP32-D0WD-V3 (revision v3.1)", "image: firmware.bin, 600000 bytes at 0x1000",
                    "compressed to", "MD5 verified");
            assertThat(flashAt(emu, 0x1000, image.length)).isEqualTo(image);
            assertThat(emu.logLines()).anyMatch(l -> l.contains("FLASH_DEFL_DATA"));
        }
    }

    @Test
    void onAPtyTheRomIsAskedToRunTheNewFirmwareAndItsBannerIsAwaited(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("firmware.bin");
        Files.write(file, compressible(50_000));
        try (EspRomEmu emu = EspRomEmu.start(dir, false, "--time-scale", FAST)) {
            Run r = mpt("flash", "-d", emu.device, file.toString());
            assertThat(r.status()).as(r.err() + r.out()).isZero();
            assertThat(r.out()).contains("cannot drive DTR/RTS (a pty?)", "asking the ROM to run the application",
                    "board is back: MicroPython v1.28.0 on 2026-01-01; Generic ESP32 module with ESP32");
        }
    }

    @Test
    void anImageForAnotherChipIsRefusedInOneLineAndFlashSizeDetectPatchesTheHeader(@TempDir Path dir)
            throws Exception {
        byte[] s3 = dev.mpt.flasher.esp.EspImageAccess.image(9, true, 2, 0x10);
        Path file = dir.resolve("s3.bin");
        Files.write(file, s3);
        try (EspRomEmu emu = EspRomEmu.start(dir, false, "--time-scale", FAST)) {
            Run r = mpt("flash", "-d", emu.device, "--before", "no_reset", "--after", "no_reset", file.toString());
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("error: s3.bin is an ESP32-S3 image but the board is an ESP32 "
                    + "(--force flashes it anyway)" + System.lineSeparator());
            Run forced = mpt("flash", "-d", emu.device, "--before", "no_reset", "--after", "no_reset", "--force",
                    "--flash-size", "detect", file.toString());
            assertThat(forced.status()).as(forced.err()).isZero();
            byte[] written = flashAt(emu, 0x1000, s3.length);
            assertThat(written[3]).as("4MB detected, frequency kept").isEqualTo((byte) 0x20);
            assertThat(dev.mpt.flasher.esp.EspImage.valid(written, dev.mpt.flasher.esp.Chip.ESP32)).isTrue();
        }
    }

    @Test
    void eraseClearsARegion(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("random.bin");
        Files.write(file, random(0x20000, 3));
        try (EspRomEmu emu = EspRomEmu.start(dir, false, "--time-scale", FAST)) {
            assertThat(mpt("flash", "--chip", "esp32", "-d", emu.device, "--before", "no_reset", "--after", "no_reset",
                    file.toString()).status()).isZero();
            Run r = mpt("esp", "erase", "-d", emu.device, "--before", "no_reset", "--after", "no_reset",
                    "--range", "0x2000:0x8000");
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out()).contains("erased 0x2000..0xa000 (32768 bytes)");
            byte[] erased = new byte[0x8000];
            Arrays.fill(erased, (byte) 0xFF);
            assertThat(flashAt(emu, 0x2000, 0x8000)).isEqualTo(erased);
            assertThat(flashAt(emu, 0x1000, 16)).isNotEqualTo(Arrays.copyOf(erased, 16));
        }
    }

    @Test
    void eraseWithoutARangeClearsTheWholeChipAndBadRangesAreOneLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("random.bin");
        Files.write(file, random(0x8000, 4));
        try (EspRomEmu emu = EspRomEmu.start(dir, false, "--time-scale", FAST)) {
            assertThat(mpt("flash", "--chip", "esp32", "-d", emu.device, "--before", "no_reset", "--after", "no_reset",
                    "--address", "0x3f0000", file.toString()).status()).isZero();
            Run r = mpt("esp", "erase", "-d", emu.device, "--before", "no_reset", "--after", "no_reset");
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out()).contains("erased 0x0..0x400000 (4194304 bytes)");
            byte[] all = Files.readAllBytes(emu.flash);
            assertThat(all).hasSize(4 << 20);
            int firstProgrammed = -1;
            for (int i = 0; i < all.length && firstProgrammed < 0; i++) {
                firstProgrammed = all[i] == (byte) 0xFF ? -1 : i;
            }
            assertThat(firstProgrammed).as("first byte not erased").isEqualTo(-1);
            Run bad = mpt("esp", "erase", "-d", emu.device, "--before", "no_reset", "--after", "no_reset",
                    "--range", "0x1800:0x1000");
            assertThat(bad.status()).isEqualTo(1);
            assertThat(bad.err()).isEqualTo("error: erase 0x1800+0x1000: offset and length must be multiples of the "
                    + "4 KiB sector" + System.lineSeparator());
            Run outside = mpt("esp", "read", "-d", emu.device, "--before", "no_reset", "--after", "no_reset",
                    "-o", dir.resolve("x.bin").toString(), "--range", "0x3ff000:0x2000");
            assertThat(outside.status()).isEqualTo(1);
            assertThat(outside.err()).isEqualTo("error: range 0x3ff000+0x2000 is outside the 4 MiB flash"
                    + System.lineSeparator());
        }
    }

    @Test
    void overRfc2217TheResetCircuitEntersTheLoaderAndBootsTheNewFirmware(@TempDir Path dir) throws Exception {
        byte[] image = compressible(100_000);
        Path file = dir.resolve("firmware.bin");
        Files.write(file, image);
        try (EspRomEmu emu = EspRomEmu.start(dir, true, "--time-scale", FAST, "--boot", "app")) {
            Run r = mpt("flash", "-d", emu.device, file.toString());
            assertThat(r.status()).as(r.err() + r.out()).isZero();
            assertThat(r.out()).contains("MD5 verified", "board is back: MicroPython v1.28.0");
            assertThat(flashAt(emu, 0x1000, image.length)).isEqualTo(image);
            assertThat(emu.logLines()).anyMatch(l -> l.contains("\"event\": \"boot\"") && l.contains("download"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "checksum:3      | 1 | CHECKSUM  0x07 invalid checksum",
        "checksum-once:3 | 0 | ",
        "garble:3        | 1 | arrived damaged (invalid SLIP escape)",
        "flash-error:3   | 1 | 0x08 flash write error",
        "bitflip:3       | 1 | verify failed: the MD5 of flash 0x1000..0x11000",
        "hang:3          | 1 | the chip stopped answering: no answer to FLASH_DATA block 3 of 64",
        "silent:6        | 1 | the chip stopped answering",
        "baud-stuck      | 0 | the chip does not answer at 460800 baud; carrying on at 115200",
        "md5-wrong       | 1 | verify failed",
        "stub-crash      | 0 | ",
        "no-ohai         | 0 | "})
    void eachFaultEndsInItsOwnMessage(String fault, int status, String expected, @TempDir Path dir) throws Exception {
        byte[] image = random(0x10000, 5);
        Path file = dir.resolve("random.bin");
        Files.write(file, image);
        try (EspRomEmu emu = EspRomEmu.start(dir, false, "--time-scale", FAST, "--faults", fault)) {
            Run r = mpt("flash", "--chip", "esp32", "-d", emu.device, "--before", "no_reset", "--after", "no_reset",
                    file.toString());
            assertThat(r.status()).as(r.out() + r.err()).isEqualTo(status);
            assertThat(r.seconds()).isLessThan(20);
            String said = r.out() + r.err();
            if (expected != null) {
                for (String part : expected.replace("CHECKSUM  ", "").split("\\|")) {
                    assertThat(said).contains(part.strip());
                }
            }
            if (status != 0) {
                assertThat(r.err().strip()).startsWith("error: ").doesNotContain("\n").doesNotContain("Exception");
            } else {
                assertThat(flashAt(emu, 0x1000, image.length)).isEqualTo(image);
            }
        }
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
