package dev.mpt.flasher;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.TreeMap;

/**
 * A UF2 file (Microsoft's USB flashing format, used by the RP2040/RP2350, SAMD, nRF52 and
 * ESP32-S2/S3 bootloaders that show up as a USB drive): 512-byte blocks, each holding up to
 * 476 bytes for one flash address, with the family of chip it is meant for. Blocks marked
 * "not main flash" are skipped, as bootloaders skip them.
 *
 * <p>One file may hold images for several families (a "universal" RP2040 + RP2350 file):
 * each bootloader takes the blocks of its own family, so the parts may cover the same
 * addresses.
 *
 * @param parts one per family, in the order the file names them
 */
public record Uf2File(List<Part> parts) {
    /** The blocks of one family (NO_FAMILY when the blocks name none), as contiguous runs. */
    public record Part(long family, List<Element> elements, int blocks) {
        public Part {
            elements = List.copyOf(elements);
        }

        public long bytes() {
            return elements.stream().mapToLong(Element::size).sum();
        }

        /** "RP2040 (0xe48bff56)", or "no family ID". */
        public String familyText() {
            return family == NO_FAMILY ? "no family ID" : familyName(family);
        }
    }

    public static final long NO_FAMILY = -1;
    public static final int BLOCK = 512;
    static final int MAGIC_START0 = 0x0A324655;
    static final int MAGIC_START1 = 0x9E5D5157;
    static final int MAGIC_END = 0x0AB16F30;
    static final int FLAG_NOT_MAIN_FLASH = 0x1;
    static final int FLAG_FILE_CONTAINER = 0x1000;
    static final int FLAG_FAMILY_ID = 0x2000;
    static final int MAX_PAYLOAD = 476;

    /** Family IDs of the chips MicroPython runs on, from the UF2 family list. */
    private static final Map<Long, String> FAMILY_NAMES = Map.ofEntries(
            Map.entry(0xe48bff56L, "RP2040"),
            Map.entry(0xe48bff57L, "absolute address"),
            Map.entry(0xe48bff58L, "RP2 data"),
            Map.entry(0xe48bff59L, "RP2350 (Arm, secure)"),
            Map.entry(0xe48bff5aL, "RP2350 (RISC-V)"),
            Map.entry(0xe48bff5bL, "RP2350 (Arm, non-secure)"),
            Map.entry(0x68ed2b88L, "SAMD21"),
            Map.entry(0x55114460L, "SAMD51"),
            Map.entry(0xada52840L, "nRF52840"),
            Map.entry(0x621e937aL, "nRF52833"),
            Map.entry(0x1b57745fL, "nRF52"),
            Map.entry(0xbfdd4eeeL, "ESP32-S2"),
            Map.entry(0xc47e5767L, "ESP32-S3"),
            Map.entry(0xd42ba06cL, "ESP32-C3"),
            Map.entry(0x57755a57L, "STM32F4"),
            Map.entry(0x6d0922faL, "STM32F407"),
            Map.entry(0x53b80f00L, "STM32F7"),
            Map.entry(0x4fb2d5bdL, "i.MX RT10xx"));

    public Uf2File {
        parts = List.copyOf(parts);
    }

    /** Whether data starts with a UF2 block. */
    public static boolean looksLike(byte[] data) {
        return data.length >= BLOCK && le32(data, 0) == MAGIC_START0 && le32(data, 4) == MAGIC_START1;
    }

    /**
     * Parses a UF2 file.
     *
     * @throws FirmwareFormatException naming the block and what is wrong with it
     */
    public static Uf2File parse(byte[] data) {
        if (data.length == 0 || data.length % BLOCK != 0) {
            throw new FirmwareFormatException("not a UF2 file: its " + data.length
                    + " bytes are not a whole number of 512-byte blocks");
        }
        Map<Long, TreeMap<Long, byte[]>> byFamily = new LinkedHashMap<>();
        Map<Long, Integer> blockCounts = new LinkedHashMap<>();
        for (int b = 0; b < data.length / BLOCK; b++) {
            int o = b * BLOCK;
            if (le32(data, o) != MAGIC_START0 || le32(data, o + 4) != MAGIC_START1
                    || le32(data, o + BLOCK - 4) != MAGIC_END) {
                throw new FirmwareFormatException("UF2 block " + b + " (at byte " + o + ") has no UF2 magic numbers");
            }
            int flags = le32(data, o + 8);
            long address = le32(data, o + 12) & 0xFFFF_FFFFL;
            int size = le32(data, o + 16);
            long blockNo = le32(data, o + 20) & 0xFFFF_FFFFL;
            long count = le32(data, o + 24) & 0xFFFF_FFFFL;
            if ((flags & FLAG_FILE_CONTAINER) != 0) {
                throw new FirmwareFormatException("UF2 block " + b + " belongs to a file container (files for a drive, "
                        + "not firmware for flash)");
            }
            if ((flags & FLAG_NOT_MAIN_FLASH) != 0) {
                continue;
            }
            if (size <= 0 || size > MAX_PAYLOAD) {
                throw new FirmwareFormatException("UF2 block " + b + " says it carries " + size
                        + " bytes; a block holds 1 to " + MAX_PAYLOAD);
            }
            if (blockNo >= count) {
                throw new FirmwareFormatException("UF2 block " + b + " is number " + blockNo + " of " + count);
            }
            if (address + size > 0x1_0000_0000L) {
                throw new FirmwareFormatException(String.format("UF2 block %d runs past the 32-bit address space (0x%08x)",
                        b, address));
            }
            long family = (flags & FLAG_FAMILY_ID) != 0 ? le32(data, o + 28) & 0xFFFF_FFFFL : NO_FAMILY;
            TreeMap<Long, byte[]> chunks = byFamily.computeIfAbsent(family, f -> new TreeMap<>());
            Map.Entry<Long, byte[]> before = chunks.floorEntry(address + size - 1);
            if (before != null && before.getKey() + before.getValue().length > address) {
                throw new FirmwareFormatException(String.format(
                        "UF2 block %d writes 0x%08x, which an earlier block of its family already wrote", b,
                        Math.max(address, before.getKey())));
            }
            byte[] payload = new byte[size];
            System.arraycopy(data, o + 32, payload, 0, size);
            chunks.put(address, payload);
            blockCounts.merge(family, 1, Integer::sum);
        }
        if (byFamily.isEmpty()) {
            throw new FirmwareFormatException("the UF2 file has no block for main flash");
        }
        List<Part> parts = new ArrayList<>();
        byFamily.forEach((family, chunks) -> parts.add(new Part(family, merge(chunks), blockCounts.get(family))));
        return new Uf2File(parts);
    }

    private static List<Element> merge(TreeMap<Long, byte[]> chunks) {
        List<Element> out = new ArrayList<>();
        long start = -1;
        long end = -1;
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        for (Map.Entry<Long, byte[]> c : chunks.entrySet()) {
            if (c.getKey() != end) {
                if (start >= 0) {
                    out.add(new Element(start, run.toByteArray()));
                }
                run.reset();
                start = c.getKey();
            }
            run.writeBytes(c.getValue());
            end = c.getKey() + c.getValue().length;
        }
        out.add(new Element(start, run.toByteArray()));
        return out;
    }

    /** "RP2040 (0xe48bff56)", or the bare ID for a family mpt does not know. */
    public static String familyName(long id) {
        String name = FAMILY_NAMES.get(id);
        return name == null ? String.format("family 0x%08x", id) : String.format("%s (0x%08x)", name, id);
    }

    /** The families, named, for messages: "RP2040 (0xe48bff56)", or "no family ID". */
    public String familiesText() {
        List<String> names = new ArrayList<>();
        for (Part p : parts) {
            names.add(p.familyText());
        }
        return String.join(", ", names);
    }

    /** The image as mpt's other tools see it: one target per family, named after it. */
    public FirmwareImage image() {
        List<Target> targets = new ArrayList<>();
        for (Part p : parts) {
            targets.add(new Target(0, p.familyText(), p.elements()));
        }
        return new FirmwareImage(FirmwareImage.Format.UF2, targets, java.util.Optional.empty(), true);
    }

    private static int le32(byte[] d, int o) {
        return (d[o] & 0xFF) | (d[o + 1] & 0xFF) << 8 | (d[o + 2] & 0xFF) << 16 | (d[o + 3] & 0xFF) << 24;
    }
}
