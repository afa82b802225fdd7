package dev.mpt.flasher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.flasher.DfuseFile;
import dev.mpt.flasher.Element;
import dev.mpt.flasher.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands that need no device, run in process as a user would type them. */
class CommandsTest {
    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {}

    private Result mpt(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = FlasherMain.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void buildWritesWhatDfuPyWrites() throws IOException {
        Files.write(dir.resolve("a.bin"), "ABCDEFGHIJ".getBytes());
        Files.write(dir.resolve("b.bin"), new byte[] {1, 2, 3});
        Path out = dir.resolve("out.dfu");
        Result r = mpt("dfu", "build", "-o", out.toString(), "0x08000000:" + dir.resolve("a.bin"),
                "0x08020000:" + dir.resolve("b.bin"));
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("wrote " + out + ": 2 elements, 341 bytes\n");
        byte[] f = Files.readAllBytes(out);
        assertThat(f).hasSize(341);
        assertThat(DfuseFile.parse(f).elements()).extracting(Element::address).containsExactly(0x0800_0000L, 0x0802_0000L);
        // the CRC dfu-suffix --check reports for this file
        assertThat(java.nio.ByteBuffer.wrap(f, 337, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL)
                .isEqualTo(0x7F8AEBF9L);
    }

    @Test
    void buildRejectsBadPairsInOneLine() {
        Result r = mpt("dfu", "build", "-o", dir.resolve("x.dfu").toString(), "firmware.bin");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: \"firmware.bin\" is not ADDRESS:FILE (e.g. 0x08000000:firmware.bin)\n");
        r = mpt("dfu", "build", "-o", dir.resolve("x.dfu").toString(), "0xZZ:firmware.bin");
        assertThat(r.err()).startsWith("error: address \"0xZZ\" is not a 32-bit number");
        r = mpt("dfu", "build", "-o", dir.resolve("x.dfu").toString(), "0x08000000:" + dir.resolve("missing.bin"));
        assertThat(r.err()).isEqualTo("error: no such file: " + dir.resolve("missing.bin") + "\n");
    }

    @Test
    void infoShowsTargetsAndElements() throws IOException {
        Path f = Files.write(dir.resolve("fw.dfu"), DfuseFile.build(List.of(new Target(0, "", List.of(
                new Element(0x0800_0000L, new byte[16]), new Element(0x0802_0000L, new byte[8])))), 0x0483, 0xdf11));
        Result r = mpt("dfu", "info", f.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("""
                file: fw.dfu (DfuSe .dfu), 24 bytes of payload
                suffix: usb 0483:df11, bcdDevice 0x0000, bcdDFU 0x011a, CRC ok
                target 0: alt 0 "ST...", 2 elements, 24 bytes
                  element 0: 0x08000000..0x0800000f, 16 bytes
                  element 1: 0x08020000..0x08020007, 8 bytes
                """);
    }

    @Test
    void infoOnADamagedFileIsOneErrorLine() throws IOException {
        byte[] good = DfuseFile.build(List.of(new Target(0, "", List.of(new Element(0x0800_0000L, new byte[16])))),
                0x0483, 0xdf11);
        good[20] ^= 1;
        Path f = Files.write(dir.resolve("bad.dfu"), good);
        Result r = mpt("dfu", "info", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: DFU suffix CRC mismatch").doesNotContain("Exception").hasLineCount(1);
    }

    @Test
    void dryRunWithALayoutPrintsThePlan() throws IOException {
        Path f = Files.write(dir.resolve("fw.bin"), new byte[20_000]);
        Result r = mpt("flash", "--dry-run", "--address", "0x08000000", "--layout",
                "@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg", f.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("""
                plan for alt 0:
                  memory "Internal Flash" 0x08000000, 1 MiB: 4 x 16 KiB read/erase/write, 1 x 64 KiB read/erase/write, 7 x 128 KiB read/erase/write
                  write 0x08000000..0x08004e1f (20000 bytes)
                  erase 2 sectors (32 KiB):
                    0x08000000 (16 KiB)
                    0x08004000 (16 KiB)
                """);
    }

    @Test
    void aBinWithoutAddressIsExplained() throws IOException {
        Path f = Files.write(dir.resolve("fw.bin"), new byte[16]);
        Result r = mpt("flash", "--dry-run", "--layout", "@Flash/0x08000000/1*1Mg", f.toString());
        assertThat(r.err()).isEqualTo("error: fw.bin is raw binary with no addresses; say where it goes with --address "
                + "(an STM32's flash starts at 0x08000000)\n");
    }

    @Test
    void anImageOutsideTheMemoryIsRefusedBeforeTouchingAnything() throws IOException {
        Path f = Files.write(dir.resolve("fw.bin"), new byte[16]);
        Result r = mpt("flash", "--dry-run", "--address", "0x08100000", "--layout", "@Flash/0x08000000/1*1Mg", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: image outside the device's memory: 0x08100000 is not in \"Flash\"");
    }

    @Test
    void udevRuleMatchesDfuInterfacesAndTheStBootloader() {
        Result r = mpt("dfu", "udev-rule");
        assertThat(r.out()).contains("ENV{ID_USB_INTERFACES}==\"*:fe01*:*\"").contains("ATTRS{idProduct}==\"df11\"");
    }

    @Test
    void everyCommandHasHelpWithAnExample() {
        for (String[] c : List.of(new String[] {"dfu", "list"}, new String[] {"dfu", "info"}, new String[] {"dfu", "build"},
                new String[] {"dfu", "upload"}, new String[] {"dfu", "udev-rule"}, new String[] {"flash"})) {
            String[] args = java.util.Arrays.copyOf(c, c.length + 1);
            args[c.length] = "--help";
            Result r = mpt(args);
            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains("Example").contains("mpt " + c[0]);
        }
    }
}
