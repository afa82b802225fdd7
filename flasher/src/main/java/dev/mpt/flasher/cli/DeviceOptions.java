package dev.mpt.flasher.cli;

import dev.mpt.flasher.FlasherException;
import dev.mpt.flasher.usb.DeviceSelector;
import dev.mpt.flasher.usb.DfuDevice;
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

    DeviceSelector selector() {
        return DeviceSelector.of(vidPid, serial, path);
    }

    /** The alternate setting chosen by --alt, or the fallback. */
    DfuDevice.AltSetting alternate(DfuDevice device, int fallback) {
        if (alt == null) {
            return byNumber(device, fallback).orElseThrow(() -> new FlasherException(
                    device.vidPid() + " has no alternate setting " + fallback + "; choose one with --alt"));
        }
        if (alt.matches("\\d+")) {
            int n = Integer.parseInt(alt);
            return byNumber(device, n).orElseThrow(() -> new FlasherException(
                    device.vidPid() + " has no alternate setting " + n + " (it has " + device.alternates().size() + ")"));
        }
        for (DfuDevice.AltSetting a : device.alternates()) {
            String name = a.layout().map(l -> l.name()).orElse(a.name());
            if (name.equalsIgnoreCase(alt.strip()) || a.name().equalsIgnoreCase(alt.strip())) {
                return a;
            }
        }
        throw new FlasherException(device.vidPid() + " has no alternate setting named \"" + alt + "\"; `mpt dfu list` shows them");
    }

    private static Optional<DfuDevice.AltSetting> byNumber(DfuDevice device, int n) {
        return device.alternates().stream().filter(a -> a.alternate() == n).findFirst();
    }
}
