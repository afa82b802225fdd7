package dev.mpt.flasher;

/** Where long work reports how far it got: one phase at a time (erase, write, verify, read). */
public interface Progress {
    /** A phase begins, with its total in units (bytes or sectors). */
    void begin(String phase, long total);

    /** Some units of the current phase are done. */
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
