package dev.mpt.protocol;

/**
 * One serial port as the operating system describes it.
 *
 * @param path         what to open: /dev/ttyACM0, COM3
 * @param vid          USB vendor id, or -1 when the port is not USB
 * @param pid          USB product id, or -1
 * @param serialNumber USB serial number, or "" when unknown
 * @param manufacturer USB manufacturer string, or ""
 * @param product      USB product string or the system's description, or ""
 * @param kind         what the VID:PID suggests is on the other end
 */
public record PortInfo(String path, int vid, int pid, String serialNumber, String manufacturer, String product,
                       BoardKind kind) {

    /** How likely it is that a MicroPython board answers on a port. */
    public enum BoardKind {
        /** A USB id that MicroPython firmware itself presents (f055:9800, 2e8a:0005, Espressif native USB). */
        MICROPYTHON,
        /** A USB-UART bridge often found on MicroPython boards (CP210x, CH340, FTDI, ...). */
        UART_BRIDGE,
        /** Anything else. */
        OTHER;

        public boolean likelyBoard() {
            return this != OTHER;
        }
    }

    public boolean isUsb() {
        return vid >= 0;
    }

    /** "2e8a:0005", or "" for a port without USB ids. */
    public String usbId() {
        return isUsb() ? String.format("%04x:%04x", vid, pid) : "";
    }
}
