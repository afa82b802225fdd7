package dev.mpt.devicefs;

import dev.mpt.bytecode.MpyHeader;
import dev.mpt.bytecode.NativeArch;
import dev.mpt.compiler.CompileError;
import dev.mpt.compiler.CrossCompiler;
import dev.mpt.protocol.BoardException;
import java.nio.file.Path;

/**
 * The .mpy files a board loads, as its firmware says in {@code sys.implementation._mpy}:
 * the version (low byte) and the feature byte (sub-version, native architecture), the two
 * bytes after 'M' in a .mpy header. {@link #compile} turns source into a .mpy for it with
 * mpt's compiler ({@code sync --compile}).
 */
public record BoardMpy(int version, int subVersion, NativeArch arch) {

    /** Decodes {@code sys.implementation._mpy}. */
    public static BoardMpy decode(long mpy) {
        int feature = (int) (mpy >>> 8) & 0xff;
        NativeArch arch = NativeArch.ofCode((feature >>> 2) & 0x2f).orElse(NativeArch.NONE);
        return new BoardMpy((int) mpy & 0xff, feature & 3, arch);
    }

    /**
     * What the board loads; fails with one line where the firmware does not say, or loads a
     * .mpy version mpt does not write.
     */
    public static BoardMpy of(RemoteCode code) throws RemoteFsException, BoardException {
        String out = code.run("", "import sys\nprint(getattr(sys.implementation,'_mpy',-1))\n").strip();
        long v = RemoteFs.decoded("sys.implementation._mpy", () -> Long.parseLong(out));
        if (v < 0) {
            throw new RemoteFsException("the board's firmware does not say which .mpy files it loads "
                    + "(no sys.implementation._mpy); sync without --compile");
        }
        BoardMpy m = decode(v);
        if (m.version != MpyHeader.VERSION) {
            throw new RemoteFsException("the board loads .mpy version " + m.version + ", mpt compiles version "
                    + MpyHeader.VERSION + " (MicroPython v1.23 and later); sync without --compile");
        }
        return m;
    }

    /**
     * The .mpy of {@code source} for this board: bytecode, with native and viper functions
     * for its architecture where it has one; {@code sourceName} is the file name its
     * tracebacks show.
     *
     * @throws IllegalArgumentException for source that does not compile, as one line
     *                                  ("FILE, line N: SyntaxError: ...")
     */
    public byte[] compile(Path file, String sourceName, byte[] source) {
        CrossCompiler.Options options = new CrossCompiler.Options(0, MpyHeader.DEFAULT_SMALL_INT_BITS,
                arch == NativeArch.NONE ? null : arch.marchName());
        try {
            return CrossCompiler.compileToBytes(source, sourceName, options);
        } catch (CompileError e) {
            throw new IllegalArgumentException(file + (e.line() > 0 ? ", line " + e.line() : "") + ": " + e.type()
                    + (e.getMessage() == null || e.getMessage().isEmpty() ? "" : ": " + e.getMessage()));
        }
    }

    /** "6.3, x64" for {@code -v}. */
    @Override
    public String toString() {
        return version + "." + subVersion + (arch == NativeArch.NONE ? "" : ", " + arch.marchName());
    }
}
