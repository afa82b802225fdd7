package dev.mpt.flasher;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a firmware file holds: targets of addressed elements, and the DFU suffix if the file
 * had one.
 *
 * @param format the kind of file it was read from
 * @param targets one target per alternate setting (a single target with alternate 0 for
 *     formats that name none)
 * @param suffix the file's DFU suffix, if any
 * @param addressed false for a raw payload (.bin, plain DFU file) given without an address:
 *     its element sits at 0 and cannot be flashed to a DfuSe device until one is given
 */
public record FirmwareImage(Format format, List<Target> targets, Optional<DfuSuffix> suffix, boolean addressed) {

    /** The file formats mpt reads. */
    public enum Format {
        DFUSE("DfuSe .dfu"),
        DFU("plain DFU (suffix only)"),
        HEX("Intel HEX"),
        BIN("raw binary"),
        UF2("UF2");

        private final String description;

        Format(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public FirmwareImage {
        targets = List.copyOf(targets);
    }

    /** A single-target image at alternate setting 0. */
    public static FirmwareImage of(Format format, List<Element> elements, Optional<DfuSuffix> suffix, boolean addressed) {
        return new FirmwareImage(format, List.of(new Target(0, "", elements)), suffix, addressed);
    }

    /** All elements of all targets. */
    public List<Element> elements() {
        List<Element> all = new ArrayList<>();
        targets.forEach(t -> all.addAll(t.elements()));
        return all;
    }

    /** Total payload bytes. */
    public long payloadSize() {
        return targets.stream().mapToLong(Target::payloadSize).sum();
    }

    /** The same payload moved to start at base (for raw payloads given --address). */
    public FirmwareImage at(long base) {
        List<Target> moved = new ArrayList<>();
        for (Target t : targets) {
            List<Element> es = new ArrayList<>();
            for (Element e : t.elements()) {
                es.add(new Element(base + e.address(), e.data()));
            }
            moved.add(new Target(t.alternate(), t.name(), es));
        }
        return new FirmwareImage(format, moved, suffix, true);
    }

    /**
     * Checks that no two elements of one target overlap.
     *
     * @throws FirmwareFormatException naming the two elements that overlap
     */
    public void checkNoOverlap() {
        for (Target t : targets) {
            List<Element> sorted = new ArrayList<>(t.elements());
            sorted.sort(Comparator.comparingLong(Element::address));
            for (int i = 1; i < sorted.size(); i++) {
                Element a = sorted.get(i - 1);
                Element b = sorted.get(i);
                if (b.address() < a.end()) {
                    throw new FirmwareFormatException(String.format(
                            "elements overlap: 0x%08x..0x%08x and 0x%08x..0x%08x",
                            a.address(), a.end() - 1, b.address(), b.end() - 1));
                }
            }
        }
    }
}
