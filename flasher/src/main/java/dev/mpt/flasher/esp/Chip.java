package dev.mpt.flasher.esp;

import java.util.List;
import java.util.Optional;

/**
 * One Espressif chip family as its ROM loader presents it. {@link #TABLE} holds every family
 * mpt knows; the ESP32 is the one tested end to end, the others are ready for their ROMs.
 *
 * @param name             as Espressif writes it
 * @param magic            the values its ROM leaves in the chip-detect register {@link #DETECT_REGISTER}
 * @param imageChipId      the chip id in an app image's extended header; -1 where images have none (ESP8266)
 * @param bootloaderOffset where the bootloader (and a merged firmware image) goes in flash
 * @param statusBytes      how many status bytes end the ROM's answers
 * @param beginEncryptFlag whether FLASH_BEGIN takes a fifth word (the encryption flag)
 * @param spi              where the SPI1 controller's user-command registers are
 */
public record Chip(String name, List<Long> magic, int imageChipId, long bootloaderOffset, int statusBytes,
        boolean beginEncryptFlag, SpiRegisters spi) {

    /** Read with READ_REG right after SYNC; its value names the chip family. */
    public static final long DETECT_REGISTER = 0x40001000L;

    /**
     * The SPI1 "user command" registers through which a host runs a flash command (RDID).
     *
     * @param mosiDlen offset of the MOSI bit-length register; -1 where lengths live in USR1 (ESP8266)
     */
    public record SpiRegisters(long base, int usr, int usr1, int usr2, int w0, int mosiDlen, int misoDlen) {}

    private static final SpiRegisters SPI_ESP32 = new SpiRegisters(0x3FF42000L, 0x1C, 0x20, 0x24, 0x80, 0x28, 0x2C);
    private static final SpiRegisters SPI_ESP8266 = new SpiRegisters(0x60000200L, 0x1C, 0x20, 0x24, 0x40, -1, -1);

    private static SpiRegisters later(long base) {
        return new SpiRegisters(base, 0x18, 0x1C, 0x20, 0x58, 0x24, 0x28);
    }

    public static final Chip ESP32 = new Chip("ESP32", List.of(0x00F01D83L), 0, 0x1000, 4, false, SPI_ESP32);

    /** Every known family; detection takes the first whose magic matches. */
    public static final List<Chip> TABLE = List.of(
            ESP32,
            new Chip("ESP32-S2", List.of(0x000007C6L), 2, 0x1000, 4, true, later(0x3F402000L)),
            new Chip("ESP32-S3", List.of(0x00000009L), 9, 0x0, 4, true, later(0x60002000L)),
            new Chip("ESP32-C3", List.of(0x6921506FL, 0x1B31506FL, 0x4881606FL, 0x4361606FL), 5, 0x0, 4, true,
                    later(0x60002000L)),
            new Chip("ESP32-C6", List.of(0x2CE0806FL), 13, 0x0, 4, true, later(0x60003000L)),
            new Chip("ESP8266", List.of(0xFFF0C101L), -1, 0x0, 2, false, SPI_ESP8266));

    public Chip {
        magic = List.copyOf(magic);
    }

    /** The family whose ROM leaves this value in the chip-detect register. */
    public static Optional<Chip> byMagic(long value) {
        return TABLE.stream().filter(c -> c.magic.contains(value & 0xFFFF_FFFFL)).findFirst();
    }

    /** The family an image's chip id names. */
    public static Optional<Chip> byImageChipId(int id) {
        return TABLE.stream().filter(c -> c.imageChipId == id).findFirst();
    }

    /** The family named by {@code --chip}: esp32, esp32s3, ESP32-C3 … */
    public static Optional<Chip> byName(String text) {
        String t = text.replace("-", "").toLowerCase(java.util.Locale.ROOT);
        return TABLE.stream().filter(c -> c.name.replace("-", "").toLowerCase(java.util.Locale.ROOT).equals(t))
                .findFirst();
    }
}
