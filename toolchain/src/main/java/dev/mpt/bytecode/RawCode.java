package dev.mpt.bytecode;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A compiled function (or module body, or class body) with the functions defined inside
 * it as children. Bytecode is what mpy-cross makes by default; native, viper and inline
 * assembler functions hold machine code for the file's {@link NativeArch}.
 *
 * <p>Arrays are copied in and out; {@link #dataLength()} and {@link #dataAt(int)} read
 * without a copy.
 */
public sealed interface RawCode {

    /** Kinds as numbered in the file (the low two bits of the kind-and-length var-uint + 2). */
    enum Kind {
        BYTECODE(2),
        NATIVE_PY(3),
        NATIVE_VIPER(4),
        NATIVE_ASM(5);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    Kind kind();

    /** The function data: bytecode with its prelude, or machine code. */
    byte[] data();

    int dataLength();

    byte dataAt(int i);

    List<RawCode> children();

    /** A bytecode function: prelude then opcodes. */
    record Bytecode(byte[] data, List<RawCode> children) implements RawCode {
        public Bytecode {
            data = data.clone();
            children = List.copyOf(children);
        }

        public Kind kind() {
            return Kind.BYTECODE;
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        public int dataLength() {
            return data.length;
        }

        public byte dataAt(int i) {
            return data[i];
        }

        /** The decoded prelude. */
        public Prelude prelude() throws MpyFormatException {
            return Prelude.decode(data, 0);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytecode b && Arrays.equals(data, b.data) && children.equals(b.children);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(data), children);
        }

        @Override
        public String toString() {
            return "Bytecode[" + data.length + " bytes, " + children.size() + " children]";
        }
    }

    /**
     * A {@code @micropython.native} function: machine code with a bytecode-style prelude at
     * {@code preludeOffset}.
     */
    record NativePy(byte[] data, int preludeOffset, List<RawCode> children) implements RawCode {
        public NativePy {
            data = data.clone();
            children = List.copyOf(children);
        }

        public Kind kind() {
            return Kind.NATIVE_PY;
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        public int dataLength() {
            return data.length;
        }

        public byte dataAt(int i) {
            return data[i];
        }

        public Prelude prelude() throws MpyFormatException {
            return Prelude.decode(data, preludeOffset);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof NativePy n && Arrays.equals(data, n.data) && preludeOffset == n.preludeOffset
                    && children.equals(n.children);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(data), preludeOffset, children);
        }

        @Override
        public String toString() {
            return "NativePy[" + data.length + " bytes, prelude at " + preludeOffset + ", " + children.size()
                    + " children]";
        }
    }

    /**
     * A {@code @micropython.viper} function. Files made by mpy-cross have scope flags 0; files
     * linked from C by MicroPython's mpy_ld add read-only data, a BSS size and relocations
     * (kept as the raw relocation stream, ending in 0xff).
     */
    record Viper(byte[] data, int scopeFlags, byte[] rodata, long bssSize, byte[] relocations,
            List<RawCode> children) implements RawCode {
        public Viper {
            data = data.clone();
            rodata = rodata.clone();
            relocations = relocations.clone();
            children = List.copyOf(children);
            if ((scopeFlags & ScopeFlags.VIPERRODATA) == 0 && rodata.length != 0) {
                throw new IllegalArgumentException("rodata without the VIPERRODATA flag");
            }
            if ((scopeFlags & ScopeFlags.VIPERBSS) == 0 && bssSize != 0) {
                throw new IllegalArgumentException("bss without the VIPERBSS flag");
            }
            if ((scopeFlags & ScopeFlags.VIPERRELOC) == 0 && relocations.length != 0) {
                throw new IllegalArgumentException("relocations without the VIPERRELOC flag");
            }
        }

        /** A viper function as mpy-cross writes it: no extra sections. */
        public Viper(byte[] data, List<RawCode> children) {
            this(data, 0, new byte[0], 0, new byte[0], children);
        }

        public Kind kind() {
            return Kind.NATIVE_VIPER;
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public byte[] rodata() {
            return rodata.clone();
        }

        @Override
        public byte[] relocations() {
            return relocations.clone();
        }

        public int dataLength() {
            return data.length;
        }

        public byte dataAt(int i) {
            return data[i];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Viper v && Arrays.equals(data, v.data) && scopeFlags == v.scopeFlags
                    && Arrays.equals(rodata, v.rodata) && bssSize == v.bssSize
                    && Arrays.equals(relocations, v.relocations) && children.equals(v.children);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(data), scopeFlags, Arrays.hashCode(rodata), bssSize,
                    Arrays.hashCode(relocations), children);
        }

        @Override
        public String toString() {
            return "Viper[" + data.length + " bytes, flags " + scopeFlags + ", " + children.size() + " children]";
        }
    }

    /**
     * An {@code @micropython.asm_thumb} (or other inline assembler) function: machine code,
     * the number of positional arguments and the argument type signature.
     */
    record Asm(byte[] data, int scopeFlags, int nPosArgs, int typeSig, List<RawCode> children)
            implements RawCode {
        public Asm {
            data = data.clone();
            children = List.copyOf(children);
        }

        public Kind kind() {
            return Kind.NATIVE_ASM;
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        public int dataLength() {
            return data.length;
        }

        public byte dataAt(int i) {
            return data[i];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Asm a && Arrays.equals(data, a.data) && scopeFlags == a.scopeFlags
                    && nPosArgs == a.nPosArgs && typeSig == a.typeSig && children.equals(a.children);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(data), scopeFlags, nPosArgs, typeSig, children);
        }

        @Override
        public String toString() {
            return "Asm[" + data.length + " bytes, " + nPosArgs + " args]";
        }
    }
}
