package dev.mpt.devicefs.cli;

import dev.mpt.devicefs.RemoteFsException;
import dev.mpt.protocol.ExecException;
import java.io.IOException;
import java.time.LocalDateTime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mpt rtc}: the board's real-time clock. */
@Command(name = "rtc", mixinStandardHelpOptions = true,
        description = {"Print the board's real-time clock as machine.RTC().datetime() gives it: (year, month, day, "
                + "weekday, hours, minutes, seconds, subseconds), weekday 0 for Monday.",
            "--set sets it to the host's local time first."},
        footer = {"", "Examples:", "  mpt rtc", "  mpt rtc --set"})
public final class RtcCommand extends BoardCommand {
    @Option(names = "--set", description = "Set the clock to the host's local time.")
    boolean set;

    @Override
    public Integer call() throws IOException {
        try {
            if (!session().repl().exec("import machine\nprint(hasattr(machine,'RTC'))").stdoutText().strip()
                    .equals("True")) {
                throw new RemoteFsException("the board's firmware has no real-time clock (no machine.RTC)");
            }
            if (set) {
                session().repl().exec("import machine\nmachine.RTC().datetime(" + tuple(LocalDateTime.now()) + ")");
            }
            out().println(session().repl().exec("import machine\nprint(machine.RTC().datetime())").stdoutText().strip());
            out().flush();
            return 0;
        } catch (ExecException e) {
            throw new RemoteFsException("rtc: the board raised " + e.exceptionType()
                    + (e.exceptionMessage().isEmpty() ? "" : ": " + e.exceptionMessage()));
        }
    }

    /** The RTC's datetime tuple for a local time: weekday 0 is Monday; subseconds 0. */
    static String tuple(LocalDateTime t) {
        return "(" + t.getYear() + ", " + t.getMonthValue() + ", " + t.getDayOfMonth() + ", "
                + (t.getDayOfWeek().getValue() - 1) + ", " + t.getHour() + ", " + t.getMinute() + ", " + t.getSecond()
                + ", 0)";
    }
}
