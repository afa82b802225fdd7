package dev.mpt.vm;

import static dev.mpt.bytecode.Opcode.Code.*;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.bytecode.BinaryOp;
import dev.mpt.bytecode.MpyFile;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The VM's heap limit (a board's fixed heap: MemoryError instead of a JVM that runs out of
 * memory), micropython.heap_lock(), and Ctrl-C inside builtins that loop for a long time.
 */
class VmLimitsTest {
    private record Result(int status, String out, String err) {}

    private static Result run(MpyFile file, long heapLimit, long interruptAfterMs) throws InterruptedException {
        return run(file, heapLimit, -1, interruptAfterMs);
    }

    /** baseline: the JVM's used heap not the program's, as the warm VM gives it (-1: measured at the start). */
    private static Result run(MpyFile file, long heapLimit, long baseline, long interruptAfterMs)
            throws InterruptedException {
        VM vm = new VM(Path.of("."));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        vm.setStdout(out);
        vm.setStderr(err);
        if (heapLimit >= 0 && baseline >= 0) {
            vm.setHeapLimit(heapLimit, baseline);
        } else if (heapLimit >= 0) {
            vm.setHeapLimit(heapLimit);
        }
        Thread stopper = null;
        if (interruptAfterMs >= 0) {
            stopper = new Thread(() -> {
                try {
                    Thread.sleep(interruptAfterMs);
                } catch (InterruptedException e) {
                    return;
                }
                vm.interrupt();
            });
            stopper.setDaemon(true);
            stopper.start();
        }
        int status = vm.runMain(file);
        if (stopper != null) {
            stopper.join();
        }
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** {@code l = []; while True: l.append(bytearray(100000))}. */
    static MpyFile growForever() {
        Asm.Module m = new Asm.Module("grow.py");
        Asm a = new Asm(m).line(1).op(BUILD_LIST, 0).qop(STORE_NAME, "l")
                .line(2).label("top").line(3).qop(LOAD_NAME, "l").qop(LOAD_METHOD, "append")
                .qop(LOAD_NAME, "bytearray").smallInt(100_000).op(CALL_FUNCTION, 1).op(CALL_METHOD, 1).op(POP_TOP)
                .jump(JUMP, "top");
        return m.file(a.build("<module>", 6, 0, 0, 0));
    }

    @Test
    void growingPastTheHeapLimitRaisesMemoryError() throws Exception {
        Result r = run(growForever(), 8 << 20, -1);
        assertThat(r.status()).isEqualTo(1);
        // The limit is measured on the JVM's heap, which other threads of a test run share: the
        // allocation that crosses it is the next bytearray or, now and then, the list's growth.
        assertThat(r.err()).matches("Traceback \\(most recent call last\\):\n"
                + "  File \"grow.py\", line 3, in <module>\n"
                + "MemoryError: memory allocation failed, allocating \\d+ bytes\n");
    }

    @Test
    void aBaselineGivenByTheHostLimitsAlike() throws Exception {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long baseline = rt.totalMemory() - rt.freeMemory();
        Result r = run(growForever(), 2 << 20, baseline, -1); // (small: the JVM's heap grows little for the tests after)
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("Traceback (most recent call last):\n"
                + "  File \"grow.py\", line 3, in <module>\n"
                + "MemoryError: memory allocation failed, allocating 100000 bytes\n");
    }

    @Test
    void oneAllocationLargerThanTheHeapFailsWithItsSize() throws Exception {
        // [0] * 100000000: eight bytes an item, as on a 64-bit port
        Asm.Module m = new Asm.Module("big.py");
        Asm a = new Asm(m).line(1).smallInt(0).op(BUILD_LIST, 1).smallInt(100_000_000)
                .op(BINARY_OP_MULTI + BinaryOp.MULTIPLY.ordinal()).op(POP_TOP).op(LOAD_CONST_NONE).op(RETURN_VALUE);
        Result r = run(m.file(a.build("<module>", 3, 0, 0, 0)), 8 << 20, -1);
        assertThat(r.err()).endsWith("MemoryError: memory allocation failed, allocating 800000000 bytes\n");
    }

    @Test
    void memoryFreedByTheProgramCanBeAllocatedAgain() throws Exception {
        // for i in range(100): x = bytearray(1000000)   -- 100 MB allocated, 1 MB held at a time
        Asm.Module m = new Asm.Module("churn.py");
        Asm a = new Asm(m).line(1).qop(LOAD_NAME, "range").smallInt(100).op(CALL_FUNCTION, 1).op(GET_ITER_STACK)
                .label("top").jump(FOR_ITER, "done").qop(STORE_NAME, "i")
                .line(2).qop(LOAD_NAME, "bytearray").smallInt(1_000_000).op(CALL_FUNCTION, 1).qop(STORE_NAME, "x")
                .jump(JUMP, "top")
                .label("done").qop(LOAD_NAME, "print").qop(LOAD_NAME, "i").op(CALL_FUNCTION, 1).op(POP_TOP)
                .op(LOAD_CONST_NONE).op(RETURN_VALUE);
        Result r = run(m.file(a.build("<module>", 8, 0, 0, 0)), 8 << 20, -1);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("99\n");
    }

    @Test
    void heapLockMakesEveryAllocationFail() throws Exception {
        // import micropython; micropython.heap_lock(); x = []
        Asm.Module m = new Asm.Module("lock.py");
        Asm a = new Asm(m).line(1).smallInt(0).op(LOAD_CONST_NONE).qop(IMPORT_NAME, "micropython")
                .qop(STORE_NAME, "micropython")
                .line(2).qop(LOAD_NAME, "micropython").qop(LOAD_METHOD, "heap_lock").op(CALL_METHOD, 0).op(POP_TOP)
                .line(3).op(BUILD_LIST, 0).qop(STORE_NAME, "x").op(LOAD_CONST_NONE).op(RETURN_VALUE);
        Result r = run(m.file(a.build("<module>", 4, 0, 0, 0)), -1, -1);
        assertThat(r.err()).endsWith("line 3, in <module>\nMemoryError: memory allocation failed, heap is locked\n");
    }

    /** {@code print(name(range(10 ** 12)))}: a builtin that loops far longer than the test waits. */
    private static MpyFile builtinOverHugeRange(String name) {
        Asm.Module m = new Asm.Module("busy.py");
        Asm a = new Asm(m).line(1).qop(LOAD_NAME, "print").qop(LOAD_NAME, name).qop(LOAD_NAME, "range")
                .smallInt(1_000_000_000_000L).op(CALL_FUNCTION, 1).op(CALL_FUNCTION, 1).op(CALL_FUNCTION, 1)
                .op(POP_TOP).op(LOAD_CONST_NONE).op(RETURN_VALUE);
        return m.file(a.build("<module>", 4, 0, 0, 0));
    }

    @Test
    void interruptStopsSumOfAHugeRange() throws Exception {
        Result r = run(builtinOverHugeRange("sum"), -1, 200);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).endsWith("KeyboardInterrupt: \n");
    }

    @Test
    void interruptStopsMaxOfAHugeRange() throws Exception {
        Result r = run(builtinOverHugeRange("max"), -1, 200);
        assertThat(r.err()).endsWith("KeyboardInterrupt: \n");
    }

    @Test
    void interruptStopsSortingAHugeList() throws Exception {
        // sorted(range(10**7, 0, -1)): reversed input is quicksort's slow case
        Asm.Module m = new Asm.Module("sort.py");
        Asm a = new Asm(m).line(1).qop(LOAD_NAME, "sorted").qop(LOAD_NAME, "range").smallInt(10_000_000)
                .smallInt(0).smallInt(-1).op(CALL_FUNCTION, 3).op(CALL_FUNCTION, 1).op(POP_TOP)
                .op(LOAD_CONST_NONE).op(RETURN_VALUE);
        Result r = run(m.file(a.build("<module>", 5, 0, 0, 0)), -1, 300);
        assertThat(r.err()).endsWith("KeyboardInterrupt: \n");
    }

    @Test
    void interruptStopsListOfAHugeRangeUnderAHeapLimit() throws Exception {
        // list(range(10**12)) with room for far more than 200 ms of items
        Result r = run(builtinOverHugeRange("list"), 1L << 40, 200);
        assertThat(r.err()).endsWith("KeyboardInterrupt: \n");
    }
}
