package dev.mpt.monitor;

import dev.mpt.protocol.DeviceSpec;
import dev.mpt.protocol.Devices;
import dev.mpt.protocol.Link;
import dev.mpt.protocol.LinkClosedException;
import dev.mpt.protocol.PortInfo;
import dev.mpt.protocol.SerialLink;
import dev.mpt.protocol.SerialPorts;
import dev.mpt.protocol.SerialSettings;
import dev.mpt.protocol.SocketLink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How to find a board again after it went away, from the link it was first reached by.
 *
 * <ul>
 *   <li>a serial port: the port with the same USB serial number; failing that, the only one
 *       with the same VID:PID; failing that, the same path (a re-plugged board may come back
 *       as another /dev/ttyACMn);</li>
 *   <li>a TCP socket: the same address;</li>
 *   <li>a child process or the in-process virtual board: none (the process is the board, and
 *       when it ends, so does the session).</li>
 * </ul>
 */
public final class SameBoard {
    private SameBoard() {
    }

    /** A way to reopen the board behind {@code link}, or empty when there is none. */
    public static Optional<Monitor.Reconnect> of(Link link, Devices.OpenOptions options) {
        if (link instanceof SerialLink) {
            String path = link.description();
            PortInfo seen = SerialPorts.list().stream().filter(p -> p.path().equals(path)).findFirst().orElse(null);
            return Optional.of(() -> openSerial(path, seen, options.serial()));
        }
        if (link instanceof SocketLink) {
            DeviceSpec spec = DeviceSpec.parse(link.description());
            if (spec instanceof DeviceSpec.Socket s) {
                Duration timeout = options.connectTimeout().compareTo(Duration.ofSeconds(2)) < 0
                        ? options.connectTimeout() : Duration.ofSeconds(2);
                return Optional.of(() -> SocketLink.connect(s.host(), s.port(), timeout));
            }
        }
        return Optional.empty();
    }

    private static Link openSerial(String path, PortInfo seen, SerialSettings settings) throws LinkClosedException,
            dev.mpt.protocol.LinkException {
        String chosen = choosePort(path, seen, SerialPorts.list(), Files.exists(Path.of(path)));
        if (chosen == null) {
            throw new LinkClosedException("not back yet");
        }
        return SerialLink.open(new SerialSettings(chosen, settings.baud(), settings.dataBits(), settings.parity(),
                settings.stopBits(), settings.controlLines()));
    }

    /**
     * Which port to open: same serial number, else the only port with the same VID:PID, else
     * the old path if it exists; null while none of them is there.
     */
    static String choosePort(String path, PortInfo seen, List<PortInfo> ports, boolean pathExists) {
        if (seen != null && !seen.serialNumber().isEmpty()) {
            Optional<PortInfo> same = SerialPorts.bySerialNumber(ports, seen.serialNumber());
            if (same.isPresent()) {
                return same.get().path();
            }
        }
        if (seen != null && seen.isUsb()) {
            List<PortInfo> sameId = ports.stream().filter(p -> p.vid() == seen.vid() && p.pid() == seen.pid()).toList();
            if (sameId.size() == 1) {
                return sameId.get(0).path();
            }
        }
        return pathExists ? path : null;
    }
}
