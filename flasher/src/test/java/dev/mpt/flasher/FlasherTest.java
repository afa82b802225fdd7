package dev.mpt.flasher;

import dev.mpt.console.Progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FlasherTest {
    private final DfuseDeviceModel device = new DfuseDeviceModel();
    private final DfuSession session = new DfuSession(device, DfuseDeviceModel.TRANSFER, device);

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private Flasher.Result flash(List<Element> elements, boolean incremental) {
        session.recover();
        FlashPlan plan = FlashPlan.of(elements, device.layout);
        return new Flasher(session, Progress.NONE).flash(plan, new Flasher.Options(true, incremental));
    }

    private byte[] flashAt(long address, int length) {
        int o = (int) (address - 0x0800_0000L);
        return Arrays.copyOfRange(device.flash, o, o + length);
    }

    @Test
    void aFullFlashLeavesExactlyTheImageAndNeverPollsEarly() {
        byte[] a = random(40_000, 1);
        byte[] b = random(5_000, 2);
        Flasher.Result r = flash(List.of(new Element(0x0800_0000L, a), new Element(0x0802_0000L, b)), false);
        assertThat(flashAt(0x0800_0000L, a.length)).isEqualTo(a);
        assertThat(flashAt(0x0802_0000L, b.length)).isEqualTo(b);
        assertThat(flashAt(0x0800_0000L + a.length, 100)).containsOnly(0xFF);
        assertThat(r.sectorsErased()).isEqualTo(4);
        assertThat(r.bytesVerified()).isEqualTo(45_000);
        assertThat(device.earlyPolls).isZero();
        assertThat(device.programmedBlocks).isEqualTo(20 + 3);
    }

    @Test
    void anImageCoveringTheWholeFlashIsErasedWithOneMassErase() {
        byte[] image = random(1 << 20, 11);
        Flasher.Result r = flash(List.of(new Element(0x0800_0000L, image)), false);
        assertThat(device.massErases).isEqualTo(1);
        assertThat(device.erases).isZero();
        assertThat(r.sectorsErased()).isEqualTo(12);
        assertThat(flashAt(0x0800_0000L, image.length)).isEqualTo(image);
        assertThat(device.earlyPolls).isZero();
    }

    @Test
    void aRefusedMassEraseFallsBackToSectorErases() {
        device.fault("masserase", 1, "errTARGET");
        byte[] image = random(1 << 20, 12);
        Flasher.Result r = flash(List.of(new Element(0x0800_0000L, image)), false);
        assertThat(device.erases).isEqualTo(12);
        assertThat(r.sectorsErased()).isEqualTo(12);
        assertThat(flashAt(0x0800_0000L, image.length)).isEqualTo(image);
    }

    @Test
    void aStalledMassEraseFallsBackToSectorErases() {
        device.fault("masserase", 1, "stall");
        byte[] image = random(1 << 20, 13);
        flash(List.of(new Element(0x0800_0000L, image)), false);
        assertThat(device.massErases).isZero();
        assertThat(device.erases).isEqualTo(12);
        assertThat(flashAt(0x0800_0000L, image.length)).isEqualTo(image);
    }

    @Test
    void anImageLeavingOneSectorOutErasesSectorBySector() {
        byte[] image = random((1 << 20) - 128 * 1024 - 1, 14);
        flash(List.of(new Element(0x0800_0000L, image)), false);
        assertThat(device.massErases).isZero();
        assertThat(device.erases).isEqualTo(11);
    }

    @Test
    void anIncrementalFlashRewritesOnlyTheChangedSector() {
        byte[] image = random(256 * 1024, 3);
        flash(List.of(new Element(0x0800_0000L, image)), false);
        int erasesBefore = device.erases;
        int blocksBefore = device.programmedBlocks;
        image[200_000] ^= 0x55; // sector 5 (0x08020000, 128 KiB)
        Flasher.Result r = flash(List.of(new Element(0x0800_0000L, image)), true);
        assertThat(r.sectorsErased()).isEqualTo(1);
        assertThat(r.sectorsUnchanged()).isEqualTo(5);
        assertThat(device.erases - erasesBefore).isEqualTo(1);
        assertThat(device.programmedBlocks - blocksBefore).isEqualTo((256 * 1024 - 0x20000) / 2048);
        assertThat(flashAt(0x0800_0000L, image.length)).isEqualTo(image);
    }

    @Test
    void blankSectorsNeedNoErase() {
        Flasher.Result r = flash(List.of(new Element(0x0800_0000L, random(20_000, 8))), true);
        assertThat(r.sectorsErased()).isZero();
        assertThat(r.sectorsBlank()).isEqualTo(2);
        assertThat(device.erases).isZero();
        assertThat(flashAt(0x0800_0000L, 20_000)).isEqualTo(random(20_000, 8));
    }

    @Test
    void incrementalFlashOfTheSameImageWritesNothing() {
        byte[] image = random(20_000, 4);
        flash(List.of(new Element(0x0800_0000L, image)), false);
        Flasher.Result r = flash(List.of(new Element(0x0800_0000L, image)), true);
        assertThat(r.bytesWritten()).isZero();
        assertThat(r.sectorsUnchanged()).isEqualTo(2);
    }

    @Test
    void aDeviceErrorNamesTheStatusAndLeavesTheDeviceUsable() {
        device.fault("write", 3, "errWRITE");
        byte[] image = random(10_000, 5);
        assertThatThrownBy(() -> flash(List.of(new Element(0x0800_0000L, image)), false))
                .isInstanceOf(DfuDeviceException.class)
                .hasMessage("writing at 0x08001000 failed: device reports errWRITE (the device could not write the memory)");
        assertThat(device.state()).isEqualTo(DfuState.DFU_IDLE);
        flash(List.of(new Element(0x0800_0000L, image)), false);
        assertThat(flashAt(0x0800_0000L, image.length)).isEqualTo(image);
    }

    @Test
    void aStallIsRecoveredBeforeTheNextFlash() {
        device.fault("erase", 2, "stall");
        byte[] image = random(20_000, 6);
        assertThatThrownBy(() -> flash(List.of(new Element(0x0800_0000L, image)), false))
                .isInstanceOf(DfuDeviceException.class)
                .hasMessage("erasing the sector at 0x08004000 failed: device reports errSTALLEDPKT "
                        + "(the device refused a request it did not expect in its state)");
        assertThat(device.state()).isEqualTo(DfuState.DFU_IDLE);
        flash(List.of(new Element(0x0800_0000L, image)), false);
        assertThat(flashAt(0x0800_0000L, image.length)).isEqualTo(image);
    }

    @Test
    void writingOverUnerasedFlashFailsVerifyOnTheDevice() {
        session.recover();
        session.write(0x0800_0000L, new byte[] {0x00}, Progress.NONE);
        assertThatThrownBy(() -> session.write(0x0800_0000L, new byte[] {0x01}, Progress.NONE))
                .hasMessageContaining("errVERIFY");
    }

    @Test
    void readProtectionIsExplained() {
        device.readProtected = true;
        assertThatThrownBy(() -> flash(List.of(new Element(0x0800_0000L, new byte[16])), false))
                .hasMessageContaining("errVENDOR").hasMessageContaining("--unprotect")
                .hasMessageContaining("erases the whole chip");
    }

    @Test
    void aDeviceLeftInErrorIsRecovered() {
        device.fault("getstatus", 1, "stall");
        assertThat(session.recover()).isEqualTo(DfuState.DFU_ERROR);
        assertThat(device.state()).isEqualTo(DfuState.DFU_IDLE);
    }

    @Test
    void leaveEndsWithTheDeviceGoneAndNoError() {
        session.recover();
        session.leave(0x0800_0000L);
        assertThat(device.gone).isTrue();
    }

    @Test
    void readsWholeSectorsBack() {
        byte[] image = random(3000, 7);
        flash(List.of(new Element(0x0800_0100L, image)), false);
        byte[] back = session.read(0x0800_0100L, 3000, Progress.NONE);
        assertThat(back).isEqualTo(image);
        assertThat(device.state()).isEqualTo(DfuState.DFU_IDLE);
    }

    @Test
    void everyRequestSentIsOneTheStateTableAllows() {
        byte[] image = random(300_000, 9);
        device.fault("write", 2, "errPROG").fault("erase", 3, "stall");
        // erases come first: the stall on the third erase, then the error status on the second write
        assertThatThrownBy(() -> flash(List.of(new Element(0x0800_0000L, image)), false)).hasMessageContaining("errSTALLEDPKT");
        assertThatThrownBy(() -> flash(List.of(new Element(0x0800_0000L, image)), false)).hasMessageContaining("errPROG");
        flash(List.of(new Element(0x0800_0000L, image)), false);
        flash(List.of(new Element(0x0800_0000L, image)), true);
        session.recover();
        session.leave(0x0800_0000L);
        assertThat(device.log).hasSizeGreaterThan(500);
        for (String entry : device.log) {
            // "REQUEST value length in STATE"
            String[] f = entry.split(" ");
            DfuRequest r = DfuRequest.valueOf(f[0]);
            DfuState state = DfuState.valueOf(f[4]);
            assertThat(DfuStateTable.allows(state, r, Integer.parseInt(f[2]))).as(entry).isTrue();
        }
    }

    @Test
    void theStateAndStatusTablesSpeakTheSpecification() {
        assertThat(DfuState.of(5).specName()).isEqualTo("dfuDNLOAD-IDLE");
        assertThat(DfuStatus.of(0x0F).specName()).isEqualTo("errSTALLEDPKT");
        assertThat(DfuStatus.of(0x55)).isEqualTo(DfuStatus.ERR_UNKNOWN);
        assertThatThrownBy(() -> DfuState.of(11)).hasMessageContaining("bState 11");
        StatusReport r = new StatusReport(DfuStatus.OK, 0x01_02_03, DfuState.DFU_DNBUSY, 0);
        assertThat(StatusReport.decode(r.encode())).isEqualTo(r);
    }
}
