package dev.mpt.flasher.workflow;

import dev.mpt.flasher.FlashPlan;
import dev.mpt.flasher.Flasher;
import dev.mpt.flasher.ImageLoader;
import dev.mpt.flasher.Uf2Drive;
import dev.mpt.flasher.Uf2File;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a flash did: the family's result and, where a running board was sent into its
 * bootloader, whether it came back.
 *
 * @param board the board sent into its bootloader first, if one was
 * @param back whether (and as what) that board answered again; empty when there was no board,
 *     or the device was left in its bootloader
 */
public record FlashSummary(Result result, Optional<String> board, Optional<BoardReturn> back) {
    /** The outcome of one family's flash or plan. */
    public sealed interface Result {}

    /**
     * A DfuSe device was flashed, alternate setting after alternate setting.
     *
     * @param totals the sums over every alternate setting
     * @param left whether the device was told to leave DFU mode and start the firmware
     */
    public record DfuseFlashed(Flasher.Result totals, boolean left) implements Result {}

    /**
     * A plain DFU 1.1 device took the image as one blob.
     *
     * @param stays the device stays in DFU mode (manifestation tolerant) rather than resetting
     */
    public record PlainFlashed(long bytesWritten, long bytesVerified, boolean stays) implements Result {}

    /** A .uf2 file was copied onto its bootloader's drive, which flashes it and restarts the board. */
    public record Uf2Copied(Uf2Drive drive, String fileName) implements Result {}

    /** A dry run for a DfuSe device (or a memory layout given): the plan for each alternate setting. */
    public record DfusePlanned(List<AltPlan> plans) implements Result {
        public DfusePlanned {
            plans = List.copyOf(plans);
        }
    }

    /** The plan for one alternate setting. */
    public record AltPlan(int alternate, FlashPlan plan) {}

    /** A dry run for a plain DFU device: it takes the image as one blob, there is nothing more to plan. */
    public record PlainPlanned() implements Result {}

    /** A dry run for a UF2 file: what it holds and the drives it could go to now. */
    public record Uf2Planned(ImageLoader.Loaded image, Uf2File file, List<Uf2Drive> drives) implements Result {
        public Uf2Planned {
            drives = List.copyOf(drives);
        }
    }

    /**
     * An Espressif chip took the image through its ROM loader.
     *
     * @param port      where it was reached
     * @param chip      "ESP32-D0WD-V3 (revision v3.1)"
     * @param written   offset, sizes, compression and the verified MD5
     * @param baud      the rate the data went at
     * @param patched   whether the image's flash mode/size/frequency bytes were changed
     * @param after     how the chip was left
     * @param banner    MicroPython's banner line, when the new firmware printed one
     */
    public record EspFlashed(String port, String chip, dev.mpt.flasher.esp.EspSession.Written written, int baud,
            boolean patched, dev.mpt.flasher.esp.EspSession.After after, Optional<String> banner) implements Result {}

    /** A dry run for an ESP image: where it would go (empty: the chip's bootloader offset). */
    public record EspPlanned(java.util.OptionalLong offset, int size) implements Result {}

    /** What became of the board after flashing. */
    public sealed interface BoardReturn {}

    /** The board answers on a serial port again and runs this firmware. */
    public record Back(String port, String version) implements BoardReturn {}

    /** The board did not answer on serial within the wait. */
    public record Silent(Duration waited) implements BoardReturn {}
}
