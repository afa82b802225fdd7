package dev.mpt.compiler.cli;

import dev.mpt.compiler.CompileError;
import dev.mpt.compiler.CrossCompiler;
import dev.mpt.compiler.NativeTargets;
import dev.mpt.compiler.inlineasm.AssemblerAssertion;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * The {@code mpy-cross} command: compiles a Python source file to a .mpy file, with the
 * official tool's flags, messages and exit statuses. As {@code mpt compile} it also accepts
 * several input files, and {@code -r SRC_DIR -o OUT_DIR} to compile a whole tree.
 */
@Command(
        name = "compile",
        customSynopsis = {
            "mpt compile [-v] [-O[N]] [-s NAME] [-o FILE|-] [-msmall-int-bits=N] [-march=ARCH]",
            "            [-march-flags=FLAGS] [-X emit=bytecode|native|viper] [-X heapsize=N] FILE|- [FILE...]",
            "mpt compile [OPTIONS] -r SRC_DIR -o OUT_DIR",
            "mpt compile --version"},
        description = {
            "Compile Python source to .mpy bytecode (v6.3), byte-identical with the official",
            "mpy-cross v1.28.0, with its options, messages and exit statuses ('-' reads stdin).",
            "Beyond it: several input files in one call, and -r SRC_DIR -o OUT_DIR to compile",
            "a whole tree in parallel (source names relative to SRC_DIR; up-to-date files skipped).",
            "@micropython.asm_thumb functions are assembled for -march=armv6 .. armv7emdp; native",
            "code (-X emit=native|viper, @micropython.native/viper) is generated for x86, x64,",
            "armv6 .. armv7emdp, xtensa, xtensawin and rv32imc (rv64imc has no native emitter);",
            "-march=debug prints the native emitter's operations as text on standard output."},
        footer = {"", "Examples:", "  mpt compile main.py", "  mpt compile -O2 -o build/main.mpy main.py",
            "  mpt compile -march=armv7emsp -o build/dsp.mpy dsp.py",
            "  mpt compile -r src -o build"})
public final class MpyCrossCommand implements Callable<Integer> {

    static final String VERSION_LINE = "MicroPython v1.28.0 on 2026-01-01; mpy-cross emitting mpy v6.3";

    private static final Set<String> ARCHS = Set.of("x86", "x64", "armv6", "armv6m", "armv7m", "armv7em",
        "armv7emsp", "armv7emdp", "xtensa", "xtensawin", "rv32imc", "rv64imc", "debug", "host");

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    /** Every argument, in order; parsed here exactly as the official tool parses them. */
    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        return run(args.toArray(String[]::new), System.in, System.out, System.err, true);
    }

    /** Entry point of {@code scripts/mpy-cross}: the official tool's behaviour, nothing more. */
    public static void main(String[] argv) {
        System.exit(run(argv, System.in, System.out, System.err, false));
    }

    private static int usage(PrintStream out) {
        out.print("usage: " + System.getProperty("mpt.progname", "mpy-cross")
            + " [<opts>] [-X <implopt>] [--] <input filename>\n"
            + "Options:\n"
            + "--version : show version information\n"
            + "-o : output file for compiled bytecode (defaults to input filename with .mpy extension, "
            + "or stdout if input is stdin)\n"
            + "-s : source filename to embed in the compiled bytecode (defaults to input file)\n"
            + "-v : verbose (trace various operations); can be multiple\n"
            + "-O[N] : apply bytecode optimizations of level N\n"
            + "\n"
            + "Target specific options:\n"
            + "-msmall-int-bits=number : set the maximum bits used to encode a small-int\n"
            + "-march=<arch> : set architecture for native emitter;\n"
            + "                x86, x64, armv6, armv6m, armv7m, armv7em, armv7emsp,\n"
            + "                armv7emdp, xtensa, xtensawin, rv32imc, rv64imc, host, debug\n"
            + "-march-flags=<flags> : set architecture-specific flags (can be either a dec/hex/bin value "
            + "or a comma-separated flags string)\n"
            + "                       supported flags for rv32imc: zba, zcmp\n"
            + "\n"
            + "Implementation specific options:\n"
            + "  emit={bytecode,native,viper} -- set the default code emitter\n"
            + "  heapsize=<n> -- set the heap size for the GC (default 2097152)\n");
        out.flush();
        return 1;
    }

    private static final long RV32_EXT_ZBA = 1;
    private static final long RV32_EXT_ZCMP = 2;

    /** The RISC-V extension flags of -march-flags: a number (0b/0x/decimal) or "zba,zcmp"; null if invalid. */
    private static Long rv32Flags(String s) {
        Long v = null;
        try {
            if (s.length() > 2 && s.charAt(0) == '0') {
                char b = (char) (s.charAt(1) | 0x20);
                if (b == 'b') {
                    v = Long.parseLong(s.substring(2).replace("_", ""), 2);
                } else if (b == 'x') {
                    v = Long.parseLong(s.substring(2).replace("_", ""), 16);
                }
            } else {
                v = Long.parseLong(s.replace("_", ""));
            }
        } catch (NumberFormatException e) {
            v = null;
        }
        if (v == null) {
            long collected = 0;
            for (String part : s.split(",", -1)) {
                if (part.equals("zba")) {
                    collected |= RV32_EXT_ZBA;
                } else if (part.equals("zcmp")) {
                    collected |= RV32_EXT_ZCMP;
                } else {
                    return null;
                }
            }
            v = collected != 0 ? collected : null;
        }
        return v != null && (v & ~(RV32_EXT_ZBA | RV32_EXT_ZCMP)) == 0 ? v : null;
    }

    /**
     * The heap size of {@code -X heapsize=N} as mpy-cross reads it: a C integer (strtol, base
     * 0, trailing text ignored), then an optional {@code w} (scale from 32-bit words to this
     * host's 64-bit ones) and {@code k} or {@code m}.
     */
    static long heapSize(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int base = 10;
        if (i + 1 < n && s.charAt(i) == '0' && (s.charAt(i + 1) | 0x20) == 'x'
                && i + 2 < n && Character.digit(s.charAt(i + 2), 16) >= 0) {
            base = 16;
            i += 2;
        } else if (i < n && s.charAt(i) == '0') {
            base = 8;
        }
        long v = 0;
        while (i < n && Character.digit(s.charAt(i), base) >= 0 && s.charAt(i) < 128) {
            v = v * base + Character.digit(s.charAt(i), base);
            i++;
        }
        if (negative) {
            v = -v;
        }
        boolean words = i < n && (s.charAt(i) | 0x20) == 'w';
        if (words) {
            i++;
        }
        if (i < n && (s.charAt(i) | 0x20) == 'k') {
            v *= 1024;
        } else if (i < n && (s.charAt(i) | 0x20) == 'm') {
            v *= 1024 * 1024;
        }
        if (words) {
            v = v * 8 / 4;
        }
        return v;
    }

    /** Parses a C-style integer (decimal, 0x hex, 0 octal); null if malformed. */
    private static Long parseCInt(String s) {
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return Long.parseLong(s.substring(2), 16);
            }
            if (s.length() > 1 && s.startsWith("0")) {
                return Long.parseLong(s.substring(1), 8);
            }
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Runs the command with {@code argv} and returns the exit status. {@code extended} allows
     * several inputs and tree mode ({@code -r}); otherwise it behaves exactly as mpy-cross.
     */
    public static int run(String[] argv, InputStream in, PrintStream out, PrintStream err, boolean extended) {
        int optimise = 0;
        int smallIntBits = 31;
        String arch = null;
        String archFlags = null;
        String emit = "bytecode";
        long heapSize = 0;
        String outputFile = null;
        String sourceFile = null;
        String treeRoot = null;
        List<String> inputs = new ArrayList<>();
        boolean options = true;
        for (int a = 0; a < argv.length; a++) {
            String s = argv[a];
            if (options && s.startsWith("-") && s.length() > 1) {
                if (s.equals("-X")) {
                    a++;
                    if (a >= argv.length) {
                        return usage(out);
                    }
                    String x = argv[a];
                    if (x.startsWith("emit=")) {
                        emit = x.substring(5);
                        if (!Set.of("bytecode", "native", "viper").contains(emit)) {
                            return usage(out);
                        }
                    } else if (x.startsWith("heapsize=")) {
                        // the official tool's heap; here it only bounds inline-assembler functions
                        heapSize = heapSize(x.substring("heapsize=".length()));
                    } else {
                        return usage(out);
                    }
                } else if (s.equals("--version")) {
                    out.println(VERSION_LINE);
                    return 0;
                } else if (s.equals("-v")) {
                    // verbosity only affects the official tool's debug printing
                } else if (s.startsWith("-O")) {
                    if (s.length() > 2 && Character.isDigit(s.charAt(2))) {
                        optimise = s.charAt(2) & 0xf;
                    } else {
                        optimise = 0;
                        for (int p = 1; p < s.length() && s.charAt(p) == 'O'; p++) {
                            optimise++;
                        }
                    }
                } else if (s.equals("-o")) {
                    if (a + 1 >= argv.length) {
                        return usage(out);
                    }
                    outputFile = argv[++a];
                } else if (s.equals("-s")) {
                    if (a + 1 >= argv.length) {
                        return usage(out);
                    }
                    sourceFile = argv[++a].replace('\\', '/');
                } else if (s.startsWith("-msmall-int-bits=")) {
                    Long bits = parseCInt(s.substring("-msmall-int-bits=".length()));
                    if (bits == null) {
                        return usage(out);
                    }
                    smallIntBits = (int) (long) bits;
                } else if (s.startsWith("-march=")) {
                    arch = s.substring("-march=".length());
                    if (!ARCHS.contains(arch)) {
                        return usage(out);
                    }
                    if (arch.equals("host")) {
                        // the architecture the official tool was built for: x86-64
                        arch = "x64";
                    }
                } else if (s.startsWith("-march-flags=")) {
                    archFlags = s.substring("-march-flags=".length());
                } else if (s.equals("--")) {
                    options = false;
                } else if (extended && s.equals("-r") && a + 1 < argv.length) {
                    treeRoot = argv[++a];
                } else {
                    return usage(out);
                }
            } else {
                if (!inputs.isEmpty() && !extended) {
                    err.print("multiple input files\n");
                    return 1;
                }
                inputs.add(s.replace('\\', '/'));
            }
        }
        long flags = 0;
        if (archFlags != null && arch != null) {
            Long parsed = arch.equals("rv32imc") ? rv32Flags(archFlags) : null;
            if (parsed == null) {
                err.print("unrecognised arch flags\n");
                return 1;
            }
            flags = parsed;
        }
        if (!emit.equals("bytecode")) {
            if (arch == null) {
                err.print("arch not specified\n");
                return 1;
            }
            if (!NativeTargets.supports(arch) && !NativeTargets.hasNoNativeEmitter(arch)) {
                err.print("NotImplementedError: native code generation (-X emit=" + emit + ") is not supported yet\n");
                return 1;
            }
        }
        CrossCompiler.Options opts = new CrossCompiler.Options(optimise, smallIntBits, arch, flags, heapSize)
            .withEmit(emit);
        if ("debug".equals(arch)) {
            // the listing goes to standard output as the official tool prints it
            opts = opts.withDebugListing(line -> out.write(line.getBytes(StandardCharsets.ISO_8859_1), 0,
                line.length()));
        }
        if (treeRoot != null) {
            if (outputFile == null || !inputs.isEmpty()) {
                err.print("tree mode needs -r SRC_DIR -o OUT_DIR and no input files\n");
                return 1;
            }
            return TreeCompile.run(Path.of(treeRoot), Path.of(outputFile), opts, err);
        }
        if (inputs.isEmpty()) {
            err.print("no input file\n");
            return 1;
        }
        if (inputs.size() > 1) {
            if (outputFile != null || sourceFile != null) {
                err.print("-o and -s take a single input file\n");
                return 1;
            }
            int status = 0;
            for (String input : inputs) {
                status |= compileAndSave(input, null, null, opts, in, out, err);
            }
            return status;
        }
        return compileAndSave(inputs.get(0), outputFile, sourceFile, opts, in, out, err);
    }

    private static int compileAndSave(String file, String outputFile, String sourceFile, CrossCompiler.Options opts,
            InputStream in, PrintStream out, PrintStream err) {
        boolean stdin = file.equals("-");
        String name = stdin ? "<stdin>" : file;
        String sourceName = sourceFile != null ? sourceFile : name;
        byte[] src;
        try {
            src = stdin ? in.readAllBytes() : Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            err.print(osError(e, file, true));
            return 1;
        }
        byte[] mpy;
        try {
            mpy = CrossCompiler.compileToBytes(src, sourceName, opts);
        } catch (CompileError e) {
            err.print(e.traceback(name, sourceName));
            err.flush();
            return 1;
        } catch (AssemblerAssertion e) {
            // where the official tool fails a C assertion and aborts (SIGABRT)
            err.print("mpy-cross: " + e.getMessage() + "\n");
            err.flush();
            return 134;
        }
        if ((outputFile != null && outputFile.equals("-")) || (outputFile == null && stdin)) {
            out.writeBytes(mpy);
            out.flush();
            return 0;
        }
        String target = outputFile != null ? outputFile : file.substring(0, Math.max(0, file.length() - 2)) + "mpy";
        try {
            Files.write(Path.of(target), mpy);
        } catch (IOException e) {
            err.print(osError(e, target, false));
            return 1;
        }
        return 0;
    }

    /** The OSError line MicroPython prints for a file it cannot read or write. */
    static String osError(IOException e, String path, boolean reading) {
        if (e instanceof NoSuchFileException) {
            return "OSError: (2, \"can't open " + path + "\")\n";
        }
        if (e instanceof AccessDeniedException) {
            return "OSError: (13, \"can't open " + path + "\")\n";
        }
        if (reading && Files.isDirectory(Path.of(path))) {
            return "OSError: 21\n";
        }
        return "OSError: " + e.getMessage() + "\n";
    }
}
