package dev.mpt.flasher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.flasher.DfuseFile;
import dev.mpt.flasher.Element;
import dev.mpt.flasher.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mpt and dfu-util 0.11 flash the same image on the same emulated bootloader. */
class DfuUtilComparisonTest {
    @TempDir
    Path dir;

    @Test
    void sameFlashContentsAndOnlyRequestsTheStateAllows() throws Exception {
        String dfuUtil = UsbfsEmu.dfuUtil();
        byte[] image = new byte[200_000];
        new Random(11).nextBytes(image);
        Path bin = Files.write(dir.resolve("fw.bin"), image);

        Path theirFlash = dir.resolve("dfu-util.flash");
        Path theirLog = dir.resolve("dfu-util.log");
        UsbfsEmu.Run theirs = UsbfsEmu.run(List.of(dfuUtil, "-a", "0", "-s", "0x08000000:leave", "-D", bin.toString()),
                theirFlash, theirLog, Map.of());
        assertThat(theirs.exit()).as(theirs.err()).isZero();

        Path ourFlash = dir.resolve("mpt.flash");
        Path ourLog = dir.resolve("mpt.log");
        UsbfsEmu.Run ours = UsbfsEmu.mpt(ourFlash, ourLog, Map.of(), "flash", "--address", "0x08000000", bin.toString());
        assertThat(ours.err()).isEmpty();
        assertThat(ours.exit()).isZero();

        assertThat(Files.mismatch(ourFlash, theirFlash)).as("first byte where the flash files differ").isEqualTo(-1L);
        String log = Files.readString(ourLog);
        assertThat(TransferLog.violations(log)).as("requests the device's state does not allow, or early polls").isEmpty();
        assertThat(log).doesNotContain("result=stall").contains("DFU_GETSTATUS -> dfuMANIFEST");
        // the same rules hold dfu-util's log to the specification too
        assertThat(TransferLog.violations(Files.readString(theirLog))).isEmpty();
    }

    @Test
    void dfuUtilTakesOurDfuseFilesAndLandsTheSameBytes() throws Exception {
        String dfuUtil = UsbfsEmu.dfuUtil();
        Random random = new Random(12);
        byte[] a = new byte[20_001];
        byte[] b = new byte[3000];
        random.nextBytes(a);
        random.nextBytes(b);
        Path dfu = Files.write(dir.resolve("fw.dfu"), DfuseFile.build(List.of(new Target(0, "", List.of(
                new Element(0x0800_0000L, a), new Element(0x0802_0000L, b)))), 0x0483, 0xdf11));

        Process check = new ProcessBuilder("dfu-suffix", "--check", dfu.toString()).redirectErrorStream(true).start();
        String report = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor()).as(report).isZero();
        assertThat(report).contains("Vendor ID:\t0x0483").contains("BCD DFU:\t0x011A");

        Path theirFlash = dir.resolve("dfu-util.flash");
        UsbfsEmu.Run theirs = UsbfsEmu.run(List.of(dfuUtil, "-a", "0", "-D", dfu.toString()), theirFlash,
                dir.resolve("dfu-util.log"), Map.of());
        assertThat(theirs.exit()).as(theirs.out() + theirs.err()).isZero();
        Path ourFlash = dir.resolve("mpt.flash");
        UsbfsEmu.Run ours = UsbfsEmu.mpt(ourFlash, dir.resolve("mpt.log"), Map.of(), "flash", dfu.toString());
        assertThat(ours.exit()).as(ours.err()).isZero();
        assertThat(Files.mismatch(ourFlash, theirFlash)).as("first byte where the flash files differ").isEqualTo(-1L);
    }
}
