package dev.mpt.flasher.esp;

import dev.mpt.flasher.FlasherException;

/** The ROM loader answered a command with an error status; the message names the command, the address and the code. */
public final class RomException extends FlasherException {
    private final RomOp op;
    private final int code;

    RomException(RomOp op, int code, String context) {
        super(op + (context.isEmpty() ? "" : " " + context) + " failed: the chip reports " + RomStatus.describe(code));
        this.op = op;
        this.code = code;
    }

    public RomOp op() {
        return op;
    }

    /** The ROM's error code. */
    public int code() {
        return code;
    }
}
