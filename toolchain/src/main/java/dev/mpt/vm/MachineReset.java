package dev.mpt.vm;

/**
 * Thrown by {@code machine.reset()}, {@code machine.bootloader()} and
 * {@code machine.deepsleep()} on a board: the running code ends at once, no {@code except}
 * or {@code finally} of it runs (as on hardware, where the chip resets), and whoever runs
 * the VM acts on the kind. An {@link Error}, so the interpreter's handlers let it through.
 */
public final class MachineReset extends Error {
    private static final long serialVersionUID = 1L;

    /** What the code asked for. */
    public enum Kind {
        /** machine.reset(): reboot as if powered up. */
        HARD_RESET,
        /** machine.bootloader(): restart into the bootloader (USB DFU on an STM32 board). */
        BOOTLOADER,
        /** machine.deepsleep(): the sleep is over; the board wakes up through a reset. */
        DEEPSLEEP
    }

    private final Kind kind;

    public MachineReset(Kind kind) {
        super(kind.name(), null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
