package dev.mpt.flasher;

/**
 * The DFU functional descriptor (DFU 1.1 section 4.1.3, type 0x21): what the device can do
 * and how much it takes per transfer.
 *
 * @param attributes bmAttributes: bit 0 can download, bit 1 can upload, bit 2 manifestation
 *     tolerant, bit 3 will detach
 * @param detachTimeoutMs wDetachTimeOut
 * @param transferSize wTransferSize, the largest DNLOAD/UPLOAD block
 * @param bcdDfuVersion 0x0110 for DFU 1.1, 0x011A for ST's DfuSe
 */
public record DfuFunctionalDescriptor(int attributes, int detachTimeoutMs, int transferSize, int bcdDfuVersion) {
    /** bDescriptorType of the DFU functional descriptor. */
    public static final int TYPE = 0x21;

    /** A device that says nothing: DFU 1.0, download only, 1 KiB transfers (dfu-util's fallback). */
    public static final DfuFunctionalDescriptor DEFAULT = new DfuFunctionalDescriptor(0x01, 1000, 1024, 0x0100);

    /** Finds and parses the functional descriptor among an interface's extra descriptor bytes. */
    public static java.util.Optional<DfuFunctionalDescriptor> find(byte[] extra) {
        int i = 0;
        while (i + 2 <= extra.length) {
            int len = extra[i] & 0xFF;
            if (len < 2) {
                break;
            }
            if ((extra[i + 1] & 0xFF) == TYPE && len >= 7 && i + len <= extra.length) {
                int attrs = extra[i + 2] & 0xFF;
                int detach = (extra[i + 3] & 0xFF) | (extra[i + 4] & 0xFF) << 8;
                int size = (extra[i + 5] & 0xFF) | (extra[i + 6] & 0xFF) << 8;
                int bcd = len >= 9 ? (extra[i + 7] & 0xFF) | (extra[i + 8] & 0xFF) << 8 : 0x0100;
                return java.util.Optional.of(new DfuFunctionalDescriptor(attrs, detach, size, bcd));
            }
            i += len;
        }
        return java.util.Optional.empty();
    }

    public boolean canDownload() {
        return (attributes & 0x01) != 0;
    }

    public boolean canUpload() {
        return (attributes & 0x02) != 0;
    }

    public boolean manifestationTolerant() {
        return (attributes & 0x04) != 0;
    }

    public boolean willDetach() {
        return (attributes & 0x08) != 0;
    }

    /** Whether the device speaks ST's DfuSe extensions. */
    public boolean dfuse() {
        return bcdDfuVersion == 0x011A;
    }

    /** One line for people. */
    public String summary() {
        return String.format("DFU %x.%02x%s, transfer size %d, %s%s%s%s, detach timeout %d ms",
                bcdDfuVersion >> 8, bcdDfuVersion & 0xFF, dfuse() ? " (DfuSe)" : "", transferSize,
                canDownload() ? "download" : "no download",
                canUpload() ? ", upload" : ", no upload",
                manifestationTolerant() ? ", manifestation tolerant" : "",
                willDetach() ? ", will detach" : "", detachTimeoutMs);
    }
}
