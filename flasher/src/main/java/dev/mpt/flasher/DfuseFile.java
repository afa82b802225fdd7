package dev.mpt.flasher;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ST's DfuSe file format (UM0391): an 11-byte prefix ("DfuSe", version 1, image size, target
 * count), targets of 274-byte prefix ("Target", alternate setting, named flag, 255-byte name,
 * size, element count) each followed by elements (address, size, bytes), and the DFU suffix
 * with bcdDFU 0x011A.
 */
public final class DfuseFile {
    private static final byte[] SIGNATURE = "DfuSe".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TARGET_SIGNATURE = "Target".getBytes(StandardCharsets.US_ASCII);
    static final int PREFIX_LENGTH = 11;
    static final int TARGET_PREFIX_LENGTH = 274;
    private static final int NAME_LENGTH = 255;

    /** The name MicroPython's dfu.py gives its one target. */
    public static final String DEFAULT_TARGET_NAME = "ST...";

    private DfuseFile() {}

    /** Whether the bytes start with the DfuSe signature. */
    public static boolean looksLike(byte[] file) {
        if (file.length < SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (file[i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses and validates a DfuSe file.
     *
     * @throws FirmwareFormatException naming the first thing that is wrong
     */
    public static FirmwareImage parse(byte[] file) {
        if (!looksLike(file)) {
            throw new FirmwareFormatException("not a DfuSe file: it does not start with \"DfuSe\"");
        }
        if (file.length < PREFIX_LENGTH + DfuSuffix.LENGTH) {
            throw new FirmwareFormatException("DfuSe file truncated: " + file.length + " bytes");
        }
        DfuSuffix suffix = DfuSuffix.parse(file);
        if (suffix.bcdDfu() != DfuSuffix.BCD_DFUSE) {
            throw new FirmwareFormatException(String.format(
                    "DfuSe file has bcdDFU 0x%04x in its suffix, expected 0x011a", suffix.bcdDfu()));
        }
        ByteBuffer b = ByteBuffer.wrap(file, 0, file.length - DfuSuffix.LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        b.position(SIGNATURE.length);
        int version = b.get() & 0xFF;
        if (version != 1) {
            throw new FirmwareFormatException("DfuSe prefix version is " + version + ", only version 1 exists");
        }
        long imageSize = b.getInt() & 0xFFFF_FFFFL;
        int targetCount = b.get() & 0xFF;
        long bodyLength = file.length - DfuSuffix.LENGTH;
        if (imageSize != bodyLength) {
            throw new FirmwareFormatException("DfuSe prefix says the image is " + imageSize
                    + " bytes, but the file holds " + bodyLength + " before its suffix");
        }
        List<Target> targets = new ArrayList<>();
        for (int t = 0; t < targetCount; t++) {
            targets.add(parseTarget(b, t));
        }
        if (b.hasRemaining()) {
            throw new FirmwareFormatException(b.remaining() + " stray bytes after the last target");
        }
        FirmwareImage image = new FirmwareImage(FirmwareImage.Format.DFUSE, targets, Optional.of(suffix), true);
        image.checkNoOverlap();
        return image;
    }

    private static Target parseTarget(ByteBuffer b, int index) {
        if (b.remaining() < TARGET_PREFIX_LENGTH) {
            throw new FirmwareFormatException("target " + index + " truncated: its prefix needs 274 bytes, "
                    + b.remaining() + " left");
        }
        byte[] sig = new byte[TARGET_SIGNATURE.length];
        b.get(sig);
        if (!java.util.Arrays.equals(sig, TARGET_SIGNATURE)) {
            throw new FirmwareFormatException("target " + index + " does not start with \"Target\"");
        }
        int alternate = b.get() & 0xFF;
        boolean named = b.getInt() != 0;
        byte[] nameBytes = new byte[NAME_LENGTH];
        b.get(nameBytes);
        String name = "";
        if (named) {
            int n = 0;
            while (n < nameBytes.length && nameBytes[n] != 0) {
                n++;
            }
            name = new String(nameBytes, 0, n, StandardCharsets.ISO_8859_1);
        }
        long size = b.getInt() & 0xFFFF_FFFFL;
        long elementCount = b.getInt() & 0xFFFF_FFFFL;
        if (size > b.remaining()) {
            throw new FirmwareFormatException("target " + index + " says it holds " + size + " bytes, only "
                    + b.remaining() + " left in the file");
        }
        int end = b.position() + (int) size;
        List<Element> elements = new ArrayList<>();
        for (long e = 0; e < elementCount; e++) {
            if (end - b.position() < 8) {
                throw new FirmwareFormatException("target " + index + " element " + e + " truncated: "
                        + "the target's size leaves no room for its header");
            }
            long address = b.getInt() & 0xFFFF_FFFFL;
            long esize = b.getInt() & 0xFFFF_FFFFL;
            if (esize > end - b.position()) {
                throw new FirmwareFormatException(String.format(
                        "target %d element %d at 0x%08x says it holds %d bytes, the target has %d left",
                        index, e, address, esize, end - b.position()));
            }
            if (address + esize > 0x1_0000_0000L) {
                throw new FirmwareFormatException(String.format(
                        "target %d element %d at 0x%08x runs past the 4 GiB address space", index, e, address));
            }
            byte[] data = new byte[(int) esize];
            b.get(data);
            elements.add(new Element(address, data));
        }
        if (b.position() != end) {
            throw new FirmwareFormatException("target " + index + " has " + (end - b.position())
                    + " bytes after its " + elementCount + " elements");
        }
        return new Target(alternate, name, elements);
    }

    /**
     * Builds a DfuSe file exactly as MicroPython's {@code tools/dfu.py -b} does: each element
     * padded with zeros to a multiple of 8 bytes, targets named "ST..." unless named otherwise,
     * bcdDevice 0.
     */
    public static byte[] build(List<Target> targets, int idVendor, int idProduct) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Target t : targets) {
            ByteArrayOutputStream elements = new ByteArrayOutputStream();
            for (Element e : t.elements()) {
                int pad = (8 - e.size() % 8) % 8;
                writeInt(elements, e.address());
                writeInt(elements, e.size() + pad);
                elements.writeBytes(e.data());
                elements.writeBytes(new byte[pad]);
            }
            body.writeBytes(TARGET_SIGNATURE);
            body.write(t.alternate());
            writeInt(body, 1);
            byte[] name = new byte[NAME_LENGTH];
            byte[] given = (t.name().isEmpty() ? DEFAULT_TARGET_NAME : t.name()).getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(given, 0, name, 0, Math.min(given.length, NAME_LENGTH - 1));
            body.writeBytes(name);
            writeInt(body, elements.size());
            writeInt(body, t.elements().size());
            body.writeBytes(elements.toByteArray());
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(SIGNATURE);
        file.write(1);
        writeInt(file, body.size() + PREFIX_LENGTH);
        file.write(targets.size());
        file.writeBytes(body.toByteArray());
        return new DfuSuffix(0, idProduct, idVendor, DfuSuffix.BCD_DFUSE).appendTo(file.toByteArray());
    }

    private static void writeInt(ByteArrayOutputStream out, long v) {
        out.write((int) v);
        out.write((int) (v >>> 8));
        out.write((int) (v >>> 16));
        out.write((int) (v >>> 24));
    }
}
