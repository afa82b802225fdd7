package dev.mpt.flasher.esp;

/** The serial loader's commands, with the names and codes Espressif's protocol documentation gives them. */
public enum RomOp {
    FLASH_BEGIN(0x02),
    FLASH_DATA(0x03),
    FLASH_END(0x04),
    MEM_BEGIN(0x05),
    MEM_END(0x06),
    MEM_DATA(0x07),
    SYNC(0x08),
    WRITE_REG(0x09),
    READ_REG(0x0A),
    SPI_SET_PARAMS(0x0B),
    SPI_ATTACH(0x0D),
    READ_FLASH_SLOW(0x0E),
    CHANGE_BAUDRATE(0x0F),
    FLASH_DEFL_BEGIN(0x10),
    FLASH_DEFL_DATA(0x11),
    FLASH_DEFL_END(0x12),
    SPI_FLASH_MD5(0x13),
    GET_SECURITY_INFO(0x14);

    private final int code;

    RomOp(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Whether the packet's checksum field covers the data (the *_DATA commands). */
    boolean checksummed() {
        return this == FLASH_DATA || this == FLASH_DEFL_DATA || this == MEM_DATA;
    }
}
