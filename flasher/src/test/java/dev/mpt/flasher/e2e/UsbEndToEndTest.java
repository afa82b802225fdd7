package dev.mpt.flasher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.flasher.DfuseFile;
import dev.mpt.flasher.Element;
import dev.mpt.flasher.FlashPlan;
import dev.mpt.flasher.MemoryLayout;
import dev.mpt.flasher.Sector;
import dev.mpt.flasher.Target;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The flasher's commands through usb4java and the real libusb against the emulated
 * STM32F405 bootloader (../shared/usbfs-emu), each in its own JVM as a user runs them.
 */
class UsbEndToEndTest {
    private static final long FLASH = 0x0800_0000L;
    private static final int FLASH_SIZE = 1 << 20;

    @TempDir
    Path dir;
    Path flash;
    Path log;

    @BeforeEach
    void paths() {
        UsbfsEmu.library();
        flash = dir.resolve("flash.bin");
        log = dir.resolve("usb.log");
    }

    private UsbfsEmu.Run mpt(String... args) throws IOException, InterruptedException {
        return UsbfsEmu.mpt(flash, log, Map.of(), args);
    }

    private UsbfsEmu.Run mptWithFault(String fault, String... args) throws IOException, InterruptedException {
        return UsbfsEmu.mpt(flash, log, Map.of("USBFS_EMU_FAULT", fault), args);
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** The flash as it must be after flashing these elements into erased (or fully rewritten) sectors. */
    private static byte[] expectedFlash(Element... elements) {
        byte[] f = new byte[FLASH_SIZE];
        Arrays.fill(f, (byte) 0xFF);
        for (Element e : elements) {
            System.arraycopy(e.data(), 0, f, (int) (e.address() - FLASH), e.size());
        }
        return f;
    }

    private Path dfuFile(String name, Element... elements) throws IOException {
        return Files.write(dir.resolve(name), DfuseFile.build(List.of(new Target(0, "", List.of(elements))), 0x0483, 0xdf11));
    }

    private String requests() throws IOException {
        return Files.readString(log);
    }

    /** Compares the emulator's flash file with what it must hold, naming the first difference. */
    private void assertFlashHolds(byte[] expected) throws IOException {
        byte[] actual = Files.readAllBytes(flash);
        int i = Arrays.mismatch(actual, expected);
        assertThat(i).as(i < 0 ? "" : String.format("first difference at 0x%08x: flash has %s, expected %s",
                FLASH + i, i < actual.length ? String.format("0x%02x", actual[i] & 0xFF) : "nothing",
                i < expected.length ? String.format("0x%02x", expected[i] & 0xFF) : "nothing")).isEqualTo(-1);
    }

    private static void assertOk(UsbfsEmu.Run r) {
        assertThat(r.err()).as("stderr").isEmpty();
        assertThat(r.exit()).as("exit status").isZero();
    }

    @Test
    void listShowsTheBootloaderItsMemoriesAndFunctionalDescriptor() throws Exception {
        UsbfsEmu.Run r = mpt("dfu", "list");
        assertOk(r);
        assertThat(r.out()).contains("0483:df11 at 1-1 (DFU mode) \"STM32  BOOTLOADER\" serial 376A35683335")
                .contains("DFU 1.1a (DfuSe), transfer size 2048, download, upload, will detach")
                .contains("alt 0: \"@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg\"")
                .contains("Internal Flash: 0x08000000, 1 MiB: 4 x 16 KiB read/erase/write")
                .contains("alt 3: \"@Device Feature/0xFFFF0000/01*004 e\"");
    }

    /**
     * The flash after flashing elements over old contents: the sectors they touch erased and
     * programmed, every other sector as it was.
     */
    private static byte[] afterFlash(byte[] before, Element... elements) {
        MemoryLayout layout = MemoryLayout.parse("@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg");
        byte[] f = before.clone();
        for (Sector s : FlashPlan.of(List.of(elements), layout).erase()) {
            Arrays.fill(f, (int) (s.start() - FLASH), (int) (s.end() - FLASH), (byte) 0xFF);
        }
        for (Element e : elements) {
            System.arraycopy(e.data(), 0, f, (int) (e.address() - FLASH), e.size());
        }
        return f;
    }

    @Test
    void aDfuFileWithSeveralElementsLandsExactlyAndTheDeviceLeaves() throws Exception {
        byte[] old = random(FLASH_SIZE, 9);
        Files.write(flash, old);
        Element a = new Element(FLASH, random(40_000, 1));               // sectors 0-2
        Element b = new Element(FLASH + 0x20000, random(140_000, 2));    // sectors 5-6
        Path fw = dfuFile("fw.dfu", a, b);
        UsbfsEmu.Run r = mpt("flash", fw.toString());
        assertOk(r);
        assertThat(r.out()).contains("erased 5 sectors, wrote 180000 bytes, verified 180000 bytes\n")
                .contains("left DFU mode");
        assertFlashHolds(afterFlash(old, a, b));
        String requests = requests();
        assertThat(TransferLog.violations(requests)).isEmpty();
        assertThat(requests).doesNotContain("result=stall")
                .contains("dfuMANIFEST").contains("left DFU mode, application started at 0x08000000");
    }

    @Test
    void blankSectorsAreProgrammedWithoutAnErase() throws Exception {
        Element a = new Element(FLASH, random(100_000, 10));
        UsbfsEmu.Run r = mpt("flash", dfuFile("fw.dfu", a).toString());
        assertOk(r);
        assertThat(r.out()).contains("erased 0 sectors, wrote 100000 bytes, verified 100000 bytes, "
                + "5 sectors blank (no erase needed)");
        assertThat(requests()).doesNotContain("erase sector");
        assertFlashHolds(expectedFlash(a));
    }

    @Test
    void hexBinAndArchivedImages() throws Exception {
        byte[] data = random(3000, 3);
        Path bin = Files.write(dir.resolve("fw.bin"), data);
        assertOk(mpt("flash", "--address", "0x08004000", bin.toString()));
        assertFlashHolds(expectedFlash(new Element(FLASH + 0x4000, data)));

        StringBuilder hex = new StringBuilder(":020000040800F2\n");
        for (int off = 0; off < 64; off += 16) {
            int sum = 16 + (off >> 8) + (off & 0xFF);
            hex.append(String.format(":10%04X00", off));
            for (int i = 0; i < 16; i++) {
                hex.append(String.format("%02X", i + off));
                sum += i + off;
            }
            hex.append(String.format("%02X\n", (-sum) & 0xFF));
        }
        hex.append(":00000001FF\n");
        Path hexFile = Files.writeString(dir.resolve("fw.hex"), hex);
        Files.delete(flash); // start again from erased flash
        assertOk(mpt("flash", hexFile.toString()));
        byte[] counting = new byte[64];
        for (int i = 0; i < 64; i++) {
            counting[i] = (byte) i;
        }
        assertFlashHolds(expectedFlash(new Element(FLASH, counting)));

        Element big = new Element(FLASH, random(70_000, 4));
        Path tar = dir.resolve("release.tar.xz");
        Files.delete(flash);
        try (OutputStream o = new XZCompressorOutputStream(Files.newOutputStream(tar));
                TarArchiveOutputStream t = new TarArchiveOutputStream(o)) {
            byte[] dfu = Files.readAllBytes(dfuFile("inner.dfu", big));
            TarArchiveEntry e = new TarArchiveEntry("release/firmware.dfu");
            e.setSize(dfu.length);
            t.putArchiveEntry(e);
            t.write(dfu);
            t.closeArchiveEntry();
        }
        UsbfsEmu.Run r = mpt("flash", tar.toString());
        assertOk(r);
        assertThat(r.out()).contains("image: release.tar.xz!release/firmware.dfu (DfuSe .dfu), 70000 bytes");
        assertFlashHolds(expectedFlash(big));
    }

    @Test
    void uploadReadsMemoryBackAsBinOrDfu() throws Exception {
        Element a = new Element(FLASH, random(70_000, 5));
        assertOk(mpt("flash", "--no-leave", dfuFile("fw.dfu", a).toString()));
        Path out = dir.resolve("back.bin");
        UsbfsEmu.Run r = mpt("dfu", "upload", "-o", out.toString(), "--range", "0x08000000:64K");
        assertOk(r);
        assertThat(r.out()).isEqualTo("read 65536 bytes from 0x08000000 to " + out + "\n");
        assertThat(Files.readAllBytes(out)).isEqualTo(Arrays.copyOf(a.data(), 65536));
        Path whole = dir.resolve("whole.dfu");
        assertOk(mpt("dfu", "upload", "-o", whole.toString()));
        byte[] all = DfuseFile.parse(Files.readAllBytes(whole)).elements().get(0).data();
        assertThat(all).isEqualTo(expectedFlash(a));
    }

    @Test
    void reFlashingAChangedSectorTouchesOnlyThatSector() throws Exception {
        byte[] image = random(FLASH_SIZE, 6);
        Files.write(flash, random(FLASH_SIZE, 16));
        UsbfsEmu.Run first = mpt("flash", dfuFile("v1.dfu", new Element(FLASH, image)).toString());
        assertOk(first);
        // every sector differs and the image covers them all: one mass erase instead of 12
        assertThat(first.out()).contains("erased 12 sectors, wrote 1048576 bytes, verified 1048576 bytes");
        assertThat(requests()).contains("mass erase").doesNotContain("erase sector");
        assertThat(TransferLog.violations(requests())).isEmpty();
        assertFlashHolds(image);
        image[0x60000 + 5] ^= 0x5A; // sector 7 (0x08060000, 128 KiB)
        Files.writeString(log, "");
        UsbfsEmu.Run r = mpt("flash", dfuFile("v2.dfu", new Element(FLASH, image)).toString());
        assertOk(r);
        assertThat(r.out()).contains("erased 1 sector, wrote 131072 bytes, verified 131072 bytes, 11 sectors already up to date");
        assertThat(TransferLog.violations(requests())).isEmpty();
        assertThat(requests()).contains("erase 1000 ms").contains("erase sector 0x08060000")
                .doesNotContain("erase sector 0x08040000");
        assertFlashHolds(image);
        UsbfsEmu.Run full = mpt("flash", "--full", dfuFile("v3.dfu", new Element(FLASH, image)).toString());
        assertThat(full.out()).contains("erased 12 sectors, wrote 1048576 bytes");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "stall@dnload:5 | erasing the sector at 0x08010000 failed: device reports errSTALLEDPKT",
        "status@write:2=errPROG | writing at 0x08000800 failed: device reports errPROG (programming the memory failed)",
        "status@erase:2=errERASE | erasing the sector at 0x08004000 failed: device reports errERASE (memory erase failed)",
        "disconnect@dnload:7 | while erasing the sector at 0x08040000; was the device unplugged or reset?",
        "timeout@getstatus:4 | the device did not answer DFU_GETSTATUS within 5000 ms while erasing the sector at 0x08004000",
        "stall@upload:2 | reading at 0x08000800 failed: device reports errSTALLEDPKT",
    })
    void everyFaultGivesOneClearLineAndASecondFlashWorks(String fault, String message) throws Exception {
        Element a = new Element(FLASH, random(300_000, 7));
        Path fw = dfuFile("fw.dfu", a);
        UsbfsEmu.Run bad = mptWithFault(fault, "flash", "--full", fw.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).startsWith("error: ").contains(message).hasLineCount(1).doesNotContain("Exception");
        assertOk(mpt("flash", fw.toString()));
        assertFlashHolds(expectedFlash(a));
        // the failed flash and the one after it asked only what each state allows (but for the injected stall)
        List<String> violations = TransferLog.violations(requests());
        assertThat(violations).allMatch(v -> fault.startsWith("stall") && v.contains("result=stall"));
    }

    @Test
    void aDisconnectDuringLeaveAfterAVerifiedFlashIsSuccess() throws Exception {
        Element a = new Element(FLASH, random(5000, 8));
        UsbfsEmu.Run r = mptWithFault("disconnect@leave:1", "flash", dfuFile("fw.dfu", a).toString());
        assertOk(r);
        assertThat(r.out()).contains("verified 5000 bytes").contains("left DFU mode");
    }

    @Test
    void readProtectionIsExplainedAndUnprotectWipesAndFlashes() throws Exception {
        Element a = new Element(FLASH, random(20_000, 12));
        Path fw = dfuFile("fw.dfu", a);
        UsbfsEmu.Run r = UsbfsEmu.run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ReadProtectionScenario.class.getName(), fw.toString()),
                flash, log, Map.of());
        assertThat(r.err()).isEqualTo("error: reading at 0x08000000 failed: device reports errVENDOR (vendor-specific "
                + "error; on STM32 read protection is active: --unprotect removes it and erases the whole chip)\n");
        assertThat(r.out()).startsWith("protected\n").contains("exit 1\n")
                .contains("read protection removed; the chip was erased and reset")
                .contains("left DFU mode").endsWith("exit 0\n");
        assertThat(requests()).contains("read unprotect");
        assertFlashHolds(expectedFlash(a));
    }

    @Test
    void userErrorsAreOneLine() throws Exception {
        UsbfsEmu.Run r = mpt("flash", "--vid-pid", "1209:0001", "--address", "0x08000000",
                Files.write(dir.resolve("x.bin"), new byte[4]).toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: no DFU device matches --vid-pid 1209:0001 (found: 0483:df11 at 1-1")
                .contains("udev").hasLineCount(1);
        r = mpt("flash", "--address", "0x080FF000", Files.write(dir.resolve("y.bin"), new byte[8192]).toString());
        assertThat(r.err()).startsWith("error: image outside the device's memory: 0x08100000").hasLineCount(1);
        r = mpt("flash", Files.write(dir.resolve("raw.bin"), new byte[8]).toString());
        assertThat(r.err()).isEqualTo("error: raw.bin is raw binary with no addresses; say where it goes with --address "
                + "(an STM32's flash starts at 0x08000000)\n");
        r = mpt("flash", "--alt", "7", dfuFile("z.dfu", new Element(FLASH, new byte[8])).toString());
        assertThat(r.err()).isEqualTo("error: 0483:df11 has no alternate setting 7 (it has 4)\n");
        Path other = Files.write(dir.resolve("other.dfu"), DfuseFile.build(List.of(new Target(0, "",
                List.of(new Element(FLASH, new byte[8])))), 0x1209, 0x0001));
        r = mpt("flash", other.toString());
        assertThat(r.err()).isEqualTo("error: other.dfu is for USB device 1209:0001, not 0483:df11; use --force if you are sure\n");
        assertOk(mpt("flash", "--force", other.toString()));
        r = mpt("dfu", "upload", "-o", dir.resolve("o.bin").toString(), "--range", "0x08100000:16");
        assertThat(r.err()).startsWith("error: 0x08100000..0x0810000f is outside \"Internal Flash\"");
    }
}
