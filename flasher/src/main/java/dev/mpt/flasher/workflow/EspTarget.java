package dev.mpt.flasher.workflow;

import dev.mpt.console.Progress;
import dev.mpt.flasher.Element;
import dev.mpt.flasher.FirmwareImage;
import dev.mpt.flasher.FlasherException;
import dev.mpt.flasher.ImageLoader;
import dev.mpt.flasher.esp.Chip;
import dev.mpt.flasher.esp.ChipDescription;
import dev.mpt.flasher.esp.EspImage;
import dev.mpt.flasher.esp.EspSession;
import dev.mpt.flasher.esp.FlashId;
import dev.mpt.protocol.DeviceSpec;
import dev.mpt.protocol.Devices;
import dev.mpt.protocol.Link;
import dev.mpt.protocol.LinkException;
import dev.mpt.protocol.PortInfo;
import dev.mpt.protocol.SerialPorts;
import dev.mpt.protocol.SerialSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Espressif chips through their serial ROM loader: a raw {@code .bin} (an app, or a merged
 * firmware image) written at the chip's bootloader offset or at {@code --address}, compressed,
 * verified by MD5, then the chip reset into it and MicroPython's banner awaited.
 *
 * <p>The ROM loader is reached over the same serial line as the board's REPL, so this family
 * enters it itself ({@link #handlesBoard()}): DTR/RTS as {@code --before} says, and
 * {@code machine.bootloader()} when MicroPython answers instead.
 */
public final class EspTarget implements FlashTarget {
    /** How long the new firmware may take to print its banner. */
    public static final Duration BANNER_WAIT = Duration.ofSeconds(10);

    /**
     * The ESP-specific settings.
     *
     * @param chip       the family named with --chip; empty: detect (and take only images that look like ESP ones)
     * @param offset     where the image goes; empty: the chip's bootloader offset
     * @param baud       the rate to raise to after syncing
     * @param flashMode  keep, qio, qout, dio, dout
     * @param flashFreq  keep, 80m, 40m, 26m, 20m
     * @param flashSize  keep, detect, or a size such as 4MB
     */
    public record Settings(Optional<Chip> chip, OptionalLong offset, EspSession.Before before, EspSession.After after,
            int baud, String flashMode, String flashFreq, String flashSize) {
        public static Settings defaults() {
            return new Settings(Optional.empty(), OptionalLong.empty(), EspSession.Before.DEFAULT_RESET,
                    EspSession.After.HARD_RESET, 460800, "keep", "keep", "keep");
        }
    }

    private final Settings settings;
    private final FlashOptions options;
    private final boolean chipNamed;
    private final Progress progress;

    /** @param chipNamed whether the user asked for an ESP flash (--chip, an rfc2217:// device) */
    public EspTarget(Settings settings, FlashOptions options, boolean chipNamed, Progress progress) {
        this.settings = settings;
        this.options = options;
        this.chipNamed = chipNamed || settings.chip().isPresent()
                || options.board().map(b -> b.toLowerCase(java.util.Locale.ROOT).startsWith("rfc2217://")).orElse(false);
        this.progress = progress;
    }

    @Override
    public boolean takes(FirmwareImage image) {
        if (image.format() != FirmwareImage.Format.BIN) {
            return false;
        }
        return chipNamed || EspImage.looksLike(image.elements().get(0).data());
    }

    @Override
    public boolean present() {
        return false;
    }

    @Override
    public boolean handlesBoard() {
        return true;
    }

    @Override
    public FlashSummary.Result flash(ImageLoader.Loaded loaded, Duration wait, Consumer<FlashEvent> events) {
        Element element = loaded.image().elements().get(0);
        byte[] data = element.data();
        if (options.dryRun()) {
            return new FlashSummary.EspPlanned(settings.offset(), data.length);
        }
        DeviceSpec spec = device(options.board());
        Consumer<String> notes = n -> events.accept(new FlashEvent.Note(n));
        try (EspSession s = EspSession.connect(() -> open(spec), settings.before(), notes)) {
            Chip chip = s.detect(settings.chip());
            ChipDescription d = s.describe();
            FlashId id = s.attachFlash();
            long offset = settings.offset().orElse(chip.bootloaderOffset());
            EspImage.checkChip(loaded.name(), data, chip, options.force());
            long size = switch (settings.flashSize().toLowerCase(java.util.Locale.ROOT)) {
                case "keep" -> -1;
                case "detect" -> s.flashSize();
                default -> EspImage.parseSize(settings.flashSize());
            };
            byte[] patched = EspImage.patchFlashParams(data, offset, chip, settings.flashMode(), settings.flashFreq(),
                    size);
            events.accept(new FlashEvent.EspChipFound(s.link().description(), d, id, s.flashSize(), loaded, offset));
            int baud = s.raiseBaud(settings.baud());
            EspSession.Written w = s.write(offset, patched, progress);
            Optional<String> banner = s.leave(settings.after(), BANNER_WAIT);
            return new FlashSummary.EspFlashed(s.link().description(), d.oneLine(), w, baud,
                    patched != data && !java.util.Arrays.equals(patched, data), settings.after(), banner);
        }
    }

    /** The port named with -d, else the one Espressif board or USB-UART bridge attached. */
    public static DeviceSpec device(Optional<String> given) {
        if (given.isPresent() && !given.get().equals("auto")) {
            DeviceSpec spec = DeviceSpec.parse(given.get());
            if (spec instanceof DeviceSpec.Serial || spec instanceof DeviceSpec.SerialById
                    || spec instanceof DeviceSpec.Rfc2217) {
                return spec;
            }
            throw new FlasherException("an ESP flash needs a serial port or rfc2217://HOST:PORT, not \""
                    + given.get() + "\"");
        }
        List<PortInfo> ports = SerialPorts.list();
        Optional<PortInfo> port = SerialPorts.defaultPort(ports);
        return new DeviceSpec.Serial(port.orElseThrow(() -> new FlasherException(ports.stream()
                .anyMatch(p -> p.kind().likelyBoard()) ? "several serial ports could be the ESP32; choose one with -d"
                        : "no ESP32 found on a serial port; name its port with -d (e.g. -d /dev/ttyUSB0)")).path());
    }

    /** Opens a port for the ROM loader: 115200 baud, DTR and RTS released (so opening does not reset the chip). */
    public static Link open(DeviceSpec spec) throws LinkException {
        Devices.OpenOptions o = Devices.OpenOptions.defaults().withSerial(SerialSettings.of("unset")
                .withBaud(115200).withControlLines(SerialSettings.ControlLines.CLEAR));
        return Devices.open(spec, o, null);
    }
}
