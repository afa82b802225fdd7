package dev.mpt.flasher;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What flashing an image to one memory means: the sectors to erase (exactly those the image
 * touches) and the elements to write, checked against the device's memory layout.
 */
public record FlashPlan(MemoryLayout layout, List<Element> elements, List<Sector> touched) {
    public FlashPlan {
        elements = List.copyOf(elements);
        touched = List.copyOf(touched);
    }

    /**
     * Plans writing elements into a memory.
     *
     * @throws FlasherException if any byte lies outside the memory or in a sector that
     *     cannot be written
     */
    public static FlashPlan of(List<Element> elements, MemoryLayout layout) {
        List<Element> sorted = new ArrayList<>(elements);
        sorted.sort(Comparator.comparingLong(Element::address));
        Set<Sector> touched = new LinkedHashSet<>();
        for (Element e : sorted) {
            long a = e.address();
            while (a < e.end()) {
                long at = a;
                Sector s = layout.sectorAt(a).orElseThrow(() -> new FlasherException(String.format(
                        "image outside the device's memory: 0x%08x is not in \"%s\" (%s)",
                        at, layout.name(), layout.summary())));
                if (!s.writable()) {
                    throw new FlasherException(String.format(
                            "image writes 0x%08x, in a sector of \"%s\" that is %s, not writable", at, layout.name(),
                            s.access()));
                }
                touched.add(s);
                a = s.end();
            }
        }
        List<Sector> ordered = new ArrayList<>(touched);
        ordered.sort(Comparator.comparingLong(Sector::start));
        return new FlashPlan(layout, sorted, ordered);
    }

    /** Sectors that will be erased (the touched ones that can be). */
    public List<Sector> erase() {
        return touched.stream().filter(Sector::erasable).toList();
    }

    /**
     * Whether erasing these sectors is better done with one DfuSe mass erase: they are every
     * erasable sector of the chip's internal flash (more than one), so a mass erase wipes
     * exactly them, and in one command the device does faster than sector by sector (an
     * STM32F4 erases its 1 MiB in 8 s typical, against 8.55 s summed over its 12 sectors).
     * Other memories (option bytes, OTP, external flash behind a bootloader) never qualify.
     */
    public static boolean massErases(MemoryLayout layout, List<Sector> erase) {
        if (erase.size() < 2 || !layout.name().toLowerCase(java.util.Locale.ROOT).startsWith("internal flash")) {
            return false;
        }
        List<Sector> erasable = layout.sectors().stream().filter(Sector::erasable).toList();
        return erasable.size() == erase.size() && erase.containsAll(erasable);
    }

    /** Total bytes to write. */
    public long bytes() {
        return elements.stream().mapToLong(Element::size).sum();
    }

    /**
     * What a sector must hold after flashing: the image where it has bytes, and erased flash
     * (0xFF) elsewhere when the sector is erased.
     */
    public byte[] expected(Sector sector) {
        byte[] out = new byte[(int) sector.size()];
        java.util.Arrays.fill(out, (byte) 0xFF);
        for (Element e : elements) {
            e.copyOverlap(sector.start(), out);
        }
        return out;
    }

    /**
     * The runs of image bytes that fall into the given sectors, adjacent runs merged, in
     * address order.
     */
    public List<Element> writesWithin(List<Sector> sectors) {
        List<Element> out = new ArrayList<>();
        for (Element e : elements) {
            for (Sector s : sectors) {
                long from = Math.max(s.start(), e.address());
                long to = Math.min(s.end(), e.end());
                if (from >= to) {
                    continue;
                }
                byte[] part = java.util.Arrays.copyOfRange(e.data(), (int) (from - e.address()), (int) (to - e.address()));
                Element last = out.isEmpty() ? null : out.get(out.size() - 1);
                if (last != null && last.end() == from) {
                    byte[] joined = java.util.Arrays.copyOf(last.data(), last.size() + part.length);
                    System.arraycopy(part, 0, joined, last.size(), part.length);
                    out.set(out.size() - 1, new Element(last.address(), joined));
                } else {
                    out.add(new Element(from, part));
                }
            }
        }
        out.sort(Comparator.comparingLong(Element::address));
        return out;
    }

    /** Lines describing the plan, for --dry-run. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("memory \"%s\" %s", layout.name(), layout.summary()));
        for (Element e : elements) {
            lines.add(String.format("write 0x%08x..0x%08x (%d bytes)", e.address(), e.end() - 1, e.size()));
        }
        List<Sector> erase = erase();
        long eraseBytes = erase.stream().mapToLong(Sector::size).sum();
        lines.add(String.format("erase %d sector%s (%s)%s:", erase.size(), erase.size() == 1 ? "" : "s",
                MemoryLayout.formatSize(eraseBytes), massErases(layout, erase) ? " with one mass erase" : ""));
        for (Sector s : erase) {
            lines.add("  " + s);
        }
        return lines;
    }
}
