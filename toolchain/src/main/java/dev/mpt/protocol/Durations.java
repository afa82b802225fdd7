package dev.mpt.protocol;

import java.time.Duration;

/** Formats durations the way error messages show them: "250 ms", "2.5 s". */
final class Durations {
    private Durations() {
    }

    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms % 1000 == 0) {
            return (ms / 1000) + " s";
        }
        return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
