package dev.mpt.flasher.cli;

import dev.mpt.flasher.Progress;
import java.io.PrintWriter;

/**
 * The flasher's {@link Progress} drawn with the shared console bar
 * ({@code erase   [##########----------]  50%  512/1024 KiB}); silent without a terminal.
 */
final class ProgressBar implements Progress {
    private final dev.mpt.console.ProgressBar bar;
    private long done;

    private ProgressBar(dev.mpt.console.ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar on err if the process has a terminal, otherwise a silent one. */
    static Progress forTerminal(PrintWriter err) {
        return System.console() != null ? new ProgressBar(dev.mpt.console.ProgressBar.always(err)) : Progress.NONE;
    }

    @Override
    public void begin(String phase, long total) {
        done = 0;
        bar.begin(phase, total);
    }

    @Override
    public void advance(long units) {
        done += units;
        bar.update(done);
    }

    @Override
    public void end() {
        bar.end();
    }
}
