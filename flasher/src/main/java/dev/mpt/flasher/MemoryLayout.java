package dev.mpt.flasher;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory map a DfuSe device gives in the string of each alternate setting, for example
 * {@code @Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg}: a name, then one or more
 * regions of a start address followed by groups of {@code count*size[unit]type} sectors,
 * where unit is blank (bytes), K or M and type is a letter from a to g (bit 0 readable, bit 1
 * erasable, bit 2 writable, counted from 'a' = 1).
 */
public record MemoryLayout(String name, List<Sector> sectors) {
    private static final Pattern GROUP = Pattern.compile("\\s*(\\d+)\\s*\\*\\s*(\\d+)\\s*([KMB]?)\\s*([a-g])\\s*");

    public MemoryLayout {
        sectors = List.copyOf(sectors);
    }

    /** Whether an interface string looks like a DfuSe memory layout (starts with '@'). */
    public static boolean isLayout(String s) {
        return s != null && s.startsWith("@");
    }

    /**
     * Parses a DfuSe memory layout string.
     *
     * @throws FlasherException naming the part that is wrong
     */
    public static MemoryLayout parse(String s) {
        if (!isLayout(s)) {
            throw new FlasherException("not a DfuSe memory layout (no leading '@'): \"" + s + "\"");
        }
        String[] parts = s.substring(1).split("/", -1);
        String name = parts[0].strip();
        if (parts.length < 3 || (parts.length - 1) % 2 != 0) {
            throw new FlasherException("memory layout \"" + s + "\" needs /ADDRESS/SECTORS after its name");
        }
        List<Sector> sectors = new ArrayList<>();
        for (int i = 1; i < parts.length; i += 2) {
            long address = parseAddress(parts[i].strip(), s);
            for (String group : parts[i + 1].split(",")) {
                Matcher m = GROUP.matcher(group);
                if (!m.matches()) {
                    throw new FlasherException("memory layout \"" + s + "\": sector group \"" + group.strip()
                            + "\" is not COUNT*SIZE[K|M]TYPE");
                }
                int count = Integer.parseInt(m.group(1));
                long size = Long.parseLong(m.group(2)) * switch (m.group(3)) {
                    case "K" -> 1024L;
                    case "M" -> 1024L * 1024;
                    default -> 1L;
                };
                int type = m.group(4).charAt(0) - 'a' + 1;
                if (size == 0) {
                    throw new FlasherException("memory layout \"" + s + "\": sector size 0 in \"" + group.strip() + "\"");
                }
                for (int k = 0; k < count; k++) {
                    sectors.add(new Sector(address, size, (type & 1) != 0, (type & 2) != 0, (type & 4) != 0));
                    address += size;
                }
            }
        }
        return new MemoryLayout(name, sectors);
    }

    private static long parseAddress(String a, String whole) {
        try {
            if (a.startsWith("0x") || a.startsWith("0X")) {
                return Long.parseLong(a.substring(2), 16);
            }
            return Long.parseLong(a);
        } catch (NumberFormatException e) {
            throw new FlasherException("memory layout \"" + whole + "\": \"" + a + "\" is not an address");
        }
    }

    /** The sector that holds an address. */
    public Optional<Sector> sectorAt(long address) {
        for (Sector sector : sectors) {
            if (sector.contains(address)) {
                return Optional.of(sector);
            }
        }
        return Optional.empty();
    }

    /** First address of the layout. */
    public long start() {
        return sectors.isEmpty() ? 0 : sectors.get(0).start();
    }

    /** Total bytes in all sectors. */
    public long size() {
        return sectors.stream().mapToLong(Sector::size).sum();
    }

    /** Sectors overlapping [from, to), in address order. */
    public List<Sector> sectorsIn(long from, long to) {
        return sectors.stream().filter(x -> x.overlaps(from, to)).toList();
    }

    /**
     * A compact description such as
     * {@code 0x08000000 1 MiB: 4 x 16 KiB, 1 x 64 KiB, 7 x 128 KiB read/erase/write}.
     */
    public String summary() {
        if (sectors.isEmpty()) {
            return "(no sectors)";
        }
        String prev = null;
        int n = 0;
        StringBuilder groups = new StringBuilder();
        for (Sector sector : sectors) {
            String key = formatSize(sector.size()) + " " + sector.access();
            if (!key.equals(prev) && prev != null) {
                groups.append(groups.isEmpty() ? "" : ", ").append(n).append(" x ").append(prev);
                n = 0;
            }
            prev = key;
            n++;
        }
        groups.append(groups.isEmpty() ? "" : ", ").append(n).append(" x ").append(prev);
        return String.format("0x%08x, %s: %s", start(), formatSize(size()), groups);
    }

    /** 16 KiB, 1 MiB, 512 B. */
    public static String formatSize(long size) {
        if (size >= 1 << 20 && size % (1 << 20) == 0) {
            return (size >> 20) + " MiB";
        }
        if (size >= 1024 && size % 1024 == 0) {
            return (size >> 10) + " KiB";
        }
        return size + " B";
    }
}
