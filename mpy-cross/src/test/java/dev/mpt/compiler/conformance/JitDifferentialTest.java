package dev.mpt.compiler.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.mpt.bytecode.MpyFile;
import dev.mpt.compiler.CrossCompiler;
import dev.mpt.vm.SourceCompiler;
import dev.mpt.vm.VM;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VM's JVM-bytecode tier against its interpreter: every conformance program (those the VM
 * passes) runs twice on fresh VMs, once with every function compiled from its first call
 * (threshold 0) and once with the tier off; both outputs, tracebacks included, must equal
 * each other and the program's .exp.
 */
class JitDifferentialTest {
    private static final long TIMEOUT_SECONDS = 20;
    private static final ExecutorService RUNNER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "jit-differential");
        t.setDaemon(true);
        return t;
    });

    /** Functions the forced runs compiled, over the whole suite. */
    private static final java.util.concurrent.atomic.AtomicInteger COMPILED = new java.util.concurrent.atomic.AtomicInteger();

    @TempDir
    static Path temp;

    @org.junit.jupiter.api.AfterAll
    static void theTierRan() {
        org.junit.jupiter.api.Assertions.assertTrue(COMPILED.get() > 500,
                "the forced runs compiled only " + COMPILED.get() + " functions");
    }

    @TestFactory
    Stream<DynamicTest> compiledAndInterpretedAgree() throws Exception {
        Path dir = ConformanceTest.suiteDirectory();
        Map<String, String> known = ConformanceTest.readKnownFailures(dir.resolve("KNOWN_FAILURES.txt"));
        return ConformanceTest.programs(dir).stream()
                .filter(p -> !known.containsKey(dir.relativize(p).toString().replace('\\', '/')))
                .map(p -> DynamicTest.dynamicTest(dir.relativize(p).toString(), () -> check(p)));
    }

    private static void check(Path program) throws Exception {
        String expected = Files.readString(program.resolveSibling(
                program.getFileName().toString().replaceFirst("\\.py$", ".exp")), StandardCharsets.UTF_8);
        MpyFile compiled = CrossCompiler.compile(Files.readAllBytes(program), program.getFileName().toString(),
                CrossCompiler.Options.defaults().withForVm());
        String interpreted = run(program, compiled, -1);
        String jitted = run(program, compiled, 0);
        if (!interpreted.equals(jitted) || ConformanceTest.difference(expected, interpreted) != null) {
            // once more: a few programs time their tasks (asyncio sleeps), which a busy machine can reorder
            interpreted = run(program, compiled, -1);
            jitted = run(program, compiled, 0);
        }
        assertNull(ConformanceTest.difference(expected, interpreted), "interpreted");
        assertEquals(interpreted, jitted, "compiled (threshold 0) against interpreted");
    }

    private static String run(Path program, MpyFile compiled, int threshold) throws Exception {
        Path root = Files.createTempDirectory(temp, "run");
        ConformanceTest.copyProgram(program, root);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        VM vm = new VM(root);
        vm.setHostNetwork(true);
        vm.setStdout(out);
        vm.setStderr(err);
        SourceCompiler vmCompiler = sourceCompiler();
        vm.setCompiler(vmCompiler);
        vm.setJitThreshold(threshold);
        MpyFile code = compiled;
        try {
            // through the VM's own compiler, as ConformanceTest: it also tells the VM the order
            // the source names things in (dir())
            code = vmCompiler.compile(dev.mpt.bytecode.Utf8.decode(Files.readAllBytes(program)),
                    program.getFileName().toString(), SourceCompiler.Mode.FILE);
        } catch (SourceCompiler.CompileError | RuntimeException e) {
            // keep the file compiled by the caller
        }
        MpyFile main = code;
        Future<Integer> run = RUNNER.submit(() -> vm.runMain(main));
        try {
            run.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            vm.interrupt();
            run.cancel(true);
            return "timed out";
        }
        if (threshold == 0) {
            COMPILED.addAndGet(vm.jitCompiled());
        }
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    private static SourceCompiler sourceCompiler() throws ReflectiveOperationException {
        return (SourceCompiler) Class.forName("dev.mpt.compiler.VmCompiler").getConstructor().newInstance();
    }
}
