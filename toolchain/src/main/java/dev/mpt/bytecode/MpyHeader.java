package dev.mpt.bytecode;

/**
 * The fixed start of a .mpy file: {@code 'M'}, the version, the feature byte (sub-version,
 * native architecture, arch-flags present) and the number of bits in a small int, followed
 * by the arch flags as a var-uint when the feature byte says so.
 *
 * @param version          .mpy major version; mpt reads and writes {@value #VERSION}
 * @param subVersion       native ABI sub-version (bits 0..1 of the feature byte); checked only
 *                         when {@code arch} is not {@link NativeArch#NONE}
 * @param arch             native architecture of any machine code in the file
 * @param archFlagsPresent whether the arch-flags var-uint follows the header
 * @param archFlags        architecture-specific flags (0 when absent)
 * @param smallIntBits     bits in a small int on the target (31 on 32-bit ports, 63 on 64-bit)
 */
public record MpyHeader(
        int version, int subVersion, NativeArch arch, boolean archFlagsPresent, long archFlags, int smallIntBits) {

    public static final int MAGIC = 'M';
    public static final int VERSION = 6;
    public static final int SUB_VERSION = 3;
    /** Feature-byte bit saying arch flags follow the header. */
    public static final int FEATURE_ARCH_FLAGS = 0x40;
    /** mpy-cross's default: the small-int width of a 32-bit port. */
    public static final int DEFAULT_SMALL_INT_BITS = 31;

    public MpyHeader {
        if (subVersion < 0 || subVersion > 3) {
            throw new IllegalArgumentException("sub-version must fit in 2 bits: " + subVersion);
        }
        if (smallIntBits < 0 || smallIntBits > 255) {
            throw new IllegalArgumentException("small-int bits must fit in a byte: " + smallIntBits);
        }
        if (!archFlagsPresent && archFlags != 0) {
            throw new IllegalArgumentException("arch flags given but not marked present");
        }
    }

    /** The header mpy-cross writes: bytecode only, or native code for {@code arch}. */
    public static MpyHeader of(NativeArch arch, long archFlags, int smallIntBits) {
        boolean nativeCode = arch != NativeArch.NONE;
        return new MpyHeader(VERSION, nativeCode ? SUB_VERSION : 0, arch, archFlags != 0, archFlags, smallIntBits);
    }

    /** The header of a bytecode-only file for a 32-bit port. */
    public static MpyHeader bytecode() {
        return of(NativeArch.NONE, 0, DEFAULT_SMALL_INT_BITS);
    }

    /** The third header byte. */
    public int featureByte() {
        return subVersion | arch.code() << 2 | (archFlagsPresent ? FEATURE_ARCH_FLAGS : 0);
    }
}
