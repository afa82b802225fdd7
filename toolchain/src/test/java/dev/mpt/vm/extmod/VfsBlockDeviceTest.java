package dev.mpt.vm.extmod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.vm.Ops;
import dev.mpt.vm.PyBytes;
import dev.mpt.vm.PyByteArray;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * VfsFat, VfsLfs1 and VfsLfs2 on a block device (readblocks/writeblocks/ioctl with the extended
 * offsets, as a Python object gives them): mkfs writes what the unix port's writes, an image
 * saved to a file and mounted again holds what was written. The expected bytes and numbers
 * were checked against MicroPython v1.28's unix port.
 */
class VfsBlockDeviceTest {
    /** A RAM block device seen from Python: the three methods, block size 512 unless given. */
    static final class Ram {
        final byte[] data;
        final int size;
        final PyModule obj = new PyModule("ramdev");

        Ram(byte[] data, int size) {
            this.data = data;
            this.size = size;
            obj.fn("readblocks", (a, kw) -> {
                PyByteArray buf = (PyByteArray) a[1];
                int at = (int) (Ops.toLong(a[0]) * size + (a.length > 2 ? Ops.toLong(a[2]) : 0));
                System.arraycopy(data, at, buf.data, 0, buf.len);
                return PyNone.NONE;
            });
            obj.fn("writeblocks", (a, kw) -> {
                byte[] b = Ops.bytesOf(a[1]);
                int at = (int) (Ops.toLong(a[0]) * size + (a.length > 2 ? Ops.toLong(a[2]) : 0));
                System.arraycopy(b, 0, data, at, b.length);
                return PyNone.NONE;
            });
            obj.fn("ioctl", (a, kw) -> {
                long op = Ops.toLong(a[0]);
                return op == 4 ? (Object) (long) (data.length / size) : op == 5 ? (Object) (long) size : (Object) 0L;
            });
        }

        Ram(int blocks, int size) {
            this(new byte[blocks * size], size);
        }
    }

    private static Object call(Object o, String method, Object... args) {
        return Ops.call(Ops.getattr(o, method), args);
    }

    private static Object make(PyType type, Ram dev) {
        return type.maker.make(type, new Object[] {dev.obj}, null);
    }

    private static long crc(byte[] b) {
        CRC32 c = new CRC32();
        c.update(b);
        return c.getValue();
    }

    private static void write(Object fs, String path, String mode, Object data) {
        Object f = call(fs, "open", path, mode);
        call(f, "write", data);
        call(f, "close");
    }

    private static Object read(Object fs, String path, String mode) {
        Object f = call(fs, "open", path, mode);
        try {
            return call(f, "read");
        } finally {
            call(f, "close");
        }
    }

    /** ilistdir's tuples, sorted by name, as Python prints a list of them. */
    private static String listing(Object fs, String path) {
        java.util.List<String> items = new java.util.ArrayList<>();
        Object it = Ops.iter(call(fs, "ilistdir", path));
        for (Object e = Ops.next(it); e != null; e = Ops.next(it)) {
            items.add(Ops.repr(e));
        }
        java.util.Collections.sort(items);
        return "[" + String.join(", ", items) + "]";
    }

    private static int errno(Runnable r) {
        try {
            r.run();
            return 0;
        } catch (PyError e) {
            return (int) Ops.toLong(e.exc.args.items[0]);
        }
    }

    @Test
    void fatMkfsWritesTheBootSectorAndFatTheFirmwareWrites() {
        Ram dev = new Ram(50, 512);
        call(VfsFat.TYPE, "mkfs", dev.obj);
        byte[] boot = java.util.Arrays.copyOf(dev.data, 62);
        // the volume serial number (bytes 39-42) is the time of making
        java.util.Arrays.fill(boot, 39, 43, (byte) 0);
        assertThat(HexFormat.of().formatHex(boot)).isEqualTo("ebfe904d53444f53352e3000020101000100023200f801003f00ff"
                + "000000000000000000800029000000004e4f204e414d45202020204641542020202020");
        assertThat(HexFormat.of().formatHex(dev.data, 510, 520)).isEqualTo("55aaf8ffff0000000000");
        byte[] unix = new byte[dev.data.length - 4];
        System.arraycopy(dev.data, 0, unix, 0, 39);
        System.arraycopy(dev.data, 43, unix, 39, dev.data.length - 43);
        assertThat(crc(unix)).isEqualTo(0x9e93fec9L);
        Object fs = make(VfsFat.TYPE, dev);
        assertThat(Ops.repr(call(fs, "statvfs", "/"))).isEqualTo("(512, 512, 16, 16, 16, 0, 0, 0, 0, 255)");
    }

    @Test
    void lfs2MkfsIsByteForByteTheFirmwares() {
        Ram dev = new Ram(10, 128);
        call(VfsLfs2.TYPE, "mkfs", dev.obj);
        assertThat(crc(dev.data)).isEqualTo(0xa15c5830L);
        assertThat(HexFormat.of().formatHex(dev.data, 0, 24)).isEqualTo("01000000f00ffff76c6974746c6566732fe0001001000200");
        Object fs = make(VfsLfs2.TYPE, new Ram(dev.data, 128));
        assertThat(Ops.repr(call(fs, "statvfs", "/"))).isEqualTo("(128, 128, 10, 8, 8, 0, 0, 0, 0, 255)");
    }

    @Test
    void lfs1MkfsIsByteForByteTheFirmwares() {
        Ram dev = new Ram(10, 128);
        call(VfsLfs1.TYPE, "mkfs", dev.obj);
        assertThat(crc(dev.data)).isEqualTo(0xa743cc8aL);
        // block 0: revision 3, size 0x34, tail (3, 2); then the superblock entry
        assertThat(HexFormat.of().formatHex(dev.data, 0, 24)).isEqualTo("030000003400000003000000020000002e14000803000000");
        assertThat(new String(dev.data, 40, 8, StandardCharsets.ISO_8859_1)).isEqualTo("littlefs");
        Object fs = make(VfsLfs1.TYPE, new Ram(dev.data, 128));
        assertThat(Ops.repr(call(fs, "statvfs", "/"))).isEqualTo("(128, 128, 10, 6, 6, 0, 0, 0, 0, 255)");
    }

    @Test
    void lfs1ImageSavedToAFileMountsAgainAndHoldsTheFirmwaresBytes(@TempDir Path dir) throws Exception {
        byte[] image = roundTrip(VfsLfs1.TYPE, 32, dir, "(512, 512, 32, 14, 14, 0, 0, 0, 0, 255)");
        // the unix port's image after the same mkfs and writes
        assertThat(crc(image)).isEqualTo(0xf826288bL);
    }

    @Test
    void lfs1ErrorsAreTheFirmwares() {
        Object fs = assertLittlefsErrors(VfsLfs1.TYPE, 52);
        assertThat(errno(() -> call(fs, "open", "d/f/g", "w"))).isEqualTo(20);
    }

    /**
     * What both littlefs versions raise as the firmware does: their own ECORRUPT for an
     * unformatted device, then ENOTEMPTY, EEXIST, EISDIR and EEXIST again on a filesystem
     * holding d/f, which it gives back.
     */
    private static Object assertLittlefsErrors(PyType type, int corrupt) {
        assertThat(errno(() -> make(type, new Ram(16, 512)))).isEqualTo(corrupt);
        Ram dev = new Ram(32, 512);
        call(type, "mkfs", dev.obj);
        Object fs = make(type, dev);
        call(fs, "mkdir", "d");
        write(fs, "d/f", "w", "z");
        assertThat(errno(() -> call(fs, "rmdir", "d"))).isEqualTo(39);
        assertThat(errno(() -> call(fs, "mkdir", "d"))).isEqualTo(17);
        assertThat(errno(() -> call(fs, "open", "d", "r"))).isEqualTo(21);
        assertThat(errno(() -> call(fs, "open", "d/f", "x"))).isEqualTo(17);
        return fs;
    }

    /** Files, a directory and a long name written, the device saved to a file, read back from it; the image. */
    private static byte[] roundTrip(PyType type, int blocks, Path dir, String statvfs) throws Exception {
        Ram dev = new Ram(blocks, 512);
        call(type, "mkfs", dev.obj);
        Object fs = make(type, dev);
        call(fs, "mkdir", "lib");
        write(fs, "lib/A Long File Name.py", "w", "print(42)\n");
        byte[] big = new byte[5000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i % 251);
        }
        write(fs, "data.bin", "wb", new PyBytes(big));
        write(fs, "small.txt", "w", "hi");
        Path image = dir.resolve(type.name + ".img");
        Files.write(image, dev.data);

        Object again = make(type, new Ram(Files.readAllBytes(image), 512));
        assertThat(listing(again, "/")).isEqualTo(
                "[('data.bin', 32768, 0, 5000), ('lib', 16384, 0, 0), ('small.txt', 32768, 0, 2)]");
        assertThat(Ops.repr(call(again, "statvfs", "/"))).isEqualTo(statvfs);
        assertThat(Ops.bytesOf(read(again, "data.bin", "rb"))).isEqualTo(big);
        assertThat(read(again, "lib/A Long File Name.py", "r")).isEqualTo("print(42)\n");
        assertThat(errno(() -> call(again, "open", "missing", "r"))).isEqualTo(2);
        return dev.data;
    }

    @Test
    void fatImageSavedToAFileMountsAgain(@TempDir Path dir) throws Exception {
        roundTrip(VfsFat.TYPE, 64, dir, "(512, 512, 30, 17, 17, 0, 0, 0, 0, 255)");
    }

    @Test
    void lfs2ImageSavedToAFileMountsAgain(@TempDir Path dir) throws Exception {
        roundTrip(VfsLfs2.TYPE, 32, dir, "(512, 512, 32, 16, 16, 0, 0, 0, 0, 255)");
    }

    @Test
    void fatStoresLowerCaseShortNamesWithCaseFlagsAndMixedCaseAsLongNames() {
        Ram dev = new Ram(64, 512);
        call(VfsFat.TYPE, "mkfs", dev.obj);
        Object fs = make(VfsFat.TYPE, dev);
        write(fs, "foo_file.txt", "w", "x");
        write(fs, "Mixed.Txt", "w", "y");
        String all = new String(dev.data, StandardCharsets.ISO_8859_1);
        // a lower-case 8.3 name: one short entry (NTRes 0x18 says both parts are lower case)
        int at = all.indexOf("FOO_FILETXT");
        assertThat(at).isPositive();
        assertThat(dev.data[at + 12]).isEqualTo((byte) 0x18);
        // mixed case: a VFAT entry (attribute 0x0f) with the name in UTF-16 before "MIXED   TXT"
        int sfn = all.indexOf("MIXED   TXT");
        assertThat(dev.data[sfn - 32 + 11]).isEqualTo((byte) 0x0f);
        assertThat(dev.data[sfn - 32 + 1]).isEqualTo((byte) 'M');
        assertThat(dev.data[sfn - 32 + 3]).isEqualTo((byte) 'i');
        assertThat(Ops.repr(call(fs, "stat", "MIXED.TXT")).startsWith("(32768, 0, 0, 0, 0, 0, 1,")).isTrue();
    }

    /** A 4 GiB device that keeps only the sectors written (the old protocol's whole-block calls). */
    static PyModule sparse(java.util.Map<Long, byte[]> sectors, long count) {
        PyModule obj = new PyModule("sparsedev");
        obj.fn("readblocks", (a, kw) -> {
            PyByteArray buf = (PyByteArray) a[1];
            long n = Ops.toLong(a[0]);
            for (int i = 0; i < buf.len / 512; i++) {
                byte[] s = sectors.getOrDefault(n + i, new byte[512]);
                System.arraycopy(s, 0, buf.data, i * 512, 512);
            }
            return PyNone.NONE;
        });
        obj.fn("writeblocks", (a, kw) -> {
            byte[] b = Ops.bytesOf(a[1]);
            long n = Ops.toLong(a[0]);
            for (int i = 0; i < b.length / 512; i++) {
                sectors.put(n + i, java.util.Arrays.copyOfRange(b, i * 512, i * 512 + 512));
            }
            return PyNone.NONE;
        });
        obj.fn("ioctl", (a, kw) -> {
            long op = Ops.toLong(a[0]);
            return op == 4 ? (Object) count : op == 5 ? (Object) 512L : PyNone.NONE;
        });
        return obj;
    }

    @Test
    void fat32VolumeKeepsItsFsInfoFreeCount() {
        java.util.Map<Long, byte[]> sectors = new java.util.HashMap<>();
        PyModule dev = sparse(sectors, 4L * 1024 * 1024 * 1024 / 512);
        call(VfsFat.TYPE, "mkfs", dev);
        // FAT32 goes in a partition at sector 63, as FatFs's f_mkfs without FM_SFD
        assertThat(HexFormat.of().formatHex(sectors.get(0L), 446, 462)).isEqualTo("000101000cfebf0a3f000000c1ff7f00");
        Object fs = VfsFat.TYPE.maker.make(VfsFat.TYPE, new Object[] {dev}, null);
        assertThat(Ops.repr(call(fs, "statvfs", "/"))).isEqualTo("(32768, 32768, 131054, 131053, 131053, 0, 0, 0, 0, 255)");
        write(fs, "test.txt", "w", "test file");
        assertThat(Ops.repr(call(fs, "statvfs", "/"))).isEqualTo("(32768, 32768, 131054, 131052, 131052, 0, 0, 0, 0, 255)");
        byte[] fsinfo = sectors.get(64L);
        assertThat(Fat.u32(fsinfo, 488)).isEqualTo(131052L);
        Object again = VfsFat.TYPE.maker.make(VfsFat.TYPE, new Object[] {dev}, null);
        assertThat(read(again, "test.txt", "r")).isEqualTo("test file");
    }

    @Test
    void errorsAreTheFirmwares() {
        assertThat(errno(() -> call(make(VfsFat.TYPE, new Ram(16, 512)), "statvfs", "/"))).isEqualTo(19);
        assertLittlefsErrors(VfsLfs2.TYPE, 84);
    }
}
