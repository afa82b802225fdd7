package dev.mpt.protocol;

import com.fazecast.jSerialComm.SerialPort;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Lists serial ports and tells which ones probably have a MicroPython board on them. */
public final class SerialPorts {

    /** A rule of the table below: a vendor id, a product id (-1 for any), and what it means. */
    private record KnownId(int vid, int pid, PortInfo.BoardKind kind, String what) {
    }

    /** USB ids worth recognising; the first match wins. */
    private static final List<KnownId> KNOWN = List.of(
            new KnownId(0xf055, 0x9800, PortInfo.BoardKind.MICROPYTHON, "MicroPython (pyboard and others)"),
            new KnownId(0xf055, -1, PortInfo.BoardKind.MICROPYTHON, "MicroPython"),
            new KnownId(0x2e8a, 0x0005, PortInfo.BoardKind.MICROPYTHON, "Raspberry Pi RP2040/RP2350 MicroPython"),
            new KnownId(0x303a, 0x1001, PortInfo.BoardKind.MICROPYTHON, "Espressif USB-JTAG-serial"),
            new KnownId(0x303a, -1, PortInfo.BoardKind.MICROPYTHON, "Espressif native USB"),
            new KnownId(0x10c4, 0xea60, PortInfo.BoardKind.UART_BRIDGE, "Silicon Labs CP210x"),
            new KnownId(0x1a86, 0x7523, PortInfo.BoardKind.UART_BRIDGE, "WCH CH340"),
            new KnownId(0x1a86, 0x55d4, PortInfo.BoardKind.UART_BRIDGE, "WCH CH9102"),
            new KnownId(0x1a86, -1, PortInfo.BoardKind.UART_BRIDGE, "WCH USB-UART"),
            new KnownId(0x0403, 0x6001, PortInfo.BoardKind.UART_BRIDGE, "FTDI FT232R"),
            new KnownId(0x0403, 0x6010, PortInfo.BoardKind.UART_BRIDGE, "FTDI FT2232"),
            new KnownId(0x0403, 0x6015, PortInfo.BoardKind.UART_BRIDGE, "FTDI FT231X"),
            new KnownId(0x067b, 0x2303, PortInfo.BoardKind.UART_BRIDGE, "Prolific PL2303"),
            new KnownId(0x0d28, 0x0204, PortInfo.BoardKind.UART_BRIDGE, "Arm DAPLink (micro:bit)"));

    private SerialPorts() {
    }

    /** What a VID:PID suggests. */
    public static PortInfo.BoardKind classify(int vid, int pid) {
        return describe(vid, pid).map(KnownId::kind).orElse(PortInfo.BoardKind.OTHER);
    }

    /** A short description of a known VID:PID ("WCH CH340"), if it is known. */
    public static Optional<String> knownName(int vid, int pid) {
        return describe(vid, pid).map(KnownId::what);
    }

    private static Optional<KnownId> describe(int vid, int pid) {
        if (vid < 0) {
            return Optional.empty();
        }
        return KNOWN.stream().filter(k -> k.vid == vid && (k.pid < 0 || k.pid == pid)).findFirst();
    }

    /** The serial ports present now, boards first, then by path. */
    public static List<PortInfo> list() {
        List<PortInfo> ports = new ArrayList<>();
        for (SerialPort p : SerialPort.getCommPorts()) {
            int vid = p.getVendorID();
            int pid = p.getProductID();
            boolean usb = vid > 0;
            ports.add(new PortInfo(p.getSystemPortPath(), usb ? vid : -1, usb ? pid : -1,
                    clean(p.getSerialNumber()), clean(p.getManufacturer()), clean(p.getPortDescription()),
                    usb ? classify(vid, pid) : PortInfo.BoardKind.OTHER));
        }
        ports.sort(order());
        return ports;
    }

    private static Comparator<PortInfo> order() {
        return Comparator.comparing((PortInfo p) -> p.kind().ordinal()).thenComparing(PortInfo::path);
    }

    private static String clean(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        return t.equalsIgnoreCase("unknown") ? "" : t;
    }

    /**
     * The port used when no device is named: the only MicroPython board if there is exactly
     * one; failing that, the only USB-UART bridge if there is exactly one; else none.
     */
    public static Optional<PortInfo> defaultPort(List<PortInfo> ports) {
        for (PortInfo.BoardKind kind : List.of(PortInfo.BoardKind.MICROPYTHON, PortInfo.BoardKind.UART_BRIDGE)) {
            List<PortInfo> matching = ports.stream().filter(p -> p.kind() == kind).toList();
            if (matching.size() == 1) {
                return Optional.of(matching.get(0));
            }
            if (matching.size() > 1) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The attached port with the given USB serial number. */
    public static Optional<PortInfo> bySerialNumber(List<PortInfo> ports, String serialNumber) {
        return ports.stream().filter(p -> p.serialNumber().equals(serialNumber)).findFirst();
    }
}
