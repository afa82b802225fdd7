package dev.mpt.flasher.e2e;

import dev.mpt.console.Progress;

import dev.mpt.flasher.DfuSession;
import dev.mpt.flasher.TransportException;
import dev.mpt.flasher.cli.FlasherMain;
import dev.mpt.flasher.usb.DeviceSelector;
import dev.mpt.flasher.usb.DfuDevice;
import dev.mpt.flasher.usb.UsbBus;
import dev.mpt.flasher.usb.UsbTransport;

/**
 * Runs in one forked JVM (the emulator keeps option bytes in process memory): sets read
 * protection through the option bytes, then runs {@code mpt flash FILE} and
 * {@code mpt flash --unprotect FILE}, printing each exit status.
 */
public final class ReadProtectionScenario {
    private static final long OPTION_BYTES = 0x1FFF_C000L;

    private ReadProtectionScenario() {}

    public static void main(String[] args) {
        try (UsbBus bus = UsbBus.open()) {
            DfuDevice d = DeviceSelector.ANY.pick(bus.devices());
            try (UsbTransport t = bus.open(d, 1)) {
                DfuSession s = new DfuSession(t, d.functional().transferSize(), DfuSession.Pause.REAL);
                s.recover();
                byte[] options = s.read(OPTION_BYTES, 16, Progress.NONE);
                options[1] = 0x00; // RDP level 1
                try {
                    s.write(OPTION_BYTES, options, Progress.NONE);
                } catch (TransportException e) {
                    // the chip resets to load its new option bytes
                }
            }
        }
        System.out.println("protected");
        System.out.println("exit " + FlasherMain.run("flash", args[0]));
        System.out.println("exit " + FlasherMain.run("flash", "--unprotect", args[0]));
        System.exit(0);
    }
}
