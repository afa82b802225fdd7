package dev.mpt.devicefs;

import static dev.mpt.devicefs.FaultRuns.checkMessage;
import static dev.mpt.devicefs.FaultRuns.randomData;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.board.VirtualBoard;
import dev.mpt.board.VmBoard;
import dev.mpt.console.Progress;
import dev.mpt.devicefs.FaultRuns.Outcome;
import dev.mpt.protocol.FaultyLink;
import dev.mpt.protocol.RawRepl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copies through a link that garbles, drops and duplicates bytes in both directions, and cuts
 * the connection at random points, against the virtual board: each seeded run uploads or
 * downloads a file over an old one, and must end with the new file reported as copied, or
 * with the old file untouched and one clear error line, within a time bound. A wrong file
 * reported as copied is the failure this guards against.
 */
@Timeout(600)
class TransferFaultTest {
    private static final long MASTER_SEED = 0x6d70742d78666572L;
    private static final RawRepl.Timeouts TIMEOUTS = new RawRepl.Timeouts(Duration.ofMillis(300),
            Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ZERO);
    private static final Duration RUN_BOUND = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private Path flash;
    private VirtualBoard board;

    @BeforeEach
    void start() throws IOException {
        flash = Files.createDirectories(tmp.resolve("flash"));
        board = VmBoard.create(flash).start();
    }

    @AfterEach
    void stop() {
        board.close();
    }

    @Test
    void execTransferNeverReportsAWrongFile() throws Exception {
        runs(200, MASTER_SEED, code -> new ExecTransfer(code, 1024));
    }

    /**
     * The binary protocol against MicroPython's unix port on a pty, when
     * {@code MPT_TEST_MICROPYTHON} names its binary (the same runs against the virtual board,
     * over TCP and a pty behind a throttled line, are in {@link TransferLineTest}).
     */
    @Test
    void binaryTransferNeverReportsAWrongFile() throws Exception {
        String mp = System.getenv("MPT_TEST_MICROPYTHON");
        org.junit.jupiter.api.Assumptions.assumeTrue(mp != null && !mp.isBlank(), "MPT_TEST_MICROPYTHON not set");
        unixPort = mp;
        flash = Files.createDirectories(tmp.resolve("unix"));
        runs(100, MASTER_SEED + 1000, BinaryTransfer::new);
    }

    /**
     * The batched path of sync ({@link RemoteFs#writeAll}: many files in one stream, each
     * hashed and renamed by the helper) through the same faults, against the unix port:
     * whatever happens, each target holds its old or its new content, never anything else,
     * and a sync reported as done has every file new.
     */
    @Test
    void batchedWritesNeverLeaveAWrongFile() throws Exception {
        String mp = System.getenv("MPT_TEST_MICROPYTHON");
        org.junit.jupiter.api.Assumptions.assumeTrue(mp != null && !mp.isBlank(), "MPT_TEST_MICROPYTHON not set");
        unixPort = mp;
        flash = Files.createDirectories(tmp.resolve("unix"));
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            long seed = MASTER_SEED + 5000 + i;
            Random r = new Random(seed);
            FaultyLink.Faults faults = faultsFor(r);
            String what = "seed " + seed + " batch " + faults;
            int n = 2 + r.nextInt(6);
            List<byte[]> olds = new ArrayList<>();
            List<FileTransfer.Put> puts = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                byte[] old = randomData(r, 1 + r.nextInt(2000));
                Files.write(flash.resolve("b" + k + ".py"), old);
                olds.add(old);
                puts.add(new FileTransfer.Put(flash.resolve("b" + k + ".py").toString(), randomData(r, r.nextInt(6000))));
            }
            long t0 = System.nanoTime();
            RawRepl[] repl = new RawRepl[1];
            Outcome o;
            try {
                RemoteFs fs = connect(seed, faults, BinaryTransfer::new, repl);
                fs.writeAll(puts, Progress.NONE);
                o = Outcome.COPIED;
            } catch (IOException | IllegalArgumentException e) {
                checkMessage(e, what, problems);
                o = Outcome.FAILED_CLEANLY;
            } finally {
                if (repl[0] != null) {
                    repl[0].close();
                }
            }
            for (int k = 0; k < n; k++) {
                byte[] now = Files.readAllBytes(flash.resolve("b" + k + ".py"));
                boolean isNew = Arrays.equals(now, puts.get(k).data());
                if (o == Outcome.COPIED && !isNew) {
                    problems.add(what + ": reported as synced, but b" + k + ".py differs");
                } else if (!isNew && !Arrays.equals(now, olds.get(k))) {
                    problems.add(what + ": b" + k + ".py is neither the old nor the new file");
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            if (took.compareTo(RUN_BOUND) > 0) {
                problems.add(what + ": took " + took.toMillis() + " ms");
            }
            outcomes.merge(o.toString(), 1, Integer::sum);
        }
        System.out.println("batched transfer fault injection, 60 runs: " + outcomes);
        assertThat(problems).isEmpty();
        assertThat(outcomes.keySet()).contains("COPIED", "FAILED_CLEANLY");
    }

    /** The unix port's binary when runs go to it instead of the virtual board. */
    private String unixPort;

    private void runs(int count, long seed0, Function<RemoteCode, FileTransfer> transfer) throws Exception {
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long seed = seed0 + i;
            Random r = new Random(seed);
            FaultyLink.Faults faults = faultsFor(r);
            boolean upload = r.nextBoolean();
            byte[] oldData = randomData(r, 1 + r.nextInt(3000));
            byte[] newData = randomData(r, r.nextInt(12000));
            String what = "seed " + seed + " " + (upload ? "upload" : "download") + " " + faults;
            long t0 = System.nanoTime();
            Outcome o = upload ? upload(seed, faults, transfer, oldData, newData, what, problems)
                    : download(seed, faults, transfer, oldData, newData, what, problems);
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            if (took.compareTo(RUN_BOUND) > 0) {
                problems.add(what + ": took " + took.toMillis() + " ms");
            }
            outcomes.merge((upload ? "upload " : "download ") + o, 1, Integer::sum);
            if (System.getenv("MPT_FAULT_DEBUG") != null) {
                System.out.println(what + ": " + o + " in " + took.toMillis() + " ms");
            }
        }
        System.out.println("transfer fault injection, " + count + " runs: " + outcomes);
        assertThat(problems).isEmpty();
        assertThat(outcomes.keySet()).as("some copies get through, some fail cleanly")
                .contains("upload COPIED", "upload FAILED_CLEANLY", "download COPIED", "download FAILED_CLEANLY");
    }

    private static FaultyLink.Faults faultsFor(Random r) {
        FaultyLink.Faults f = FaultyLink.Faults.none();
        return switch (r.nextInt(6)) {
            case 0 -> f.withGarbles(0.00005 + r.nextDouble() * 0.0005);
            case 1 -> f.withDrops(0.00005 + r.nextDouble() * 0.0003);
            case 2 -> f.withDuplicates(0.00005 + r.nextDouble() * 0.0003);
            case 3 -> f.withCutAfterRead(r.nextInt(20000));
            case 4 -> f.withCutAfterWritten(r.nextInt(20000));
            default -> f.withGarbles(0.0002).withDrops(0.0001);
        };
    }

    private RemoteFs connect(long seed, FaultyLink.Faults faults, Function<RemoteCode, FileTransfer> transfer,
            RawRepl[] opened) throws IOException {
        dev.mpt.protocol.Link inner = unixPort == null ? board.connect()
                : dev.mpt.protocol.ProcessLink.start("stty raw -echo; exec " + unixPort, true);
        FaultyLink link = new FaultyLink(inner, faults, seed);
        RawRepl repl = new RawRepl(link, TIMEOUTS);
        opened[0] = repl;
        repl.enter(unixPort == null); // a soft reset ends the unix port
        RemoteCode code = new RemoteCode(repl);
        return new RemoteFs(code, transfer.apply(code));
    }

    private Outcome upload(long seed, FaultyLink.Faults faults, Function<RemoteCode, FileTransfer> transfer,
            byte[] oldData, byte[] newData, String what, List<String> problems) throws IOException {
        Path target = flash.resolve("f.bin");
        Files.write(target, oldData);
        return copy(seed, faults, transfer, fs -> fs.write(boardPath(), newData, Progress.NONE), target, "board's",
                oldData, newData, what, problems);
    }

    private Outcome download(long seed, FaultyLink.Faults faults, Function<RemoteCode, FileTransfer> transfer,
            byte[] oldData, byte[] newData, String what, List<String> problems) throws IOException {
        Files.write(flash.resolve("f.bin"), newData);
        Path target = tmp.resolve("host.bin");
        Files.write(target, oldData);
        return copy(seed, faults, transfer, fs -> new Copy(fs, false, Progress.NONE).run(List.of(":" + boardPath()),
                target.toString()), target, "host's", oldData, newData, what, problems);
    }

    /** A copy of newData over the oldData in target, which holds the side's file. */
    private interface CopyStep {
        void run(RemoteFs fs) throws IOException;
    }

    /**
     * Runs one copy over a faulty link: COPIED when it says so and target holds newData, else
     * it must fail with a one-line message and leave target's oldData as it was.
     */
    private Outcome copy(long seed, FaultyLink.Faults faults, Function<RemoteCode, FileTransfer> transfer,
            CopyStep step, Path target, String side, byte[] oldData, byte[] newData, String what,
            List<String> problems) throws IOException {
        RawRepl[] repl = new RawRepl[1];
        try {
            step.run(connect(seed, faults, transfer, repl));
            if (!Arrays.equals(Files.readAllBytes(target), newData)) {
                problems.add(what + ": reported as copied, but the " + side + " file differs");
            }
            return Outcome.COPIED;
        } catch (IOException | IllegalArgumentException e) {
            checkMessage(e, what, problems);
            if (!Arrays.equals(Files.readAllBytes(target), oldData)) {
                byte[] now = Files.exists(target) ? Files.readAllBytes(target) : null;
                problems.add(what + ": failed (" + e.getMessage() + ") and the old file is "
                        + (now == null ? "gone" : Arrays.equals(now, newData) ? "replaced by the new one" : "changed"));
            }
            return Outcome.FAILED_CLEANLY;
        } finally {
            if (repl[0] != null) {
                repl[0].close();
            }
        }
    }

    /** The file's name as the board sees it: relative on the virtual board, absolute for the unix port. */
    private String boardPath() {
        return unixPort == null ? "f.bin" : flash.resolve("f.bin").toString();
    }
}
