package dev.mpt.flasher.usb;

import dev.mpt.flasher.DfuFunctionalDescriptor;
import dev.mpt.flasher.MemoryLayout;
import java.util.List;
import java.util.Optional;

/**
 * A USB device with a DFU interface, as found on the bus.
 *
 * @param path bus and port chain, e.g. "1-1" or "3-2.4" (stable while the device stays in its port)
 * @param address bus number and device address, e.g. "001/002"
 * @param serial the serial number string, empty if the device has none or it could not be read
 * @param access why the device could not be opened to read its strings, empty if it could
 * @param dfuMode true in DFU mode (interface protocol 2), false in runtime mode (protocol 1)
 */
public record DfuDevice(String path, String address, int idVendor, int idProduct, int bcdDevice,
        String manufacturer, String product, String serial, String access, boolean dfuMode,
        int interfaceNumber, List<AltSetting> alternates, DfuFunctionalDescriptor functional) {

    /**
     * One alternate setting of the DFU interface.
     *
     * @param name the interface string; for DfuSe devices a memory layout
     */
    public record AltSetting(int alternate, String name, Optional<MemoryLayout> layout) {}

    public DfuDevice {
        alternates = List.copyOf(alternates);
    }

    /** "0483:df11". */
    public String vidPid() {
        return String.format("%04x:%04x", idVendor, idProduct);
    }

    /** One line naming the device for lists and messages. */
    public String oneLine() {
        return String.format("%s at %s (%s) %s%s%s", vidPid(), path, dfuMode ? "DFU mode" : "runtime mode",
                product.isEmpty() ? "" : "\"" + product + "\"",
                serial.isEmpty() ? "" : " serial " + serial,
                access.isEmpty() ? "" : " [" + access + "]");
    }
}
