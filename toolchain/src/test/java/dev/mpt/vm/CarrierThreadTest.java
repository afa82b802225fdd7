package dev.mpt.vm;

import static dev.mpt.bytecode.Opcode.Code.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.bytecode.MpyFile;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * VM.carrierThread: VMs that run their code in turn on one thread (as the warm VM runs
 * programs) each run as on a thread of their own, and leave nothing behind for the next.
 */
class CarrierThreadTest {
    /** {@code print(n)}. */
    private static MpyFile print(long n) {
        Asm.Module m = new Asm.Module("print.py");
        Asm a = new Asm(m).line(1).qop(LOAD_NAME, "print").smallInt(n).op(CALL_FUNCTION, 1).op(POP_TOP)
                .op(LOAD_CONST_NONE).op(RETURN_VALUE);
        return m.file(a.build("<module>", 3, 0, 0, 0));
    }

    /** {@code while True: pass}. */
    private static MpyFile spin() {
        Asm.Module m = new Asm.Module("spin.py");
        Asm a = new Asm(m).line(1).label("top").jump(JUMP, "top");
        return m.file(a.build("<module>", 1, 0, 0, 0));
    }

    private record Run(int status, String out, String err) {}

    private static Run run(VM vm, MpyFile f) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        vm.setStdout(out);
        vm.setStderr(err);
        int status = vm.runMain(f);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void onCarrier(Runnable task) throws Exception {
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread t = VM.carrierThread(() -> {
            try {
                task.run();
            } catch (Throwable e) {
                failed.set(e);
            }
        }, "test-carrier");
        t.start();
        t.join();
        if (failed.get() instanceof Exception e) {
            throw e;
        } else if (failed.get() instanceof Error e) {
            throw e;
        }
    }

    @Test
    void vmsRunInTurnAsOnThreadsOfTheirOwn() throws Exception {
        List<Object> seen = new ArrayList<>();
        onCarrier(() -> {
            // between VMs' code the carrier is a VM thread of no VM: what allocates outside
            // a VM's code (a host making a module) counts against nobody
            assertThat(VM.isVmThread()).isTrue();
            assertThat(Heap.currentVm()).isNull();
            new PyModule("made-by-the-host");

            VM limited = new VM(Path.of("."));
            limited.setHeapLimit(8 << 20);
            Run r = run(limited, VmLimitsTest.growForever());
            seen.add(r.status());
            seen.add(r.err().replaceAll("\\d+ bytes", "N bytes"));
            assertThat(Heap.currentVm()).isNull();

            VM second = new VM(Path.of("."));
            seen.add(run(second, print(7)));
            assertThat(Heap.currentVm()).isNull();
        });
        assertThat(seen).containsExactly(1,
                "Traceback (most recent call last):\n  File \"grow.py\", line 3, in <module>\n"
                        + "MemoryError: memory allocation failed, allocating N bytes\n",
                new Run(0, "7\n", ""));
    }

    @Test
    void anInterruptOfOneVmsCodeDoesNotReachTheNext() throws Exception {
        List<Object> seen = new ArrayList<>();
        onCarrier(() -> {
            VM first = new VM(Path.of("."));
            Thread carrier = Thread.currentThread();
            Thread stopper = new Thread(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
                carrier.interrupt(); // (what a blocking call would have seen)
                first.interrupt();
            });
            stopper.start();
            seen.add(run(first, spin()).err());
            seen.add(Thread.currentThread().isInterrupted());
            VM second = new VM(Path.of("."));
            seen.add(run(second, print(42)));
        });
        assertThat(seen).containsExactly(
                "Traceback (most recent call last):\n  File \"spin.py\", line 1, in <module>\nKeyboardInterrupt: \n",
                false, new Run(0, "42\n", ""));
    }
}
