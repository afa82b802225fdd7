package dev.mpt.flasher.cli;

import dev.mpt.flasher.DfuSession;
import dev.mpt.flasher.FirmwareImage;
import dev.mpt.flasher.FlashPlan;
import dev.mpt.flasher.Flasher;
import dev.mpt.flasher.FlasherException;
import dev.mpt.flasher.ImageLoader;
import dev.mpt.flasher.MemoryLayout;
import dev.mpt.flasher.Progress;
import dev.mpt.flasher.Sector;
import dev.mpt.flasher.Target;
import dev.mpt.flasher.usb.DfuDevice;
import dev.mpt.flasher.usb.UsbBus;
import dev.mpt.flasher.usb.UsbTransport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mpt flash FIRMWARE}: put firmware on a board in DFU mode, verify it, start it. */
@Command(name = "flash", mixinStandardHelpOptions = true,
        description = {"Flash firmware to a board in its USB DFU bootloader: erase exactly the sectors the image "
                + "touches, write, verify by reading back, and leave DFU mode to start the new firmware.",
            "Where the device can upload, sectors that already hold the image are left alone (use --full to "
                + "rewrite everything)."},
        footer = {"", "Examples:", "  mpt flash firmware.dfu", "  mpt flash --address 0x08000000 firmware.bin",
            "  mpt flash --dry-run micropython-v1.28.0.zip"})
public final class FlashCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FIRMWARE", description = ".dfu, .hex, .bin (with --address), or an archive holding one.")
    Path firmware;

    @Option(names = "--address", paramLabel = "ADDRESS", description = "Where a raw .bin or plain DFU payload goes, e.g. 0x08000000.")
    String address;

    @Option(names = "--member", paramLabel = "NAME", description = "Which file of an archive to flash.")
    String member;

    @Mixin
    DeviceOptions device;

    @Option(names = "--dry-run", description = "Print the plan (sectors to erase, ranges to write) and touch nothing.")
    boolean dryRun;

    @Option(names = "--layout", paramLabel = "LAYOUT",
            description = "With --dry-run and no device: the DfuSe memory layout to plan for, e.g. "
                    + "\"@Internal Flash /0x08000000/04*016Kg,01*064Kg,07*128Kg\".")
    String layout;

    @Option(names = "--full", description = "Erase and write every sector the image touches, even unchanged ones.")
    boolean full;

    @Option(names = "--no-verify", description = "Do not read the written memory back to compare.")
    boolean noVerify;

    @Option(names = "--no-leave", description = "Stay in DFU mode after flashing.")
    boolean noLeave;

    @Option(names = "--unprotect", description = "Remove read protection first. This ERASES THE WHOLE CHIP, "
            + "and the device resets.")
    boolean unprotect;

    @Override
    public Integer call() throws IOException {
        long started = System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        ImageLoader.Loaded loaded = ImageLoader.load(firmware, address == null ? OptionalLong.empty()
                : OptionalLong.of(Numbers.parse("--address", address)), Optional.ofNullable(member));
        FirmwareImage image = loaded.image();
        if (!image.addressed()) {
            throw new FlasherException(loaded.name() + " is " + image.format().description()
                    + " with no addresses; say where it goes with --address (an STM32's flash starts at 0x08000000)");
        }
        if (image.payloadSize() == 0) {
            throw new FlasherException(loaded.name() + " holds no data to flash");
        }
        if (dryRun && layout != null) {
            MemoryLayout l = MemoryLayout.parse(layout);
            for (Target t : image.targets()) {
                printPlan(out, FlashPlan.of(t.elements(), l), t.alternate());
            }
            out.flush();
            return 0;
        }
        try (UsbBus bus = UsbBus.open()) {
            DfuDevice d = device.selector().pick(bus.devices());
            if (!d.dfuMode()) {
                throw new FlasherException(d.oneLine() + " runs its application; put it in its bootloader "
                        + "(machine.bootloader() at its REPL, or hold BOOT0 while resetting) and try again");
            }
            if (!d.functional().dfuse()) {
                throw new FlasherException(d.vidPid() + " speaks plain DFU " + Integer.toHexString(d.functional().bcdDfuVersion())
                        + ", not DfuSe; mpt flash supports DfuSe devices (STM32 bootloaders) so far");
            }
            List<DfuDevice.AltSetting> alts = new ArrayList<>();
            List<FlashPlan> plans = new ArrayList<>();
            for (Target t : image.targets()) {
                DfuDevice.AltSetting alt = device.alternate(d, t.alternate());
                MemoryLayout l = alt.layout().orElseThrow(() -> new FlasherException("alternate setting "
                        + alt.alternate() + " of " + d.vidPid() + " has no DfuSe memory layout (\"" + alt.name() + "\")"));
                alts.add(alt);
                plans.add(FlashPlan.of(t.elements(), l));
            }
            out.println("device: " + d.oneLine());
            out.printf("image: %s (%s), %d bytes%n", loaded.name(), image.format().description(), image.payloadSize());
            if (dryRun) {
                for (int i = 0; i < plans.size(); i++) {
                    printPlan(out, plans.get(i), alts.get(i).alternate());
                }
                out.flush();
                return 0;
            }
            out.flush();
            if (unprotect) {
                removeReadProtection(bus, d, alts.get(0).alternate());
                out.println("read protection removed; the chip was erased and reset");
                out.flush();
                return flashAfterReplug(out, image, alts, plans, started);
            }
            return flashAll(bus, d, alts, plans, out, started);
        }
    }

    private int flashAfterReplug(PrintWriter out, FirmwareImage image, List<DfuDevice.AltSetting> alts,
            List<FlashPlan> plans, long started) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            try (UsbBus bus = UsbBus.open()) {
                List<DfuDevice> found = bus.devices().stream().filter(device.selector()::matches).toList();
                if (found.size() == 1) {
                    return flashAll(bus, found.get(0), alts, plans, out, started);
                }
            }
            if (System.currentTimeMillis() > deadline) {
                throw new FlasherException("the device did not come back in DFU mode within 10 s after read unprotect");
            }
            DfuSession.Pause.REAL.pause(250);
        }
    }

    private void removeReadProtection(UsbBus bus, DfuDevice d, int alt) {
        try (UsbTransport t = bus.open(d, alt)) {
            DfuSession session = new DfuSession(t, d.functional().transferSize(), DfuSession.Pause.REAL);
            session.recover();
            session.readUnprotect();
        }
    }

    private int flashAll(UsbBus bus, DfuDevice d, List<DfuDevice.AltSetting> alts, List<FlashPlan> plans,
            PrintWriter out, long started) {
        Progress progress = ProgressBar.forTerminal(spec.commandLine().getErr());
        boolean canUpload = d.functional().canUpload();
        int erased = 0;
        int unchanged = 0;
        long written = 0;
        long verified = 0;
        for (int i = 0; i < plans.size(); i++) {
            FlashPlan plan = plans.get(i);
            boolean last = i == plans.size() - 1;
            try (UsbTransport t = bus.open(d, alts.get(i).alternate())) {
                DfuSession session = new DfuSession(t, d.functional().transferSize(), DfuSession.Pause.REAL);
                session.recover();
                boolean readable = plan.touched().stream().allMatch(Sector::readable);
                Flasher.Result r = new Flasher(session, progress).flash(plan,
                        new Flasher.Options(!noVerify && canUpload && readable, !full && canUpload && readable));
                erased += r.sectorsErased();
                unchanged += r.sectorsUnchanged();
                written += r.bytesWritten();
                verified += r.bytesVerified();
                if (last && !noLeave) {
                    session.leave(plans.get(0).layout().start());
                }
            }
        }
        out.printf("erased %d sector%s, wrote %d bytes, verified %d bytes%s%n", erased, erased == 1 ? "" : "s", written,
                verified, unchanged > 0 ? ", " + unchanged + " sector" + (unchanged == 1 ? "" : "s") + " already up to date" : "");
        out.println(noLeave ? "the device stays in DFU mode" : "left DFU mode; the board starts its new firmware");
        out.printf("done in %.1f s%n", (System.nanoTime() - started) / 1e9);
        out.flush();
        return 0;
    }

    private static void printPlan(PrintWriter out, FlashPlan plan, int alt) {
        out.println("plan for alt " + alt + ":");
        for (String line : plan.describe()) {
            out.println("  " + line);
        }
    }

}
