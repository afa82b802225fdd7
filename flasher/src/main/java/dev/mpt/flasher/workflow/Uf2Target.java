package dev.mpt.flasher.workflow;

import dev.mpt.console.Progress;
import dev.mpt.flasher.FirmwareImage;
import dev.mpt.flasher.FlasherException;
import dev.mpt.flasher.ImageLoader;
import dev.mpt.flasher.Uf2Drive;
import dev.mpt.flasher.Uf2File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * UF2 bootloaders (RP2040, RP2350, SAMD, nRF52 …): the .uf2 file is copied onto the drive the
 * bootloader shows, after a check that its chip family is the drive's; the bootloader
 * flashes it and restarts the board by itself.
 */
public final class Uf2Target implements FlashTarget {
    private final Path drive;
    private final FlashOptions options;
    private final Clock clock;
    private final Progress progress;

    /** @param drive where the drive is mounted; null: the one UF2 drive mounted */
    public Uf2Target(Path drive, FlashOptions options, Clock clock, Progress progress) {
        this.drive = drive;
        this.options = options;
        this.clock = clock;
        this.progress = progress;
    }

    @Override
    public boolean takes(FirmwareImage image) {
        return image.format() == FirmwareImage.Format.UF2;
    }

    @Override
    public boolean present() {
        return !Uf2Drive.present(drive).isEmpty();
    }

    @Override
    public FlashSummary.Result flash(ImageLoader.Loaded loaded, Duration wait, Consumer<FlashEvent> events) {
        Uf2File uf2 = Uf2File.parse(loaded.bytes());
        if (options.dryRun()) {
            return new FlashSummary.Uf2Planned(loaded, uf2, Uf2Drive.present(drive));
        }
        String fileName = loaded.name().substring(loaded.name().lastIndexOf('!') + 1);
        fileName = fileName.substring(fileName.lastIndexOf('/') + 1);
        Uf2Drive target = waitForDrive(wait);
        if (!options.force()) {
            target.checkFamily(uf2, fileName);
        }
        events.accept(new FlashEvent.Uf2DriveFound(target, loaded, uf2));
        target.copy(fileName, loaded.bytes(), progress);
        return new FlashSummary.Uf2Copied(target, fileName);
    }

    /**
     * The one drive to flash, waiting up to {@code wait} for it to appear (a board just sent
     * into its bootloader needs a few seconds to show up as a drive and be mounted).
     *
     * @throws FlasherException when there is none (with what to check) or several
     */
    private Uf2Drive waitForDrive(Duration wait) {
        long deadline = clock.nanoTime() + wait.toNanos();
        while (true) {
            List<Uf2Drive> drives = Uf2Drive.present(drive);
            if (drives.size() > 1) {
                List<String> names = new ArrayList<>();
                drives.forEach(d -> names.add(d.root() + " (" + d.model() + ")"));
                throw new FlasherException("several UF2 drives are mounted: " + String.join(", ", names)
                        + "; choose one with --drive DIR");
            }
            if (drives.size() == 1) {
                return drives.get(0);
            }
            if (clock.nanoTime() >= deadline) {
                throw new FlasherException(drive != null
                        ? drive + " is not a UF2 bootloader drive (it has no " + Uf2Drive.INFO_FILE + "); is the board "
                                + "in its bootloader and the drive mounted there?"
                        : "no UF2 drive found. Is the board in its bootloader (hold BOOTSEL while plugging it in, "
                                + "double-tap reset, or run machine.bootloader())? Is its drive (e.g. RPI-RP2) mounted? "
                                + "Name its folder with --drive DIR");
            }
            clock.pause(250);
        }
    }
}
