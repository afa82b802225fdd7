package dev.mpt.bytecode.machine;

/**
 * One decoded machine instruction: where it starts in the code, how many bytes it takes, and
 * its text in GNU objdump's style ({@code mnemonic operands}, operands separated by commas,
 * branch targets as offsets from the start of the code). Bytes that are no instruction the
 * decoder knows are shown as a data directive ({@code .short}, {@code .word}, {@code .byte}).
 */
public record MachineInstruction(int offset, int size, String text) {

    /** The mnemonic: the text up to the first space. */
    public String mnemonic() {
        int sp = text.indexOf(' ');
        return sp < 0 ? text : text.substring(0, sp);
    }

    /** Whether the decoder knew these bytes (not a data directive). */
    public boolean known() {
        return !text.startsWith(".");
    }
}
