package dev.mpt.protocol;

/**
 * How to open a serial port.
 *
 * @param path         the port: {@code /dev/ttyACM0}, {@code COM3}, a pty made by socat
 * @param baud         bits per second; USB CDC boards ignore it, UART bridges need it (115200 for MicroPython)
 * @param dataBits     5..8
 * @param parity       none, even or odd
 * @param stopBits     1 or 2
 * @param controlLines what happens to DTR and RTS when the port opens, see {@link ControlLines}
 */
public record SerialSettings(String path, int baud, int dataBits, Parity parity, int stopBits,
                             ControlLines controlLines) {

    public enum Parity { NONE, EVEN, ODD }

    /**
     * The modem-control lines DTR and RTS at open time.
     *
     * <p>ESP32 and ESP8266 boards with a USB-UART bridge wire DTR and RTS through two
     * transistors to EN (reset) and GPIO0 (boot mode): the board resets when RTS is asserted
     * while DTR is not, and enters its ROM bootloader when, moreover, DTR goes low as EN
     * rises. Asserting or clearing both lines together never resets the board.
     * USB CDC boards (pyboard, RP2040, ESP32-S2/S3 native USB) on the other hand send
     * their output only while DTR is asserted.
     */
    public enum ControlLines {
        /** Assert DTR and RTS together on open, as pyserial and most terminals do. The default. */
        ASSERT,
        /**
         * Keep DTR and RTS deasserted: an ESP32/ESP8266 on a UART bridge is not reset by opening
         * the port. USB CDC boards may stay silent in this mode because they wait for DTR.
         */
        CLEAR
    }

    public SerialSettings {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("serial port path is empty");
        }
        if (baud <= 0) {
            throw new IllegalArgumentException("baud rate must be positive: " + baud);
        }
        if (dataBits < 5 || dataBits > 8) {
            throw new IllegalArgumentException("data bits must be 5..8: " + dataBits);
        }
        if (stopBits != 1 && stopBits != 2) {
            throw new IllegalArgumentException("stop bits must be 1 or 2: " + stopBits);
        }
    }

    /** 115200 8N1, DTR and RTS asserted: what MicroPython boards expect. */
    public static SerialSettings of(String path) {
        return new SerialSettings(path, 115200, 8, Parity.NONE, 1, ControlLines.ASSERT);
    }

    public SerialSettings withBaud(int newBaud) {
        return new SerialSettings(path, newBaud, dataBits, parity, stopBits, controlLines);
    }

    public SerialSettings withParity(Parity newParity) {
        return new SerialSettings(path, baud, dataBits, newParity, stopBits, controlLines);
    }

    public SerialSettings withControlLines(ControlLines lines) {
        return new SerialSettings(path, baud, dataBits, parity, stopBits, lines);
    }
}
