package dev.mpt.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpt.bytecode.MpyFile;
import dev.mpt.vm.VM;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C (VM.interrupt) stops a loop that runs as compiled JVM code, with the interpreter's traceback. */
class JitInterruptTest {
    @TempDir
    Path root;

    private String runUntilInterrupted(String source, int threshold, int[] compiled) throws Exception {
        MpyFile mpy = CrossCompiler.compile(source.getBytes(StandardCharsets.UTF_8), "loop.py",
                CrossCompiler.Options.defaults().withForVm());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VM vm = new VM(root);
        vm.setStdout(out);
        vm.setStderr(out);
        vm.setJitThreshold(threshold);
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> run = ex.submit(() -> vm.runMain(mpy));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!out.toString(StandardCharsets.UTF_8).contains("looping") && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(200);
            vm.interrupt();
            run.get(10, TimeUnit.SECONDS);
            compiled[0] = vm.jitCompiled();
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void ctrlCStopsACompiledWhileTrueLoop() throws Exception {
        String src = "def spin():\n    n = 0\n    print('looping')\n    while True:\n        n += 1\nspin()\n";
        int[] compiled = new int[1];
        String out = runUntilInterrupted(src, 0, compiled);
        assertEquals(1, compiled[0], "spin runs compiled");
        String interpreted = runUntilInterrupted(src, -1, compiled);
        assertEquals(0, compiled[0]);
        assertTrue(interpreted.startsWith("looping\nTraceback (most recent call last):\n"), interpreted);
        assertTrue(interpreted.contains("KeyboardInterrupt"), interpreted);
        assertEquals(interpreted, out);
    }

    @Test
    void ctrlCStopsALoopThatWentCompiledWhileRunning() throws Exception {
        // called once: the interpreter hands the running loop over to compiled code at its head
        String src = "def spin():\n    n = 0\n    print('looping')\n    while True:\n        n += 1\nspin()\n";
        int[] compiled = new int[1];
        String out = runUntilInterrupted(src, 1000, compiled);
        assertEquals(1, compiled[0], "spin runs compiled");
        assertEquals(runUntilInterrupted(src, -1, compiled), out);
    }
}
