package dev.mpt.protocol;

/**
 * A link with the settings of a serial line that can change while it is open: the baud rate
 * and the two modem-control lines. ESP32 flashing needs them: the ROM loader switches its
 * rate on request, and DTR/RTS drive a dev board's EN (reset) and IO0 (boot mode) pins.
 * {@link SerialLink} has them (a pty refuses DTR/RTS), and so has {@link Rfc2217Link},
 * where the remote port server applies them.
 */
public interface LineControl {
    /** The baud rate the host side uses now. */
    int baud();

    /** Changes the host side's baud rate; bytes already queued are sent at the old rate first. */
    void setBaud(int baud) throws LinkException;

    /**
     * Sets DTR (true: asserted).
     *
     * @return false when the port cannot drive the line (a pty)
     */
    boolean setDtr(boolean asserted) throws LinkException;

    /**
     * Sets RTS (true: asserted).
     *
     * @return false when the port cannot drive the line (a pty)
     */
    boolean setRts(boolean asserted) throws LinkException;

    /** Discards what has been received and not yet read. */
    void discardInput();
}
