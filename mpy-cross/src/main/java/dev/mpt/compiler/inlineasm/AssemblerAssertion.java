package dev.mpt.compiler.inlineasm;

/**
 * An input on which the official mpy-cross v1.28.0 does not report an error but fails one of
 * its internal C assertions and aborts (it is built with assertions on): it prints
 * {@code mpy-cross: } followed by {@link #getMessage()} on stderr and dies of SIGABRT (status
 * 134 from a shell). The only such input the Thumb assembler knows: {@code movw}, {@code movt}
 * or {@code movwt} with {@code pc} as destination.
 */
public final class AssemblerAssertion extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AssemblerAssertion(String message) {
        super(message, null, false, false);
    }
}
