package dev.mpt.vm.extmod;

import dev.mpt.vm.PyObject;
import dev.mpt.vm.PyType;
import dev.mpt.vm.Slots;
import dev.mpt.vm.Types;
import dev.mpt.vm.VM;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A board's ROMFS partition: flash the firmware maps into memory, here a host file of a fixed
 * size (erased flash reads 0xff). {@code vfs.rom_ioctl} erases and writes it, and what is
 * written goes to the file at once, so the partition keeps its contents across soft and hard
 * resets and between runs of the board. Attach one with {@link #attach} before code runs.
 */
public final class RomPartition implements PyObject, Slots.Buffer {
    /** The erase unit: preparing a write erases whole sectors. */
    static final int SECTOR = 4096;
    /** The smallest write rom_ioctl(3) reports (as internal flash on stm32 does). */
    static final int MIN_WRITE = 16;

    private final Path file;
    private final byte[] data;

    private RomPartition(Path file, byte[] data) {
        this.file = file;
        this.data = data;
    }

    /** Whatever partition a VM has (one slot, surviving soft resets as hardware does). */
    private static final class Slot {
        RomPartition partition;
    }

    /**
     * Gives the VM's board a ROM partition of {@code size} bytes (a positive multiple of 4096)
     * kept in {@code file}: its contents are read from the file when it exists (padded with 0xff
     * or cut to the size), and the file is made (erased) when it does not.
     */
    public static void attach(VM vm, Path file, int size) throws IOException {
        if (size <= 0 || size % SECTOR != 0) {
            throw new IllegalArgumentException("ROM partition size must be a positive multiple of " + SECTOR + ": " + size);
        }
        byte[] data = new byte[size];
        Arrays.fill(data, (byte) 0xff);
        if (Files.exists(file)) {
            byte[] old = Files.readAllBytes(file);
            System.arraycopy(old, 0, data, 0, Math.min(old.length, size));
        }
        Files.write(file, data);
        vm.hardware(Slot.class, v -> new Slot()).partition = new RomPartition(file, data);
    }

    /**
     * What a board with ROMFS does when it starts (and after each soft reset): a valid image in
     * the partition is mounted at /rom, and "/rom" and "/rom/lib" join sys.path after ".frozen".
     */
    public static void boot(VM vm) {
        VfsRom.mountAtBoot(vm);
    }

    /** The VM's partition, or null when its board has none. */
    static RomPartition of(VM vm) {
        return vm.hardware(Slot.class, v -> new Slot()).partition;
    }

    int size() {
        return data.length;
    }

    /** The partition's bytes as they are now (not a copy). */
    byte[] bytes() {
        return data;
    }

    @Override
    public byte[] bufferBytes() {
        return data;
    }

    @Override
    public PyType type() {
        return Types.BYTES;
    }

    /** Erases the sectors that hold the first len bytes. */
    synchronized void erase(int len) {
        int end = Math.min(data.length, (len + SECTOR - 1) / SECTOR * SECTOR);
        Arrays.fill(data, 0, end, (byte) 0xff);
        store(0, end);
    }

    synchronized void write(int offset, byte[] b) {
        System.arraycopy(b, 0, data, offset, b.length);
        store(offset, b.length);
    }

    synchronized void sync() {
        store(0, 0);
    }

    private void store(int offset, int len) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            f.write(data, offset, len);
            f.getFD().sync();
        } catch (IOException e) {
            throw dev.mpt.vm.Errno.oserror(5);
        }
    }
}
