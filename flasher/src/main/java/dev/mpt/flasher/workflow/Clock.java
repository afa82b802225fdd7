package dev.mpt.flasher.workflow;

import dev.mpt.flasher.DfuSession;

/**
 * How the flash workflow tells time and waits: for a device to re-enumerate, a drive to be
 * mounted, a board to come back, and (as a {@link DfuSession.Pause}) for the poll timeouts a
 * DFU device asks for. Tests substitute a virtual clock.
 */
public interface Clock extends DfuSession.Pause {
    /** Now, in nanoseconds from an arbitrary origin, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Real time. */
    Clock REAL = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void pause(long ms) {
            DfuSession.Pause.REAL.pause(ms);
        }
    };
}
