package dev.mpt.flasher.usb;

import dev.mpt.flasher.DfuFunctionalDescriptor;
import dev.mpt.flasher.FlasherException;
import dev.mpt.flasher.MemoryLayout;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.usb4java.BufferUtils;
import org.usb4java.ConfigDescriptor;
import org.usb4java.Context;
import org.usb4java.Device;
import org.usb4java.DeviceDescriptor;
import org.usb4java.DeviceHandle;
import org.usb4java.DeviceList;
import org.usb4java.Interface;
import org.usb4java.InterfaceDescriptor;
import org.usb4java.LibUsb;
import org.usb4java.LibUsbException;

/**
 * The USB bus as libusb (inside usb4java) sees it: finds devices with a DFU interface (class
 * 0xFE, subclass 0x01) and opens one of them as a {@link UsbTransport}. Owns one libusb
 * context; close it when done.
 */
public final class UsbBus implements DfuBus {
    private static final int DFU_CLASS = 0xFE;
    private static final int DFU_SUBCLASS = 0x01;

    private final Context context = new Context();
    private boolean open;

    private UsbBus() {
        int r;
        try {
            r = LibUsb.init(context);
        } catch (LibUsbException | UnsatisfiedLinkError | ExceptionInInitializerError e) {
            throw new FlasherException("cannot start libusb (usb4java's native library): " + e.getMessage());
        }
        if (r < 0) {
            throw new FlasherException("cannot start libusb: " + LibUsb.errorName(r));
        }
        open = true;
    }

    /** Starts libusb. */
    public static UsbBus open() {
        return new UsbBus();
    }

    @Override
    public List<DfuDevice> devices() {
        DeviceList list = deviceList();
        try {
            List<DfuDevice> found = new ArrayList<>();
            for (Device device : list) {
                describe(device).ifPresent(found::add);
            }
            found.sort(java.util.Comparator.comparing(DfuDevice::path));
            return found;
        } finally {
            LibUsb.freeDeviceList(list, true);
        }
    }

    /**
     * Whether any device has a DFU interface, from the descriptors libusb already holds: no
     * device is opened and no request is sent, unlike {@link #devices()}.
     */
    @Override
    public boolean anyDfuDevice() {
        DeviceList list = deviceList();
        try {
            for (Device device : list) {
                ConfigDescriptor config = new ConfigDescriptor();
                if (LibUsb.getConfigDescriptor(device, (byte) 0, config) < 0) {
                    continue;
                }
                try {
                    for (Interface iface : config.iface()) {
                        for (InterfaceDescriptor id : iface.altsetting()) {
                            if ((id.bInterfaceClass() & 0xFF) == DFU_CLASS
                                    && (id.bInterfaceSubClass() & 0xFF) == DFU_SUBCLASS) {
                                return true;
                            }
                        }
                    }
                } finally {
                    LibUsb.freeConfigDescriptor(config);
                }
            }
            return false;
        } finally {
            LibUsb.freeDeviceList(list, true);
        }
    }

    /** The devices libusb sees now; free the list with {@code LibUsb.freeDeviceList(list, true)}. */
    private DeviceList deviceList() {
        DeviceList list = new DeviceList();
        int n = LibUsb.getDeviceList(context, list);
        if (n < 0) {
            throw new FlasherException("cannot list USB devices: " + LibUsb.errorName(n));
        }
        return list;
    }

    private Optional<DfuDevice> describe(Device device) {
        DeviceDescriptor dd = new DeviceDescriptor();
        if (LibUsb.getDeviceDescriptor(device, dd) < 0) {
            return Optional.empty();
        }
        ConfigDescriptor config = new ConfigDescriptor();
        if (LibUsb.getConfigDescriptor(device, (byte) 0, config) < 0) {
            return Optional.empty();
        }
        try {
            int number = -1;
            int protocol = 0;
            List<int[]> alts = new ArrayList<>();
            Optional<DfuFunctionalDescriptor> functional = Optional.empty();
            for (Interface iface : config.iface()) {
                for (InterfaceDescriptor id : iface.altsetting()) {
                    if ((id.bInterfaceClass() & 0xFF) != DFU_CLASS || (id.bInterfaceSubClass() & 0xFF) != DFU_SUBCLASS) {
                        continue;
                    }
                    if (number < 0) {
                        number = id.bInterfaceNumber() & 0xFF;
                        protocol = id.bInterfaceProtocol() & 0xFF;
                    }
                    if ((id.bInterfaceNumber() & 0xFF) != number) {
                        continue;
                    }
                    alts.add(new int[] {id.bAlternateSetting() & 0xFF, id.iInterface() & 0xFF});
                    if (functional.isEmpty()) {
                        functional = DfuFunctionalDescriptor.find(bytes(id.extra()));
                    }
                }
            }
            if (number < 0) {
                return Optional.empty();
            }
            if (functional.isEmpty()) {
                functional = DfuFunctionalDescriptor.find(bytes(config.extra()));
            }
            String path = path(device);
            String address = String.format("%03d/%03d", LibUsb.getBusNumber(device), LibUsb.getDeviceAddress(device));
            String manufacturer = "";
            String product = "";
            String serial = "";
            String access = "";
            List<DfuDevice.AltSetting> settings = new ArrayList<>();
            DeviceHandle handle = new DeviceHandle();
            int r = LibUsb.open(device, handle);
            if (r < 0) {
                access = r == LibUsb.ERROR_ACCESS ? "no permission to open it" : "cannot open: " + LibUsb.errorName(r);
                for (int[] a : alts) {
                    settings.add(new DfuDevice.AltSetting(a[0], "", Optional.empty()));
                }
            } else {
                try {
                    manufacturer = string(handle, dd.iManufacturer());
                    product = string(handle, dd.iProduct());
                    serial = string(handle, dd.iSerialNumber());
                    for (int[] a : alts) {
                        String name = string(handle, (byte) a[1]);
                        Optional<MemoryLayout> layout = Optional.empty();
                        if (MemoryLayout.isLayout(name)) {
                            try {
                                layout = Optional.of(MemoryLayout.parse(name));
                            } catch (FlasherException e) {
                                layout = Optional.empty();
                            }
                        }
                        settings.add(new DfuDevice.AltSetting(a[0], name, layout));
                    }
                } finally {
                    LibUsb.close(handle);
                }
            }
            return Optional.of(new DfuDevice(path, address, dd.idVendor() & 0xFFFF, dd.idProduct() & 0xFFFF,
                    dd.bcdDevice() & 0xFFFF, manufacturer, product, serial, access, protocol == 2, number, settings,
                    functional.orElse(DfuFunctionalDescriptor.DEFAULT)));
        } finally {
            LibUsb.freeConfigDescriptor(config);
        }
    }

    private static String string(DeviceHandle handle, byte index) {
        if (index == 0) {
            return "";
        }
        StringBuffer sb = new StringBuffer();
        int r = LibUsb.getStringDescriptorAscii(handle, index, sb);
        return r < 0 ? "" : sb.toString();
    }

    private static byte[] bytes(ByteBuffer b) {
        if (b == null) {
            return new byte[0];
        }
        ByteBuffer d = b.duplicate();
        d.rewind();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }

    private static String path(Device device) {
        ByteBuffer ports = BufferUtils.allocateByteBuffer(8);
        int n = LibUsb.getPortNumbers(device, ports);
        StringBuilder b = new StringBuilder().append(LibUsb.getBusNumber(device));
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? '-' : '.').append(ports.get(i) & 0xFF);
        }
        return b.toString();
    }

    @Override
    public UsbTransport open(DfuDevice wanted, int alternate) {
        DeviceList list = deviceList();
        try {
            for (Device device : list) {
                if (!path(device).equals(wanted.path())) {
                    continue;
                }
                DeviceHandle handle = new DeviceHandle();
                int r = LibUsb.open(device, handle);
                if (r == LibUsb.ERROR_ACCESS) {
                    throw new FlasherException("permission denied opening " + wanted.vidPid() + " at " + wanted.path()
                            + " (/dev/bus/usb/" + wanted.address() + "); install a udev rule: mpt dfu udev-rule"
                            + " | sudo tee /etc/udev/rules.d/50-mpt-dfu.rules, then replug the board");
                }
                if (r < 0) {
                    throw new FlasherException("cannot open " + wanted.vidPid() + " at " + wanted.path() + ": "
                            + LibUsb.errorName(r));
                }
                return UsbTransport.claim(handle, wanted, alternate);
            }
        } finally {
            LibUsb.freeDeviceList(list, true);
        }
        throw new FlasherException("the DFU device at " + wanted.path() + " went away");
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            LibUsb.exit(context);
        }
    }
}
