package dev.mpt.flasher.workflow;

import dev.mpt.flasher.FirmwareImage;
import dev.mpt.flasher.ImageLoader;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One family of bootloaders the workflow can flash: DFU 1.1 and DfuSe devices on USB
 * ({@link DfuTarget}), UF2 drives ({@link Uf2Target}); each finds its bootloader, checks the
 * image against it, flashes (or plans, in a dry run) and reports what it did.
 */
public interface FlashTarget {
    /** Whether this family flashes images of this kind. */
    boolean takes(FirmwareImage image);

    /**
     * Whether a bootloader of this family is present now; when it is and no board was named,
     * no running board is sent into its bootloader.
     */
    boolean present();

    /**
     * Whether this family reaches its bootloader itself, over the line it flashes through
     * (Espressif's ROM loader), and reports the board's return in its own result; the workflow
     * then neither sends a board into its bootloader first nor waits for it afterwards.
     */
    default boolean handlesBoard() {
        return false;
    }

    /**
     * Flashes the image (or, in a dry run, plans it), waiting up to {@code wait} for the
     * bootloader to appear.
     *
     * @throws dev.mpt.flasher.FlasherException for anything a user can fix: no bootloader, an
     *     image for another device, a failed transfer
     */
    FlashSummary.Result flash(ImageLoader.Loaded image, Duration wait, Consumer<FlashEvent> events);
}
