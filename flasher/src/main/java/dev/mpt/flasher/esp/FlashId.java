package dev.mpt.flasher.esp;

import java.util.OptionalLong;

/**
 * The SPI flash chip's JEDEC id, as its RDID command (0x9F) answers it.
 *
 * @param manufacturer 0xEF Winbond, 0xC8 GigaDevice, 0x20 XMC …
 * @param device       memory type and capacity bytes, e.g. 0x4016
 */
public record FlashId(int manufacturer, int device) {
    /** Decodes the three bytes RDID shifted out, as read from the SPI data register (first byte lowest). */
    static FlashId of(long w0) {
        int m = (int) (w0 & 0xff);
        int type = (int) ((w0 >> 8) & 0xff);
        int capacity = (int) ((w0 >> 16) & 0xff);
        return new FlashId(m, type << 8 | capacity);
    }

    /** The capacity the id announces, when the capacity byte is one of the usual ones (0x12 = 256 KiB … 0x1A = 64 MiB). */
    public OptionalLong size() {
        int capacity = device & 0xff;
        return capacity >= 0x12 && capacity <= 0x1A ? OptionalLong.of(1L << capacity) : OptionalLong.empty();
    }

    /** Whether the bus floated high (the flash did not answer). */
    public boolean absent() {
        return manufacturer == 0xff && device == 0xffff || manufacturer == 0 && device == 0;
    }

    @Override
    public String toString() {
        return String.format("manufacturer 0x%02x, device 0x%04x", manufacturer, device);
    }
}
