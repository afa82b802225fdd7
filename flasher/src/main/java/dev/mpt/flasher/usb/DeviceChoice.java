package dev.mpt.flasher.usb;

import dev.mpt.flasher.FlasherException;
import java.util.List;
import java.util.Optional;

/**
 * Which DFU device and which of its alternate settings the user means.
 *
 * @param device which device (any, when only one is present)
 * @param alt an alternate setting by number or by name, e.g. "1" or "Internal Flash"; empty
 *     for the image's own (or 0)
 */
public record DeviceChoice(DeviceSelector device, Optional<String> alt) {
    /** The one device present, and the image's own alternate setting. */
    public static final DeviceChoice ANY = new DeviceChoice(DeviceSelector.ANY, Optional.empty());

    /** The devices the choice matches. */
    public List<DfuDevice> matching(List<DfuDevice> devices) {
        return device.matching(devices);
    }

    /**
     * Picks the one matching device.
     *
     * @throws FlasherException when none matches (with hints) or several do (listing them)
     */
    public DfuDevice pick(List<DfuDevice> devices) {
        return device.pick(devices);
    }

    /**
     * The alternate setting chosen, or the fallback (the image's own) when none was.
     *
     * @throws FlasherException naming what the device has when it has no such setting
     */
    public DfuDevice.AltSetting alternate(DfuDevice d, int fallback) {
        if (alt.isEmpty()) {
            return byNumber(d, fallback).orElseThrow(() -> new FlasherException(
                    d.vidPid() + " has no alternate setting " + fallback + "; choose one with --alt"));
        }
        String wanted = alt.get();
        if (wanted.matches("\\d+")) {
            int n = Integer.parseInt(wanted);
            return byNumber(d, n).orElseThrow(() -> new FlasherException(
                    d.vidPid() + " has no alternate setting " + n + " (it has " + d.alternates().size() + ")"));
        }
        for (DfuDevice.AltSetting a : d.alternates()) {
            String name = a.layout().map(l -> l.name()).orElse(a.name());
            if (name.equalsIgnoreCase(wanted.strip()) || a.name().equalsIgnoreCase(wanted.strip())) {
                return a;
            }
        }
        throw new FlasherException(d.vidPid() + " has no alternate setting named \"" + wanted
                + "\"; `mpt dfu list` shows them");
    }

    private static Optional<DfuDevice.AltSetting> byNumber(DfuDevice d, int n) {
        return d.alternates().stream().filter(a -> a.alternate() == n).findFirst();
    }
}
