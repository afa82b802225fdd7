package dev.mpt.flasher.usb;

import dev.mpt.flasher.DfuSession;
import dev.mpt.flasher.Transport;
import java.util.List;
import java.util.function.Function;

/**
 * The devices with a DFU interface that one look at the USB bus finds, and a way to open
 * them. {@link UsbBus} is the real bus (libusb); tests put in-memory device models behind it.
 * A view of the bus does not follow re-enumeration: after a device resets, open a new one.
 */
public interface DfuBus extends AutoCloseable {
    /** Opens a fresh view of the bus (for libusb a new context, which sees re-enumerated devices). */
    @FunctionalInterface
    interface Opener {
        DfuBus open();
    }

    /** All devices with a DFU interface, runtime and DFU mode, in bus order. */
    List<DfuDevice> devices();

    /** Whether any device has a DFU interface; a bus may answer without opening any device. */
    default boolean anyDfuDevice() {
        return !devices().isEmpty();
    }

    /**
     * Opens a device found by {@link #devices()}: claims its DFU interface and selects an
     * alternate setting.
     *
     * @throws dev.mpt.flasher.FlasherException if the device is gone, access is denied or it is busy
     */
    Transport open(DfuDevice device, int alternate);

    /**
     * Opens the device, brings it to dfuIDLE and runs work on a session with it; the
     * interface is released afterwards, also when work fails.
     */
    default <T> T session(DfuDevice device, int alternate, DfuSession.Pause pause, Function<DfuSession, T> work) {
        try (Transport t = open(device, alternate)) {
            DfuSession session = new DfuSession(t, device.functional().transferSize(), pause);
            session.recover();
            return work.apply(session);
        }
    }

    @Override
    void close();
}
