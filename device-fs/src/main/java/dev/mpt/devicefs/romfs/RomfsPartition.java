package dev.mpt.devicefs.romfs;

import dev.mpt.devicefs.RemoteFsException;
import dev.mpt.protocol.BoardException;
import dev.mpt.protocol.ExecException;
import dev.mpt.protocol.RawRepl;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * The ROMFS partitions of a board, through firmware's {@code vfs.rom_ioctl}: how many there
 * are ({@code rom_ioctl(1)}), each one's memory ({@code rom_ioctl(2, id)}: a buffer, or a
 * block device with {@code ioctl} and {@code writeblocks}), and writing one: prepare
 * ({@code rom_ioctl(3, id, length)}, which erases and gives the smallest write), write
 * ({@code rom_ioctl(4, id, offset, data)}) and finish ({@code rom_ioctl(5, id)}).
 *
 * <p>{@link #deploy} checks everything it can before it changes anything: that the board
 * has ROMFS, that the partition exists, that the image is one and fits. After writing, a
 * partition readable as a buffer is checked by the SHA-256 of what it holds.
 */
public final class RomfsPartition {
    /** What {@link #query} learns of one partition. */
    public record Info(int id, long size, long blockCount, long blockSize, byte[] start, long imageSize) {
        /** Whether the partition starts with a ROMFS header. */
        public boolean holdsImage() {
            return imageSize >= 0;
        }

        /** "ROMFS0: 131072 bytes (32 blocks of 4096 bytes)". */
        public String describe() {
            return "ROMFS" + id + ": " + size + " bytes" + (blockSize > 0
                    ? " (" + blockCount + " blocks of " + blockSize + " bytes)" : "");
        }
    }

    private static final int CHUNK = 4096;

    private final RawRepl repl;

    public RomfsPartition(RawRepl repl) {
        this.repl = repl;
    }

    /** Every ROMFS partition of the board; an error line if the firmware has no ROMFS. */
    public List<Info> query() throws IOException {
        requireRomfs();
        int count = (int) number("vfs.rom_ioctl(1)");
        List<Info> out = new ArrayList<>();
        for (int id = 0; id < count; id++) {
            out.add(info(id));
        }
        return out;
    }

    /**
     * Writes {@code image} into partition {@code id}.
     *
     * @param log one line for each step
     */
    public void deploy(int id, byte[] image, Consumer<String> log) throws IOException {
        if (image.length < 4 || !Arrays.equals(image, 0, 3, RomfsWriter.HEADER, 0, 3)) {
            throw new RemoteFsException("not a ROMFS image (it must start with d2:cd:31)");
        }
        requireRomfs();
        if (!eval("_mpt_rom=vfs.rom_ioctl(2," + id + ")\nprint(not (isinstance(_mpt_rom,int) and _mpt_rom<0))")
                .equals("True")) {
            throw new RemoteFsException("the board has no ROMFS" + id + " partition");
        }
        Info info = info(id);
        log.accept(info.describe());
        if (image.length > info.size()) {
            throw new RemoteFsException("the image (" + image.length + " bytes) does not fit in ROMFS" + id + " ("
                    + info.size() + " bytes)");
        }
        boolean blocks = info.blockSize() > 0;
        log.accept("erasing ROMFS" + id);
        run("try:\n vfs.umount('/rom')\nexcept:\n pass");
        int chunk = CHUNK;
        long minWrite = 1;
        if (blocks) {
            run("for b in range(" + ceilDiv(image.length, info.blockSize()) + "):\n _mpt_rom.ioctl(6,b)");
            chunk = (int) Math.min(CHUNK, info.blockSize());
        } else {
            minWrite = Math.max(1, number("vfs.rom_ioctl(3," + id + "," + image.length + ")"));
            chunk = (int) (ceilDiv(Math.max(chunk, minWrite), minWrite) * minWrite);
        }
        run("from binascii import a2b_base64");
        for (int off = 0; off < image.length; off += chunk) {
            // the last piece padded with zeros to a whole write (a whole block on a block device)
            long left = image.length - off;
            int len = blocks ? chunk : (int) Math.min(chunk, ceilDiv(left, minWrite) * minWrite);
            byte[] piece = Arrays.copyOfRange(image, off, off + len);
            String data = "a2b_base64('" + Base64.getEncoder().encodeToString(piece) + "')";
            if (blocks) {
                run("_mpt_rom.writeblocks(" + off / info.blockSize() + "," + data + "," + off % info.blockSize() + ")");
            } else {
                run("vfs.rom_ioctl(4," + id + "," + off + "," + data + ")");
            }
            log.accept("written " + Math.min(image.length, off + len) + " of " + image.length + " bytes");
        }
        if (!blocks) {
            run("vfs.rom_ioctl(5," + id + ")");
            String board = eval("import hashlib,binascii\n_mpt_rom=vfs.rom_ioctl(2," + id + ")\n"
                    + "print(binascii.hexlify(hashlib.sha256(bytes(memoryview(_mpt_rom)[:" + image.length
                    + "])).digest()).decode())");
            if (!board.equals(sha256(image))) {
                throw new RemoteFsException("ROMFS" + id + " does not hold the image after writing (SHA-256 differs)");
            }
            log.accept("verified: SHA-256 " + board.substring(0, 16) + "…");
        }
        run("del _mpt_rom");
    }

    private void requireRomfs() throws IOException {
        if (!eval("try:\n import vfs\n print(hasattr(vfs,'rom_ioctl'))\nexcept ImportError:\n print(False)")
                .equals("True")) {
            throw new RemoteFsException("the board's firmware has no ROMFS (no vfs.rom_ioctl)");
        }
    }

    private Info info(int id) throws IOException {
        run("_mpt_rom=vfs.rom_ioctl(2," + id + ")");
        if (eval("print(isinstance(_mpt_rom,int))").equals("True")) {
            return new Info(id, 0, 0, 0, new byte[0], -1);
        }
        long size;
        long count = 0;
        long block = 0;
        if (eval("print(hasattr(_mpt_rom,'ioctl'))").equals("True")) {
            count = number("_mpt_rom.ioctl(4,0)");
            block = number("_mpt_rom.ioctl(5,0)");
            size = count * block;
        } else {
            size = number("len(_mpt_rom)");
        }
        byte[] start = new byte[0];
        if (size > 0) {
            start = HexFormat.of().parseHex(eval("import binascii\ntry:\n print(binascii.hexlify(bytes(memoryview(_mpt_rom)"
                    + "[:" + Math.min(12, size) + "])).decode())\nexcept TypeError:\n print('')"));
        }
        long imageSize = -1;
        if (start.length >= 4 && Arrays.equals(start, 0, 3, RomfsWriter.HEADER, 0, 3)) {
            // the header's length counts what follows it: the image is the header, the length and that
            long payload = 0;
            for (int i = 3; i < start.length; i++) {
                payload = payload << 7 | (start[i] & 0x7f);
                if ((start[i] & 0x80) == 0) {
                    imageSize = i + 1 + payload;
                    break;
                }
            }
        }
        return new Info(id, size, count, block, start, imageSize);
    }

    private long number(String expr) throws IOException {
        String v = eval("print(" + expr + ")");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new RemoteFsException("the board answered " + v + " to " + expr);
        }
    }

    private String eval(String code) throws IOException {
        return run(code).strip();
    }

    private String run(String code) throws IOException {
        try {
            return repl.exec(code).stdoutText();
        } catch (ExecException e) {
            throw new RemoteFsException("ROMFS: the board raised " + e.exceptionType()
                    + (e.exceptionMessage().isEmpty() ? "" : ": " + e.exceptionMessage()));
        } catch (BoardException e) {
            throw e;
        }
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
