package dev.mpt.compiler.inlineasm;

import dev.mpt.bytecode.RawCode;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The result of assembling one function: its machine code (entry and exit sequences included),
 * the number of register arguments and the return type signature (MicroPython's native type
 * codes: 0 object, 1 bool, 2 int, 3 uint).
 */
public record AssembledFunction(byte[] code, int nPosArgs, int typeSig) {
    public AssembledFunction {
        code = code.clone();
    }

    @Override
    public byte[] code() {
        return code.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AssembledFunction
                && Arrays.equals(code, ((AssembledFunction) o).code)
                && nPosArgs == ((AssembledFunction) o).nPosArgs
                && typeSig == ((AssembledFunction) o).typeSig;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(code), nPosArgs, typeSig);
    }

    @Override
    public String toString() {
        return "AssembledFunction[" + code.length + " bytes, " + nPosArgs + " args, type " + typeSig + "]";
    }

    /** The raw code the .mpy writer stores for this function (scope flags are always 0). */
    public RawCode.Asm toRawCode() {
        return new RawCode.Asm(code, 0, nPosArgs, typeSig, List.of());
    }
}
