package dev.mpt.flasher.esp;

import dev.mpt.flasher.FlasherException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What mpt reads of an Espressif app/bootloader image: the 8-byte header (magic 0xE9, segment
 * count, SPI flash mode, flash size and frequency, entry point), the 16-byte extended header
 * of the ESP32 and later (chip id, whether a SHA-256 digest follows), and the segments with
 * their XOR checksum, to tell a valid image from data that happens to start with 0xE9.
 */
public final class EspImage {
    public static final int MAGIC = 0xE9;
    static final int EXTENDED_HEADER_END = 24;

    private EspImage() {}

    /** Whether the bytes begin like an image. */
    public static boolean looksLike(byte[] data) {
        return data.length >= 8 && (data[0] & 0xff) == MAGIC;
    }

    /** The chip id of an ESP32-family image's extended header; empty for anything else. */
    public static Optional<Integer> chipId(byte[] data) {
        if (!looksLike(data) || data.length < EXTENDED_HEADER_END) {
            return Optional.empty();
        }
        return Optional.of((data[12] & 0xff) | (data[13] & 0xff) << 8);
    }

    /**
     * Refuses an image built for another chip, in one line; {@code force} lets it through.
     *
     * @param name the file, for the message
     */
    public static void checkChip(String name, byte[] data, Chip chip, boolean force) {
        if (force || chip.imageChipId() < 0) {
            return;
        }
        Optional<Integer> id = chipId(data);
        if (id.isPresent() && id.get() != chip.imageChipId() && valid(data, chip)) {
            String other = Chip.byImageChipId(id.get()).map(Chip::name).orElse("chip id " + id.get());
            throw new FlasherException(name + " is an " + other + " image but the board is an " + chip.name()
                    + " (--force flashes it anyway)");
        }
    }

    /**
     * Whether the image parses: segments within the file, the checksum byte right, and the
     * SHA-256 digest right where one is appended.
     */
    public static boolean valid(byte[] data, Chip chip) {
        return dataLength(data, chip).isPresent();
    }

    /** Where the image's checksummed part ends (the start of an appended digest), if it is valid. */
    static Optional<Integer> dataLength(byte[] data, Chip chip) {
        if (!looksLike(data)) {
            return Optional.empty();
        }
        boolean extended = chip.imageChipId() >= 0;
        int pos = extended ? EXTENDED_HEADER_END : 8;
        if (data.length < pos) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int segments = data[1] & 0xff;
        if (segments == 0 || segments > 16) {
            return Optional.empty();
        }
        int checksum = RomLoader.CHECKSUM_SEED;
        for (int i = 0; i < segments; i++) {
            if (pos + 8 > data.length) {
                return Optional.empty();
            }
            long length = b.getInt(pos + 4) & 0xFFFF_FFFFL;
            pos += 8;
            if (pos + length > data.length) {
                return Optional.empty();
            }
            for (int j = pos; j < pos + length; j++) {
                checksum ^= data[j] & 0xff;
            }
            pos += (int) length;
        }
        pos += 15 - (pos % 16); // the checksum byte ends a 16-byte line
        if (pos >= data.length || (data[pos] & 0xff) != checksum) {
            return Optional.empty();
        }
        int end = pos + 1;
        if (extended && data[23] == 1) {
            if (end + 32 > data.length || !Arrays.equals(sha256(data, end), Arrays.copyOfRange(data, end, end + 32))) {
                return Optional.empty();
            }
        }
        return Optional.of(end);
    }

    /** SPI flash modes as the header's byte 2 holds them. */
    static final Map<String, Integer> MODES = Map.of("qio", 0, "qout", 1, "dio", 2, "dout", 3);
    /** Flash frequencies, the low nibble of byte 3 (ESP32). */
    static final Map<String, Integer> FREQUENCIES = Map.of("80m", 0xF, "40m", 0x0, "26m", 0x1, "20m", 0x2);

    /**
     * The header byte for a flash size ("4MB", or a byte count), the high nibble of byte 3.
     *
     * @throws FlasherException for a size the chip family cannot name
     */
    static int sizeNibble(Chip chip, long bytes) {
        int log = Long.numberOfTrailingZeros(bytes);
        if (Long.bitCount(bytes) != 1) {
            throw new FlasherException("flash size " + bytes + " is not a power of two");
        }
        if (chip.name().equals("ESP8266")) {
            return switch (log) {
                case 19 -> 0x00;
                case 18 -> 0x10;
                case 20 -> 0x20;
                case 21 -> 0x30;
                case 22 -> 0x40;
                case 23 -> 0x80;
                case 24 -> 0x90;
                default -> throw new FlasherException("the ESP8266 header cannot name a flash size of " + bytes);
            };
        }
        if (log < 20 || log > 27) {
            throw new FlasherException("an " + chip.name() + " image header cannot name a flash size of " + bytes
                    + " bytes (1MB to 128MB)");
        }
        return (log - 20) << 4;
    }

    /** Parses "4MB", "512KB", "16MB" into bytes. */
    public static long parseSize(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        try {
            if (t.endsWith("MB")) {
                return Long.parseLong(t.substring(0, t.length() - 2)) << 20;
            }
            if (t.endsWith("KB")) {
                return Long.parseLong(t.substring(0, t.length() - 2)) << 10;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new FlasherException("--flash-size \"" + text + "\": write keep, detect, or a size such as 4MB");
    }

    /**
     * Sets the flash mode, size and frequency bytes of an image written at the bootloader
     * offset, as esptool does: only there, only for a valid image, only where the option is
     * not "keep"; a SHA-256 digest that follows is computed again.
     *
     * @param mode      "keep", qio, qout, dio, dout
     * @param frequency "keep", 80m, 40m, 26m, 20m
     * @param size      the size in bytes, or -1 to keep the header's
     * @return the image, patched or as it was
     */
    public static byte[] patchFlashParams(byte[] image, long offset, Chip chip, String mode, String frequency,
            long size) {
        if (offset != chip.bootloaderOffset() || image.length < 8
                || (mode.equals("keep") && frequency.equals("keep") && size < 0)) {
            return image;
        }
        Optional<Integer> end = dataLength(image, chip);
        if (end.isEmpty()) {
            return image; // not a valid image: leave the bytes alone
        }
        byte[] out = image.clone();
        int m = image[2] & 0xff;
        int f = image[3] & 0x0F;
        int s = image[3] & 0xF0;
        if (!mode.equals("keep")) {
            Integer v = MODES.get(mode.toLowerCase(Locale.ROOT));
            if (v == null) {
                throw new FlasherException("--flash-mode \"" + mode + "\": write keep, qio, qout, dio or dout");
            }
            m = v;
        }
        if (!frequency.equals("keep")) {
            Integer v = FREQUENCIES.get(frequency.toLowerCase(Locale.ROOT));
            if (v == null) {
                throw new FlasherException("--flash-freq \"" + frequency + "\": write keep, 80m, 40m, 26m or 20m");
            }
            f = v;
        }
        if (size >= 0) {
            s = sizeNibble(chip, size);
        }
        out[2] = (byte) m;
        out[3] = (byte) (s | f);
        if (chip.imageChipId() >= 0 && out[23] == 1 && end.get() + 32 <= out.length) {
            System.arraycopy(sha256(out, end.get()), 0, out, end.get(), 32);
        }
        return out;
    }

    private static byte[] sha256(byte[] data, int length) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(data, 0, length);
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
