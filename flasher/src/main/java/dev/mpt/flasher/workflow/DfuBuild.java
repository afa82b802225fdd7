package dev.mpt.flasher.workflow;

import dev.mpt.flasher.DfuseFile;
import dev.mpt.flasher.Element;
import dev.mpt.flasher.FirmwareImage;
import dev.mpt.flasher.FlasherException;
import dev.mpt.flasher.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A DfuSe file from raw binaries, each at its address, byte for byte as MicroPython's tools/dfu.py makes it. */
public final class DfuBuild {
    /** A raw binary and where it goes. */
    public record Part(long address, Path file) {}

    private DfuBuild() {}

    /**
     * Reads the binaries and builds the file: one target (alternate setting 0), an element per binary.
     *
     * @throws NoSuchFileException for a binary that is not there
     * @throws FlasherException for a binary past the 32-bit address space, or two that overlap
     */
    public static byte[] build(List<Part> parts, int vid, int pid) throws IOException {
        List<Element> elements = new ArrayList<>();
        for (Part p : parts) {
            if (!Files.isRegularFile(p.file())) {
                throw new NoSuchFileException(p.file().toString());
            }
            byte[] data = Files.readAllBytes(p.file());
            if (p.address() + data.length > 0x1_0000_0000L) {
                throw new FlasherException(p.file() + " at " + String.format("0x%08x", p.address())
                        + " runs past the 32-bit address space");
            }
            elements.add(new Element(p.address(), data));
        }
        FirmwareImage.of(FirmwareImage.Format.DFUSE, elements, Optional.empty(), true).checkNoOverlap();
        return DfuseFile.build(List.of(new Target(0, "", elements)), vid, pid);
    }
}
