package dev.mpt.console;

import java.io.PrintWriter;

/**
 * A one-line progress bar for long work (copying, syncing, compiling, flashing):
 * {@code copy     [##########----------]  50%  512/1024 KiB}. It redraws at most once per
 * percent and prints nothing at all when the process has no terminal, so logs and pipes
 * stay clean.
 */
public final class ProgressBar implements Progress {
    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final boolean enabled;
    private String phase = "";
    private long total = 1;
    private int shown = -1;
    private long done;
    private boolean drawn;

    private ProgressBar(PrintWriter out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    /** A bar on {@code err} when there is a terminal, otherwise one that prints nothing. */
    public static ProgressBar forTerminal(PrintWriter err) {
        return new ProgressBar(err, System.console() != null);
    }

    /** A bar that always draws (for tests, and for callers that know better). */
    public static ProgressBar always(PrintWriter out) {
        return new ProgressBar(out, true);
    }

    /** Starts a phase of {@code total} bytes (or other units). */
    @Override
    public void begin(String phase, long total) {
        this.phase = phase;
        this.total = Math.max(1, total);
        this.shown = -1;
        show(0);
    }

    @Override
    public void advance(long units) {
        show(done + units);
    }

    /** Sets how much of the phase is done and redraws if the percentage changed. */
    private void show(long done) {
        this.done = done;
        if (!enabled) {
            return;
        }
        int percent = (int) Math.max(0, Math.min(100, done * 100 / total));
        if (percent == shown) {
            return;
        }
        shown = percent;
        drawn = true;
        int filled = percent * WIDTH / 100;
        out.printf("\r%-8s [%s%s] %3d%%  %d/%d KiB", phase, "#".repeat(filled), "-".repeat(WIDTH - filled),
                percent, Math.min(done, total) / 1024, total / 1024);
        out.flush();
    }

    /** Ends the phase, leaving the finished bar on its line. */
    @Override
    public void end() {
        if (enabled && drawn) {
            show(total);
            out.println();
            out.flush();
        }
        drawn = false;
    }
}
