package dev.mpt.vm;

/**
 * What one thread of a VM keeps for itself, as MicroPython's {@code mp_state_thread_t}: the
 * call depth the recursion limit counts, the innermost running frame (locals(), dir()), the
 * exception being handled (sys.exc_info()) and its heap-lock depth. The main thread has one
 * for the VM's life; each {@code _thread.start_new_thread} makes another.
 *
 * <p>Only the thread holding the VM's global interpreter lock runs Python code, and
 * {@link VM#ts} points at its state; the fields are plain because the lock orders every
 * access.
 */
final class ThreadState {
    /** The main thread: it gets KeyboardInterrupt and is never stopped by the end of a program. */
    final boolean main;
    /** What _thread.get_ident() answers on this thread. */
    final long ident;
    /** The program (see {@link VM#threadGeneration}) this thread belongs to; a later one stops it. */
    final int generation;
    /** Python calls under way on this thread (MicroPython's recursion limit counts them). */
    int depth;
    /** The innermost frame running on this thread, or null. */
    Frame currentFrame;
    /** The exception most recently caught by a handler on this thread (cleared when a handler block is left). */
    PyException caught;
    /** micropython.heap_lock() depth of this thread, kept here while another thread runs. */
    int heapLock;

    ThreadState(boolean main, long ident, int generation) {
        this.main = main;
        this.ident = ident;
        this.generation = generation;
    }
}
