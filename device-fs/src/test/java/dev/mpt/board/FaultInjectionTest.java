package dev.mpt.board;

import dev.mpt.protocol.BoardException;
import dev.mpt.protocol.ExecException;
import dev.mpt.protocol.FaultyLink;
import dev.mpt.protocol.RawRepl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hundreds of seeded runs of the raw REPL against the virtual board through a link that
 * delays, drops, duplicates and garbles bytes, and cuts or stalls the connection. Every
 * operation must either give the right result or fail with a one-line {@link BoardException}
 * within its time bound; nothing may hang or throw anything else.
 *
 * <p>The raw REPL has no checksums: a byte lost or changed inside the program's text or its
 * output cannot be noticed by the host. Results that are wrong in that way are accepted
 * only in runs where the fault log shows data was altered, and are counted.
 */
class FaultInjectionTest {
    private static final long MASTER_SEED = 0x6d70745f66617534L;
    private static final int RUNS = 200;
    private static final RawRepl.Timeouts TIMEOUTS = new RawRepl.Timeouts(Duration.ofMillis(100),
            Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(600), Duration.ofMillis(15), Duration.ZERO);
    /** The longest any one operation may take: re-entering (with a soft reset), running, stopping, and slack. */
    private static final Duration OPERATION_BOUND = TIMEOUTS.enter().plus(TIMEOUTS.reset()).plus(TIMEOUTS.exec())
            .plus(TIMEOUTS.silence().multipliedBy(4)).plus(Duration.ofMillis(1500));

    private String lastFaults;

    private enum Result { CORRECT, CLEAR_ERROR, UNDETECTABLE_CORRUPTION }

    private record Op(String code, String expected, String expectedError) {
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyOperationSucceedsOrFailsClearlyAndInTime() throws Exception {
        Map<Result, Integer> counts = new EnumMap<>(Result.class);
        Map<BoardException.Kind, Integer> errorKinds = new EnumMap<>(BoardException.Kind.class);
        List<String> problems = new ArrayList<>();
        long started = System.nanoTime();
        for (int run = 0; run < RUNS; run++) {
            long seed = MASTER_SEED + run;
            long t = System.nanoTime();
            oneRun(seed, counts, errorKinds, problems);
            if (System.getenv("MPT_FAULT_DEBUG") != null && System.nanoTime() - t > Long.parseLong(System.getenv("MPT_FAULT_DEBUG")) * 1_000_000L) {
                System.out.println("slow run " + run + ": " + (System.nanoTime() - t) / 1_000_000 + " ms " + lastFaults);
            }
        }
        Duration total = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("fault injection: %d runs in %d ms: %s; errors by kind %s%n",
                RUNS, total.toMillis(), counts, errorKinds);
        assertThat(problems).isEmpty();
        assertThat(counts.getOrDefault(Result.CORRECT, 0)).as("most operations still work").isGreaterThan(RUNS);
        assertThat(counts.getOrDefault(Result.CLEAR_ERROR, 0)).as("faults are noticed").isGreaterThan(RUNS / 10);
    }

    private static FaultyLink.Faults faultsFor(Random r) {
        FaultyLink.Faults f = FaultyLink.Faults.none();
        int kind = r.nextInt(8);
        switch (kind) {
            case 0 -> { } // a clean run now and then
            case 1 -> f = f.withDelays(0.2, Duration.ofMillis(1 + r.nextInt(30)));
            case 2 -> f = f.withDrops(r.nextDouble() * 0.003);
            case 3 -> f = f.withDuplicates(r.nextDouble() * 0.003);
            case 4 -> f = f.withGarbles(r.nextDouble() * 0.003);
            case 5 -> f = f.withCutAfterRead(r.nextInt(4000));
            case 6 -> f = f.withCutAfterWritten(r.nextInt(300));
            default -> f = r.nextInt(4) == 0 ? f.withStallAfterRead(r.nextInt(3000))
                    : f.withDelays(0.05, Duration.ofMillis(150)).withDrops(0.0005).withGarbles(0.0005);
        }
        return f;
    }

    private void oneRun(long seed, Map<Result, Integer> counts, Map<BoardException.Kind, Integer> errorKinds,
                        List<String> problems) {
        Random r = new Random(seed);
        TestEngine engine = new TestEngine();
        int buffer = new int[] {8, 16, 64, 256}[r.nextInt(4)];
        VirtualBoard board = new VirtualBoard(engine, BoardIdentity.defaults().withStdinBufferMax(buffer));
        if (r.nextInt(4) == 0) {
            board.withRawPaste(VirtualBoard.RawPasteSupport.REFUSED);
        }
        FaultyLink.Faults faults = faultsFor(r);
        lastFaults = faults + " errors " + errorKinds;
        FaultyLink link = new FaultyLink(board.connect(), faults, seed);
        RawRepl repl = new RawRepl(link, TIMEOUTS);
        try {
            boolean softReset = r.nextBoolean();
            boolean goOn = check(seed, "enter", link, problems, counts, errorKinds, () -> {
                repl.enter(softReset);
                return null;
            }, null, null);
            // once the link is gone (or stalled for good) every later operation fails the same way: stop early
            for (int i = 0; i < 4 && (goOn || faults.stallAfterRead() < 0 && link.isOpen()); i++) {
                int k = r.nextInt(100000);
                Op op = switch (r.nextInt(4)) {
                    case 0 -> new Op("print(" + k + ")", k + "\n", null);
                    case 1 -> new Op("print('q" + k + "')\nraise ValueError('v" + k + "')", null, "ValueError: v" + k);
                    case 2 -> new Op("print('y' * " + (1000 + k % 3000) + ")", "y".repeat(1000 + k % 3000) + "\n", null);
                    default -> new Op("x" + k + " = " + k + "\nprint(repr(x" + k + "))", k + "\n", null);
                };
                goOn = check(seed, op.code.lines().findFirst().orElse(""), link, problems, counts, errorKinds,
                        () -> repl.exec(op.code).stdoutText(), op.expected, op.expectedError);
            }
        } finally {
            repl.close();
            board.close();
        }
        assertThat(board.stats().flowControlViolations()).as("seed %d: host overran the raw-paste window", seed)
                .isZero();
    }

    @FunctionalInterface
    private interface Action {
        String run() throws Exception;
    }

    /** Runs one operation and judges it; false if it ended in a BoardException. */
    private static boolean check(long seed, String what, FaultyLink link, List<String> problems, Map<Result, Integer> counts,
                              Map<BoardException.Kind, Integer> errorKinds, Action action, String expected,
                              String expectedError) {
        long t0 = System.nanoTime();
        Result result;
        boolean ok = true;
        try {
            String got = action.run();
            if (expectedError != null) {
                result = corruption(seed, what, link, problems, "succeeded but should have raised " + expectedError);
            } else if (expected == null || expected.equals(got)) {
                result = Result.CORRECT;
            } else {
                result = corruption(seed, what, link, problems, "returned a wrong result");
            }
        } catch (ExecException e) {
            if (expectedError != null && e.getMessage().equals(expectedError)) {
                result = Result.CORRECT;
            } else {
                result = corruption(seed, what, link, problems, "raised " + e.getMessage());
            }
        } catch (BoardException e) {
            String msg = e.getMessage();
            if (msg == null || msg.length() < 10 || msg.contains("\n")) {
                problems.add("seed " + seed + " " + what + ": unclear error message: " + msg);
            }
            errorKinds.merge(e.kind(), 1, Integer::sum);
            ok = false;
            result = Result.CLEAR_ERROR;
        } catch (Exception e) {
            problems.add("seed " + seed + " " + what + ": unexpected " + e);
            result = Result.CLEAR_ERROR;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        if (took.compareTo(OPERATION_BOUND) > 0) {
            problems.add("seed " + seed + " " + what + ": took " + took.toMillis() + " ms");
        }
        counts.merge(result, 1, Integer::sum);
        return ok;
    }

    private static Result corruption(long seed, String what, FaultyLink link, List<String> problems, String how) {
        if (!link.alteredData()) {
            problems.add("seed " + seed + " " + what + ": " + how + " although no byte was altered; faults: " + link.log());
        }
        return Result.UNDETECTABLE_CORRUPTION;
    }
}
