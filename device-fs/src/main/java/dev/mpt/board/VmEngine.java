package dev.mpt.board;

import dev.mpt.bytecode.MpyFile;
import dev.mpt.bytecode.NativeArch;
import dev.mpt.vm.MachineReset;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyBuiltin;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyException;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.PyTuple;
import dev.mpt.vm.SourceCompiler;
import dev.mpt.vm.Types;
import dev.mpt.vm.VM;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The engine of the virtual board: our compiler and VM, with the board's filesystem in a
 * host directory. Each execution compiles the source text it is given and runs it in the
 * board's {@code __main__} module, so names defined at the REPL stay defined until a soft
 * reset.
 */
public final class VmEngine implements BoardEngine {
    private final Path flash;
    private final SourceCompiler compiler;
    private final VM vm;
    private PyModule main;
    /** The console of the execution under way: input() reads its lines from it. */
    private volatile Console console;
    private final VmCompletion completion;
    /** The architecture sys.implementation._mpy reports; NONE (bytecode only) unless told. */
    private NativeArch reportedArch = NativeArch.NONE;

    /**
     * @param flash    the directory that is the board's filesystem (open, os, import)
     * @param compiler turns source into modules (our mpy-cross compiler)
     */
    public VmEngine(Path flash, SourceCompiler compiler) {
        this(flash, compiler, -1);
    }

    /**
     * @param diskLimit the size of the board's filesystem in bytes: writes past it fail with
     *                  OSError ENOSPC, as on a full flash; negative for no limit
     */
    public VmEngine(Path flash, SourceCompiler compiler, long diskLimit) {
        this.flash = flash.toAbsolutePath().normalize();
        this.compiler = compiler;
        this.vm = new VM(this.flash);
        vm.setCompiler(compiler);
        vm.setDiskLimit(diskLimit);
        vm.setBoard(true);
        reset();
        completion = new VmCompletion(vm, compiler, () -> main);
    }

    /** Gives the board's code the host's network (socket, asyncio streams); off unless asked for. */
    public void setHostNetwork(boolean on) {
        vm.setHostNetwork(on);
    }

    /**
     * Makes {@code sys.implementation._mpy} name {@code arch}, as the firmware of a board with
     * that CPU does (bits 10 and up), so tools that choose a {@code .mpy} build by
     * architecture (mip, sync --compile) see such a board. The VM still runs bytecode only:
     * a {@code .mpy} holding machine code, for this architecture or any, is refused at import.
     */
    public void reportArch(NativeArch arch) {
        reportedArch = arch;
        applyReportedArch();
    }

    /** The field names of sys.implementation, in order; _mpy is the one replaced. */
    private static final String[] IMPLEMENTATION_FIELDS = {"name", "version", "_machine", "_mpy", "_thread"};

    private void applyReportedArch() {
        if (reportedArch == NativeArch.NONE) {
            return;
        }
        PyModule sys = imported("sys");
        PyTuple impl = (PyTuple) sys.globals.get("implementation");
        for (int i = 0; i < IMPLEMENTATION_FIELDS.length; i++) {
            if (i >= impl.items.length || Ops.getattrOrNull(impl, IMPLEMENTATION_FIELDS[i]) != impl.items[i]) {
                throw new IllegalStateException("sys.implementation has changed shape; update VmEngine");
            }
        }
        Object[] items = impl.items.clone();
        long mpy = (Long) items[3];
        items[3] = (mpy & 0x3ff) | (long) reportedArch.code() << 10;
        sys.globals.put("implementation", PyTuple.attr(IMPLEMENTATION_FIELDS, items));
    }

    /** The module {@code name} as this boot of the board has it (imported now if it was not). */
    private PyModule imported(String name) {
        PyModule scratch = new PyModule("__main__");
        try {
            vm.runIn(compiler.compile("import " + name + "\n", "<stdin>", SourceCompiler.Mode.FILE), scratch);
        } catch (SourceCompiler.CompileError e) {
            throw new IllegalStateException(e);
        }
        return (PyModule) scratch.globals.get(name);
    }

    @Override
    public CompletionSource completion() {
        return completion;
    }

    @Override
    public Outcome execute(String source, InputKind kind, String sourceName, Console console) {
        this.console = console;
        OutputStream out = new ConsoleOutput(console, false);
        vm.setStdout(out);
        vm.setStderr(out);
        vm.setStdoutBuffer(new ConsoleOutput(console, true));
        vm.setStdin(new ConsoleInput(console));
        completion.lexed(source);
        MpyFile code;
        try {
            code = compiler.compile(source, sourceName,
                    kind == InputKind.SINGLE ? SourceCompiler.Mode.SINGLE : SourceCompiler.Mode.FILE);
        } catch (SourceCompiler.CompileError e) {
            return new Outcome.Raised(e.traceback());
        }
        try {
            vm.runIn(code, main);
            return Outcome.OK;
        } catch (PyError e) {
            if (e.exc.isInstance(Types.SYSTEM_EXIT)) {
                return new Outcome.SoftReset();
            }
            return new Outcome.Raised(VM.formatException(e.exc));
        } catch (MachineReset r) {
            // machine.reset(), deepsleep() and bootloader(): a virtual board has no bootloader of
            // its own, so it restarts (and a host waiting for it to leave sees it go quiet)
            vm.setResetCause(r.kind() == MachineReset.Kind.DEEPSLEEP ? 4 : 2);
            return new Outcome.HardReset();
        }
    }

    /**
     * Makes {@code input()} read through the board's line editor, as firmware's does: typed
     * keys echo and can be edited, the line goes into the REPL's history, Ctrl-C raises
     * KeyboardInterrupt and Ctrl-D on an empty line EOFError.
     */
    private void installInput() {
        PyModule builtins;
        try {
            builtins = imported("builtins");
        } catch (RuntimeException e) {
            return; // input() keeps reading stdin as it is
        }
        builtins.globals.put("input", new PyBuiltin("input", (args, kw) -> {
            Console c = console;
            if (args.length > 0) {
                c.print(Ops.str(args[0]));
            }
            StringBuilder line = new StringBuilder();
            int end;
            try {
                end = c.readLine(line);
            } catch (Console.Interrupted e) {
                end = 0x03;
            }
            if (end == 0x03) {
                throw new PyError(new PyException(Types.KEYBOARD_INTERRUPT, PyTuple.EMPTY));
            }
            if (end == 0x04 && line.length() == 0) {
                throw new PyError(new PyException(Types.EOF_ERROR, PyTuple.EMPTY));
            }
            return line.toString();
        }));
    }

    @Override
    public int interruptChar() {
        return vm.interruptChar();
    }

    @Override
    public void interrupt() {
        vm.interrupt();
    }

    /**
     * Gives the board a ROMFS partition of {@code size} bytes kept in the host file
     * {@code file} (for {@code vfs.rom_ioctl}, {@code mpremote romfs}); a valid image in it is
     * mounted at /rom at each start, as firmware does.
     */
    public void attachRomPartition(Path file, int size) throws IOException {
        dev.mpt.vm.extmod.RomPartition.attach(vm, file, size);
        reset();
    }

    @Override
    public void reset() {
        vm.softReset();
        dev.mpt.vm.extmod.RomPartition.boot(vm);
        main = new PyModule("__main__");
        installInput();
        applyReportedArch();
        if (completion != null) {
            completion.reset();
        }
    }

    @Override
    public Optional<String> readFile(String path) {
        Path p = flash.resolve(path.startsWith("/") ? path.substring(1) : path).normalize();
        if (!p.startsWith(flash) || !Files.isRegularFile(p)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Program output to the board's console: cooked (print, sys.stdout) or raw (sys.stdout.buffer). */
    private static final class ConsoleOutput extends OutputStream {
        private final Console console;
        private final boolean raw;

        ConsoleOutput(Console console, boolean raw) {
            this.console = console;
            this.raw = raw;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (raw) {
                console.writeRaw(b, off, len);
            } else {
                console.write(b, off, len);
            }
        }
    }

    /** The board's stdin: waits for bytes from the host. */
    private static final class ConsoleInput extends InputStream {
        private final Console console;
        /** A byte taken from the console to answer available(), not yet read; -1 for none. */
        private int pending = -1;

        ConsoleInput(Console console) {
            this.console = console;
        }

        /** 1 when a byte from the host is waiting (what select.poll on stdin reports), else 0. */
        @Override
        public int available() {
            if (pending < 0) {
                try {
                    pending = console.read(Duration.ZERO);
                } catch (Console.Interrupted e) {
                    return 0;
                }
            }
            return pending >= 0 ? 1 : 0;
        }

        @Override
        public int read() {
            if (pending >= 0) {
                int b = pending;
                pending = -1;
                return b;
            }
            while (true) {
                int b;
                try {
                    b = console.read(Duration.ofMillis(100));
                } catch (Console.Interrupted e) {
                    // Ctrl-C while the program waits for input: KeyboardInterrupt, as on a board.
                    throw new PyError(new PyException(Types.KEYBOARD_INTERRUPT, PyTuple.EMPTY));
                }
                if (b >= 0) {
                    return b;
                }
                if (Thread.currentThread().isInterrupted()) {
                    return -1;
                }
            }
        }

        /** Waits for one byte, then takes only what has already arrived (a reader must not wait for a full buffer). */
        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int first = read();
            if (first < 0) {
                return -1;
            }
            b[off] = (byte) first;
            int n = 1;
            while (n < len) {
                int c;
                if (pending >= 0) {
                    b[off + n++] = (byte) pending;
                    pending = -1;
                    continue;
                }
                try {
                    c = console.read(java.time.Duration.ZERO);
                } catch (Console.Interrupted e) {
                    break;
                }
                if (c < 0) {
                    break;
                }
                b[off + n++] = (byte) c;
            }
            return n;
        }
    }
}
