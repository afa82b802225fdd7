package dev.mpt.flasher;

import java.util.Arrays;

/**
 * One contiguous run of bytes to be placed at an address in device memory (a DfuSe image
 * element, one run of an Intel HEX file, or a whole raw binary).
 */
public record Element(long address, byte[] data) {
    public Element {
        if (address < 0 || address > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("address out of 32-bit range: " + address);
        }
        data = data.clone();
    }

    /** The bytes (a copy). */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Number of bytes. */
    public int size() {
        return data.length;
    }

    /** The first address after this element. */
    public long end() {
        return address + data.length;
    }

    /** The byte at an absolute address inside this element. */
    public int byteAt(long absolute) {
        return data[(int) (absolute - address)] & 0xFF;
    }

    /** Copies the part of this element that overlaps [start, start + out.length) into out. */
    public void copyOverlap(long start, byte[] out) {
        long from = Math.max(start, address);
        long to = Math.min(start + out.length, end());
        if (from < to) {
            System.arraycopy(data, (int) (from - address), out, (int) (from - start), (int) (to - from));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Element e && e.address == address && Arrays.equals(e.data, data);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(address) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return String.format("Element[0x%08x, %d bytes]", address, data.length);
    }
}
