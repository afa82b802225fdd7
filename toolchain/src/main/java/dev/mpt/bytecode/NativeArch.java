package dev.mpt.bytecode;

import java.util.Locale;
import java.util.Optional;

/**
 * Native architectures a .mpy file can carry code for, with the codes of the header's
 * feature byte and the names {@code mpy-cross -march=} accepts.
 */
public enum NativeArch {
    NONE(0),
    X86(1),
    X64(2),
    ARMV6(3),
    ARMV6M(4),
    ARMV7M(5),
    ARMV7EM(6),
    ARMV7EMSP(7),
    ARMV7EMDP(8),
    XTENSA(9),
    XTENSAWIN(10),
    RV32IMC(11),
    RV64IMC(12),
    DEBUG(13);

    private final int code;

    NativeArch(int code) {
        this.code = code;
    }

    /** The value stored in bits 2..5 and 7 of the feature byte. */
    public int code() {
        return code;
    }

    /** The lower-case name used on the command line ({@code -march=armv7m}). */
    public String marchName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<NativeArch> ofCode(int code) {
        for (NativeArch a : values()) {
            if (a.code == code) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    public static Optional<NativeArch> ofMarchName(String name) {
        for (NativeArch a : values()) {
            if (a.marchName().equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
