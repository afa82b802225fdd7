package dev.mpt.board;

import dev.mpt.bytecode.NativeArch;
import dev.mpt.compiler.VmCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The virtual board as users get it: our compiler and VM ({@link VmEngine}) behind the
 * protocol, with its filesystem in a host directory that persists between calls, like a
 * real board's flash.
 */
public final class VmBoard {
    /** The variable naming the virtual board's filesystem directory. */
    public static final String FLASH_ENV = "MPT_VIRTUAL_FLASH";

    private VmBoard() {}

    /** A virtual board (not yet started) whose filesystem is {@code flash}. */
    public static VirtualBoard create(Path flash) {
        return create(flash, -1);
    }

    /**
     * A virtual board whose filesystem is {@code flash}, holding at most {@code sizeBytes}
     * (negative: unlimited), so a full filesystem can be tried out.
     */
    public static VirtualBoard create(Path flash, long sizeBytes) {
        return create(flash, sizeBytes, false);
    }

    /**
     * As {@link #create(Path, long)}; {@code hostNetwork} gives the code the board runs the
     * host's network (socket, asyncio streams), which a board served to others must not get
     * unless whoever serves it asks.
     */
    public static VirtualBoard create(Path flash, long sizeBytes, boolean hostNetwork) {
        VmEngine engine = new VmEngine(flash, new VmCompiler(), sizeBytes);
        engine.setHostNetwork(hostNetwork);
        return new VirtualBoard(engine);
    }

    /**
     * A virtual board as {@link #create(Path, long)} makes it, with a ROMFS partition of
     * {@code romBytes} bytes (a multiple of 4096) kept in the host file {@code romFile}.
     */
    public static VirtualBoard create(Path flash, long sizeBytes, Path romFile, int romBytes) throws IOException {
        return create(flash, sizeBytes, romFile, romBytes, false);
    }

    /** As {@link #create(Path, long, Path, int)}, with the host's network when {@code hostNetwork}. */
    public static VirtualBoard create(Path flash, long sizeBytes, Path romFile, int romBytes, boolean hostNetwork)
            throws IOException {
        return create(flash, sizeBytes, romFile, romBytes, hostNetwork, NativeArch.NONE);
    }

    /**
     * The virtual board with everything {@code mpt board serve} can ask for: a ROMFS partition
     * when {@code romBytes > 0}, the host's network, and {@code arch} reported as its CPU in
     * {@code sys.implementation._mpy} (it still runs bytecode only; see {@link VmEngine#reportArch}).
     */
    public static VirtualBoard create(Path flash, long sizeBytes, Path romFile, int romBytes, boolean hostNetwork,
            NativeArch arch) throws IOException {
        VmEngine engine = new VmEngine(flash, new VmCompiler(), sizeBytes);
        engine.setHostNetwork(hostNetwork);
        if (romBytes > 0) {
            engine.attachRomPartition(romFile, romBytes);
        }
        engine.reportArch(arch);
        return new VirtualBoard(engine);
    }

    /** Where a board keeps its ROMFS partition unless told: beside its flash directory, {@code <flash>.romfs}. */
    public static Path defaultRomFile(Path flash) {
        Path f = flash.toAbsolutePath().normalize();
        return f.resolveSibling(f.getFileName() + ".romfs");
    }

    /** {@code $MPT_VIRTUAL_FLASH}, else {@code ~/.mpt/virtual-board}; created if missing. */
    public static Path defaultFlash() {
        String env = System.getenv(FLASH_ENV);
        Path dir = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".mpt", "virtual-board");
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the virtual board's filesystem " + dir, e);
        }
    }
}
