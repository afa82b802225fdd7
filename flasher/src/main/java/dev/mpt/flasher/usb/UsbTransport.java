package dev.mpt.flasher.usb;

import dev.mpt.flasher.DfuRequest;
import dev.mpt.flasher.FlasherException;
import dev.mpt.flasher.Transport;
import dev.mpt.flasher.TransportException;
import java.nio.ByteBuffer;
import org.usb4java.BufferUtils;
import org.usb4java.DeviceHandle;
import org.usb4java.LibUsb;

/** The control pipe of a claimed DFU interface, through usb4java's libusb. */
public final class UsbTransport implements Transport {
    private static final byte OUT = 0x21;
    private static final byte IN = (byte) 0xA1;

    private final DeviceHandle handle;
    private final int interfaceNumber;
    private boolean claimed;
    /**
     * One direct buffer for every transfer, grown when a longer one comes: allocating a
     * direct buffer per request (native memory, zeroing, a cleaner) cost more than the
     * transfer itself. Each call passes a slice whose capacity is the transfer's length,
     * which is what usb4java sends as wLength.
     */
    private ByteBuffer buffer = BufferUtils.allocateByteBuffer(4096);

    private UsbTransport(DeviceHandle handle, int interfaceNumber) {
        this.handle = handle;
        this.interfaceNumber = interfaceNumber;
    }

    static UsbTransport claim(DeviceHandle handle, DfuDevice device, int alternate) {
        LibUsb.setAutoDetachKernelDriver(handle, true);
        UsbTransport t = new UsbTransport(handle, device.interfaceNumber());
        int r = LibUsb.claimInterface(handle, device.interfaceNumber());
        if (r < 0) {
            LibUsb.close(handle);
            if (r == LibUsb.ERROR_BUSY) {
                throw new FlasherException("the DFU interface of " + device.vidPid() + " at " + device.path()
                        + " is in use by another program");
            }
            throw new FlasherException("cannot claim the DFU interface of " + device.vidPid() + ": " + LibUsb.errorName(r));
        }
        t.claimed = true;
        r = LibUsb.setInterfaceAltSetting(handle, device.interfaceNumber(), alternate);
        if (r < 0) {
            t.close();
            throw new FlasherException("cannot select alternate setting " + alternate + " of " + device.vidPid() + ": "
                    + LibUsb.errorName(r));
        }
        return t;
    }

    @Override
    public void controlOut(int request, int value, byte[] data, int timeoutMs) {
        ByteBuffer buffer = slice(data.length);
        buffer.put(data).rewind();
        int r = LibUsb.controlTransfer(handle, OUT, (byte) request, (short) value, (short) interfaceNumber, buffer, timeoutMs);
        if (r < 0) {
            throw failure(r, request, value, timeoutMs);
        }
        if (r != data.length) {
            throw new TransportException(TransportException.Kind.IO, name(request, value) + ": the device took " + r
                    + " of " + data.length + " bytes");
        }
    }

    @Override
    public byte[] controlIn(int request, int value, int length, int timeoutMs) {
        ByteBuffer buffer = slice(length);
        int r = LibUsb.controlTransfer(handle, IN, (byte) request, (short) value, (short) interfaceNumber, buffer, timeoutMs);
        if (r < 0) {
            throw failure(r, request, value, timeoutMs);
        }
        byte[] out = new byte[r];
        buffer.rewind();
        buffer.get(out, 0, r);
        return out;
    }

    private ByteBuffer slice(int length) {
        if (length > buffer.capacity()) {
            buffer = BufferUtils.allocateByteBuffer(Math.max(length, 2 * buffer.capacity()));
        }
        return buffer.slice(0, length);
    }

    private static String name(int request, int value) {
        DfuRequest r = DfuRequest.of(request);
        String n = r == null ? "request " + request : "DFU_" + r.name();
        return (r == DfuRequest.DNLOAD || r == DfuRequest.UPLOAD) ? n + " block " + value : n;
    }

    private static TransportException failure(int code, int request, int value, int timeoutMs) {
        String what = name(request, value);
        if (code == LibUsb.ERROR_PIPE) {
            return new TransportException(TransportException.Kind.STALL, "the device refused " + what + " (STALL)");
        }
        if (code == LibUsb.ERROR_NO_DEVICE) {
            return new TransportException(TransportException.Kind.NO_DEVICE,
                    "the device disconnected (during " + what + ")");
        }
        if (code == LibUsb.ERROR_TIMEOUT) {
            return new TransportException(TransportException.Kind.TIMEOUT,
                    "the device did not answer " + what + " within " + timeoutMs + " ms");
        }
        if (code == LibUsb.ERROR_ACCESS) {
            return new TransportException(TransportException.Kind.ACCESS, "permission denied for " + what);
        }
        return new TransportException(TransportException.Kind.IO,
                "USB transfer failed (" + what + ": " + LibUsb.errorName(code) + "); was the device unplugged or reset?");
    }

    @Override
    public void reset() {
        int r = LibUsb.resetDevice(handle);
        if (r < 0 && r != LibUsb.ERROR_NOT_FOUND && r != LibUsb.ERROR_NO_DEVICE) {
            throw new TransportException(TransportException.Kind.IO, "USB reset failed: " + LibUsb.errorName(r));
        }
    }

    @Override
    public void close() {
        if (claimed) {
            claimed = false;
            LibUsb.releaseInterface(handle, interfaceNumber);
        }
        LibUsb.close(handle);
    }
}
