package dev.mpt.flasher.cli;

import dev.mpt.flasher.usb.DeviceChoice;
import dev.mpt.flasher.usb.DeviceSelector;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options that pick a DFU device and one of its alternate settings. */
final class DeviceOptions {
    @Option(names = "--vid-pid", paramLabel = "VID:PID", description = "Only the device with this USB id (hex), e.g. 0483:df11.")
    String vidPid;

    @Option(names = "--serial", paramLabel = "SERIAL", description = "Only the device with this serial number.")
    String serial;

    @Option(names = "--path", paramLabel = "BUS-PORT", description = "Only the device at this USB path, as `mpt dfu list` shows it (e.g. 1-1).")
    String path;

    @Option(names = {"-a", "--alt"}, paramLabel = "ALT", description = "Alternate setting, by number or by name (e.g. \"Internal Flash\"). Default: the image's own, else 0.")
    String alt;

    DeviceChoice choice() {
        return new DeviceChoice(DeviceSelector.of(vidPid, serial, path), Optional.ofNullable(alt));
    }
}
