package dev.mpt.flasher.cli;

import dev.mpt.flasher.FlasherException;
import dev.mpt.flasher.esp.Chip;
import dev.mpt.flasher.esp.EspSession;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** How to reach an Espressif chip's ROM loader: the chip family, the reset before, the baud rate. */
final class EspOptions {
    @Option(names = "--chip", paramLabel = "CHIP", description = "The chip family (esp32, esp32s2, esp32s3, esp32c3, "
            + "esp32c6, esp8266); default: detect it. With `mpt flash`, it also says a raw .bin is for an ESP chip.")
    String chip;

    @Option(names = "--before", paramLabel = "HOW", defaultValue = "default_reset",
            description = "How to enter the ROM loader: default_reset (DTR/RTS of a USB-UART board), usb_reset "
                    + "(Espressif's USB-JTAG-serial) or no_reset (already in it). When MicroPython answers instead, "
                    + "machine.bootloader() is used. Default: ${DEFAULT-VALUE}.")
    String before;

    @Option(names = "--baud", paramLabel = "BAUD", defaultValue = "460800",
            description = "Raise the line to this rate after syncing (back to 115200 if the chip does not follow). "
                    + "Default: ${DEFAULT-VALUE}.")
    int baud;

    Optional<Chip> chip() {
        if (chip == null || chip.equalsIgnoreCase("auto")) {
            return Optional.empty();
        }
        return Optional.of(Chip.byName(chip).orElseThrow(() -> new FlasherException("unknown --chip \"" + chip
                + "\" (esp32, esp32s2, esp32s3, esp32c3, esp32c6 or esp8266)")));
    }

    EspSession.Before before() {
        return switch (before.toLowerCase(java.util.Locale.ROOT).replace('-', '_')) {
            case "default_reset" -> EspSession.Before.DEFAULT_RESET;
            case "usb_reset" -> EspSession.Before.USB_RESET;
            case "no_reset" -> EspSession.Before.NO_RESET;
            default -> throw new FlasherException("--before \"" + before
                    + "\": write default_reset, usb_reset or no_reset");
        };
    }

    static EspSession.After after(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT).replace('-', '_')) {
            case "hard_reset" -> EspSession.After.HARD_RESET;
            case "soft_reset" -> EspSession.After.SOFT_RESET;
            case "no_reset" -> EspSession.After.NO_RESET;
            default -> throw new FlasherException("--after \"" + text + "\": write hard_reset, soft_reset or no_reset");
        };
    }

    /** {@code -d} of this command or of any command above it ({@code mpt -d PORT esp info}). */
    static String device(CommandSpec spec, String own) {
        if (own != null) {
            return own;
        }
        for (CommandSpec s = spec.parent(); s != null; s = s.parent()) {
            if (s.findOption("--device") != null && s.findOption("--device").getValue() != null) {
                return s.findOption("--device").getValue().toString();
            }
        }
        return null;
    }
}
