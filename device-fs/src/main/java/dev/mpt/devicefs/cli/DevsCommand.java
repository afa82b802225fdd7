package dev.mpt.devicefs.cli;

import dev.mpt.protocol.PortInfo;
import dev.mpt.protocol.SerialPorts;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mpt devs}: the serial ports, which look like MicroPython boards, and the default. */
@Command(name = "devs", mixinStandardHelpOptions = true,
        description = "List serial ports: USB VID:PID, serial number, maker and product; '*' marks likely "
                + "MicroPython boards and '>' the one used when no -d is given.",
        footer = {"", "Example:", "  mpt devs"})
public final class DevsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<PortInfo> ports = SerialPorts.list();
        Optional<PortInfo> chosen = SerialPorts.defaultPort(ports);
        if (ports.isEmpty()) {
            out.println("no serial ports found; with no -d, mpt uses the virtual board");
        }
        for (PortInfo p : ports) {
            String mark = chosen.isPresent() && chosen.get().path().equals(p.path()) ? ">"
                    : p.kind().likelyBoard() ? "*" : " ";
            out.printf("%s %-16s %-9s %-18s %s%n", mark, p.path(), p.isUsb() ? p.usbId() : "-",
                    blank(p.serialNumber()), (blank(p.manufacturer()) + " " + blank(p.product())).strip());
        }
        if (!ports.isEmpty() && chosen.isEmpty()) {
            out.println("no single MicroPython board to use by default: pass -d PORT, or -d virtual");
        }
        out.flush();
        return 0;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }
}
