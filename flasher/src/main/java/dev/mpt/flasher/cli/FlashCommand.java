package dev.mpt.flasher.cli;

import dev.mpt.console.Progress;
import dev.mpt.console.ProgressBar;
import dev.mpt.flasher.Element;
import dev.mpt.flasher.Flasher;
import dev.mpt.flasher.ImageLoader;
import dev.mpt.flasher.Uf2Drive;
import dev.mpt.flasher.Uf2File;
import dev.mpt.flasher.usb.UsbBus;
import dev.mpt.flasher.workflow.Clock;
import dev.mpt.flasher.esp.EspSession;
import dev.mpt.flasher.workflow.DfuTarget;
import dev.mpt.flasher.workflow.EspTarget;
import dev.mpt.flasher.workflow.FlashEvent;
import dev.mpt.flasher.workflow.FlashOptions;
import dev.mpt.flasher.workflow.FlashSummary;
import dev.mpt.flasher.workflow.FlashWorkflow;
import dev.mpt.flasher.workflow.SerialBoardPorts;
import dev.mpt.flasher.workflow.Uf2Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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
                + "rewrite everything).",
            "ESP32 and other Espressif chips (an image starting with 0xE9, or --chip, or -d rfc2217://…): through "
                + "the serial ROM loader — reset into it, write compressed at the chip's bootloader offset "
                + "(0x1000 on the ESP32; --address for another), verify by MD5, reset and wait for MicroPython."},
        footer = {"", "Examples:", "  mpt flash firmware.dfu", "  mpt flash --address 0x08000000 firmware.bin",
            "  mpt flash --dry-run micropython-v1.28.0.zip",
            "  mpt flash -d /dev/ttyUSB0 ESP32_GENERIC-v1.28.0.bin",
            "  mpt flash -d rfc2217://192.168.1.5:4000 --baud 921600 --flash-size detect ESP32_GENERIC-v1.28.0.bin"})
public final class FlashCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FIRMWARE", description = ".dfu, .hex, .bin (with --address), .uf2 (copied to the board's "
            + "UF2 bootloader drive), or an archive holding one.")
    Path firmware;

    @Mixin
    ImageOptions image;

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
                    + "Without it, when no DFU device is present, the one MicroPython board on a serial port is used. "
                    + "For an ESP chip: its serial port or rfc2217://HOST:PORT (default: the one USB-UART bridge).")
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

    @Mixin
    EspOptions esp;

    @Option(names = "--after", paramLabel = "HOW", defaultValue = "hard_reset",
            description = "ESP: afterwards hard_reset (RTS pulses EN), soft_reset (the ROM runs the application) or "
                    + "no_reset (stay in the ROM loader). Default: ${DEFAULT-VALUE}.")
    String after;

    @Option(names = "--flash-mode", paramLabel = "MODE", defaultValue = "keep",
            description = "ESP: set the image header's SPI flash mode (keep, qio, qout, dio, dout), as esptool does, "
                    + "for an image at the bootloader offset. Default: ${DEFAULT-VALUE}.")
    String flashMode;

    @Option(names = "--flash-freq", paramLabel = "FREQ", defaultValue = "keep",
            description = "ESP: set the header's flash frequency (keep, 80m, 40m, 26m, 20m). Default: ${DEFAULT-VALUE}.")
    String flashFreq;

    @Option(names = "--flash-size", paramLabel = "SIZE", defaultValue = "keep",
            description = "ESP: set the header's flash size (keep, detect, 4MB …). Default: ${DEFAULT-VALUE}.")
    String flashSize;

    @Override
    public Integer call() throws IOException {
        long started = System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        ImageLoader.Loaded loaded = image.load(firmware);
        FlashOptions options = new FlashOptions(dryRun, full, !noVerify, !noLeave, force, unprotect,
                Optional.ofNullable(boardSpecGiven()));
        Progress progress = ProgressBar.forTerminal(spec.commandLine().getErr());
        FlashWorkflow workflow = new FlashWorkflow(List.of(
                new Uf2Target(drive, options, Clock.REAL, progress),
                new EspTarget(espSettings(), options, esp.chip != null, progress),
                new DfuTarget(UsbBus::open, device.choice(), Optional.ofNullable(layout), options, Clock.REAL, progress)),
                new SerialBoardPorts(), options, Clock.REAL);
        FlashSummary summary = workflow.flash(loaded, e -> {
            print(out, e);
            out.flush();
        });
        print(out, summary.result());
        summary.back().ifPresent(b -> {
            if (b instanceof FlashSummary.Back back) {
                out.println("board is back on " + back.port() + ": " + back.version());
            } else if (b instanceof FlashSummary.Silent silent) {
                spec.commandLine().getErr().println("note: the board did not come back on serial within "
                        + silent.waited().toSeconds() + " s; the new firmware may not use USB serial");
            }
        });
        if (!dryRun) {
            out.printf("done in %.1f s%n", (System.nanoTime() - started) / 1e9);
        }
        out.flush();
        return 0;
    }

    private EspTarget.Settings espSettings() {
        return new EspTarget.Settings(esp.chip(), image.address == null ? OptionalLong.empty()
                : OptionalLong.of(Numbers.parse("--address", image.address)), esp.before(), EspOptions.after(after),
                esp.baud, flashMode, flashFreq, flashSize);
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

    private static void print(PrintWriter out, FlashEvent event) {
        if (event instanceof FlashEvent.BoardSentToBootloader b) {
            out.println("board on " + b.port().path() + " runs " + b.version() + "; sent it into its bootloader");
        } else if (event instanceof FlashEvent.Detaching d) {
            out.println("device: " + d.device().oneLine() + "; asking it to switch to DFU mode");
        } else if (event instanceof FlashEvent.DfuDeviceFound f) {
            ImageLoader.Loaded loaded = f.image();
            out.println("device: " + f.device().oneLine());
            out.printf("image: %s (%s), %d bytes%s%n", loaded.name(), loaded.image().format().description(),
                    loaded.image().payloadSize(), f.plain()
                            ? ", as one blob to alt " + f.plainAlternate() + " (plain DFU)" : "");
        } else if (event instanceof FlashEvent.ReadProtectionRemoved) {
            out.println("read protection removed; the chip was erased and reset");
        } else if (event instanceof FlashEvent.Note n) {
            out.println("note: " + n.text());
        } else if (event instanceof FlashEvent.EspChipFound f) {
            out.println("chip: " + f.chip().oneLine() + " on " + f.port() + (f.chip().mac().isEmpty() ? ""
                    : ", MAC " + f.chip().mac()));
            out.printf("flash: %s, %d MB%n", f.flashId(), f.flashSize() >> 20);
            out.printf("image: %s, %d bytes at 0x%x%n", f.image().name(), f.image().image().payloadSize(), f.offset());
        } else if (event instanceof FlashEvent.Uf2DriveFound u) {
            out.println("drive: " + u.drive().root() + " (" + u.drive().model() + ")");
            out.printf("image: %s (UF2), %s, %d bytes%n", u.image().name(), u.file().familiesText(),
                    u.file().parts().stream().mapToLong(Uf2File.Part::bytes).sum());
        }
    }

    private static void print(PrintWriter out, FlashSummary.Result result) {
        if (result instanceof FlashSummary.DfuseFlashed f) {
            Flasher.Result t = f.totals();
            out.printf("erased %s, wrote %d bytes, verified %d bytes%s%s%n", sectors(t.sectorsErased()),
                    t.bytesWritten(), t.bytesVerified(),
                    t.sectorsBlank() > 0 ? ", " + sectors(t.sectorsBlank()) + " blank (no erase needed)" : "",
                    t.sectorsUnchanged() > 0 ? ", " + sectors(t.sectorsUnchanged()) + " already up to date" : "");
            out.println(f.left() ? "left DFU mode; the board starts its new firmware" : "the device stays in DFU mode");
        } else if (result instanceof FlashSummary.PlainFlashed p) {
            out.printf("wrote %d bytes, verified %d bytes%n", p.bytesWritten(), p.bytesVerified());
            out.println(p.stays() ? "the device stays in DFU mode; reset it to start the new firmware"
                    : "the device reset into its new firmware");
        } else if (result instanceof FlashSummary.EspFlashed e) {
            EspSession.Written w = e.written();
            if (e.patched()) {
                out.println("image header's flash mode/size/frequency set as asked");
            }
            out.printf("wrote %d bytes at 0x%x (%s %d bytes at %d baud), MD5 verified: %s%n", w.bytes(), w.offset(),
                    w.compressed() ? "compressed to" : "sent", w.sent(), e.baud(), w.md5());
            switch (e.after()) {
                case NO_RESET -> out.println("the chip stays in its ROM loader");
                default -> out.println(e.banner().map(b -> "board is back: " + b)
                        .orElse("the chip was reset; no MicroPython banner within "
                                + EspTarget.BANNER_WAIT.toSeconds() + " s"));
            }
        } else if (result instanceof FlashSummary.EspPlanned p) {
            out.printf("would write %d bytes at %s through the ESP ROM loader%n", p.size(), p.offset().isPresent()
                    ? String.format("0x%x", p.offset().getAsLong()) : "the chip's bootloader offset");
        } else if (result instanceof FlashSummary.Uf2Copied c) {
            out.println("copied " + c.fileName() + "; the bootloader flashes it and restarts the board");
        } else if (result instanceof FlashSummary.DfusePlanned p) {
            for (FlashSummary.AltPlan a : p.plans()) {
                out.println("plan for alt " + a.alternate() + ":");
                for (String line : a.plan().describe()) {
                    out.println("  " + line);
                }
            }
        } else if (result instanceof FlashSummary.Uf2Planned p) {
            out.printf("image: %s (UF2), %d blocks%n", p.image().name(), p.image().bytes().length / Uf2File.BLOCK);
            for (Uf2File.Part part : p.file().parts()) {
                out.printf("  %s: %d bytes in %d block%s%n", part.familyText(), part.bytes(), part.blocks(),
                        part.blocks() == 1 ? "" : "s");
                for (Element e : part.elements()) {
                    out.printf("    write 0x%08x..0x%08x (%d bytes)%n", e.address(), e.end() - 1, e.size());
                }
            }
            List<Uf2Drive> drives = p.drives();
            out.println(drives.isEmpty() ? "no UF2 drive is mounted now; the file would be copied onto the board's "
                    + "drive once it is in its bootloader" : "would copy it to " + drives.get(0).root() + " ("
                    + drives.get(0).model() + ")" + (drives.size() > 1 ? " — one of " + drives.size() + " drives" : ""));
        }
        // PlainPlanned: the device and image lines said it all
    }

    private static String sectors(int n) {
        return n + (n == 1 ? " sector" : " sectors");
    }
}
