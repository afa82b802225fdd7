package dev.mpt.protocol;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.time.Duration;


/** A serial port opened through jSerialComm: a USB CDC board, a USB-UART bridge, or a pty. */
public final class SerialLink extends PumpedLink implements LineControl {
    private final SerialPort port;

    private SerialLink(SerialPort port, String name) {
        super(name);
        this.port = port;
        startPump(this::pump, "mpt-serial-reader");
    }

    public static SerialLink open(SerialSettings settings) throws LinkException {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(settings.path());
        } catch (SerialPortInvalidPortException e) {
            throw new LinkClosedException("no such serial port: " + settings.path(), e);
        }
        int parity = switch (settings.parity()) {
            case NONE -> SerialPort.NO_PARITY;
            case EVEN -> SerialPort.EVEN_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
        };
        int stopBits = settings.stopBits() == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT;
        port.setComPortParameters(settings.baud(), settings.dataBits(), stopBits, parity);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        // Semi-blocking reads wake the pump at least every 100 ms, so close() is noticed.
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 100, 2000);
        // jSerialComm applies the DTR/RTS state chosen before openPort() as the port opens.
        switch (settings.controlLines()) {
            case ASSERT -> {
                port.setDTR();
                port.setRTS();
            }
            case CLEAR -> {
                port.clearDTR();
                port.clearRTS();
            }
        }
        if (!port.openPort()) {
            throw new LinkClosedException("cannot open serial port " + settings.path()
                    + " (missing, busy, or no permission; on Linux the user must be in the dialout group)");
        }
        return new SerialLink(port, settings.path());
    }

    private void pump() {
        byte[] buf = new byte[4096];
        while (open()) {
            int n = port.readBytes(buf, buf.length);
            if (n < 0) {
                incoming.closeWith(open() ? new LinkException("serial port " + description() + " went away") : null);
                return;
            }
            if (n > 0) {
                try {
                    incoming.put(buf, 0, n);
                } catch (LinkClosedException e) {
                    return;
                }
            }
        }
    }

    @Override
    protected void send(byte[] buf, int off, int len) throws LinkException {
        int done = 0;
        while (done < len) {
            int n = port.writeBytes(buf, len - done, off + done);
            if (n <= 0) {
                throw new LinkClosedException("write to serial port " + description() + " failed (board unplugged?)");
            }
            done += n;
        }
    }

    @Override
    public int baud() {
        return port.getBaudRate();
    }

    @Override
    public void setBaud(int baud) throws LinkException {
        if (!port.setBaudRate(baud)) {
            throw new LinkException("cannot set " + description() + " to " + baud + " baud");
        }
    }

    @Override
    public boolean setDtr(boolean asserted) {
        return asserted ? port.setDTR() : port.clearDTR();
    }

    @Override
    public boolean setRts(boolean asserted) {
        return asserted ? port.setRTS() : port.clearRTS();
    }

    @Override
    public void discardInput() {
        incoming.clear();
    }

    @Override
    protected void closeChannel() {
        // jSerialComm frees the port's native state in closePort(): a readBytes still running
        // on the pump thread then reads freed memory and crashes the JVM (seen in CI). The
        // pump's reads time out every 100 ms and it stops once the link is closed.
        awaitPumpStopped(Duration.ofSeconds(2));
        port.closePort();
    }
}
