package dev.mpt.bytecode;

/** Bits of a raw code's scope flags, as the prelude signature and native headers carry them. */
public final class ScopeFlags {
    private ScopeFlags() {}

    /** The four flags the bytecode prelude signature stores. */
    public static final int ALL_SIG = 0x0f;
    public static final int GENERATOR = 0x01;
    public static final int VARKEYWORDS = 0x02;
    public static final int VARARGS = 0x04;
    public static final int DEFKWARGS = 0x08;
    /** Viper code from a .mpy: relocations follow the raw code. */
    public static final int VIPERRELOC = 0x10;
    /** Viper code from a .mpy: a read-only data section follows. */
    public static final int VIPERRODATA = 0x20;
    /** Viper code from a .mpy: a zeroed data section is needed. */
    public static final int VIPERBSS = 0x40;

    /** Names of the signature flags that are set, e.g. {@code generator|varargs}. */
    public static String describe(int flags) {
        StringBuilder sb = new StringBuilder();
        String[] names = {"generator", "varkeywords", "varargs", "defkwargs"};
        for (int i = 0; i < names.length; i++) {
            if ((flags & (1 << i)) != 0) {
                sb.append(sb.isEmpty() ? "" : "|").append(names[i]);
            }
        }
        return sb.isEmpty() ? "-" : sb.toString();
    }
}
