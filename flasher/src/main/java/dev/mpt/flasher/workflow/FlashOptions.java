package dev.mpt.flasher.workflow;

import java.util.Optional;

/**
 * How to flash, whatever the family of the board.
 *
 * @param dryRun plan and print, touch nothing (not even a running board)
 * @param full erase and write every sector the image touches, even unchanged ones
 * @param verify read the written memory back to compare, where the device can
 * @param leave start the new firmware afterwards (and wait for the board to come back)
 * @param force flash even if the file names another USB device or chip family
 * @param unprotect remove read protection first (erases the whole chip)
 * @param board a board running MicroPython to send into its bootloader first, as {@code -d}
 *     gives it (a serial port, {@code id:SERIAL}); empty: the one such board, if no
 *     bootloader is present
 */
public record FlashOptions(boolean dryRun, boolean full, boolean verify, boolean leave, boolean force,
        boolean unprotect, Optional<String> board) {
    /** Verify, leave, nothing forced, no board named. */
    public static final FlashOptions DEFAULTS = new FlashOptions(false, false, true, true, false, false,
            Optional.empty());
}
