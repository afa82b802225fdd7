package dev.mpt.compiler;

import dev.mpt.bytecode.NativeArch;
import dev.mpt.compiler.nativeasm.ArmAssembler;
import dev.mpt.compiler.nativeasm.DebugAssembler;
import dev.mpt.compiler.nativeasm.NativeAssembler;
import dev.mpt.compiler.nativeasm.Rv32Assembler;
import dev.mpt.compiler.nativeasm.ThumbNativeAssembler;
import dev.mpt.compiler.nativeasm.X64Assembler;
import dev.mpt.compiler.nativeasm.X86Assembler;
import dev.mpt.compiler.nativeasm.XtensaAssembler;
import java.util.function.Consumer;

/**
 * The architectures the native emitter generates code for, and the assembler of each. An
 * architecture missing here keeps the "not supported yet" error rather than wrong bytes.
 */
public final class NativeTargets {
    private NativeTargets() {}

    /** Whether native and viper code can be generated for {@code arch}. */
    public static boolean supports(NativeArch arch) {
        return arch == NativeArch.X86 || arch == NativeArch.X64 || arch == NativeArch.ARMV6 || isThumb(arch)
            || arch == NativeArch.RV32IMC
            || arch == NativeArch.XTENSA || arch == NativeArch.XTENSAWIN || arch == NativeArch.DEBUG;
    }

    private static boolean isThumb(NativeArch arch) {
        // (ARMv6 is an ARM-state target for the native emitter: py/asmarm.c, not Thumb)
        return arch.compareTo(NativeArch.ARMV6M) >= 0 && arch.compareTo(NativeArch.ARMV7EMDP) <= 0;
    }

    /**
     * Whether MicroPython has no native emitter at all for {@code arch} (rv64imc): its
     * decorators are an "invalid arch" error there, as without -march.
     */
    public static boolean hasNoNativeEmitter(NativeArch arch) {
        return arch == NativeArch.RV64IMC;
    }

    /** As {@link #hasNoNativeEmitter(NativeArch)}, for the -march name {@code march}. */
    public static boolean hasNoNativeEmitter(String march) {
        return NativeArch.ofMarchName(march).map(NativeTargets::hasNoNativeEmitter).orElse(false);
    }

    /** Whether native and viper code can be generated for the -march name {@code march}. */
    public static boolean supports(String march) {
        return NativeArch.ofMarchName(march).map(NativeTargets::supports).orElse(false);
    }

    /**
     * The assembler for {@code arch}; {@code archFlags} are the -march-flags (RV32 extensions);
     * {@code debugListing} receives the text of -march=debug.
     */
    static NativeAssembler assembler(NativeArch arch, long archFlags, Consumer<String> debugListing) {
        if (arch == NativeArch.DEBUG) {
            return new DebugAssembler(debugListing);
        }
        if (arch == NativeArch.RV32IMC) {
            return new Rv32Assembler(archFlags);
        }
        if (arch == NativeArch.ARMV6) {
            return new ArmAssembler();
        }
        if (arch == NativeArch.XTENSA || arch == NativeArch.XTENSAWIN) {
            return new XtensaAssembler(arch == NativeArch.XTENSAWIN);
        }
        if (arch == NativeArch.X64) {
            return new X64Assembler();
        }
        if (arch == NativeArch.X86) {
            return new X86Assembler();
        }
        if (isThumb(arch)) {
            return new ThumbNativeAssembler(arch.compareTo(NativeArch.ARMV7M) >= 0);
        }
        throw new IllegalArgumentException("no native emitter for " + arch);
    }
}
