package dev.mpt.protocol;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Opens the link a {@link DeviceSpec} names. The virtual board lives in another module, so
 * whoever opens devices passes in how to make one ({@code virtualBoard}).
 */
public final class Devices {

    /**
     * Options for opening.
     *
     * @param serial         baud, parity, data/stop bits and DTR/RTS policy for serial ports (the path is replaced)
     * @param connectTimeout how long a TCP connect may take
     */
    public record OpenOptions(SerialSettings serial, Duration connectTimeout) {
        public static OpenOptions defaults() {
            return new OpenOptions(SerialSettings.of("unset"), Duration.ofSeconds(5));
        }

        public OpenOptions withSerial(SerialSettings s) {
            return new OpenOptions(s, connectTimeout);
        }
    }

    private Devices() {
    }

    /**
     * Opens a device.
     *
     * @param virtualBoard makes a link to an in-process virtual board, used for {@code virtual}
     *                     and for {@code auto} when no board is attached; may be null
     * @throws LinkException with a one-line message when the device cannot be opened
     */
    public static Link open(DeviceSpec spec, OpenOptions options, Supplier<Link> virtualBoard) throws LinkException {
        if (spec instanceof DeviceSpec.Serial s) {
            return SerialLink.open(withPath(options, s.path()));
        } else if (spec instanceof DeviceSpec.SerialById s) {
            PortInfo port = SerialPorts.bySerialNumber(SerialPorts.list(), s.serialNumber())
                    .orElseThrow(() -> new LinkClosedException("no attached serial port has serial number " + s.serialNumber()));
            return SerialLink.open(withPath(options, port.path()));
        } else if (spec instanceof DeviceSpec.Socket s) {
            return SocketLink.connect(s.host(), s.port(), options.connectTimeout());
        } else if (spec instanceof DeviceSpec.Rfc2217 r) {
            return Rfc2217Link.connect(r.host(), r.port(), options.serial().baud(), options.serial().controlLines(),
                    options.connectTimeout());
        } else if (spec instanceof DeviceSpec.Exec e) {
            return ProcessLink.start(e.command(), e.pty());
        } else if (spec instanceof DeviceSpec.Virtual) {
            return virtual(virtualBoard);
        }
        List<PortInfo> ports = SerialPorts.list();
        Optional<PortInfo> chosen = SerialPorts.defaultPort(ports);
        if (chosen.isPresent()) {
            return SerialLink.open(withPath(options, chosen.get().path()));
        }
        List<PortInfo> boards = ports.stream().filter(p -> p.kind().likelyBoard()).toList();
        if (!boards.isEmpty()) {
            throw new LinkException("several boards are attached ("
                    + boards.stream().map(PortInfo::path).collect(Collectors.joining(", "))
                    + "); choose one with -d or " + DeviceSpec.ENV_VAR);
        }
        return virtual(virtualBoard);
    }

    private static Link virtual(Supplier<Link> virtualBoard) throws LinkException {
        if (virtualBoard == null) {
            throw new LinkException("no virtual board is available here");
        }
        return virtualBoard.get();
    }

    private static SerialSettings withPath(OpenOptions options, String path) {
        SerialSettings t = options.serial();
        return new SerialSettings(path, t.baud(), t.dataBits(), t.parity(), t.stopBits(), t.controlLines());
    }
}
