package dev.mpt.board;

import java.util.Optional;

/**
 * What runs the code a virtual board receives: the compiler and VM in the real board, a
 * small stand-in in protocol tests. The {@link VirtualBoard} owns the protocol; an engine
 * only executes source text and reports how it ended.
 *
 * <p>The board calls {@link #execute} from its own thread, one call at a time, and calls
 * {@link #interrupt()} from another thread when the host sends Ctrl-C (or the board is
 * reset) while code runs.
 */
public interface BoardEngine {

    /** How source is parsed, as in MicroPython: a whole file, or one interactive REPL statement. */
    enum InputKind {
        /** Raw REPL, raw-paste, paste mode, boot.py and main.py. */
        FILE,
        /** One statement typed at {@code >>> }: expression values are printed. */
        SINGLE
    }

    /** How an execution ended. */
    sealed interface Outcome {
        /** Ran to the end (or raised SystemExit without asking for a reset). */
        record Ok() implements Outcome {
        }

        /**
         * Raised an exception nothing caught.
         *
         * @param traceback the text firmware prints, lines ended by "\n":
         *                  {@code Traceback (most recent call last):\n  File "<stdin>", line 1, in <module>\nNameError: ...\n}
         */
        record Raised(String traceback) implements Outcome {
        }

        /** Asked for a soft reset ({@code machine.soft_reset()}, {@code sys.exit()} in the REPL's sense of forced exit). */
        record SoftReset() implements Outcome {
        }

        /** Asked for a hard reset ({@code machine.reset()}): the board reboots as if powered up. */
        record HardReset() implements Outcome {
        }

        Outcome OK = new Ok();
    }

    /**
     * Runs source text to its end, writing what it prints to {@code console}.
     *
     * @param sourceName "&lt;stdin&gt;" for REPL input, the file name for boot.py and main.py
     */
    Outcome execute(String source, InputKind kind, String sourceName, Console console);

    /**
     * Asks the running execution to raise KeyboardInterrupt as soon as it can. Called from
     * another thread, while {@link #execute} runs or is about to start: a request that comes
     * before the execution gets going applies to it.
     */
    void interrupt();

    /**
     * The byte that interrupts running code (Ctrl-C, 3), or -1 when the code turned that off
     * with {@code micropython.kbd_intr(-1)} to read every byte of stdin itself.
     */
    default int interruptChar() {
        return 0x03;
    }

    /** Drops an interrupt request not yet acted on; the board calls it when an execution has ended. */
    default void clearInterrupt() {
    }

    /** Forgets all state, as a soft reset does: fresh globals, modules unloaded. */
    void reset();

    /**
     * Where the friendly REPL's Tab completion looks names up. The board calls it between
     * executions, on its own thread.
     */
    default CompletionSource completion() {
        return CompletionSource.NONE;
    }

    /** The content of a file on the board's filesystem (boot.py, main.py), if it exists. */
    default Optional<String> readFile(String path) {
        return Optional.empty();
    }
}
