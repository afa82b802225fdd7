package dev.mpt.flasher;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Reads a firmware file of any supported kind — DfuSe .dfu, plain DFU, Intel HEX, UF2, raw .bin —
 * directly or from inside a .zip, .tar.gz or .tar.xz archive.
 */
public final class ImageLoader {
    /** Largest firmware file read, also from inside an archive. */
    public static final long MAX_SIZE = 64L << 20;

    private static final List<String> FIRMWARE_EXTENSIONS = List.of(".dfu", ".hex", ".ihex", ".ihx", ".bin", ".uf2");

    private ImageLoader() {}

    /**
     * A loaded image with the name of the file (or archive member) it came from, and that
     * file's bytes (a UF2 file is copied to its bootloader's drive as it is).
     */
    public record Loaded(String name, FirmwareImage image, byte[] bytes) {}

    /**
     * Loads a firmware image.
     *
     * @param path the file
     * @param address where a raw payload (.bin, plain DFU) goes; must be empty for formats
     *     that carry their own addresses
     * @param member the archive member to use when an archive holds several firmware files
     */
    public static Loaded load(Path path, OptionalLong address, Optional<String> member) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        if (Files.isDirectory(path)) {
            throw new FlasherException(path + " is a directory, not a firmware file");
        }
        String lower = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (isArchive(lower)) {
            Entry e = fromArchive(path, lower, member);
            return new Loaded(path.getFileName() + "!" + e.name, decode(e.name, e.data, address), e.data);
        }
        if (member.isPresent()) {
            throw new FlasherException("--member applies to archives only; " + path.getFileName() + " is not one");
        }
        if (Files.size(path) > MAX_SIZE) {
            throw new FlasherException(path + " is " + Files.size(path) + " bytes, too large for a firmware file");
        }
        byte[] data = Files.readAllBytes(path);
        return new Loaded(path.getFileName().toString(), decode(lower, data, address), data);
    }

    /** Decodes file contents, using the name's extension only where the contents do not say. */
    public static FirmwareImage decode(String name, byte[] data, OptionalLong address) {
        String lower = name.toLowerCase(Locale.ROOT);
        FirmwareImage image;
        if (DfuseFile.looksLike(data)) {
            image = DfuseFile.parse(data);
        } else if (Uf2File.looksLike(data) || lower.endsWith(".uf2")) {
            image = Uf2File.parse(data).image();
        } else if (lower.endsWith(".hex") || lower.endsWith(".ihex") || lower.endsWith(".ihx")
                || (!lower.endsWith(".bin") && !lower.endsWith(".dfu") && IntelHex.looksLike(data))) {
            image = IntelHex.parse(data);
        } else if (lower.endsWith(".dfu") || (!lower.endsWith(".bin") && DfuSuffix.present(data))) {
            if (!DfuSuffix.present(data)) {
                throw new FirmwareFormatException(name + " is neither a DfuSe file nor a DFU file with a suffix");
            }
            DfuSuffix suffix = DfuSuffix.parse(data);
            byte[] payload = Arrays.copyOf(data, data.length - DfuSuffix.LENGTH);
            image = FirmwareImage.of(FirmwareImage.Format.DFU, List.of(new Element(0, payload)), Optional.of(suffix), false);
        } else {
            image = FirmwareImage.of(FirmwareImage.Format.BIN, List.of(new Element(0, data)), Optional.empty(), false);
        }
        if (address.isPresent()) {
            if (image.addressed()) {
                throw new FlasherException("--address applies to raw .bin and plain DFU files only; "
                        + name + " is " + image.format().description() + " and carries its own addresses");
            }
            long a = address.getAsLong();
            if (a < 0 || a + image.payloadSize() > 0x1_0000_0000L) {
                throw new FlasherException(String.format("--address 0x%x puts the image outside the 32-bit address space", a));
            }
            image = image.at(a);
        }
        return image;
    }

    private static boolean isArchive(String lower) {
        return lower.endsWith(".zip") || lower.endsWith(".tar.gz") || lower.endsWith(".tgz")
                || lower.endsWith(".tar.xz") || lower.endsWith(".txz") || lower.endsWith(".tar");
    }

    private record Entry(String name, byte[] data) {}

    private static Entry fromArchive(Path path, String lower, Optional<String> member) throws IOException {
        List<String> candidates = new ArrayList<>();
        Entry chosen = null;
        try {
            if (lower.endsWith(".zip")) {
                try (ZipFile zip = ZipFile.builder().setPath(path).get()) {
                    for (ZipArchiveEntry e : java.util.Collections.list(zip.getEntries())) {
                        if (e.isDirectory() || !wanted(e.getName(), member)) {
                            continue;
                        }
                        candidates.add(e.getName());
                        if (chosen == null) {
                            try (InputStream in = zip.getInputStream(e)) {
                                chosen = new Entry(e.getName(), readCapped(in, e.getName()));
                            }
                        }
                    }
                }
            } else {
                try (InputStream file = new BufferedInputStream(Files.newInputStream(path));
                        InputStream raw = decompressor(lower, file);
                        ArchiveInputStream<?> tar = new TarArchiveInputStream(raw)) {
                    ArchiveEntry e;
                    while ((e = tar.getNextEntry()) != null) {
                        if (e.isDirectory() || !wanted(e.getName(), member)) {
                            continue;
                        }
                        candidates.add(e.getName());
                        if (chosen == null) {
                            chosen = new Entry(e.getName(), readCapped(tar, e.getName()));
                        }
                    }
                }
            }
        } catch (IOException ex) {
            if (ex instanceof NoSuchFileException) {
                throw ex;
            }
            throw new FirmwareFormatException("cannot read archive " + path.getFileName() + ": " + ex.getMessage());
        }
        if (candidates.isEmpty()) {
            throw new FlasherException(member
                    .map(m -> "archive " + path.getFileName() + " has no member named " + m)
                    .orElse("archive " + path.getFileName() + " holds no firmware file (.dfu, .hex, .uf2, .bin)"));
        }
        if (candidates.size() > 1) {
            throw new FlasherException("archive " + path.getFileName() + " holds several firmware files ("
                    + String.join(", ", candidates) + "); choose one with --member NAME");
        }
        return chosen;
    }

    private static InputStream decompressor(String lower, InputStream in) throws IOException {
        if (lower.endsWith(".gz") || lower.endsWith(".tgz")) {
            return new GzipCompressorInputStream(in);
        }
        if (lower.endsWith(".xz") || lower.endsWith(".txz")) {
            return new XZCompressorInputStream(in);
        }
        return in;
    }

    private static boolean wanted(String entryName, Optional<String> member) {
        if (member.isPresent()) {
            String m = member.get();
            return entryName.equals(m) || entryName.endsWith("/" + m);
        }
        String base = entryName.substring(entryName.lastIndexOf('/') + 1);
        if (base.startsWith(".") || entryName.startsWith("__MACOSX/")) {
            return false;
        }
        String lower = base.toLowerCase(Locale.ROOT);
        return FIRMWARE_EXTENSIONS.stream().anyMatch(lower::endsWith);
    }

    private static byte[] readCapped(InputStream in, String name) throws IOException {
        byte[] data = in.readNBytes((int) MAX_SIZE + 1);
        if (data.length > MAX_SIZE) {
            throw new FlasherException("archive member " + name + " is larger than " + (MAX_SIZE >> 20) + " MiB");
        }
        return data;
    }
}
