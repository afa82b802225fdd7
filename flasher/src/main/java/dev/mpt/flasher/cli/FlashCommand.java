package dev.mpt.flasher.cli;

import dev.mpt.flasher.DfuFunctionalDescriptor;
import dev.mpt.flasher.DfuSession;
import dev.mpt.flasher.Element;
import dev.mpt.flasher.FirmwareImage;
import dev.mpt.flasher.FlashPlan;
import dev.mpt.flasher.Flasher;
import dev.mpt.flasher.FlasherException;
import dev.mpt.flasher.ImageLoader;
import dev.mpt.flasher.MemoryLayout;
import dev.mpt.console.Progress;
import dev.mpt.flasher.Sector;
import dev.mpt.flasher.Target;
import dev.mpt.flasher.Uf2Drive;
import dev.mpt.flasher.Uf2File;
import dev.mpt.flasher.TransportException;
import dev.mpt.flasher.usb.DfuDevice;
import dev.mpt.flasher.usb.UsbBus;
import dev.mpt.flasher.usb.UsbTransport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.time.Duration;
import dev.mpt.flasher.ReplBootloader;
import dev.mpt.protocol.DeviceSpec;
import dev.mpt.protocol.Devices;
import dev.mpt.protocol.Link;
import dev.mpt.protocol.PortInfo;
import dev.mpt.protocol.RawRepl;
import dev.mpt.protocol.SerialPorts;
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

    @Parameters(paramLabel = "FIRMWARE", description = ".dfu, .hex, .bin (with --address), .uf2 (copied to the board's "
            + "UF2 bootloader drive), or an archive holding one.")
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

    @Option(names = {"-d", "--device"}, paramLabel = "PORT",
            description = "A board running MicroPython to send into its bootloader first (machine.bootloader() "
                    + "through the raw REPL): /dev/ttyACM0, a0, COM3 or id:SERIAL (also `mpt -d PORT flash`). "
                    + "Without it, when no DFU device is present, the one MicroPython board on a serial port is used.")
    String boardSpec;

    @Option(names = "--force", description = "Flash even if the file's DFU suffix names another USB device, or a "
            + "UF2 file's chip family is not the drive's.")
    boolean force;

    @Option(names = "--drive", paramLabel = "DIR",
            description = "For a .uf2 file: the folder where the board's UF2 bootloader drive is mounted "
                    + "(default: the one UF2 drive found).")
    Path drive;

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
        if (image.payloadSize() == 0) {
            throw new FlasherException(loaded.name() + " holds no data to flash");
        }
        if (image.format() == FirmwareImage.Format.UF2) {
            flashUf2(out, loaded);
            if (!dryRun) {
                out.printf("done in %.1f s%n", (System.nanoTime() - started) / 1e9);
            }
            out.flush();
            return 0;
        }
        if (dryRun && layout != null) {
            requireAddresses(loaded);
            MemoryLayout l = MemoryLayout.parse(layout);
            for (Target t : image.targets()) {
                printPlan(out, FlashPlan.of(t.elements(), l), t.alternate());
            }
            out.flush();
            return 0;
        }
        Optional<PortInfo> board = enterBootloaderIfAsked(out, FlashCommand::anyDfuDevice);
        Duration wait = board.isPresent() ? DFU_APPEARS : Duration.ZERO;
        boolean again = unprotect;
        while (true) {
            Outcome outcome = flashWhenPresent(out, loaded, wait, again);
            if (outcome == Outcome.FLASHED) {
                break;
            }
            out.println("read protection removed; the chip was erased and reset");
            out.flush();
            again = false;
            wait = DFU_APPEARS;
        }
        board.ifPresent(p -> reportBoardBack(out, p));
        if (!dryRun) {
            out.printf("done in %.1f s%n", (System.nanoTime() - started) / 1e9);
        }
        out.flush();
        return 0;
    }

    /** How long a device may take to show up in DFU mode after a reset. */
    private static final Duration DFU_APPEARS = Duration.ofSeconds(15);
    /** How long a board may take to come back on serial after leaving DFU mode. */
    private static final Duration BOARD_RETURNS = Duration.ofSeconds(20);

    private enum Outcome { FLASHED, UNPROTECTED }

    /**
     * Finds the DFU device (waiting up to {@code wait} for it to appear, each try with a fresh
     * libusb context so a re-enumerated device is seen), plans, and flashes — or, with
     * unprotect, only removes read protection (the device then resets).
     */
    private Outcome flashWhenPresent(PrintWriter out, ImageLoader.Loaded loaded, Duration wait, boolean unprotectFirst) {
        FirmwareImage image = loaded.image();
        long deadline = System.nanoTime() + wait.toNanos();
        String detachedAt = null;
        while (true) {
            try (UsbBus bus = UsbBus.open()) {
                List<DfuDevice> all = bus.devices();
                String path = detachedAt;
                List<DfuDevice> found = all.stream().filter(x -> x.dfuMode()
                        && (device.selector().matches(x) || x.path().equals(path))).toList();
                List<DfuDevice> running = all.stream().filter(x -> !x.dfuMode() && device.selector().matches(x)).toList();
                if (found.isEmpty() && running.size() == 1 && detachedAt == null && !dryRun) {
                    detach(out, bus, running.get(0));
                    detachedAt = running.get(0).path();
                    deadline = System.nanoTime() + DFU_APPEARS.toNanos();
                } else if (found.isEmpty() && System.nanoTime() < deadline) {
                    // not there yet: try again below, after closing this context
                } else {
                    DfuDevice d = device.selector().pick(found.isEmpty() ? all : found);
                    return flashDevice(out, loaded, image, bus, d, unprotectFirst);
                }
            }
            DfuSession.Pause.REAL.pause(250);
        }
    }

    /**
     * DFU 1.1 runtime mode: DETACH, then a USB reset unless the device detaches by itself; it
     * comes back in DFU mode.
     */
    private void detach(PrintWriter out, UsbBus bus, DfuDevice d) {
        out.println("device: " + d.oneLine() + "; asking it to switch to DFU mode");
        out.flush();
        try (UsbTransport t = bus.open(d, d.alternates().isEmpty() ? 0 : d.alternates().get(0).alternate())) {
            DfuSession session = new DfuSession(t, d.functional().transferSize(), DfuSession.Pause.REAL);
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

    private Outcome flashDevice(PrintWriter out, ImageLoader.Loaded loaded, FirmwareImage image, UsbBus bus, DfuDevice d,
            boolean unprotectFirst) {
        if (!d.dfuMode()) {
            throw new FlasherException(d.oneLine() + " runs its application; put it in its bootloader "
                    + "(machine.bootloader() at its REPL, or hold BOOT0 while resetting) and try again");
        }
        image.suffix().ifPresent(sfx -> {
            boolean vidOk = sfx.idVendor() == 0xFFFF || sfx.idVendor() == d.idVendor();
            boolean pidOk = sfx.idProduct() == 0xFFFF || sfx.idProduct() == d.idProduct();
            if (!(vidOk && pidOk) && !force) {
                throw new FlasherException(loaded.name() + " is for USB device " + sfx.vidPid() + ", not "
                        + d.vidPid() + "; use --force if you are sure");
            }
        });
        if (!d.functional().dfuse()) {
            flashPlain(out, loaded, bus, d);
            return Outcome.FLASHED;
        }
        requireAddresses(loaded);
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
        out.flush();
        if (dryRun) {
            for (int i = 0; i < plans.size(); i++) {
                printPlan(out, plans.get(i), alts.get(i).alternate());
            }
            return Outcome.FLASHED;
        }
        if (unprotectFirst) {
            removeReadProtection(bus, d, alts.get(0).alternate());
            return Outcome.UNPROTECTED;
        }
        flashAll(bus, d, alts, plans, out);
        return Outcome.FLASHED;
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
    private void flashPlain(PrintWriter out, ImageLoader.Loaded loaded, UsbBus bus, DfuDevice d) {
        FirmwareImage image = loaded.image();
        if (image.elements().size() != 1) {
            throw new FlasherException(d.vidPid() + " speaks plain DFU and takes one firmware blob; " + loaded.name()
                    + " holds " + image.elements().size() + " separate elements");
        }
        byte[] firmware = image.elements().get(0).data();
        DfuDevice.AltSetting alt = device.alternate(d, image.targets().get(0).alternate());
        DfuFunctionalDescriptor f = d.functional();
        if (!f.canDownload()) {
            throw new FlasherException(d.vidPid() + " cannot download (its DFU functional descriptor says so)");
        }
        out.println("device: " + d.oneLine());
        out.printf("image: %s (%s), %d bytes, as one blob to alt %d (plain DFU)%n", loaded.name(),
                image.format().description(), firmware.length, alt.alternate());
        out.flush();
        if (dryRun) {
            return;
        }
        Progress progress = dev.mpt.console.ProgressBar.forTerminal(spec.commandLine().getErr());
        try (UsbTransport t = bus.open(d, alt.alternate())) {
            DfuSession session = new DfuSession(t, f.transferSize(), DfuSession.Pause.REAL);
            session.recover();
            progress.begin("write", firmware.length);
            session.downloadPlain(firmware, f.manifestationTolerant(), progress);
            progress.end();
            long verified = 0;
            if (!noVerify && f.canUpload() && f.manifestationTolerant()) {
                progress.begin("verify", firmware.length);
                byte[] back = session.uploadPlain(firmware.length, progress);
                progress.end();
                Flasher.checkSame(new Element(0, firmware), back);
                verified = back.length;
            }
            out.printf("wrote %d bytes, verified %d bytes%n", firmware.length, verified);
            out.println(f.manifestationTolerant() ? "the device stays in DFU mode; reset it to start the new firmware"
                    : "the device reset into its new firmware");
            out.flush();
        }
    }

    /**
     * With {@code -d}, or when no DFU device is present and exactly one MicroPython board is
     * on a serial port: sends that board into its bootloader through the raw REPL.
     */
    private Optional<PortInfo> enterBootloaderIfAsked(PrintWriter out, java.util.function.BooleanSupplier bootloaderPresent) {
        if (dryRun) {
            return Optional.empty(); // a dry run touches nothing, not even a running board
        }
        if (boardSpecGiven() != null && (boardSpecGiven().equals("auto") || boardSpecGiven().equals("virtual"))) {
            return Optional.empty(); // not a serial port: only a real board has a bootloader to enter
        }
        PortInfo port;
        DeviceSpec spec;
        String given = boardSpecGiven();
        if (given != null) {
            spec = DeviceSpec.parse(given);
            if (spec instanceof DeviceSpec.Serial s) {
                port = SerialPorts.list().stream().filter(p -> p.path().equals(s.path())).findFirst()
                        .orElse(new PortInfo(s.path(), -1, -1, "", "", "", PortInfo.BoardKind.OTHER));
            } else if (spec instanceof DeviceSpec.SerialById s) {
                port = SerialPorts.bySerialNumber(SerialPorts.list(), s.serialNumber())
                        .orElseThrow(() -> new FlasherException("no serial port has serial number " + s.serialNumber()));
            } else {
                throw new FlasherException("-d wants the serial port of a board running MicroPython "
                        + "(/dev/ttyACM0, a0, COM3 or id:SERIAL), not \"" + given + "\"");
            }
        } else {
            if (bootloaderPresent.getAsBoolean()) {
                return Optional.empty();
            }
            List<PortInfo> boards = SerialPorts.list().stream()
                    .filter(p -> p.kind() == PortInfo.BoardKind.MICROPYTHON).toList();
            if (boards.size() != 1) {
                return Optional.empty(); // none, or ambiguous: the DFU search explains what is missing
            }
            port = boards.get(0);
            spec = new DeviceSpec.Serial(port.path());
        }
        try (Link link = Devices.open(spec, Devices.OpenOptions.defaults(), null)) {
            String version = ReplBootloader.enter(link, RawRepl.Timeouts.defaults());
            out.println("board on " + port.path() + " runs " + version + "; sent it into its bootloader");
            out.flush();
        } catch (IOException e) {
            throw new FlasherException("cannot put the board on " + port.path() + " into its bootloader: " + e.getMessage());
        }
        return Optional.of(port);
    }

    private static boolean anyDfuDevice() {
        try (UsbBus bus = UsbBus.open()) {
            return bus.anyDfuDevice();
        }
    }

    /**
     * A .uf2 file goes to a UF2 bootloader's drive: sends a running board into its
     * bootloader first (as for DFU), waits for the drive, checks the image's chip family
     * against it, copies the file, and waits for the board to come back.
     */
    private void flashUf2(PrintWriter out, ImageLoader.Loaded loaded) {
        Uf2File uf2 = Uf2File.parse(loaded.bytes());
        String fileName = loaded.name().substring(loaded.name().lastIndexOf('!') + 1);
        fileName = fileName.substring(fileName.lastIndexOf('/') + 1);
        if (dryRun) {
            out.printf("image: %s (UF2), %d blocks%n", loaded.name(), loaded.bytes().length / Uf2File.BLOCK);
            for (Uf2File.Part p : uf2.parts()) {
                out.printf("  %s: %d bytes in %d block%s%n", p.familyText(), p.bytes(), p.blocks(), p.blocks() == 1 ? "" : "s");
                for (Element e : p.elements()) {
                    out.printf("    write 0x%08x..0x%08x (%d bytes)%n", e.address(), e.end() - 1, e.size());
                }
            }
            List<Uf2Drive> drives = Uf2Drive.present(drive);
            out.println(drives.isEmpty() ? "no UF2 drive is mounted now; the file would be copied onto the board's "
                    + "drive once it is in its bootloader" : "would copy it to " + drives.get(0).root() + " ("
                    + drives.get(0).model() + ")" + (drives.size() > 1 ? " — one of " + drives.size() + " drives" : ""));
            return;
        }
        Optional<PortInfo> board = enterBootloaderIfAsked(out, () -> !Uf2Drive.present(drive).isEmpty());
        Uf2Drive target = Uf2Drive.waitFor(drive, board.isPresent() ? DFU_APPEARS : Duration.ZERO);
        if (!force) {
            target.checkFamily(uf2, fileName);
        }
        out.println("drive: " + target.root() + " (" + target.model() + ")");
        out.printf("image: %s (UF2), %s, %d bytes%n", loaded.name(), uf2.familiesText(),
                uf2.parts().stream().mapToLong(Uf2File.Part::bytes).sum());
        out.flush();
        target.copy(fileName, loaded.bytes(), dev.mpt.console.ProgressBar.forTerminal(spec.commandLine().getErr()));
        out.println("copied " + fileName + "; the bootloader flashes it and restarts the board");
        out.flush();
        board.ifPresent(p -> reportBoardBack(out, p));
    }

    /** {@code mpt flash -d PORT}, or the umbrella command's {@code mpt -d PORT flash}. */
    private String boardSpecGiven() {
        if (boardSpec != null) {
            return boardSpec;
        }
        CommandSpec parent = spec.parent();
        if (parent != null && parent.findOption("--device") != null) {
            Object v = parent.findOption("--device").getValue();
            return v == null ? null : v.toString();
        }
        return null;
    }

    /** Waits for the board to come back on serial after flashing and prints the firmware it now runs. */
    private void reportBoardBack(PrintWriter out, PortInfo before) {
        if (noLeave || dryRun) {
            return;
        }
        long deadline = System.nanoTime() + BOARD_RETURNS.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> back = SerialPorts.list().stream()
                    .filter(p -> before.serialNumber().isEmpty() ? p.path().equals(before.path())
                            : p.serialNumber().equals(before.serialNumber()))
                    .map(PortInfo::path)
                    .findFirst();
            if (back.isEmpty() && before.serialNumber().isEmpty() && Files.exists(Path.of(before.path()))) {
                back = Optional.of(before.path()); // a port the enumeration does not show (a pty, a symlink)
            }
            if (back.isPresent()) {
                try (Link link = Devices.open(new DeviceSpec.Serial(back.get()), Devices.OpenOptions.defaults(), null)) {
                    RawRepl repl = new RawRepl(link);
                    repl.setRawPasteAllowed(false);
                    repl.enter(false);
                    out.println("board is back on " + back.get() + ": " + ReplBootloader.version(repl));
                    repl.exit();
                    return;
                } catch (IOException e) {
                    // still booting: try again
                }
            }
            DfuSession.Pause.REAL.pause(500);
        }
        spec.commandLine().getErr().println("note: the board did not come back on serial within "
                + BOARD_RETURNS.toSeconds() + " s; the new firmware may not use USB serial");
    }

    private void removeReadProtection(UsbBus bus, DfuDevice d, int alt) {
        try (UsbTransport t = bus.open(d, alt)) {
            DfuSession session = new DfuSession(t, d.functional().transferSize(), DfuSession.Pause.REAL);
            session.recover();
            session.readUnprotect();
        }
    }

    private void flashAll(UsbBus bus, DfuDevice d, List<DfuDevice.AltSetting> alts, List<FlashPlan> plans,
            PrintWriter out) {
        Progress progress = dev.mpt.console.ProgressBar.forTerminal(spec.commandLine().getErr());
        boolean canUpload = d.functional().canUpload();
        int erased = 0;
        int unchanged = 0;
        int blank = 0;
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
                blank += r.sectorsBlank();
                written += r.bytesWritten();
                verified += r.bytesVerified();
                if (last && !noLeave) {
                    session.leave(plans.get(0).layout().start());
                }
            }
        }
        out.printf("erased %d sector%s, wrote %d bytes, verified %d bytes%s%s%n", erased, erased == 1 ? "" : "s",
                written, verified, blank > 0 ? ", " + sectors(blank) + " blank (no erase needed)" : "",
                unchanged > 0 ? ", " + sectors(unchanged) + " already up to date" : "");
        out.println(noLeave ? "the device stays in DFU mode" : "left DFU mode; the board starts its new firmware");
        out.flush();
    }

    private static String sectors(int n) {
        return n + (n == 1 ? " sector" : " sectors");
    }

    private static void printPlan(PrintWriter out, FlashPlan plan, int alt) {
        out.println("plan for alt " + alt + ":");
        for (String line : plan.describe()) {
            out.println("  " + line);
        }
    }

}
