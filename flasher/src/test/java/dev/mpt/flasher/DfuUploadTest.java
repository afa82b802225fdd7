package dev.mpt.flasher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpt.console.Progress;
import dev.mpt.flasher.usb.DeviceChoice;
import dev.mpt.flasher.usb.DeviceSelector;
import dev.mpt.flasher.workflow.DfuUpload;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code mpt dfu upload}'s logic: which range, from which device, into which file. */
class DfuUploadTest {
    static final long FLASH = 0x0800_0000L;

    final VirtualClock clock = new VirtualClock();
    final ModelBus bus = new ModelBus();

    private DfuUpload.Read read(Optional<DfuUpload.Range> range) {
        return read(DeviceChoice.ANY, range);
    }

    private DfuUpload.Read read(DeviceChoice choice, Optional<DfuUpload.Range> range) {
        DfuUpload.Read r = DfuUpload.read(bus, choice, range, clock, Progress.NONE);
        assertThat(bus.openViews).isZero();
        return r;
    }

    private DfuseDeviceModel dfuseWith(byte[] start) {
        DfuseDeviceModel model = new DfuseDeviceModel(DfuseDeviceModel.LAYOUT, FlashWorkflowTest.SPI);
        clock.with(model);
        System.arraycopy(start, 0, model.flash, 0, start.length);
        bus.plug(FlashWorkflowTest.dfuse("1-1", DfuseDeviceModel.LAYOUT, FlashWorkflowTest.SPI), model);
        return model;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void withoutARangeTheWholeMemoryOfTheAlternateSettingIsRead() {
        DfuseDeviceModel model = dfuseWith(random(5000));
        DfuUpload.Read r = read(Optional.empty());
        assertThat(r.start()).isEqualTo(FLASH);
        assertThat(r.data()).isEqualTo(model.flash);
        assertThat(r.shortOfRange()).isFalse();
        DfuUpload.Read spi = read(new DeviceChoice(DeviceSelector.ANY, Optional.of("SPI Flash")), Optional.empty());
        assertThat(spi.start()).isEqualTo(FlashWorkflowTest.SPI_START);
        assertThat(spi.data()).hasSize(64 * 4096).containsOnly(0xFF);
    }

    @Test
    void aRangeIsReadAndSavedAsRawOrDfuse() {
        byte[] fw = random(70_000);
        dfuseWith(fw);
        DfuUpload.Read r = read(Optional.of(new DfuUpload.Range(FLASH + 16, 64 * 1024)));
        assertThat(r.data()).isEqualTo(Arrays.copyOfRange(fw, 16, 16 + 64 * 1024));
        assertThat(r.file(false)).isSameAs(r.data());
        FirmwareImage dfu = DfuseFile.parse(r.file(true));
        assertThat(dfu.targets()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("Internal Flash");
            assertThat(t.elements()).singleElement().satisfies(e -> {
                assertThat(e.address()).isEqualTo(FLASH + 16);
                assertThat(e.data()).isEqualTo(r.data());
            });
        });
        assertThat(dfu.suffix()).hasValueSatisfying(s -> assertThat(s.vidPid()).isEqualTo("0483:df11"));
    }

    @Test
    void aRangeOutsideTheMemoryIsRefusedBeforeReading() {
        DfuseDeviceModel model = dfuseWith(new byte[0]);
        assertThatThrownBy(() -> read(Optional.of(new DfuUpload.Range(0x0810_0000L, 16))))
                .hasMessage("0x08100000..0x0810000f is outside \"Internal Flash\" (0x08000000, 1 MiB: 4 x 16 KiB "
                        + "read/erase/write, 1 x 64 KiB read/erase/write, 7 x 128 KiB read/erase/write)");
        assertThatThrownBy(() -> read(Optional.of(new DfuUpload.Range(FLASH, ImageLoader.MAX_SIZE + 1))))
                .hasMessage("--range is too long: 67108865 bytes");
        assertThat(model.log).isEmpty();
    }

    @Test
    void aPlainDeviceSendsItsFirmwareFromItsStart() {
        PlainDfuDeviceModel model = new PlainDfuDeviceModel(true);
        model.firmware = random(3000);
        bus.plug(FlashWorkflowTest.plain("1-3", true, FlashWorkflowTest.DOWNLOAD | FlashWorkflowTest.UPLOAD
                | FlashWorkflowTest.TOLERANT), alt -> model);
        DfuUpload.Read all = read(Optional.empty());
        assertThat(all.data()).isEqualTo(model.firmware);
        assertThat(all.shortOfRange()).as("no range was given: the device sends what it has").isFalse();
        DfuUpload.Read more = read(Optional.of(new DfuUpload.Range(0, 4096)));
        assertThat(more.data()).isEqualTo(model.firmware);
        assertThat(more.shortOfRange()).isTrue();
        assertThatThrownBy(() -> read(Optional.of(new DfuUpload.Range(16, 16)))).hasMessage("1209:70b1 speaks plain "
                + "DFU: it uploads from its start, so --range must start at 0");
    }

    @Test
    void aDeviceInRuntimeModeOrWithoutUploadIsNamed() {
        bus.plug(FlashWorkflowTest.plain("1-3", false, FlashWorkflowTest.DOWNLOAD), alt -> null);
        assertThatThrownBy(() -> read(Optional.empty()))
                .hasMessage("1209:70b1 is in runtime mode; put it in its bootloader first");
        bus.ports.get(0).shown = FlashWorkflowTest.plain("1-3", true, FlashWorkflowTest.DOWNLOAD);
        assertThatThrownBy(() -> read(Optional.empty()))
                .hasMessage("1209:70b1 cannot upload (its DFU functional descriptor says so)");
    }
}
