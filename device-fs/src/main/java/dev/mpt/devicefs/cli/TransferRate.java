package dev.mpt.devicefs.cli;

import java.util.Locale;

/** How long a copy took and how fast it went, for the summaries of {@code cp -v} and {@code sync}. */
final class TransferRate {
    private TransferRate() {}

    /** "3 files, 120000 bytes in 1.20 s (100.0 KB/s)". */
    static String summary(int files, long bytes, long nanos) {
        return files + (files == 1 ? " file, " : " files, ") + bytes + " bytes" + tail(bytes, nanos).replace(",", "");
    }

    /** ", in 1.20 s (100.0 KB/s)". */
    static String tail(long bytes, long nanos) {
        double s = Math.max(nanos, 1) / 1e9;
        return String.format(Locale.ROOT, ", in %.2f s (%.1f KB/s)", s, bytes / 1000.0 / s);
    }
}
