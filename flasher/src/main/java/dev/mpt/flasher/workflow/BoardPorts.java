package dev.mpt.flasher.workflow;

import dev.mpt.protocol.PortInfo;
import java.util.List;
import java.util.Optional;

/**
 * The serial side of a board that runs MicroPython: the first and last steps of a one-command
 * flash (send the board into its bootloader through its REPL, see it come back afterwards).
 * {@link SerialBoardPorts} is the real one; tests put a fake board behind it.
 */
public interface BoardPorts {
    /**
     * The port a {@code -d} value names: a serial port path or {@code id:SERIAL}.
     *
     * @throws dev.mpt.flasher.FlasherException if it names no serial port
     */
    PortInfo named(String spec);

    /** The serial ports on which a board runs MicroPython now (by USB id). */
    List<PortInfo> micropythonBoards();

    /**
     * Sends the board into its bootloader ({@code machine.bootloader()} through the raw REPL).
     *
     * @return the firmware the board ran
     * @throws dev.mpt.flasher.FlasherException if the board cannot be reached or stays
     */
    String enterBootloader(PortInfo port);

    /**
     * One look for the board after flashing: where it answers on serial again (found by its
     * serial number, else at its old path) and which firmware it runs; empty while it does not.
     */
    Optional<FlashSummary.Back> answer(PortInfo before);
}
