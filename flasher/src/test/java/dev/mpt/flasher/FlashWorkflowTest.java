package dev.mpt.flasher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpt.console.Progress;
import dev.mpt.flasher.usb.DeviceChoice;
import dev.mpt.flasher.usb.DeviceSelector;
import dev.mpt.flasher.usb.DfuDevice;
import dev.mpt.flasher.workflow.DfuTarget;
import dev.mpt.flasher.workflow.FlashEvent;
import dev.mpt.flasher.workflow.FlashOptions;
import dev.mpt.flasher.workflow.FlashSummary;
import dev.mpt.flasher.workflow.FlashWorkflow;
import dev.mpt.flasher.workflow.Uf2Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole flash workflow in process: the DFU device models on a model USB bus (with
 * re-enumeration), UF2 drives in a folder, and a fake board for the REPL step before and after.
 */
class FlashWorkflowTest {
    static final long FLASH = 0x0800_0000L;
    static final String SPI = "@SPI Flash /0x90000000/64*004Kg";
    static final long SPI_START = 0x9000_0000L;
    static final long RP2040 = 0xe48bff56L;
    /** DFU functional descriptor attributes: download, upload, manifestation tolerant, will detach. */
    static final int DOWNLOAD = 0x01;
    static final int UPLOAD = 0x02;
    static final int TOLERANT = 0x04;
    static final int WILL_DETACH = 0x08;

    @TempDir
    Path dir;

    final VirtualClock clock = new VirtualClock();
    final ModelBus bus = new ModelBus();
    final FakeBoard board = new FakeBoard();
    final List<FlashEvent> events = new ArrayList<>();
    Path drive;
    DeviceChoice choice = DeviceChoice.ANY;

    @BeforeEach
    void noDriveYet() {
        drive = dir.resolve("RPI-RP2");
    }

    static FlashOptions options(boolean dryRun, boolean full, boolean leave, boolean force, boolean unprotect,
            String board) {
        return new FlashOptions(dryRun, full, true, leave, force, unprotect, Optional.ofNullable(board));
    }

    static final FlashOptions DEFAULTS = FlashOptions.DEFAULTS;
    static final FlashOptions DRY_RUN = options(true, false, true, false, false, null);

    private FlashSummary flash(FlashOptions o, ImageLoader.Loaded image) {
        FlashWorkflow w = new FlashWorkflow(List.of(new Uf2Target(drive, o, clock, Progress.NONE),
                new DfuTarget(bus, choice, Optional.empty(), o, clock, Progress.NONE)), board, o, clock);
        FlashSummary s = w.flash(image, events::add);
        assertThat(bus.openViews).as("views of the bus left open").isZero();
        return s;
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static DfuDevice dfuse(String path, String... layouts) {
        List<DfuDevice.AltSetting> alts = new ArrayList<>();
        for (int i = 0; i < layouts.length; i++) {
            alts.add(new DfuDevice.AltSetting(i, layouts[i], Optional.of(MemoryLayout.parse(layouts[i]))));
        }
        return new DfuDevice(path, "001/005", 0x0483, 0xdf11, 0x2200, "STMicroelectronics", "STM32  BOOTLOADER",
                "376A35683335", "", true, 0, alts,
                new DfuFunctionalDescriptor(DOWNLOAD | UPLOAD | WILL_DETACH, 255, DfuseDeviceModel.TRANSFER, 0x011A));
    }

    static DfuDevice plain(String path, boolean dfuMode, int attributes) {
        return new DfuDevice(path, "001/007", 0x1209, 0x70b1, 0x0100, "", dfuMode ? "Board DFU" : "Board", "", "",
                dfuMode, 0, List.of(new DfuDevice.AltSetting(0, "Flash", Optional.empty())),
                new DfuFunctionalDescriptor(attributes, 1000, PlainDfuDeviceModel.TRANSFER, 0x0110));
    }

    private ImageLoader.Loaded load(String name, byte[] bytes, OptionalLong address) throws IOException {
        return ImageLoader.load(Files.write(dir.resolve(name), bytes), address, Optional.empty());
    }

    private ImageLoader.Loaded dfuFile(int vid, int pid, Target... targets) throws IOException {
        return load("fw.dfu", DfuseFile.build(List.of(targets), vid, pid), OptionalLong.empty());
    }

    private ImageLoader.Loaded dfuFile(Element... elements) throws IOException {
        return dfuFile(0x0483, 0xdf11, new Target(0, "", List.of(elements)));
    }

    private ImageLoader.Loaded bin(byte[] data) throws IOException {
        return load("fw.bin", data, OptionalLong.empty());
    }

    private Path uf2Drive(String boardId) throws IOException {
        Files.createDirectories(drive);
        Files.writeString(drive.resolve(Uf2Drive.INFO_FILE), "UF2 Bootloader v3.0\nModel: Raspberry Pi RP2\nBoard-ID: "
                + boardId + "\n");
        return drive;
    }

    private ImageLoader.Loaded uf2(long family) throws IOException {
        return load("fw.uf2", new Uf2Builder().add(0x1000_0000L, random(3000, 5), family).bytes(), OptionalLong.empty());
    }

    private List<Class<?>> eventKinds() {
        return events.stream().<Class<?>>map(Object::getClass).toList();
    }

    // ---- DfuSe ----

    @Test
    void aDfuseImageIsFlashedVerifiedAndTheDeviceLeaves() throws IOException {
        DfuseDeviceModel model = new DfuseDeviceModel();
        clock.with(model);
        bus.plug(dfuse("1-1", DfuseDeviceModel.LAYOUT), model);
        byte[] a = random(40_000, 1);
        byte[] b = random(5_000, 2);
        FlashSummary s = flash(DEFAULTS, dfuFile(new Element(FLASH, a), new Element(FLASH + 0x20000, b)));
        // the flash was erased: the four sectors touched are programmed without an erase
        assertThat(s.result()).isEqualTo(new FlashSummary.DfuseFlashed(new Flasher.Result(0, 0, 4, 45_000, 45_000), true));
        assertThat(Arrays.copyOf(model.flash, a.length)).isEqualTo(a);
        assertThat(model.bytesAt(FLASH + 0x20000, b.length)).isEqualTo(b);
        assertThat(model.gone).as("left DFU mode").isTrue();
        assertThat(model.earlyPolls).isZero();
        assertThat(events).singleElement().isInstanceOfSatisfying(FlashEvent.DfuDeviceFound.class,
                f -> assertThat(f.plain()).isFalse());
        assertThat(s.board()).isEmpty();
        assertThat(s.back()).isEmpty();
    }

    @Test
    void eachAlternateSettingIsPlannedAndFlashedIntoItsOwnMemory() throws IOException {
        DfuseDeviceModel model = new DfuseDeviceModel(DfuseDeviceModel.LAYOUT, SPI);
        clock.with(model);
        bus.plug(dfuse("1-1", DfuseDeviceModel.LAYOUT, SPI), model);
        byte[] a = random(20_000, 3);
        byte[] c = random(10_000, 4);
        ImageLoader.Loaded image = dfuFile(0x0483, 0xdf11, new Target(0, "Internal Flash", List.of(new Element(FLASH, a))),
                new Target(1, "SPI Flash", List.of(new Element(SPI_START, c))));

        FlashSummary plan = flash(DRY_RUN, image);
        FlashSummary.DfusePlanned planned = (FlashSummary.DfusePlanned) plan.result();
        assertThat(planned.plans()).extracting(FlashSummary.AltPlan::alternate).containsExactly(0, 1);
        assertThat(planned.plans()).extracting(p -> p.plan().layout().name()).containsExactly("Internal Flash", "SPI Flash");
        assertThat(planned.plans().get(1).plan().touched()).hasSize(3);
        assertThat(model.programmedBlocks).as("a dry run writes nothing").isZero();

        bus.log.clear();
        FlashSummary s = flash(options(false, true, true, false, false, null), image);
        FlashSummary.DfuseFlashed f = (FlashSummary.DfuseFlashed) s.result();
        assertThat(f.totals().bytesWritten()).isEqualTo(30_000);
        assertThat(f.totals().bytesVerified()).isEqualTo(30_000);
        assertThat(f.totals().sectorsErased()).isEqualTo(2 + 3);
        assertThat(Arrays.copyOf(model.flash, a.length)).isEqualTo(a);
        assertThat(model.bytesAt(SPI_START, c.length)).isEqualTo(c);
        assertThat(bus.log).containsSubsequence("open 1-1 alt 0", "open 1-1 alt 1");
        assertThat(model.gone).as("left DFU mode after the last alternate setting").isTrue();
    }

    @Test
    void anAlternateSettingTheDeviceLacksIsNamed() throws IOException {
        bus.plug(dfuse("1-1", DfuseDeviceModel.LAYOUT), new DfuseDeviceModel());
        ImageLoader.Loaded image = dfuFile(0x0483, 0xdf11, new Target(1, "", List.of(new Element(SPI_START, new byte[8]))));
        assertThatThrownBy(() -> flash(DEFAULTS, image))
                .hasMessage("0483:df11 has no alternate setting 1; choose one with --alt");
        choice = new DeviceChoice(DeviceSelector.ANY, Optional.of("SPI Flash"));
        assertThatThrownBy(() -> flash(DEFAULTS, image))
                .hasMessage("0483:df11 has no alternate setting named \"SPI Flash\"; `mpt dfu list` shows them");
    }

    @Test
    void aFileForAnotherDeviceIsRefusedUnlessForced() throws IOException {
        DfuseDeviceModel model = new DfuseDeviceModel();
        bus.plug(dfuse("1-1", DfuseDeviceModel.LAYOUT), model);
        ImageLoader.Loaded other = dfuFile(0x1209, 0x0001, new Target(0, "", List.of(new Element(FLASH, new byte[8]))));
        assertThatThrownBy(() -> flash(DEFAULTS, other))
                .hasMessage("fw.dfu is for USB device 1209:0001, not 0483:df11; use --force if you are sure");
        assertThat(model.programmedBlocks).isZero();
        flash(options(false, false, true, true, false, null), other);
        assertThat(model.programmedBlocks).isEqualTo(1);
    }

    @Test
    void anImageWithoutAddressesOrDataIsExplained() throws IOException {
        bus.plug(dfuse("1-1", DfuseDeviceModel.LAYOUT), new DfuseDeviceModel());
        assertThatThrownBy(() -> flash(DEFAULTS, bin(new byte[8]))).hasMessage("fw.bin is raw binary with no "
                + "addresses; say where it goes with --address (an STM32's flash starts at 0x08000000)");
        ImageLoader.Loaded empty = load("empty.bin", new byte[0], OptionalLong.of(FLASH));
        assertThatThrownBy(() -> flash(DEFAULTS, empty)).hasMessage("empty.bin holds no data to flash");
    }

    // ---- re-enumeration ----

    @Test
    void aRuntimeDeviceIsDetachedAndFlashedWhenItComesBackInDfuMode() throws IOException {
        PlainDfuDeviceModel model = new PlainDfuDeviceModel(true);
        clock.with(model);
        bus.plug(plain("1-2", false, DOWNLOAD | UPLOAD | TOLERANT | WILL_DETACH), alt -> null)
                .detachesTo(plain("1-2", true, DOWNLOAD | UPLOAD | TOLERANT | WILL_DETACH), alt -> model, 3);
        byte[] fw = random(5000, 6);
        FlashSummary s = flash(DEFAULTS, bin(fw));
        assertThat(eventKinds()).containsExactly(FlashEvent.Detaching.class, FlashEvent.DfuDeviceFound.class);
        assertThat(((FlashEvent.DfuDeviceFound) events.get(1)).plainAlternate()).isZero();
        assertThat(bus.log).containsSubsequence("open 1-2 alt 0", "DETACH 1000 to 1-2", "re-enumerate 1-2 in DFU mode",
                "open 1-2 alt 0").doesNotContain("reset 1-2");
        assertThat(bus.looks).as("one look for a bootloader (none: no board is sent into it), one that finds the "
                + "device in runtime mode, three while it re-enumerates, one that finds it in DFU mode").isEqualTo(6);
        assertThat(s.result()).isEqualTo(new FlashSummary.PlainFlashed(5000, 5000, true));
        assertThat(model.firmware).isEqualTo(fw);
    }

    @Test
    void aDeviceThatDoesNotDetachByItselfIsReset() throws IOException {
        PlainDfuDeviceModel model = new PlainDfuDeviceModel(true);
        bus.plug(plain("1-2", false, DOWNLOAD | UPLOAD | TOLERANT), alt -> null)
                .detachesTo(plain("1-2", true, DOWNLOAD | UPLOAD | TOLERANT), alt -> model, 1);
        flash(DEFAULTS, bin(random(100, 7)));
        assertThat(bus.log).containsSubsequence("DETACH 1000 to 1-2", "reset 1-2", "re-enumerate 1-2 in DFU mode");
        assertThat(model.firmware).hasSize(100);
    }

    @Test
    void aDeviceThatRefusesDetachIsPutInItsBootloaderByHand() throws IOException {
        bus.plug(plain("1-2", false, DOWNLOAD | WILL_DETACH), alt -> null).refusesDetach = true;
        assertThatThrownBy(() -> flash(DEFAULTS, bin(new byte[16])))
                .hasMessage("1209:70b1 refused DETACH; put it in its bootloader by hand");
    }

    @Test
    void aDeviceThatStaysInItsApplicationEndsWithWhatToDo() throws IOException {
        ModelBus.Port p = bus.plug(plain("1-2", false, DOWNLOAD | WILL_DETACH), alt -> null)
                .detachesTo(plain("1-2", true, DOWNLOAD), alt -> new PlainDfuDeviceModel(true), 0);
        p.ignoresDetach = true;
        assertThatThrownBy(() -> flash(DEFAULTS, bin(new byte[16])))
                .hasMessage("1209:70b1 at 1-2 (runtime mode) \"Board\" runs its application; put it in its bootloader "
                        + "(machine.bootloader() at its REPL, or hold BOOT0 while resetting) and try again");
        assertThat(p.detaches).isEqualTo(1);
        assertThat(clock.seconds()).as("it waited for the device as long as a reset may take, no longer")
                .isEqualTo(FlashWorkflow.DFU_APPEARS.toSeconds());
    }

    @Test
    void noDeviceAtAllComesWithHints() throws IOException {
        assertThatThrownBy(() -> flash(DEFAULTS, dfuFile(new Element(FLASH, new byte[8]))))
                .hasMessageStartingWith("no DFU device found. Is the board in its bootloader")
                .hasMessageContaining("udev");
        assertThat(clock.nanos).as("no board was sent into its bootloader, so nothing to wait for").isZero();
    }

    // ---- plain DFU ----

    @Test
    void aPlainDfuDeviceThatResetsAfterManifestationIsNotReadBack() throws IOException {
        PlainDfuDeviceModel model = new PlainDfuDeviceModel(false);
        bus.plug(plain("1-3", true, DOWNLOAD | UPLOAD), alt -> model);
        byte[] fw = random(3 * PlainDfuDeviceModel.TRANSFER + 10, 8);
        FlashSummary s = flash(DEFAULTS, bin(fw));
        assertThat(s.result()).isEqualTo(new FlashSummary.PlainFlashed(fw.length, 0, false));
        assertThat(model.firmware).isEqualTo(fw);
        assertThat(model.gone).isTrue();
    }

    @Test
    void aPlainDfuDeviceTakesOneBlobOnly() throws IOException {
        PlainDfuDeviceModel model = new PlainDfuDeviceModel(true);
        bus.plug(plain("1-3", true, DOWNLOAD | UPLOAD | TOLERANT), alt -> model);
        ImageLoader.Loaded two = dfuFile(0xFFFF, 0xFFFF, new Target(0, "", List.of(new Element(FLASH, new byte[8]),
                new Element(FLASH + 0x100, new byte[8]))));
        assertThatThrownBy(() -> flash(DEFAULTS, two)).hasMessage("1209:70b1 speaks plain DFU and takes one firmware "
                + "blob; fw.dfu holds 2 separate elements");
        bus.ports.get(0).shown = plain("1-3", true, UPLOAD | TOLERANT);
        assertThatThrownBy(() -> flash(DEFAULTS, bin(new byte[8])))
                .hasMessage("1209:70b1 cannot download (its DFU functional descriptor says so)");
        bus.ports.get(0).shown = plain("1-3", true, DOWNLOAD | UPLOAD | TOLERANT);
        assertThat(flash(DRY_RUN, bin(new byte[8])).result()).isEqualTo(new FlashSummary.PlainPlanned());
        assertThat(model.log).as("a dry run sends nothing").isEmpty();
    }

    // ---- UF2 ----

    @Test
    void aUf2FileIsCopiedOntoItsDrive() throws IOException {
        uf2Drive("RPI-RP2");
        ImageLoader.Loaded image = uf2(RP2040);
        FlashSummary s = flash(DEFAULTS, image);
        assertThat(s.result()).isInstanceOfSatisfying(FlashSummary.Uf2Copied.class, c -> {
            assertThat(c.fileName()).isEqualTo("fw.uf2");
            assertThat(c.drive().root()).isEqualTo(drive);
        });
        assertThat(eventKinds()).containsExactly(FlashEvent.Uf2DriveFound.class);
        assertThat(drive.resolve("fw.uf2")).hasBinaryContent(image.bytes());
        assertThat(bus.looks).as("a UF2 file never looks at USB DFU").isZero();
    }

    @Test
    void aUf2FileForAnotherChipIsRefusedUnlessForced() throws IOException {
        uf2Drive("RP2350");
        ImageLoader.Loaded image = uf2(RP2040);
        assertThatThrownBy(() -> flash(DEFAULTS, image)).hasMessage("fw.uf2 is for RP2040 (0xe48bff56); the drive "
                + drive + " is an RP2350's, whose bootloader would ignore it (use --force to copy anyway)");
        assertThat(drive.resolve("fw.uf2")).doesNotExist();
        flash(options(false, false, true, true, false, null), image);
        assertThat(drive.resolve("fw.uf2")).exists();
    }

    @Test
    void aFolderThatIsNoUf2DriveIsExplained() throws IOException {
        Files.createDirectories(drive);
        assertThatThrownBy(() -> flash(DEFAULTS, uf2(RP2040))).hasMessageStartingWith(drive
                + " is not a UF2 bootloader drive (it has no INFO_UF2.TXT)");
    }

    @Test
    void aUf2DryRunNamesTheDriveAndCopiesNothing() throws IOException {
        uf2Drive("RPI-RP2");
        board.running = true;
        FlashSummary s = flash(DRY_RUN, uf2(RP2040));
        assertThat(s.result()).isInstanceOfSatisfying(FlashSummary.Uf2Planned.class,
                p -> assertThat(p.drives()).extracting(Uf2Drive::root).containsExactly(drive));
        assertThat(drive.resolve("fw.uf2")).doesNotExist();
        assertThat(board.log).as("a dry run touches no board").isEmpty();
    }

    // ---- the board before and after ----

    @Test
    void aRunningBoardIsSentIntoItsBootloaderFlashedAndSeenComingBack() throws IOException {
        DfuseDeviceModel model = new DfuseDeviceModel();
        clock.with(model);
        board.bootloader = () -> bus.plug(dfuse("1-1", DfuseDeviceModel.LAYOUT), model).appearsAfter(4);
        board.started = () -> model.gone;
        byte[] a = random(70_000, 21);
        FlashSummary s = flash(options(false, false, true, false, false, "/dev/ttyACM0"), dfuFile(new Element(FLASH, a)));
        assertThat(eventKinds()).containsExactly(FlashEvent.BoardSentToBootloader.class, FlashEvent.DfuDeviceFound.class);
        assertThat(((FlashEvent.BoardSentToBootloader) events.get(0)).version()).isEqualTo(FakeBoard.BEFORE);
        assertThat(bus.looks).as("four looks before the bootloader enumerates, one that finds it").isEqualTo(5);
        assertThat(Arrays.copyOf(model.flash, a.length)).isEqualTo(a);
        assertThat(s.board()).contains("/dev/ttyACM0");
        assertThat(s.back()).contains(new FlashSummary.Back("/dev/ttyACM0", FakeBoard.AFTER));
        assertThat(board.log).containsExactly("machine.bootloader() on /dev/ttyACM0", "look for 206437A1524B");
    }

    @Test
    void withoutDTheOneMicroPythonBoardIsUsedWhenNoBootloaderIsPresent() throws IOException {
        PlainDfuDeviceModel model = new PlainDfuDeviceModel(true);
        board.running = true;
        board.bootloader = () -> bus.plug(plain("1-3", true, DOWNLOAD | UPLOAD | TOLERANT), alt -> model);
        FlashSummary s = flash(DEFAULTS, bin(random(2000, 22)));
        assertThat(s.board()).contains("/dev/ttyACM0");
        assertThat(s.back()).isPresent();
        assertThat(model.firmware).hasSize(2000);
    }

    @Test
    void aBootloaderPresentLeavesTheRunningBoardAlone() throws IOException {
        board.running = true;
        bus.plug(dfuse("1-1", DfuseDeviceModel.LAYOUT), new DfuseDeviceModel());
        FlashSummary s = flash(DEFAULTS, dfuFile(new Element(FLASH, new byte[64])));
        assertThat(board.log).isEmpty();
        assertThat(s.board()).isEmpty();
        assertThat(s.back()).isEmpty();
    }

    @Test
    void aRunningBoardIsSentIntoItsUf2BootloaderAndTheDriveAwaited() throws IOException {
        board.running = true;
        int[] waits = {0};
        board.bootloader = () -> clock.with(ms -> {
            if (++waits[0] == 8) {
                try {
                    uf2Drive("RPI-RP2");
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        });
        board.started = () -> Files.exists(drive.resolve("fw.uf2"));
        FlashSummary s = flash(DEFAULTS, uf2(RP2040));
        assertThat(eventKinds()).containsExactly(FlashEvent.BoardSentToBootloader.class, FlashEvent.Uf2DriveFound.class);
        assertThat(clock.nanos).isEqualTo(8 * 250_000_000L);
        assertThat(s.back()).contains(new FlashSummary.Back("/dev/ttyACM0", FakeBoard.AFTER));
    }

    @Test
    void withNoLeaveTheDeviceStaysAndNobodyWaitsForTheBoard() throws IOException {
        DfuseDeviceModel model = new DfuseDeviceModel();
        board.bootloader = () -> bus.plug(dfuse("1-1", DfuseDeviceModel.LAYOUT), model);
        FlashSummary s = flash(options(false, false, false, false, false, "/dev/ttyACM0"),
                dfuFile(new Element(FLASH, new byte[64])));
        assertThat(s.result()).isInstanceOfSatisfying(FlashSummary.DfuseFlashed.class, f -> assertThat(f.left()).isFalse());
        assertThat(model.gone).isFalse();
        assertThat(s.board()).contains("/dev/ttyACM0");
        assertThat(s.back()).isEmpty();
    }

    @Test
    void aBoardThatDoesNotComeBackIsReportedAfterTheWait() throws IOException {
        DfuseDeviceModel model = new DfuseDeviceModel();
        board.bootloader = () -> bus.plug(dfuse("1-1", DfuseDeviceModel.LAYOUT), model);
        board.started = () -> false;
        FlashSummary s = flash(options(false, false, true, false, false, "/dev/ttyACM0"),
                dfuFile(new Element(FLASH, new byte[64])));
        assertThat(s.back()).contains(new FlashSummary.Silent(FlashWorkflow.BOARD_RETURNS));
        assertThat(clock.seconds()).isEqualTo(FlashWorkflow.BOARD_RETURNS.toSeconds());
    }

    @Test
    void aBoardThatRefusesItsBootloaderSaysWhyAndNothingIsFlashed() throws IOException {
        board.refusal = "AttributeError: 'module' object has no attribute 'bootloader'";
        assertThatThrownBy(() -> flash(options(false, false, true, false, false, "/dev/ttyACM0"),
                dfuFile(new Element(FLASH, new byte[64])))).hasMessage("the board on /dev/ttyACM0 did not enter its "
                        + "bootloader: AttributeError: 'module' object has no attribute 'bootloader'");
        assertThat(bus.looks).isZero();
    }

    @Test
    void onlyASerialPortHasABootloaderToEnter() throws IOException {
        bus.plug(dfuse("1-1", DfuseDeviceModel.LAYOUT), new DfuseDeviceModel());
        flash(options(false, false, true, false, false, "virtual"), dfuFile(new Element(FLASH, new byte[64])));
        assertThat(board.log).isEmpty();
    }

    // ---- failures and recovery ----

    @Test
    void aFailedEraseIsOneLineAndTheNextFlashWorks() throws IOException {
        DfuseDeviceModel model = new DfuseDeviceModel().fault("erase", 2, "errERASE");
        clock.with(model);
        bus.plug(dfuse("1-1", DfuseDeviceModel.LAYOUT), model);
        byte[] a = random(100_000, 9);
        ImageLoader.Loaded image = dfuFile(new Element(FLASH, a));
        FlashOptions full = options(false, true, true, false, false, null);
        assertThatThrownBy(() -> flash(full, image))
                .hasMessage("erasing the sector at 0x08004000 failed: device reports errERASE (memory erase failed)");
        FlashSummary s = flash(full, image);
        assertThat(((FlashSummary.DfuseFlashed) s.result()).totals().bytesVerified()).isEqualTo(100_000);
        assertThat(Arrays.copyOf(model.flash, a.length)).isEqualTo(a);
    }

    @Test
    void readProtectionIsExplainedAndUnprotectWipesAndFlashes() throws IOException {
        DfuseDeviceModel model = new DfuseDeviceModel();
        clock.with(model);
        model.readProtected = true;
        bus.plug(dfuse("1-1", DfuseDeviceModel.LAYOUT), model);
        byte[] a = random(20_000, 12);
        ImageLoader.Loaded image = dfuFile(new Element(FLASH, a));
        assertThatThrownBy(() -> flash(DEFAULTS, image)).hasMessage("reading at 0x08000000 failed: device reports "
                + "errVENDOR (vendor-specific error; on STM32 read protection is active: --unprotect removes it and "
                + "erases the whole chip)");
        events.clear();
        FlashSummary s = flash(options(false, false, true, false, true, null), image);
        assertThat(eventKinds()).containsExactly(FlashEvent.DfuDeviceFound.class, FlashEvent.ReadProtectionRemoved.class,
                FlashEvent.DfuDeviceFound.class);
        assertThat(model.unprotects).isEqualTo(1);
        assertThat(((FlashSummary.DfuseFlashed) s.result()).totals().bytesVerified()).isEqualTo(20_000);
        assertThat(Arrays.copyOf(model.flash, a.length)).isEqualTo(a);
    }
}
