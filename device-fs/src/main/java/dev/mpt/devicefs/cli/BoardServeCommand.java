package dev.mpt.devicefs.cli;

import dev.mpt.board.BoardServer;
import dev.mpt.bytecode.NativeArch;
import dev.mpt.board.PtyBridge;
import dev.mpt.board.VirtualBoard;
import dev.mpt.board.VmBoard;
import dev.mpt.text.ByteSize;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mpt board serve}: the virtual board on a TCP port (and optionally a pty) for other tools. */
@Command(name = "board", mixinStandardHelpOptions = true, description = "The virtual board.",
        subcommands = BoardServeCommand.Serve.class)
public final class BoardServeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Serve the virtual board (our compiler and VM behind MicroPython's REPL protocol) on a "
                    + "TCP port bound to 127.0.0.1, and with --pty also on a serial-port-like path, so mpt, "
                    + "mpremote, picocom or any other tool can talk to it. Runs until interrupted."},
            footer = {"", "Examples:", "  mpt board serve --port 7777          # then: mpt -d socket://127.0.0.1:7777 repl",
                "  mpt board serve --pty /tmp/mpt-board  # then: mpremote connect /tmp/mpt-board",
                "  mpt board serve --romfs-size 128k     # then: mpremote ... romfs deploy DIR",
                "  mpt board serve --host-network        # its code may open sockets on this host",
                "  mpt board serve --arch armv7emsp      # mip install then picks armv7emsp .mpy builds"})
    static final class Serve implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--port", paramLabel = "PORT", description = "TCP port on 127.0.0.1 (default 0: any free port).")
        int port;

        @Option(names = "--pty", paramLabel = "PATH", description = "Also make a pseudo-terminal at PATH (needs socat).")
        Path pty;

        @Option(names = "--flash", paramLabel = "DIR", description = "The board's filesystem (default $MPT_VIRTUAL_FLASH, "
                + "else ~/.mpt/virtual-board).")
        Path flash;

        @Option(names = "--host-network", description = "Let the code the board runs use this host's network "
                + "(socket, asyncio streams) as a board on a LAN would. Off by default: anyone who can reach the "
                + "board's port runs code on it.")
        boolean hostNetwork;

        @Option(names = "--size", paramLabel = "BYTES", description = "Limit the filesystem to BYTES (e.g. 64k, 2M); "
                + "writes past it fail as on a full flash (default: no limit).")
        String size;

        @Option(names = "--romfs-size", paramLabel = "BYTES", description = "Give the board a ROMFS partition of BYTES "
                + "(a multiple of 4k, e.g. 128k) for vfs.rom_ioctl and romfs deploy; an image in it is mounted at /rom "
                + "(default: no partition).")
        String romfsSize;

        @Option(names = "--romfs-file", paramLabel = "FILE", description = "The host file that keeps the ROMFS partition "
                + "(default: <flash>.romfs beside the flash directory).")
        Path romfsFile;

        @Option(names = "--arch", paramLabel = "ARCH", description = "Report ARCH (x86, x64, armv6, armv6m, armv7m, "
                + "armv7em, armv7emsp, armv7emdp, xtensa, xtensawin, rv32imc, rv64imc) as the board's CPU in "
                + "sys.implementation._mpy, as the firmware of such a board does, so that tools which pick .mpy builds "
                + "by architecture (mip install, sync --compile) can be tried on it. Native code still cannot run "
                + "there: the board runs bytecode only, and a .mpy holding machine code (for ARCH or any other) is "
                + "refused at import with ValueError: incompatible .mpy arch (default: no architecture).")
        String arch;

        @Override
        public Integer call() throws IOException, InterruptedException {
            NativeArch cpu = arch == null ? NativeArch.NONE : parseArch(arch);
            Path dir = flash != null ? Files.createDirectories(flash) : VmBoard.defaultFlash();
            long limit = size == null ? -1 : parseSize(size);
            int rom = romfsSize == null ? 0 : parseRomSize(romfsSize);
            Path romFile = romfsFile != null ? romfsFile : VmBoard.defaultRomFile(dir);
            PrintWriter out = spec.commandLine().getOut();
            CountDownLatch stop = new CountDownLatch(1);
            try (VirtualBoard board = VmBoard.create(dir, limit, romFile, rom, hostNetwork, cpu);
                    BoardServer server = BoardServer.listen(board, port);
                    PtyBridge bridge = pty == null ? null : PtyBridge.start(pty, server.port(), Duration.ofSeconds(5))) {
                out.println("virtual board serving " + dir + (limit < 0 ? "" : " (" + limit + " bytes)")
                        + (hostNetwork ? ", with the host's network" : "")
                        + (cpu == NativeArch.NONE ? "" : ", reporting " + cpu.marchName() + " in sys.implementation._mpy"));
                if (rom > 0) {
                    out.println("ROMFS partition of " + rom + " bytes in " + romFile);
                }
                out.println("  -d " + server.deviceName());
                if (bridge != null) {
                    out.println("  -d " + bridge.path());
                }
                out.println("Ctrl-C stops it.");
                out.flush();
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                stop.await();
            }
            return 0;
        }
    }

    /** An architecture {@code --arch} accepts: a real CPU's {@code -march} name. */
    static NativeArch parseArch(String text) {
        return NativeArch.ofMarchName(text).filter(a -> a != NativeArch.NONE && a != NativeArch.DEBUG)
                .orElseThrow(() -> new IllegalArgumentException("--arch must be one of " + java.util.Arrays
                        .stream(NativeArch.values()).filter(a -> a != NativeArch.NONE && a != NativeArch.DEBUG)
                        .map(NativeArch::marchName).collect(java.util.stream.Collectors.joining(", "))
                        + ", not '" + text + "'"));
    }

    /** A ROMFS partition size: a positive multiple of 4096 bytes, at most 1G. */
    static int parseRomSize(String text) {
        long v = ByteSize.parse(text);
        if (v <= 0 || v % 4096 != 0 || v > (1L << 30)) {
            throw new IllegalArgumentException("--romfs-size must be a multiple of 4096 bytes such as 128k or 1M: " + text);
        }
        return (int) v;
    }

    /** "65536", "64k", "2M". */
    static long parseSize(String text) {
        long v = ByteSize.parse(text);
        if (v <= 0) {
            throw new IllegalArgumentException("--size must be a number of bytes such as 65536, 64k or 2M: " + text);
        }
        return v;
    }
}
