package dev.mpt.compiler.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mpt.bytecode.MpyFile;
import dev.mpt.compiler.CompileError;
import dev.mpt.compiler.CrossCompiler;
import dev.mpt.vm.SourceCompiler;
import dev.mpt.vm.VM;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The VM conformance suite: every {@code conformance/<area>/<name>.py} on the test class path
 * is compiled with {@link CrossCompiler} as the VM compiles (viper for the VM, native as bytecode) and run as {@code __main__} on a fresh {@link VM}
 * rooted at a new temporary directory that holds only a copy of the program and of its area's
 * helper modules ({@code _*.py}, which are not programs) (as {@code regen.sh} runs the
 * reference interpreters); what it prints must equal {@code <name>.exp} next to it.
 *
 * <p><b>Output convention.</b> A program's recorded output is everything it wrote to stdout,
 * followed by everything it wrote to stderr (for an uncaught exception: MicroPython's
 * traceback). The exit status is not recorded. The .exp files hold CPython 3's output where
 * CPython and MicroPython agree, and the unix port's output (hand-checked) where they differ;
 * such programs say why in a comment at their top. {@code conformance/regen.sh} regenerates
 * and cross-checks them.
 *
 * <p><b>Known failures.</b> {@code conformance/KNOWN_FAILURES.txt} lists programs the VM does
 * not pass yet, one {@code area/name.py} per line followed by a short reason. A listed
 * program must still fail (so a fix forces removing its line) and every other program must
 * pass. Run with {@code -Dconformance.update=true} to rewrite the list from the current
 * results (in the source tree, {@code src/test/resources/conformance/KNOWN_FAILURES.txt}).
 */
class ConformanceTest {
    private static final long TIMEOUT_SECONDS = 10;
    private static final AtomicInteger PASSED = new AtomicInteger();
    private static final AtomicInteger KNOWN = new AtomicInteger();
    private static final AtomicInteger UNEXPECTED = new AtomicInteger();
    private static final Map<String, String> FAILURES = new TreeMap<>();
    private static final ExecutorService RUNNER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "conformance");
        t.setDaemon(true);
        return t;
    });

    @TestFactory
    Stream<DynamicTest> programs() throws IOException {
        Path dir = suiteDirectory();
        Map<String, String> known = readKnownFailures(dir.resolve("KNOWN_FAILURES.txt"));
        List<Path> programs = programs(dir);
        List<String> stale = new ArrayList<>();
        for (String name : known.keySet()) {
            if (!Files.exists(dir.resolve(name))) {
                stale.add(name);
            }
        }
        assertTrue(stale.isEmpty(), "KNOWN_FAILURES.txt lists programs that do not exist: " + stale);
        return programs.stream().map(p -> {
            String name = dir.relativize(p).toString().replace('\\', '/');
            return DynamicTest.dynamicTest(name, p.toUri(), () -> check(name, p, known.containsKey(name)));
        });
    }

    private static void check(String name, Path program, boolean knownFailure) throws Exception {
        Path expFile = program.resolveSibling(program.getFileName().toString().replaceFirst("\\.py$", ".exp"));
        if (!Files.exists(expFile)) {
            fail("no expected output " + expFile.getFileName() + " next to " + name);
        }
        String expected = Files.readString(expFile, StandardCharsets.UTF_8);
        String failure = failureOf(program, expected);
        synchronized (FAILURES) {
            if (failure != null) {
                FAILURES.put(name, failure);
            }
        }
        if (knownFailure) {
            if (failure == null) {
                UNEXPECTED.incrementAndGet();
                fail(name + " passes now: remove it from KNOWN_FAILURES.txt");
            }
            KNOWN.incrementAndGet();
        } else {
            if (failure != null) {
                UNEXPECTED.incrementAndGet();
                fail(name + ": " + failure);
            }
            PASSED.incrementAndGet();
        }
    }

    /** Null when the program prints what is expected, else a one-line reason. */
    private static String failureOf(Path program, String expected) throws Exception {
        byte[] source = Files.readAllBytes(program);
        String fileName = program.getFileName().toString();
        MpyFile compiled;
        try {
            compiled = CrossCompiler.compile(source, fileName, CrossCompiler.Options.defaults().withForVm());
        } catch (CompileError e) {
            return "does not compile: " + e.type() + ": " + e.getMessage();
        } catch (RuntimeException e) {
            return "compiler threw " + e;
        }
        SourceCompiler vmCompiler = sourceCompiler();
        try {
            // the same code again from the compiler the VM has, as mpt-micropython compiles a
            // program: that compiler also knows the order the source mentions names in (dir())
            compiled = vmCompiler.compile(dev.mpt.bytecode.Utf8.decode(source), fileName, SourceCompiler.Mode.FILE);
        } catch (SourceCompiler.CompileError | RuntimeException e) {
            // keep the file compiled above
        }
        Path root = Files.createTempDirectory("conformance");
        copyProgram(program, root);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        VM vm;
        try {
            vm = new VM(root);
            vm.setHostNetwork(true); // as the unix port: net/ programs talk over loopback
            vm.setStdout(out);
            vm.setStderr(err);
            vm.setCompiler(vmCompiler);
        } catch (RuntimeException | Error e) {
            deleteTree(root);
            return "VM could not start: " + e;
        }
        MpyFile code = compiled;
        Future<Integer> run = RUNNER.submit(() -> vm.runMain(code));
        try {
            run.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            vm.interrupt();
            run.cancel(true);
            return "timed out after " + TIMEOUT_SECONDS + " s";
        } catch (ExecutionException e) {
            return "VM threw " + firstLine(String.valueOf(e.getCause()));
        } finally {
            deleteTree(root);
        }
        String actual = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        return difference(expected, actual);
    }

    /** Null when equal; else the first differing line. */
    static String difference(String expected, String actual) {
        if (expected.equals(actual)) {
            return null;
        }
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        int n = Math.min(e.length, a.length);
        for (int i = 0; i < n; i++) {
            if (!e[i].equals(a[i])) {
                String got = a[i].startsWith("Traceback") ? "uncaught " + lastLine(a) : quote(a[i]);
                return "line " + (i + 1) + ": expected " + quote(e[i]) + " but got " + got;
            }
        }
        if (a.length < e.length) {
            return "output ends at line " + a.length + "; expected next " + quote(e[a.length]);
        }
        return "extra output from line " + e.length + ": " + quote(a[e.length - 1]);
    }

    /** The last non-empty line: for a traceback, the exception and its message. */
    private static String lastLine(String[] lines) {
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return quote(lines[i]);
            }
        }
        return "''";
    }

    private static String quote(String s) {
        String t = s.length() > 90 ? s.substring(0, 90) + "..." : s;
        return "'" + t + "'";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @AfterAll
    static void summary() throws IOException {
        System.out.println("conformance: " + PASSED.get() + " passed, " + KNOWN.get() + " known failures"
                + (UNEXPECTED.get() > 0 ? ", " + UNEXPECTED.get() + " unexpected" : ""));
        if (Boolean.getBoolean("conformance.update")) {
            Path list = Path.of("src/test/resources/conformance/KNOWN_FAILURES.txt");
            StringBuilder sb = new StringBuilder();
            sb.append("# Conformance programs the VM does not pass yet: path, then the reason.\n");
            sb.append("# Remove a line when its program passes (ConformanceTest fails until you do).\n");
            synchronized (FAILURES) {
                for (Map.Entry<String, String> f : FAILURES.entrySet()) {
                    sb.append(f.getKey()).append("  ").append(f.getValue().replace('\n', ' ')).append('\n');
                }
            }
            Files.writeString(list, sb.toString(), StandardCharsets.UTF_8);
            System.out.println("conformance: wrote " + FAILURES.size() + " entries to " + list.toAbsolutePath());
        }
    }

    /** Lines "area/name.py reason..."; blank lines and lines starting with # are ignored. */
    static Map<String, String> readKnownFailures(Path file) throws IOException {
        Map<String, String> known = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return known;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] parts = t.split("\\s+", 2);
            known.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
        return known;
    }

    /**
     * The programs below the suite directory, by path: every .py file but the helper modules,
     * whose names start with '_' (a program of the same area imports them).
     */
    static List<Path> programs(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".py") && !p.getFileName().toString().startsWith("_"))
                    .sorted(Comparator.comparing(p -> dir.relativize(p).toString().replace('\\', '/')))
                    .toList();
        }
    }

    /** Puts a copy of the program into root, its run directory, with its area's helper modules (as regen.sh). */
    static void copyProgram(Path program, Path root) throws IOException {
        Files.copy(program, root.resolve(program.getFileName()));
        try (Stream<Path> area = Files.list(program.getParent())) {
            for (Path helper : area.filter(p -> p.getFileName().toString().matches("_.*\\.py")).toList()) {
                Files.copy(helper, root.resolve(helper.getFileName()));
            }
        }
    }

    static Path suiteDirectory() {
        URL url = ConformanceTest.class.getClassLoader().getResource("conformance/KNOWN_FAILURES.txt");
        if (url == null) {
            throw new IllegalStateException("conformance/KNOWN_FAILURES.txt is not on the test class path");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a temp directory left behind is harmless
        }
    }

    /**
     * The compiler the VM uses for imports, exec, eval and compile: the compiler module's own
     * {@code VmCompiler} when it is there (all modes), else a file-mode-only adapter here.
     */
    private static SourceCompiler sourceCompiler() {
        try {
            Class<?> c = Class.forName("dev.mpt.compiler.VmCompiler");
            return (SourceCompiler) c.getConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            return new SourceAdapter();
        }
    }

    /** Our compiler behind the VM's interface, for imports and exec(); file mode only. */
    private static final class SourceAdapter implements SourceCompiler {
        @Override
        public MpyFile compile(String source, String fileName, Mode mode) throws SourceCompiler.CompileError {
            if (mode != Mode.FILE) {
                throw new SourceCompiler.CompileError("NotImplementedError", "compile mode " + mode + " is not available", fileName, 0);
            }
            try {
                return CrossCompiler.compile(source.getBytes(StandardCharsets.UTF_8), fileName,
                        CrossCompiler.Options.defaults());
            } catch (dev.mpt.compiler.CompileError e) {
                throw new SourceCompiler.CompileError(e.type(), e.getMessage(), fileName, e.line());
            }
        }
    }
}
