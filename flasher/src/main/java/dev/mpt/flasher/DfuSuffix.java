package dev.mpt.flasher;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * The 16-byte suffix DFU 1.1 puts at the end of a firmware file: the device it is for, the
 * DFU version of the format, and a CRC over everything before the CRC field.
 *
 * @param bcdDevice firmware release the file is for, 0xFFFF for any
 * @param idProduct product id, 0xFFFF for any
 * @param idVendor vendor id, 0xFFFF for any
 * @param bcdDfu 0x0100 for a plain DFU 1.0/1.1 file, 0x011A for a DfuSe file
 */
public record DfuSuffix(int bcdDevice, int idProduct, int idVendor, int bcdDfu) {
    /** Length of the suffix in bytes. */
    public static final int LENGTH = 16;
    /** bcdDFU of a DfuSe file. */
    public static final int BCD_DFUSE = 0x011A;
    /** bcdDFU of a plain DFU file. */
    public static final int BCD_DFU_1_0 = 0x0100;

    /** The CRC a DFU suffix stores for these bytes: CRC-32 without the final inversion. */
    public static long crc(byte[] data, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(data, offset, length);
        return ~crc.getValue() & 0xFFFF_FFFFL;
    }

    /** Whether the file ends with the "UFD" signature and a suffix length of 16. */
    public static boolean present(byte[] file) {
        if (file.length < LENGTH) {
            return false;
        }
        int p = file.length - LENGTH;
        return file[p + 8] == 'U' && file[p + 9] == 'F' && file[p + 10] == 'D' && (file[p + 11] & 0xFF) >= LENGTH;
    }

    /**
     * Reads and checks the suffix at the end of a file.
     *
     * @throws FirmwareFormatException if the signature, length or CRC is wrong
     */
    public static DfuSuffix parse(byte[] file) {
        if (file.length < LENGTH) {
            throw new FirmwareFormatException("file too short for a DFU suffix (" + file.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(file, file.length - LENGTH, LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        int bcdDevice = b.getShort() & 0xFFFF;
        int idProduct = b.getShort() & 0xFFFF;
        int idVendor = b.getShort() & 0xFFFF;
        int bcdDfu = b.getShort() & 0xFFFF;
        byte[] sig = new byte[3];
        b.get(sig);
        int length = b.get() & 0xFF;
        long stored = b.getInt() & 0xFFFF_FFFFL;
        if (sig[0] != 'U' || sig[1] != 'F' || sig[2] != 'D') {
            throw new FirmwareFormatException("DFU suffix signature is not \"UFD\"");
        }
        if (length != LENGTH) {
            throw new FirmwareFormatException("DFU suffix length is " + length + ", expected 16");
        }
        long computed = crc(file, 0, file.length - 4);
        if (computed != stored) {
            throw new FirmwareFormatException(String.format(
                    "DFU suffix CRC mismatch: file says 0x%08x, contents give 0x%08x (file damaged?)", stored, computed));
        }
        return new DfuSuffix(bcdDevice, idProduct, idVendor, bcdDfu);
    }

    /** Appends this suffix (with its CRC over body) to body and returns the whole file. */
    public byte[] appendTo(byte[] body) {
        byte[] out = new byte[body.length + LENGTH];
        System.arraycopy(body, 0, out, 0, body.length);
        ByteBuffer b = ByteBuffer.wrap(out, body.length, LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) bcdDevice).putShort((short) idProduct).putShort((short) idVendor).putShort((short) bcdDfu);
        b.put((byte) 'U').put((byte) 'F').put((byte) 'D').put((byte) LENGTH);
        b.putInt((int) crc(out, 0, out.length - 4));
        return out;
    }

    /** "0483:df11", with "any" for the 0xFFFF wildcard. */
    public String vidPid() {
        return hex4(idVendor) + ":" + hex4(idProduct);
    }

    private static String hex4(int v) {
        return v == 0xFFFF ? "any" : String.format("%04x", v);
    }
}
