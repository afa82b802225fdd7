package dev.mpt.flasher.cli;

import dev.mpt.console.ProgressBar;
import dev.mpt.flasher.Element;
import dev.mpt.flasher.FirmwareImage;
import dev.mpt.flasher.FlasherException;
import dev.mpt.flasher.ImageLoader;
import dev.mpt.flasher.Target;
import dev.mpt.flasher.usb.DeviceSelector;
import dev.mpt.flasher.usb.DfuDevice;
import dev.mpt.flasher.usb.UsbBus;
import dev.mpt.flasher.workflow.Clock;
import dev.mpt.flasher.workflow.DfuBuild;
import dev.mpt.flasher.workflow.DfuUpload;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mpt dfu}: firmware files and USB DFU devices. */
@Command(name = "dfu", mixinStandardHelpOptions = true,
        description = "USB DFU devices and firmware files: list devices, inspect and build .dfu files, read memory.",
        subcommands = {DfuCommand.ListCommand.class, DfuCommand.InfoCommand.class, DfuCommand.BuildCommand.class,
            DfuCommand.UploadCommand.class, DfuCommand.UdevRuleCommand.class},
        footer = {"", "Example:", "  mpt dfu list"})
public final class DfuCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code mpt dfu list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List USB DFU devices (runtime and DFU mode) with their alternate settings, memory layouts "
                    + "and DFU functional descriptor.",
            footer = {"", "Example:", "  mpt dfu list --vid-pid 0483:df11"})
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DeviceOptions device;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<DfuDevice> devices;
            try (UsbBus bus = UsbBus.open()) {
                devices = device.choice().matching(bus.devices());
            }
            if (devices.isEmpty()) {
                spec.commandLine().getErr().println("no DFU device found. " + DeviceSelector.NO_DEVICE_HINT);
                return 0;
            }
            for (DfuDevice d : devices) {
                out.println(d.oneLine());
                out.printf("  %sbcdDevice 0x%04x, /dev/bus/usb/%s, interface %d%n",
                        d.manufacturer().isEmpty() ? "" : "manufacturer \"" + d.manufacturer() + "\", ",
                        d.bcdDevice(), d.address(), d.interfaceNumber());
                out.println("  " + d.functional().summary());
                for (DfuDevice.AltSetting a : d.alternates()) {
                    out.printf("  alt %d: %s%n", a.alternate(), a.name().isEmpty() ? "(no name)" : "\"" + a.name() + "\"");
                    a.layout().ifPresent(l -> out.printf("         %s: %s%n", l.name(), l.summary()));
                }
            }
            out.flush();
            return 0;
        }
    }

    /** {@code mpt dfu info FILE}. */
    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Show what a firmware file holds (.dfu, .hex, .bin, or one inside .zip/.tar.gz/.tar.xz): "
                    + "format, DFU suffix, targets and elements. Validates the file.",
            footer = {"", "Example:", "  mpt dfu info firmware.dfu"})
    static final class InfoCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The firmware file or archive.")
        Path file;

        @Mixin
        ImageOptions image;

        @Override
        public Integer call() throws IOException {
            ImageLoader.Loaded loaded = image.load(file);
            PrintWriter out = spec.commandLine().getOut();
            describe(loaded, out);
            out.flush();
            return 0;
        }
    }

    /** Prints what an image holds. */
    static void describe(ImageLoader.Loaded loaded, PrintWriter out) {
        FirmwareImage image = loaded.image();
        out.printf("file: %s (%s), %d bytes of payload%n", loaded.name(), image.format().description(), image.payloadSize());
        image.suffix().ifPresent(s -> out.printf("suffix: usb %s, bcdDevice 0x%04x, bcdDFU 0x%04x, CRC ok%n",
                s.vidPid(), s.bcdDevice(), s.bcdDfu()));
        for (int t = 0; t < image.targets().size(); t++) {
            Target target = image.targets().get(t);
            List<Element> es = target.elements();
            if (image.format() == FirmwareImage.Format.UF2) {
                // a UF2 file has no alternate settings: its parts are the chip families it is for
                out.printf("family %s: %d element%s, %d bytes%n", target.name(), es.size(), es.size() == 1 ? "" : "s",
                        target.payloadSize());
            } else {
                out.printf("target %d: alt %d%s, %d element%s, %d bytes%n", t, target.alternate(),
                        target.name().isEmpty() ? "" : " \"" + target.name() + "\"", es.size(), es.size() == 1 ? "" : "s",
                        target.payloadSize());
            }
            for (int e = 0; e < es.size(); e++) {
                Element el = es.get(e);
                if (image.addressed()) {
                    out.printf("  element %d: 0x%08x..0x%08x, %d bytes%n", e, el.address(), el.end() - 1, el.size());
                } else {
                    out.printf("  element %d: %d bytes, no address (give --address)%n", e, el.size());
                }
            }
        }
    }

    /** {@code mpt dfu build}. */
    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Build a DfuSe .dfu file from raw binaries, byte for byte as MicroPython's tools/dfu.py does.",
            footer = {"", "Example:", "  mpt dfu build -o firmware.dfu 0x08000000:firmware0.bin 0x08020000:firmware1.bin"})
    static final class BuildCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.dfu", description = "The file to write.")
        Path output;

        @Option(names = {"-D", "--device"}, paramLabel = "VID:PID", defaultValue = "0483:df11",
                description = "USB id the file is for (default: ${DEFAULT-VALUE}).")
        String device;

        @Parameters(arity = "1..*", paramLabel = "ADDRESS:FILE", description = "A raw binary and where it goes.")
        List<String> pairs;

        @Override
        public Integer call() throws IOException {
            int[] id = DeviceSelector.parseVidPid("--device", device);
            List<DfuBuild.Part> parts = new ArrayList<>();
            for (String pair : pairs) {
                int colon = pair.indexOf(':');
                if (colon <= 0 || colon == pair.length() - 1) {
                    throw new FlasherException("\"" + pair + "\" is not ADDRESS:FILE (e.g. 0x08000000:firmware.bin)");
                }
                parts.add(new DfuBuild.Part(Numbers.parse("address", pair.substring(0, colon)),
                        Path.of(pair.substring(colon + 1))));
            }
            byte[] dfu = DfuBuild.build(parts, id[0], id[1]);
            Files.write(output, dfu);
            spec.commandLine().getOut().printf("wrote %s: %d element%s, %d bytes%n", output, parts.size(),
                    parts.size() == 1 ? "" : "s", dfu.length);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** {@code mpt dfu upload}. */
    @Command(name = "upload", mixinStandardHelpOptions = true,
            description = "Read device memory to a file: raw binary, or a DfuSe file if OUT ends in .dfu. "
                    + "Without --range, the whole memory of the alternate setting.",
            footer = {"", "Example:", "  mpt dfu upload -o backup.bin --range 0x08000000:1M"})
    static final class UploadCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DeviceOptions device;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "The file to write.")
        Path output;

        @Option(names = "--range", paramLabel = "ADDRESS:LENGTH", description = "What to read, e.g. 0x08000000:64K.")
        String range;

        @Override
        public Integer call() throws IOException {
            Optional<DfuUpload.Range> wanted = Optional.empty();
            if (range != null) {
                int colon = range.indexOf(':');
                if (colon <= 0) {
                    throw new FlasherException("--range wants ADDRESS:LENGTH, e.g. 0x08000000:64K");
                }
                wanted = Optional.of(new DfuUpload.Range(Numbers.parse("address", range.substring(0, colon)),
                        Numbers.parse("length", range.substring(colon + 1))));
            }
            DfuUpload.Read read = DfuUpload.read(UsbBus::open, device.choice(), wanted, Clock.REAL,
                    ProgressBar.forTerminal(spec.commandLine().getErr()));
            if (read.shortOfRange()) {
                spec.commandLine().getErr().printf("note: the device sent %d of %d bytes (end of its memory)%n",
                        read.data().length, read.requested());
            }
            Files.write(output, read.file(output.toString().toLowerCase(Locale.ROOT).endsWith(".dfu")));
            spec.commandLine().getOut().printf("read %d bytes from 0x%08x to %s%n", read.data().length, read.start(),
                    output);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** {@code mpt dfu udev-rule}. */
    @Command(name = "udev-rule", mixinStandardHelpOptions = true,
            description = "Print a udev rule that lets the logged-in user (and group plugdev) use USB DFU devices on Linux.",
            footer = {"", "Example:", "  mpt dfu udev-rule | sudo tee /etc/udev/rules.d/50-mpt-dfu.rules && sudo udevadm control --reload"})
    static final class UdevRuleCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        static final String RULE = """
                # mpt: access to USB DFU devices without root.
                # Install: mpt dfu udev-rule | sudo tee /etc/udev/rules.d/50-mpt-dfu.rules
                #          sudo udevadm control --reload && replug the board
                # Any device with a DFU interface (class fe, subclass 01), runtime or DFU mode:
                SUBSYSTEM=="usb", ENV{DEVTYPE}=="usb_device", ENV{ID_USB_INTERFACES}=="*:fe01*:*", MODE="0664", GROUP="plugdev", TAG+="uaccess"
                # STM32 system bootloader (DfuSe), also before udev has read its interfaces:
                SUBSYSTEM=="usb", ATTRS{idVendor}=="0483", ATTRS{idProduct}=="df11", MODE="0664", GROUP="plugdev", TAG+="uaccess"
                """;

        @Override
        public Integer call() {
            spec.commandLine().getOut().print(RULE);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
