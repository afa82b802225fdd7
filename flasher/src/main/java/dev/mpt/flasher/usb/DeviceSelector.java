package dev.mpt.flasher.usb;

import dev.mpt.flasher.FlasherException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which DFU device the user means: by vendor:product id, serial number and/or USB path.
 * With no criteria, the one DFU device present.
 */
public record DeviceSelector(Optional<int[]> vidPid, Optional<String> serial, Optional<String> path) {
    /** Selects any device. */
    public static final DeviceSelector ANY = new DeviceSelector(Optional.empty(), Optional.empty(), Optional.empty());

    /**
     * Builds a selector from command-line values (null for absent).
     *
     * @throws FlasherException for a malformed VID:PID
     */
    public static DeviceSelector of(String vidPid, String serial, String path) {
        return new DeviceSelector(Optional.ofNullable(vidPid).map(v -> parseVidPid("--vid-pid", v)),
                Optional.ofNullable(serial), Optional.ofNullable(path));
    }

    /** Parses "0483:df11" (hex, optional 0x) into {vid, pid}. */
    public static int[] parseVidPid(String option, String s) {
        String[] parts = s.split(":", -1);
        if (parts.length != 2) {
            throw new FlasherException(option + " wants VID:PID in hex, like 0483:df11, not \"" + s + "\"");
        }
        try {
            int vid = Integer.parseInt(strip0x(parts[0]), 16);
            int pid = Integer.parseInt(strip0x(parts[1]), 16);
            if (vid < 0 || vid > 0xFFFF || pid < 0 || pid > 0xFFFF) {
                throw new NumberFormatException();
            }
            return new int[] {vid, pid};
        } catch (NumberFormatException e) {
            throw new FlasherException(option + " wants VID:PID in hex, like 0483:df11, not \"" + s + "\"");
        }
    }

    private static String strip0x(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        return t.startsWith("0x") ? t.substring(2) : t;
    }

    /** Whether a device matches every criterion given. */
    public boolean matches(DfuDevice d) {
        return vidPid.map(v -> v[0] == d.idVendor() && v[1] == d.idProduct()).orElse(true)
                && serial.map(s -> s.equals(d.serial())).orElse(true)
                && path.map(p -> p.equals(d.path())).orElse(true);
    }

    /** The devices that match. */
    public List<DfuDevice> matching(List<DfuDevice> devices) {
        return devices.stream().filter(this::matches).toList();
    }

    /**
     * Picks the one matching device.
     *
     * @throws FlasherException when none matches (with hints) or several do (listing them)
     */
    public DfuDevice pick(List<DfuDevice> devices) {
        List<DfuDevice> found = matching(devices);
        if (found.isEmpty()) {
            String what = devices.isEmpty() ? "no DFU device found" : "no DFU device matches "
                    + describe() + " (found: " + devices.stream().map(DfuDevice::oneLine).collect(Collectors.joining("; ")) + ")";
            throw new FlasherException(what + ". " + NO_DEVICE_HINT);
        }
        if (found.size() > 1) {
            throw new FlasherException("several DFU devices found: "
                    + found.stream().map(DfuDevice::oneLine).collect(Collectors.joining("; "))
                    + "; choose one with --serial or --path");
        }
        return found.get(0);
    }

    /** The hint shown when no device is found. */
    public static final String NO_DEVICE_HINT = "Is the board in its bootloader (hold BOOT0 / press the boot button "
            + "while resetting, or run machine.bootloader())? Is the cable a data cable? On Linux, is a udev rule "
            + "installed (mpt dfu udev-rule)?";

    private String describe() {
        StringBuilder b = new StringBuilder();
        vidPid.ifPresent(v -> b.append(String.format("--vid-pid %04x:%04x ", v[0], v[1])));
        serial.ifPresent(s -> b.append("--serial ").append(s).append(' '));
        path.ifPresent(p -> b.append("--path ").append(p).append(' '));
        return b.toString().strip();
    }
}
