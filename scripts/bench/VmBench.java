import dev.mpt.bytecode.MpyFile;
import dev.mpt.compiler.CompileError;
import dev.mpt.compiler.CrossCompiler;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.VM;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Times each benchmark program's {@code bench()} in our VM, in this process, after warm-up.
 *
 * <pre>
 * java -cp cli/target/mpt.jar scripts/bench/VmBench.java scripts/bench/vm/*.py
 * </pre>
 *
 * Each program is compiled with our mpy-cross compiler and run once as a module of a fresh
 * VM (which defines {@code bench}); then the one-line module {@code bench()} runs in that
 * module's globals, {@code -Dwarmup=3} times untimed and {@code -Druns=7} times timed. One
 * line per program on stdout: {@code name<TAB>median ms} or {@code name<TAB>fails: reason}.
 * A program that takes longer than {@code -Dbudget=120} seconds in all is stopped.
 */
public final class VmBench {
    private static final int WARMUP = Integer.getInteger("warmup", 3);
    private static final int RUNS = Integer.getInteger("runs", 7);
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(Long.getLong("budget", 120));

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: java -cp cli/target/mpt.jar scripts/bench/VmBench.java PROGRAM.py...");
            System.exit(2);
        }
        MpyFile call = CrossCompiler.compile("bench()\n".getBytes(StandardCharsets.UTF_8), "<bench>",
                CrossCompiler.Options.defaults());
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "vm-bench");
            t.setDaemon(true);
            return t;
        });
        for (String arg : args) {
            Path path = Path.of(arg);
            String name = path.getFileName().toString().replaceFirst("\\.py$", "");
            String result;
            try {
                result = String.format(java.util.Locale.ROOT, "%.6f", time(path, call, pool));
            } catch (Failure e) {
                result = "fails: " + e.getMessage();
            }
            System.out.println(name + "\t" + result);
            System.out.flush();
        }
        System.exit(0);
    }

    /** The median time of bench() in milliseconds. */
    private static double time(Path path, MpyFile call, ExecutorService pool) throws Exception {
        MpyFile program;
        try {
            program = CrossCompiler.compile(Files.readAllBytes(path), path.getFileName().toString(),
                    CrossCompiler.Options.defaults());
        } catch (CompileError e) {
            throw new Failure("compile error: " + e.type() + ": " + e.getMessage());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VM vm = new VM(path.toAbsolutePath().getParent());
        vm.setStdout(out);
        vm.setStderr(out);
        long deadline = System.nanoTime() + BUDGET_NANOS;
        PyModule module = guarded(pool, vm, deadline, () -> vm.run(program, "bench_" + path.getFileName()));
        double[] ms = new double[RUNS];
        for (int i = 0; i < WARMUP + RUNS; i++) {
            long t0 = System.nanoTime();
            guarded(pool, vm, deadline, () -> {
                vm.runIn(call, module);
                return null;
            });
            long t1 = System.nanoTime();
            if (i >= WARMUP) {
                ms[i - WARMUP] = (t1 - t0) / 1e6;
            }
        }
        Arrays.sort(ms);
        return RUNS % 2 == 1 ? ms[RUNS / 2] : (ms[RUNS / 2 - 1] + ms[RUNS / 2]) / 2;
    }

    private interface Step<T> {
        T run() throws Exception;
    }

    /** Runs one step of the VM with the remaining budget, turning any failure into a reason. */
    private static <T> T guarded(ExecutorService pool, VM vm, long deadline, Step<T> step) throws Failure {
        Future<T> f = pool.submit(step::run);
        try {
            return f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            vm.interrupt();
            f.cancel(true);
            throw new Failure("over the time budget");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            String why = c.getClass().getSimpleName().equals("PyError")
                    ? oneLine(VM.formatException(pyException(c)))
                    : oneLine(String.valueOf(c));
            throw new Failure(why);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted");
        }
    }

    /** The Python exception inside a PyError (its public field {@code exc}). */
    private static dev.mpt.vm.PyException pyException(Throwable pyError) {
        try {
            return (dev.mpt.vm.PyException) pyError.getClass().getField("exc").get(pyError);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The last line of a traceback (the exception itself), or the first line of other text. */
    private static String oneLine(String s) {
        String[] lines = s.strip().split("\n");
        String line = lines[0].startsWith("Traceback") ? lines[lines.length - 1] : lines[0];
        return line.length() > 100 ? line.substring(0, 100) + "..." : line;
    }

    private static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }
}
