package dev.mpt.flasher.cli;

import dev.mpt.console.ProgressBar;
import dev.mpt.flasher.FlasherException;
import dev.mpt.flasher.esp.ChipDescription;
import dev.mpt.flasher.esp.EspSession;
import dev.mpt.flasher.esp.FlashId;
import dev.mpt.flasher.workflow.EspTarget;
import dev.mpt.protocol.DeviceSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mpt esp …}: Espressif chips through their serial ROM loader (no flasher stub). */
@Command(name = "esp", mixinStandardHelpOptions = true,
        description = "Espressif chips (ESP32 first) through their serial ROM loader: identify, erase, read. "
                + "`mpt flash` writes firmware.",
        subcommands = {EspCommand.Info.class, EspCommand.Erase.class, EspCommand.Read.class},
        footer = {"", "Examples:", "  mpt esp info -d /dev/ttyUSB0", "  mpt esp erase --range 0x1000:0x10000",
            "  mpt esp read -o boot.bin --range 0x1000:0x7000", "  mpt esp info -d rfc2217://192.168.1.5:4000"})
public final class EspCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** What every subcommand shares: the port, the chip, the reset before and after, the rate. */
    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        EspOptions esp;

        @Option(names = {"-d", "--device"}, paramLabel = "PORT",
                description = "The serial port (/dev/ttyUSB0, u0, COM3, id:SERIAL) or rfc2217://HOST:PORT; "
                        + "default: the one USB-UART bridge or Espressif board attached.")
        String device;

        @Option(names = "--after", paramLabel = "HOW", defaultValue = "hard_reset",
                description = "Afterwards: hard_reset (RTS pulses EN), soft_reset (the ROM runs the application) or "
                        + "no_reset (stay in the ROM loader). Default: ${DEFAULT-VALUE}.")
        String after;

        @Override
        public final Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            EspSession.After leave = EspOptions.after(after);
            DeviceSpec port = EspTarget.device(Optional.ofNullable(EspOptions.device(spec, device)));
            try (EspSession s = EspSession.connect(() -> EspTarget.open(port), esp.before(), n -> {
                err.println("note: " + n);
                err.flush();
            })) {
                s.detect(esp.chip());
                ChipDescription d = s.describe();
                FlashId id = s.attachFlash();
                run(s, d, id, out);
                s.leave(leave, Duration.ZERO);
            }
            out.flush();
            return 0;
        }

        abstract void run(EspSession s, ChipDescription d, FlashId id, PrintWriter out) throws IOException;

        /** Parses ADDR:LEN (0x1000:0x7000, 0:4M). */
        static long[] range(String text) {
            int colon = text.indexOf(':');
            if (colon <= 0) {
                throw new FlasherException("--range \"" + text + "\": write ADDR:LEN, e.g. 0x1000:0x10000");
            }
            return new long[] {Numbers.parse("--range address", text.substring(0, colon)),
                Numbers.parse("--range length", text.substring(colon + 1))};
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Show the chip (model, revision, features, crystal, MAC) and its flash (JEDEC id, size).",
            footer = {"", "Example:", "  mpt esp info -d /dev/ttyUSB0"})
    static final class Info extends Base {
        @Override
        void run(EspSession s, ChipDescription d, FlashId id, PrintWriter out) {
            out.println("port: " + s.link().description());
            out.println("chip: " + d.oneLine());
            if (!d.features().isEmpty()) {
                out.println("features: " + String.join(", ", d.features()));
            }
            if (d.crystalMhz() > 0) {
                out.println("crystal: " + d.crystalMhz() + " MHz");
            }
            if (!d.mac().isEmpty()) {
                out.println("MAC: " + d.mac());
            }
            out.printf("flash: %s, %d MB%n", id, s.flashSize() >> 20);
        }
    }

    @Command(name = "erase", mixinStandardHelpOptions = true,
            description = {"Erase the whole flash, or a region of it (offset and length multiples of 4 KiB).",
                "The ROM loader has no erase command: a FLASH_BEGIN without data erases the region; a whole 4 MB "
                    + "chip takes about 10 s."},
            footer = {"", "Examples:", "  mpt esp erase", "  mpt esp erase --range 0x9000:0x6000"})
    static final class Erase extends Base {
        @Option(names = "--range", paramLabel = "ADDR:LEN", description = "Only this region.")
        String range;

        @Override
        void run(EspSession s, ChipDescription d, FlashId id, PrintWriter out) {
            long[] r = range == null ? new long[] {0, s.flashSize()} : range(range);
            long t = System.nanoTime();
            s.erase(r[0], r[1]);
            out.printf("erased 0x%x..0x%x (%d bytes) on %s in %.1f s%n", r[0], r[0] + r[1], r[1], d.oneLine(),
                    (System.nanoTime() - t) / 1e9);
        }
    }

    @Command(name = "read", mixinStandardHelpOptions = true,
            description = {"Read a region of flash into a file, checked against the ROM's MD5 of the region.",
                "The ROM reads 64 bytes a command: about 3.5 KB/s at 115200 baud, 25 KB/s at 921600."},
            footer = {"", "Example:", "  mpt esp read -o boot.bin --range 0x1000:0x7000"})
    static final class Read extends Base {
        @Option(names = "--range", paramLabel = "ADDR:LEN", required = true, description = "The region to read.")
        String range;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "Where to write it.")
        Path output;

        @Override
        void run(EspSession s, ChipDescription d, FlashId id, PrintWriter out) throws IOException {
            long[] r = range(range);
            s.raiseBaud(esp.baud);
            long t = System.nanoTime();
            byte[] data = s.read(r[0], r[1], ProgressBar.forTerminal(spec.commandLine().getErr()));
            String md5 = s.md5(r[0], r[1]);
            if (!md5.equals(EspSession.md5Hex(data))) {
                throw new FlasherException("read 0x" + Long.toHexString(r[0]) + "+" + r[1]
                        + " came back damaged (its MD5 differs from the chip's); try a lower --baud");
            }
            Files.write(output, data);
            out.printf("read 0x%x..0x%x (%d bytes, MD5 %s) into %s in %.1f s%n", r[0], r[0] + r[1], r[1], md5, output,
                    (System.nanoTime() - t) / 1e9);
        }
    }
}
