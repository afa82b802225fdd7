package dev.mpt.bytecode;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The bytecode functions that the source asked to be {@code @micropython.native}: the VM's
 * compiler makes them bytecode (the VM runs no machine code of a real CPU), and the VM still
 * treats them as firmware treats native functions where that shows — they have no
 * {@code __code__} and {@code marshal} refuses them. The mark lives as long as the raw code.
 */
public final class NativeAsBytecode {
    private static final Map<RawCode, Boolean> MARKED = Collections.synchronizedMap(new WeakHashMap<>());

    private NativeAsBytecode() {}

    public static void mark(RawCode code) {
        MARKED.put(code, Boolean.TRUE);
    }

    public static boolean isMarked(RawCode code) {
        return MARKED.containsKey(code);
    }
}
