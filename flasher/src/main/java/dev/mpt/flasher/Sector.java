package dev.mpt.flasher;

/**
 * One erasable unit of device memory, as a DfuSe memory layout string describes it.
 *
 * @param start first address
 * @param size bytes
 */
public record Sector(long start, long size, boolean readable, boolean erasable, boolean writable) {
    /** First address after the sector. */
    public long end() {
        return start + size;
    }

    /** Whether the address lies in this sector. */
    public boolean contains(long address) {
        return address >= start && address < end();
    }

    /** Whether [from, to) overlaps this sector. */
    public boolean overlaps(long from, long to) {
        return from < end() && to > start;
    }

    /** The DfuSe access letter: 'a' readable, 'b' erasable, 'd' writable, summed up to 'g'. */
    public char typeLetter() {
        return (char) ('a' - 1 + (readable ? 1 : 0) + (erasable ? 2 : 0) + (writable ? 4 : 0));
    }

    /** "read/erase/write", "read-only", ... for people. */
    public String access() {
        StringBuilder b = new StringBuilder();
        if (readable) {
            b.append("read");
        }
        if (erasable) {
            b.append(b.isEmpty() ? "" : "/").append("erase");
        }
        if (writable) {
            b.append(b.isEmpty() ? "" : "/").append("write");
        }
        return b.isEmpty() ? "no access" : b.toString();
    }

    @Override
    public String toString() {
        return String.format("0x%08x (%s)", start, MemoryLayout.formatSize(size));
    }
}
