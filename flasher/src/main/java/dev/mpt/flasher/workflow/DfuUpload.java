package dev.mpt.flasher.workflow;

import dev.mpt.console.Progress;
import dev.mpt.flasher.DfuseFile;
import dev.mpt.flasher.Element;
import dev.mpt.flasher.FlasherException;
import dev.mpt.flasher.ImageLoader;
import dev.mpt.flasher.MemoryLayout;
import dev.mpt.flasher.Target;
import dev.mpt.flasher.usb.DeviceChoice;
import dev.mpt.flasher.usb.DfuBus;
import dev.mpt.flasher.usb.DfuDevice;
import java.util.List;
import java.util.Optional;

/**
 * Reads device memory back (DFU UPLOAD): a range given, else the whole memory of the
 * alternate setting (DfuSe), else the firmware a plain DFU device sends from its start.
 */
public final class DfuUpload {
    /** What to read: {@code length} bytes from {@code start}. */
    public record Range(long start, long length) {}

    /**
     * What was read.
     *
     * @param requested how much was asked for; a plain DFU device without a range given sends
     *     what it has, up to {@link ImageLoader#MAX_SIZE}
     * @param shortOfRange the device sent less than a range it was given (or a DfuSe memory's size)
     */
    public record Read(DfuDevice device, DfuDevice.AltSetting alt, long start, long requested, byte[] data,
            boolean shortOfRange) {
        /** The bytes to write to a file: a DfuSe file (for the device, at its address) or the raw data. */
        public byte[] file(boolean dfuse) {
            if (!dfuse) {
                return data;
            }
            return DfuseFile.build(List.of(new Target(alt.alternate(), alt.layout().map(MemoryLayout::name).orElse(""),
                    List.of(new Element(start, data)))), device.idVendor(), device.idProduct());
        }
    }

    private DfuUpload() {}

    /**
     * Reads from the one chosen device in DFU mode.
     *
     * @throws FlasherException for a device that cannot upload, or a range outside its memory
     */
    public static Read read(DfuBus.Opener buses, DeviceChoice choice, Optional<Range> range, Clock clock,
            Progress progress) {
        try (DfuBus bus = buses.open()) {
            DfuDevice d = choice.pick(bus.devices());
            DfuDevice.AltSetting alt = choice.alternate(d, 0);
            if (!d.dfuMode()) {
                throw new FlasherException(d.vidPid() + " is in runtime mode; put it in its bootloader first");
            }
            if (!d.functional().canUpload()) {
                throw new FlasherException(d.vidPid() + " cannot upload (its DFU functional descriptor says so)");
            }
            boolean dfuse = d.functional().dfuse();
            Optional<MemoryLayout> layout = alt.layout();
            Range r = range.orElseGet(() -> wholeMemory(layout, dfuse));
            if (!dfuse && r.start() != 0) {
                throw new FlasherException(d.vidPid() + " speaks plain DFU: it uploads from its start, "
                        + "so --range must start at 0");
            }
            if (r.length() > ImageLoader.MAX_SIZE) {
                throw new FlasherException("--range is too long: " + r.length() + " bytes");
            }
            if (layout.isPresent() && (layout.get().sectorAt(r.start()).isEmpty()
                    || layout.get().sectorAt(r.start() + Math.max(0, r.length() - 1)).isEmpty())) {
                throw new FlasherException(String.format("0x%08x..0x%08x is outside \"%s\" (%s)", r.start(),
                        r.start() + r.length() - 1, layout.get().name(), layout.get().summary()));
            }
            byte[] data = bus.session(d, alt.alternate(), clock, session -> {
                progress.begin("read", r.length());
                byte[] got = dfuse ? session.read(r.start(), (int) r.length(), progress)
                        : session.uploadPlain((int) r.length(), progress);
                progress.end();
                return got;
            });
            return new Read(d, alt, r.start(), r.length(), data,
                    data.length < r.length() && (range.isPresent() || dfuse));
        }
    }

    private static Range wholeMemory(Optional<MemoryLayout> layout, boolean dfuse) {
        if (layout.isPresent()) {
            return new Range(layout.get().start(), layout.get().size());
        }
        if (!dfuse) {
            return new Range(0, ImageLoader.MAX_SIZE); // plain DFU: from the start, until a short block
        }
        throw new FlasherException("give --range ADDRESS:LENGTH; this device has no memory layout");
    }
}
