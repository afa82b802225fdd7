package dev.mpt.devicefs.cli;

/**
 * Ctrl-C on the host while code runs on the board: instead of killing mpt, it is passed on
 * to the board, whose program gets a KeyboardInterrupt and ends normally.
 */
final class Interrupts {
    private Interrupts() {}

    /** Restores the previous Ctrl-C behaviour when closed. */
    interface Handle extends AutoCloseable {
        @Override
        void close();
    }

    static Handle onCtrlC(Runnable action) {
        try {
            sun.misc.Signal sigint = new sun.misc.Signal("INT");
            sun.misc.SignalHandler previous = sun.misc.Signal.handle(sigint, s -> action.run());
            return () -> sun.misc.Signal.handle(sigint, previous);
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            // No signal support here (or SIGINT reserved): Ctrl-C keeps its default meaning.
            return () -> { };
        }
    }
}
