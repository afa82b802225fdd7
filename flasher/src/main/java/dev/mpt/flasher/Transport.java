package dev.mpt.flasher;

/**
 * The control pipe to one DFU interface: class-specific requests addressed to the interface
 * (bmRequestType 0x21 out, 0xA1 in, wIndex = interface number). Implementations: the usb4java
 * transport for real (and emulated) devices, and in-memory device models for tests.
 */
public interface Transport extends AutoCloseable {
    /**
     * Sends a request with data to the device.
     *
     * @throws TransportException if the device stalls, disappears or does not answer in time
     */
    void controlOut(int request, int value, byte[] data, int timeoutMs);

    /**
     * Asks the device for up to length bytes and returns what it sent (possibly fewer).
     *
     * @throws TransportException if the device stalls, disappears or does not answer in time
     */
    byte[] controlIn(int request, int value, int length, int timeoutMs);

    /**
     * A USB port reset: how a DFU 1.1 device that does not detach by itself enters DFU mode.
     * Transports that are not on a bus have nothing to reset.
     *
     * @throws TransportException if the reset fails
     */
    default void reset() {}

    /** Releases the interface and the device. Never throws. */
    @Override
    void close();
}
