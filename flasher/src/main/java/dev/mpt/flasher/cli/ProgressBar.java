package dev.mpt.flasher.cli;

import dev.mpt.flasher.Progress;
import java.io.PrintWriter;

/**
 * A one-line progress bar on a terminal: {@code write   [##########----------]  50%  512/1024 KiB}.
 * Redrawn at most every 1%; prints nothing when output is not a terminal.
 */
final class ProgressBar implements Progress {
    private static final int WIDTH = 30;

    private final PrintWriter out;
    private String phase = "";
    private long total;
    private long done;
    private int shown = -1;

    private ProgressBar(PrintWriter out) {
        this.out = out;
    }

    /** A bar on err if the process has a terminal, otherwise a silent one. */
    static Progress forTerminal(PrintWriter err) {
        return System.console() != null ? new ProgressBar(err) : Progress.NONE;
    }

    @Override
    public void begin(String phase, long total) {
        this.phase = phase;
        this.total = Math.max(1, total);
        this.done = 0;
        this.shown = -1;
        draw();
    }

    @Override
    public void advance(long units) {
        done += units;
        draw();
    }

    @Override
    public void end() {
        done = total;
        draw();
        out.println();
        out.flush();
    }

    private void draw() {
        int percent = (int) Math.min(100, done * 100 / total);
        if (percent == shown) {
            return;
        }
        shown = percent;
        int filled = percent * WIDTH / 100;
        out.printf("\r%-8s[%s%s] %3d%%  %d/%d KiB", phase, "#".repeat(filled), "-".repeat(WIDTH - filled), percent,
                done / 1024, total / 1024);
        out.flush();
    }
}
