package dev.mpt.protocol;

import java.time.Duration;

/** Formats durations the way error messages show them: "250 ms", "2.5 s". */
final class Durations {
    private Durations() {
    }

    static String format(Duration d) {
        if (d.compareTo(Duration.ofDays(3650)) > 0) {
            return "an unlimited time";
        }
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
