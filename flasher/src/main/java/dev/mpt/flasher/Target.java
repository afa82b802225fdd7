package dev.mpt.flasher;

import java.util.List;

/**
 * The elements meant for one alternate setting of a DFU interface (a DfuSe "target").
 *
 * @param alternate the alternate setting (0 for the internal flash of an STM32)
 * @param name the target name, empty when the file names none
 */
public record Target(int alternate, String name, List<Element> elements) {
    public Target {
        elements = List.copyOf(elements);
        if (alternate < 0 || alternate > 255) {
            throw new IllegalArgumentException("alternate setting out of range: " + alternate);
        }
    }

    /** Total number of payload bytes in this target. */
    public long payloadSize() {
        return elements.stream().mapToLong(Element::size).sum();
    }
}
