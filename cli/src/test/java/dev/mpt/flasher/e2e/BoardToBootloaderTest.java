package dev.mpt.flasher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.cli.ServedBoard;
import dev.mpt.flasher.DfuseFile;
import dev.mpt.flasher.Element;
import dev.mpt.flasher.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-step path of {@code mpt flash -d PORT}: a board running MicroPython on a serial
 * port (the virtual board behind a real pty) is sent into its bootloader through the raw
 * REPL, the DFU device (usbfs-emu) is flashed, and mpt waits for the board to answer on the
 * port again and prints the version it runs.
 */
class BoardToBootloaderTest {
    @TempDir
    Path dir;

    @Test
    void aRunningBoardIsSentIntoItsBootloaderFlashedAndSeenComingBack() throws Exception {
        UsbfsEmu.library();
        byte[] data = new byte[70_000];
        new Random(21).nextBytes(data);
        Path fw = Files.write(dir.resolve("fw.dfu"), DfuseFile.build(
                List.of(new Target(0, "", List.of(new Element(0x0800_0000L, data)))), 0x0483, 0xdf11));
        Path flash = dir.resolve("flash.bin");
        try (ServedBoard served = ServedBoard.serve(dir, ServedBoard.Link.PTY)) {
            String port = served.device();
            UsbfsEmu.Run r = UsbfsEmu.mpt(flash, dir.resolve("usb.log"), Map.of(), "flash", "-d", port, fw.toString());
            assertThat(r.err()).as("stderr").isEmpty();
            assertThat(r.exit()).isZero();
            assertThat(r.out())
                    .contains("board on " + port + " runs MicroPython v1.28.0; ")
                    .contains("sent it into its bootloader\n")
                    .contains("wrote 70000 bytes, verified 70000 bytes")
                    .contains("left DFU mode")
                    .contains("board is back on " + port + ": MicroPython v1.28.0; ");
            // machine.bootloader() restarted the virtual board (it has no DFU side of its own)
            assertThat(served.board.stats().hardResets()).isEqualTo(1);
        }
        byte[] now = Files.readAllBytes(flash);
        assertThat(Arrays.copyOf(now, data.length)).isEqualTo(data);
    }
}
