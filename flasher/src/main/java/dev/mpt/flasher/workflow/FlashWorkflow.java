package dev.mpt.flasher.workflow;

import dev.mpt.flasher.FlasherException;
import dev.mpt.flasher.ImageLoader;
import dev.mpt.protocol.PortInfo;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One flash, whatever the board: pick the family that takes the image, send a running board
 * into its bootloader through its REPL (when named with {@code -d}, or when no bootloader is
 * present and exactly one MicroPython board is), let the family find its bootloader and flash,
 * and wait for the board to answer on serial again.
 */
public final class FlashWorkflow {
    /** How long a device may take to show up in its bootloader after a reset. */
    public static final Duration DFU_APPEARS = Duration.ofSeconds(15);
    /** How long a board may take to come back on serial after leaving its bootloader. */
    public static final Duration BOARD_RETURNS = Duration.ofSeconds(20);

    private final List<FlashTarget> families;
    private final BoardPorts boards;
    private final FlashOptions options;
    private final Clock clock;

    /** @param families the families to try, in order; the first that takes the image flashes it */
    public FlashWorkflow(List<FlashTarget> families, BoardPorts boards, FlashOptions options, Clock clock) {
        this.families = List.copyOf(families);
        this.boards = boards;
        this.options = options;
        this.clock = clock;
    }

    /**
     * Flashes the image (plans it, in a dry run).
     *
     * @param events told of each step as it begins
     * @throws FlasherException for anything a user can fix, in one line
     */
    public FlashSummary flash(ImageLoader.Loaded loaded, Consumer<FlashEvent> events) {
        if (loaded.image().payloadSize() == 0) {
            throw new FlasherException(loaded.name() + " holds no data to flash");
        }
        FlashTarget family = families.stream().filter(f -> f.takes(loaded.image())).findFirst()
                .orElseThrow(() -> new FlasherException("no flasher takes " + loaded.name() + " ("
                        + loaded.image().format().description() + ")"));
        Optional<PortInfo> board = options.dryRun() || family.handlesBoard() ? Optional.empty() : enterBootloader(family, events);
        FlashSummary.Result result = family.flash(loaded, board.isPresent() ? DFU_APPEARS : Duration.ZERO, events);
        Optional<FlashSummary.BoardReturn> back = board.isPresent() && options.leave()
                ? Optional.of(waitForBoard(board.get())) : Optional.empty();
        return new FlashSummary(result, board.map(PortInfo::path), back);
    }

    /**
     * With {@code -d}, or when no bootloader is present and exactly one MicroPython board is on
     * a serial port: sends that board into its bootloader.
     */
    private Optional<PortInfo> enterBootloader(FlashTarget family, Consumer<FlashEvent> events) {
        String given = options.board().orElse(null);
        if (given != null && (given.equals("auto") || given.equals("virtual"))) {
            return Optional.empty(); // not a serial port: only a real board has a bootloader to enter
        }
        PortInfo port;
        if (given != null) {
            port = boards.named(given);
        } else {
            if (family.present()) {
                return Optional.empty();
            }
            List<PortInfo> found = boards.micropythonBoards();
            if (found.size() != 1) {
                return Optional.empty(); // none, or ambiguous: the family's search explains what is missing
            }
            port = found.get(0);
        }
        String version = boards.enterBootloader(port);
        events.accept(new FlashEvent.BoardSentToBootloader(port, version));
        return Optional.of(port);
    }

    /** Waits for the board to answer on serial after flashing. */
    private FlashSummary.BoardReturn waitForBoard(PortInfo before) {
        long deadline = clock.nanoTime() + BOARD_RETURNS.toNanos();
        while (clock.nanoTime() < deadline) {
            Optional<FlashSummary.Back> back = boards.answer(before);
            if (back.isPresent()) {
                return back.get();
            }
            clock.pause(500);
        }
        return new FlashSummary.Silent(BOARD_RETURNS);
    }
}
