package dev.mpt.devicefs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mpt sleep}: waits on the host between two commands of a chain. */
@Command(name = "sleep", mixinStandardHelpOptions = true,
        description = "Wait on the host for SECONDS (a fraction is fine) before the next command of a chain.",
        footer = {"", "Example:", "  mpt exec \"import machine; machine.reset()\" + sleep 2 + ls"})
public final class SleepCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SECONDS")
    double seconds;

    @Override
    public Integer call() throws InterruptedException {
        if (!(seconds >= 0) || seconds > 86_400) {
            throw new IllegalArgumentException("sleep: SECONDS must be between 0 and 86400, not " + seconds);
        }
        Thread.sleep(Math.round(seconds * 1000));
        return 0;
    }
}
