package dev.mpt.flasher;

import dev.mpt.console.Progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PlainDfuTest {
    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void aManifestationTolerantDeviceTakesTheFirmwareAndGivesItBack() {
        PlainDfuDeviceModel device = new PlainDfuDeviceModel(true);
        DfuSession session = new DfuSession(device, PlainDfuDeviceModel.TRANSFER, device);
        byte[] fw = random(5000);
        session.recover();
        session.downloadPlain(fw, true, Progress.NONE);
        assertThat(device.firmware).isEqualTo(fw);
        assertThat(session.getState()).isEqualTo(DfuState.DFU_IDLE);
        assertThat(session.uploadPlain(1 << 20, Progress.NONE)).isEqualTo(fw);
        assertThat(device.earlyPolls).isZero();
    }

    @Test
    void aDeviceThatResetsAfterManifestationHasSucceeded() {
        PlainDfuDeviceModel device = new PlainDfuDeviceModel(false);
        DfuSession session = new DfuSession(device, PlainDfuDeviceModel.TRANSFER, device);
        byte[] fw = random(3 * PlainDfuDeviceModel.TRANSFER);
        session.downloadPlain(fw, false, Progress.NONE);
        assertThat(device.firmware).isEqualTo(fw);
        assertThat(device.gone).isTrue();
    }

    @Test
    void anUploadThatEndsOnABlockBoundaryIsAborted() {
        PlainDfuDeviceModel device = new PlainDfuDeviceModel(true);
        DfuSession session = new DfuSession(device, PlainDfuDeviceModel.TRANSFER, device);
        byte[] fw = random(2 * PlainDfuDeviceModel.TRANSFER);
        session.downloadPlain(fw, true, Progress.NONE);
        assertThat(session.uploadPlain(fw.length, Progress.NONE)).isEqualTo(fw);
        assertThat(session.getState()).isEqualTo(DfuState.DFU_IDLE);
        for (String entry : device.log) {
            String[] f = entry.split(" ");
            assertThat(DfuStateTable.allows(DfuState.valueOf(f[4]), DfuRequest.valueOf(f[0]), Integer.parseInt(f[2])))
                    .as(entry).isTrue();
        }
    }
}
