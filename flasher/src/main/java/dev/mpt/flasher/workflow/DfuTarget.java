package dev.mpt.flasher.workflow;

import dev.mpt.console.Progress;
import dev.mpt.flasher.DfuFunctionalDescriptor;
import dev.mpt.flasher.DfuSession;
import dev.mpt.flasher.Element;
import dev.mpt.flasher.FirmwareImage;
import dev.mpt.flasher.FlashPlan;
import dev.mpt.flasher.Flasher;
import dev.mpt.flasher.FlasherException;
import dev.mpt.flasher.ImageLoader;
import dev.mpt.flasher.MemoryLayout;
import dev.mpt.flasher.Sector;
import dev.mpt.flasher.Target;
import dev.mpt.flasher.Transport;
import dev.mpt.flasher.TransportException;
import dev.mpt.flasher.usb.DeviceChoice;
import dev.mpt.flasher.usb.DfuBus;
import dev.mpt.flasher.usb.DfuDevice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * USB DFU devices: DfuSe (STM32 and alike: erase exactly the sectors the image touches, per
 * alternate setting, write, verify, leave) and plain DFU 1.1 (the image as one blob). A device
 * in runtime mode is detached into DFU mode first, and looked for again until it comes back.
 */
public final class DfuTarget implements FlashTarget {
    private final DfuBus.Opener buses;
    private final DeviceChoice choice;
    private final Optional<String> layout;
    private final FlashOptions options;
    private final Clock clock;
    private final Progress progress;

    /**
     * @param buses a fresh view of the bus for each look (re-enumerated devices are seen)
     * @param layout for a dry run without a device, the DfuSe memory layout to plan for
     */
    public DfuTarget(DfuBus.Opener buses, DeviceChoice choice, Optional<String> layout, FlashOptions options,
            Clock clock, Progress progress) {
        this.buses = buses;
        this.choice = choice;
        this.layout = layout;
        this.options = options;
        this.clock = clock;
        this.progress = progress;
    }

    @Override
    public boolean takes(FirmwareImage image) {
        return image.format() != FirmwareImage.Format.UF2;
    }

    @Override
    public boolean present() {
        try (DfuBus bus = buses.open()) {
            return bus.anyDfuDevice();
        }
    }

    @Override
    public FlashSummary.Result flash(ImageLoader.Loaded loaded, Duration wait, Consumer<FlashEvent> events) {
        if (options.dryRun() && layout.isPresent()) {
            requireAddresses(loaded);
            MemoryLayout l = MemoryLayout.parse(layout.get());
            List<FlashSummary.AltPlan> plans = new ArrayList<>();
            for (Target t : loaded.image().targets()) {
                plans.add(new FlashSummary.AltPlan(t.alternate(), FlashPlan.of(t.elements(), l)));
            }
            return new FlashSummary.DfusePlanned(plans);
        }
        boolean unprotectFirst = options.unprotect();
        while (true) {
            Optional<FlashSummary.Result> done = flashWhenPresent(loaded, wait, unprotectFirst, events);
            if (done.isPresent()) {
                return done.get();
            }
            events.accept(new FlashEvent.ReadProtectionRemoved());
            unprotectFirst = false;
            wait = FlashWorkflow.DFU_APPEARS;
        }
    }

    /**
     * Finds the DFU device (waiting up to {@code wait} for it to appear, each look through a
     * fresh view of the bus so a re-enumerated device is seen), plans, and flashes — or, with
     * unprotect, only removes read protection (the device then resets): then empty.
     */
    private Optional<FlashSummary.Result> flashWhenPresent(ImageLoader.Loaded loaded, Duration wait,
            boolean unprotectFirst, Consumer<FlashEvent> events) {
        long deadline = clock.nanoTime() + wait.toNanos();
        String detachedAt = null;
        while (true) {
            try (DfuBus bus = buses.open()) {
                List<DfuDevice> all = bus.devices();
                String path = detachedAt;
                List<DfuDevice> found = all.stream().filter(x -> x.dfuMode()
                        && (choice.device().matches(x) || x.path().equals(path))).toList();
                List<DfuDevice> running = all.stream().filter(x -> !x.dfuMode() && choice.device().matches(x)).toList();
                if (found.isEmpty() && running.size() == 1 && detachedAt == null && !options.dryRun()) {
                    detach(bus, running.get(0), events);
                    detachedAt = running.get(0).path();
                    deadline = clock.nanoTime() + FlashWorkflow.DFU_APPEARS.toNanos();
                } else if (found.isEmpty() && clock.nanoTime() < deadline) {
                    // not there yet: look again below, after closing this view of the bus
                } else {
                    DfuDevice d = choice.pick(found.isEmpty() ? all : found);
                    return flashDevice(loaded, bus, d, unprotectFirst, events);
                }
            }
            clock.pause(250);
        }
    }

    /**
     * DFU 1.1 runtime mode: DETACH, then a USB reset unless the device detaches by itself; it
     * comes back in DFU mode.
     */
    private void detach(DfuBus bus, DfuDevice d, Consumer<FlashEvent> events) {
        events.accept(new FlashEvent.Detaching(d));
        try (Transport t = bus.open(d, d.alternates().isEmpty() ? 0 : d.alternates().get(0).alternate())) {
            DfuSession session = new DfuSession(t, d.functional().transferSize(), clock);
            session.detach(Math.min(d.functional().detachTimeoutMs(), 5000));
            if (!d.functional().willDetach()) {
                t.reset();
            }
        } catch (TransportException e) {
            if (e.kind() == TransportException.Kind.STALL) {
                throw new FlasherException(d.vidPid() + " refused DETACH; put it in its bootloader by hand");
            }
            // a device that drops off the bus at once has detached
        }
    }

    private Optional<FlashSummary.Result> flashDevice(ImageLoader.Loaded loaded, DfuBus bus, DfuDevice d,
            boolean unprotectFirst, Consumer<FlashEvent> events) {
        FirmwareImage image = loaded.image();
        if (!d.dfuMode()) {
            throw new FlasherException(d.oneLine() + " runs its application; put it in its bootloader "
                    + "(machine.bootloader() at its REPL, or hold BOOT0 while resetting) and try again");
        }
        image.suffix().ifPresent(sfx -> {
            boolean vidOk = sfx.idVendor() == 0xFFFF || sfx.idVendor() == d.idVendor();
            boolean pidOk = sfx.idProduct() == 0xFFFF || sfx.idProduct() == d.idProduct();
            if (!(vidOk && pidOk) && !options.force()) {
                throw new FlasherException(loaded.name() + " is for USB device " + sfx.vidPid() + ", not "
                        + d.vidPid() + "; use --force if you are sure");
            }
        });
        if (!d.functional().dfuse()) {
            return Optional.of(flashPlain(loaded, bus, d, events));
        }
        requireAddresses(loaded);
        List<FlashSummary.AltPlan> plans = new ArrayList<>();
        for (Target t : image.targets()) {
            DfuDevice.AltSetting alt = choice.alternate(d, t.alternate());
            MemoryLayout l = alt.layout().orElseThrow(() -> new FlasherException("alternate setting "
                    + alt.alternate() + " of " + d.vidPid() + " has no DfuSe memory layout (\"" + alt.name() + "\")"));
            plans.add(new FlashSummary.AltPlan(alt.alternate(), FlashPlan.of(t.elements(), l)));
        }
        events.accept(new FlashEvent.DfuDeviceFound(d, loaded, -1));
        if (options.dryRun()) {
            return Optional.of(new FlashSummary.DfusePlanned(plans));
        }
        if (unprotectFirst) {
            bus.session(d, plans.get(0).alternate(), clock, session -> {
                session.readUnprotect();
                return null;
            });
            return Optional.empty();
        }
        return Optional.of(flashAll(bus, d, plans));
    }

    private static void requireAddresses(ImageLoader.Loaded loaded) {
        FirmwareImage image = loaded.image();
        if (!image.addressed()) {
            throw new FlasherException(loaded.name() + " is " + image.format().description()
                    + " with no addresses; say where it goes with --address (an STM32's flash starts at 0x08000000)");
        }
    }

    /**
     * A plain DFU 1.1 device takes the firmware as one blob in numbered blocks and places it
     * itself; it is read back where the device can upload and stays in DFU mode afterwards.
     */
    private FlashSummary.Result flashPlain(ImageLoader.Loaded loaded, DfuBus bus, DfuDevice d,
            Consumer<FlashEvent> events) {
        FirmwareImage image = loaded.image();
        if (image.elements().size() != 1) {
            throw new FlasherException(d.vidPid() + " speaks plain DFU and takes one firmware blob; " + loaded.name()
                    + " holds " + image.elements().size() + " separate elements");
        }
        byte[] firmware = image.elements().get(0).data();
        DfuDevice.AltSetting alt = choice.alternate(d, image.targets().get(0).alternate());
        DfuFunctionalDescriptor f = d.functional();
        if (!f.canDownload()) {
            throw new FlasherException(d.vidPid() + " cannot download (its DFU functional descriptor says so)");
        }
        events.accept(new FlashEvent.DfuDeviceFound(d, loaded, alt.alternate()));
        if (options.dryRun()) {
            return new FlashSummary.PlainPlanned();
        }
        long verified = bus.session(d, alt.alternate(), clock, session -> {
            progress.begin("write", firmware.length);
            session.downloadPlain(firmware, f.manifestationTolerant(), progress);
            progress.end();
            if (!options.verify() || !f.canUpload() || !f.manifestationTolerant()) {
                return 0L;
            }
            progress.begin("verify", firmware.length);
            byte[] back = session.uploadPlain(firmware.length, progress);
            progress.end();
            Flasher.checkSame(new Element(0, firmware), back);
            return (long) back.length;
        });
        return new FlashSummary.PlainFlashed(firmware.length, verified, f.manifestationTolerant());
    }

    /** Flashes each alternate setting's plan in turn; after the last, leaves DFU mode unless told not to. */
    private FlashSummary.Result flashAll(DfuBus bus, DfuDevice d, List<FlashSummary.AltPlan> plans) {
        boolean canUpload = d.functional().canUpload();
        Flasher.Result totals = Flasher.Result.NONE;
        for (int i = 0; i < plans.size(); i++) {
            FlashPlan plan = plans.get(i).plan();
            boolean last = i == plans.size() - 1;
            totals = totals.plus(bus.session(d, plans.get(i).alternate(), clock, session -> {
                boolean readable = plan.touched().stream().allMatch(Sector::readable);
                Flasher.Result r = new Flasher(session, progress).flash(plan, new Flasher.Options(
                        options.verify() && canUpload && readable, !options.full() && canUpload && readable));
                if (last && options.leave()) {
                    session.leave(plans.get(0).plan().layout().start());
                }
                return r;
            }));
        }
        return new FlashSummary.DfuseFlashed(totals, options.leave());
    }
}
