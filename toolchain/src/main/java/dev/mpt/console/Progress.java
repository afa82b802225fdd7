package dev.mpt.console;

/**
 * Where long work (flashing, copying, syncing, compiling) reports how far it got, one phase at
 * a time: {@code begin("erase", 12)}, {@code advance(1)} per unit done, {@code end()}.
 * {@link ProgressBar} draws it on a terminal; {@link #NONE} reports nothing.
 */
public interface Progress {
    /** A phase begins, with its total in units (bytes or sectors). */
    void begin(String phase, long total);

    /** {@code units} more of the current phase are done. */
    void advance(long units);

    /** The current phase ended. */
    void end();

    /** Reports nothing. */
    Progress NONE = new Progress() {
        @Override
        public void begin(String phase, long total) {}

        @Override
        public void advance(long units) {}

        @Override
        public void end() {}
    };
}
