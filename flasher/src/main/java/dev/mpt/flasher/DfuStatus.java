package dev.mpt.flasher;

/** The status codes of DFU 1.1 (section 6.1.2), each with what it means for the user. */
public enum DfuStatus {
    OK(0x00, "OK", "no error"),
    ERR_TARGET(0x01, "errTARGET", "the file is not for this device, or an address lies outside its memory"),
    ERR_FILE(0x02, "errFILE", "the device rejected the file as failing its own checks"),
    ERR_WRITE(0x03, "errWRITE", "the device could not write the memory"),
    ERR_ERASE(0x04, "errERASE", "memory erase failed"),
    ERR_CHECK_ERASED(0x05, "errCHECK_ERASED", "memory was not erased where it had to be"),
    ERR_PROG(0x06, "errPROG", "programming the memory failed"),
    ERR_VERIFY(0x07, "errVERIFY", "the memory did not read back what was programmed (not erased first, or worn out)"),
    ERR_ADDRESS(0x08, "errADDRESS", "the data runs past the end of the device's memory"),
    ERR_NOTDONE(0x09, "errNOTDONE", "the device got the end of the download but thinks data is missing"),
    ERR_FIRMWARE(0x0A, "errFIRMWARE", "the device's firmware is corrupt; it cannot leave DFU mode"),
    ERR_VENDOR(0x0B, "errVENDOR", "vendor-specific error; on STM32 read protection is active: --unprotect removes it and erases the whole chip"),
    ERR_USBR(0x0C, "errUSBR", "the device saw an unexpected USB reset"),
    ERR_POR(0x0D, "errPOR", "the device saw an unexpected power-on reset"),
    ERR_UNKNOWN(0x0E, "errUNKNOWN", "the device failed for an unknown reason"),
    ERR_STALLEDPKT(0x0F, "errSTALLEDPKT", "the device refused a request it did not expect in its state");

    private static final DfuStatus[] BY_CODE = values();

    private final int code;
    private final String specName;
    private final String meaning;

    DfuStatus(int code, String specName, String meaning) {
        this.code = code;
        this.specName = specName;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    /** The name the specification uses, e.g. errTARGET. */
    public String specName() {
        return specName;
    }

    /** What the status means for the user. */
    public String meaning() {
        return meaning;
    }

    /** The status for a code; unknown codes read as errUNKNOWN. */
    public static DfuStatus of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : ERR_UNKNOWN;
    }

    @Override
    public String toString() {
        return specName;
    }
}
