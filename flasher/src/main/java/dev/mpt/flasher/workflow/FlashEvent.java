package dev.mpt.flasher.workflow;

import dev.mpt.flasher.ImageLoader;
import dev.mpt.flasher.Uf2Drive;
import dev.mpt.flasher.Uf2File;
import dev.mpt.flasher.usb.DfuDevice;
import dev.mpt.protocol.PortInfo;

/**
 * What the flash workflow reports while it goes, before the long work of each step, so that
 * a user sees which board and which image it took; the outcome comes at the end, as a
 * {@link FlashSummary}.
 */
public sealed interface FlashEvent {
    /** A board running MicroPython was sent into its bootloader through its REPL. */
    record BoardSentToBootloader(PortInfo port, String version) implements FlashEvent {}

    /** A DFU device in runtime mode is asked to switch to DFU mode (DFU_DETACH, maybe a USB reset). */
    record Detaching(DfuDevice device) implements FlashEvent {}

    /**
     * A DFU device in DFU mode was found and the image checked against it.
     *
     * @param plainAlternate for a plain DFU 1.1 device, the alternate setting that takes the
     *     image as one blob; -1 for DfuSe
     */
    record DfuDeviceFound(DfuDevice device, ImageLoader.Loaded image, int plainAlternate) implements FlashEvent {
        public boolean plain() {
            return plainAlternate >= 0;
        }
    }

    /** Read protection was removed: the chip erased itself and reset; flashing starts again. */
    record ReadProtectionRemoved() implements FlashEvent {}

    /** A UF2 bootloader drive was found and the image is about to be copied onto it. */
    record Uf2DriveFound(Uf2Drive drive, ImageLoader.Loaded image, Uf2File file) implements FlashEvent {}

    /** Something worth a line that changes nothing by itself (a fallback taken, a guess made). */
    record Note(String text) implements FlashEvent {}

    /**
     * An Espressif chip answered in its ROM loader and its flash was identified.
     *
     * @param offset where the image goes
     */
    record EspChipFound(String port, dev.mpt.flasher.esp.ChipDescription chip, dev.mpt.flasher.esp.FlashId flashId,
            long flashSize, ImageLoader.Loaded image, long offset) implements FlashEvent {}
}
