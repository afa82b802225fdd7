package dev.mpt.protocol;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which board to talk to, as given by {@code -d/--device} or the {@code MPT_DEVICE} variable.
 *
 * <ul>
 *   <li>a port path: {@code /dev/ttyACM0}, {@code COM3} (also {@code port:PATH})</li>
 *   <li>a short name, as mpremote has them: {@code a0} = /dev/ttyACM0, {@code u1} = /dev/ttyUSB1, {@code c3} = COM3</li>
 *   <li>{@code id:SERIAL}: the attached port whose USB serial number is SERIAL</li>
 *   <li>{@code socket://HOST:PORT}: a TCP connection (a virtual board served with {@code mpt board serve}, or a telnet-like bridge)</li>
 *   <li>{@code rfc2217://HOST:PORT}: a remote serial port served over RFC 2217 (ser2net, esp_rfc2217_server), baud rate and DTR/RTS included</li>
 *   <li>{@code exec:COMMAND}: a child process's stdin/stdout; {@code pty:COMMAND} runs it on a pseudo-terminal</li>
 *   <li>{@code virtual}: an in-process virtual board</li>
 *   <li>{@code auto}: the one MicroPython board attached, else the virtual board</li>
 * </ul>
 */
public sealed interface DeviceSpec {

    /** The variable read when no {@code -d} is given. */
    String ENV_VAR = "MPT_DEVICE";

    record Serial(String path) implements DeviceSpec {
    }

    record SerialById(String serialNumber) implements DeviceSpec {
    }

    record Socket(String host, int port) implements DeviceSpec {
    }

    record Rfc2217(String host, int port) implements DeviceSpec {
    }

    record Exec(String command, boolean pty) implements DeviceSpec {
    }

    record Virtual() implements DeviceSpec {
    }

    record Auto() implements DeviceSpec {
    }

    /** The text a user would type to name this device again. */
    default String text() {
        if (this instanceof Serial s) {
            return s.path();
        } else if (this instanceof SerialById s) {
            return "id:" + s.serialNumber();
        } else if (this instanceof Socket s) {
            return "socket://" + s.host() + ":" + s.port();
        } else if (this instanceof Rfc2217 r) {
            return "rfc2217://" + r.host() + ":" + r.port();
        } else if (this instanceof Exec e) {
            return (e.pty() ? "pty:" : "exec:") + e.command();
        } else if (this instanceof Virtual) {
            return "virtual";
        }
        return "auto";
    }

    /**
     * Parses a device name.
     *
     * @throws IllegalArgumentException with a one-line message a user can act on
     */
    static DeviceSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty device name");
        }
        String t = text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("virtual")) {
            return new Virtual();
        }
        if (lower.equals("auto")) {
            return new Auto();
        }
        if (lower.startsWith("socket://")) {
            return parseSocket(t, t.substring("socket://".length()));
        }
        if (lower.startsWith("rfc2217://")) {
            Socket s = (Socket) parseSocket(t, t.substring("rfc2217://".length()));
            return new Rfc2217(s.host(), s.port());
        }
        if (lower.startsWith("exec:") || lower.startsWith("pty:")) {
            boolean pty = lower.startsWith("pty:");
            String command = t.substring(pty ? 4 : 5).strip();
            if (command.isEmpty()) {
                throw new IllegalArgumentException("no command after '" + t + "'");
            }
            return new Exec(command, pty);
        }
        if (lower.startsWith("id:")) {
            String serial = t.substring(3).strip();
            if (serial.isEmpty()) {
                throw new IllegalArgumentException("no serial number after 'id:'");
            }
            return new SerialById(serial);
        }
        if (lower.startsWith("port:")) {
            return new Serial(t.substring(5).strip());
        }
        if (t.length() >= 2 && "auc".indexOf(lower.charAt(0)) >= 0 && t.substring(1).chars().allMatch(Character::isDigit)) {
            int n = Integer.parseInt(t.substring(1));
            String prefix = switch (lower.charAt(0)) {
                case 'a' -> "/dev/ttyACM";
                case 'u' -> "/dev/ttyUSB";
                default -> "COM";
            };
            return new Serial(prefix + n);
        }
        if (lower.contains("://")) {
            throw new IllegalArgumentException("unknown device scheme in '" + t
                    + "' (expected a port path, a0/u0/c0, id:SERIAL, socket://HOST:PORT, rfc2217://HOST:PORT, exec:COMMAND, pty:COMMAND or virtual)");
        }
        return new Serial(t);
    }

    private static DeviceSpec parseSocket(String whole, String rest) {
        int colon = rest.lastIndexOf(':');
        if (colon <= 0 || colon == rest.length() - 1) {
            throw new IllegalArgumentException("expected " + whole.substring(0, whole.indexOf("://") + 3)
                    .toLowerCase(Locale.ROOT) + "HOST:PORT, got '" + whole + "'");
        }
        String host = rest.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(rest.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port number in '" + whole + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port number out of range in '" + whole + "'");
        }
        return new Socket(host, port);
    }

    /** The device named by {@code -d} if given, else by {@code MPT_DEVICE}, else {@code auto}. */
    static DeviceSpec choose(String option, Map<String, String> environment) {
        if (option != null && !option.isBlank()) {
            return parse(option);
        }
        return Optional.ofNullable(environment.get(ENV_VAR)).filter(s -> !s.isBlank())
                .map(DeviceSpec::parse).orElse(new Auto());
    }
}
