package dev.mpt.devicefs;

import static dev.mpt.devicefs.FaultRuns.checkMessage;
import static dev.mpt.devicefs.FaultRuns.randomData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mpt.board.BoardServer;
import dev.mpt.board.PtyBridge;
import dev.mpt.board.VirtualBoard;
import dev.mpt.board.VmBoard;
import dev.mpt.console.Progress;
import dev.mpt.devicefs.FaultRuns.Outcome;
import dev.mpt.protocol.FaultyLink;
import dev.mpt.protocol.Link;
import dev.mpt.protocol.RawRepl;
import dev.mpt.protocol.SerialLink;
import dev.mpt.protocol.SerialSettings;
import dev.mpt.protocol.SocketLink;
import dev.mpt.protocol.ThrottleProxy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copies end to end over the lines a board really sits behind: the virtual board served on
 * TCP ({@link BoardServer}) or on a pty made by socat ({@link PtyBridge}), the line between
 * them and the host a {@link ThrottleProxy} (a serial line's rate and latency). The copies
 * take the binary path as they do on firmware.
 *
 * <p>Then seeded fault runs on the same lines: the proxy garbles or drops bytes in either
 * direction, or the line is cut after a random number of bytes (on TCP by the proxy, on the
 * pty by the host's side closing); single-file uploads and downloads over an old file, and
 * batches of a sync. Each run must end with the new file reported as copied, or with one
 * clear error line and the old file (or the new one, when the line was cut after the board
 * renamed it), never a partial or wrong file, and in bounded time, after which the board is
 * back at its raw REPL. Every message names the seed; {@code MPT_FAULT_DEBUG=1} prints each
 * run.
 */
@Timeout(120)
class TransferLineTest {
    private static final long MASTER_SEED = 0x6c696e652d78L;
    /** Waits that suit a line of at least 115200 baud, as the fault runs are short. */
    private static final RawRepl.Timeouts TIMEOUTS = new RawRepl.Timeouts(Duration.ofMillis(400),
            Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ZERO);
    /** Longer than any run may take: past it a run counts as a hang. */
    private static final Duration RUN_BOUND = Duration.ofSeconds(20);
    private static final boolean DEBUG = System.getenv("MPT_FAULT_DEBUG") != null;

    @TempDir
    Path tmp;

    private enum Line { TCP, PTY }

    /**
     * A virtual board served on TCP, a {@link ThrottleProxy} in front of it and, for the pty,
     * socat in front of the proxy; each rig has its own, so several run side by side.
     */
    private static final class Rig implements AutoCloseable {
        final Path dir;
        final Path flash;
        final VirtualBoard board;
        final BoardServer server;
        final ThrottleProxy proxy;
        PtyBridge bridge;

        Rig(Path dir, int baud) throws IOException {
            this.dir = dir;
            this.flash = Files.createDirectories(dir.resolve("flash"));
            this.board = VmBoard.create(flash).start();
            this.server = BoardServer.listen(board, 0);
            this.proxy = ThrottleProxy.start(0, "127.0.0.1", server.port(), baud, 1);
        }

        /** A new connection over {@code line}: on TCP a new socket; on the pty the same socat, opened anew. */
        Link open(Line line) throws IOException {
            if (line == Line.TCP) {
                return SocketLink.connect("127.0.0.1", proxy.port(), Duration.ofSeconds(2));
            }
            if (bridge == null || !bridge.isAlive()) {
                if (bridge != null) {
                    bridge.close();
                }
                Files.deleteIfExists(dir.resolve("pty"));
                bridge = PtyBridge.start(dir.resolve("pty"), proxy.port(), Duration.ofSeconds(5));
            }
            return SerialLink.open(SerialSettings.of(bridge.device().toString()));
        }

        @Override
        public void close() {
            if (bridge != null) {
                bridge.close();
            }
            proxy.close();
            server.close();
            board.close();
        }
    }

    private final List<Rig> rigs = java.util.Collections.synchronizedList(new ArrayList<>());

    private Rig rig(String name, int baud) throws IOException {
        Rig r = new Rig(Files.createDirectories(tmp.resolve(name)), baud);
        rigs.add(r);
        return r;
    }

    @AfterEach
    void stop() {
        rigs.forEach(Rig::close);
    }

    private static void needSocat(Line line) {
        if (line == Line.PTY) {
            assumeTrue(Files.isExecutable(Path.of("/usr/bin/socat")), "socat is not installed");
        }
    }

    // ------------------------------------------------------------------ end to end, 115200 baud

    @Test
    void copiesTakeTheBinaryPathOverThrottledTcp() throws Exception {
        copiesTakeTheBinaryPath(Line.TCP);
    }

    @Test
    void copiesTakeTheBinaryPathOverAThrottledPty() throws Exception {
        copiesTakeTheBinaryPath(Line.PTY);
    }

    /** As {@code mpt cp -v} and {@code mpt sync} do it: probe, binary upload and download, a batched sync. */
    private void copiesTakeTheBinaryPath(Line line) throws Exception {
        needSocat(line);
        Rig rig = rig("e2e", 115200);
        Path flash = rig.flash;
        try (RawRepl repl = new RawRepl(rig.open(line))) {
            repl.enter(true);
            RemoteCode code = new RemoteCode(repl);
            RemoteFs fs = new RemoteFs(code, new AutoTransfer(code, 4096, true));
            assertThat(fs.transferDescription()).startsWith("binary, ");
            byte[] data = new byte[6000];
            new Random(5).nextBytes(data);
            for (int i = 0; i < 256; i++) {
                data[i] = (byte) i;
            }
            Path host = tmp.resolve("data.bin");
            Files.write(host, data);
            new Copy(fs, false, Progress.NONE).run(List.of(host.toString()), ":d.bin");
            assertThat(flash.resolve("d.bin")).hasBinaryContent(data);
            Path back = tmp.resolve("back.bin");
            new Copy(fs, false, Progress.NONE).run(List.of(":d.bin"), back.toString());
            assertThat(back).hasBinaryContent(data);

            Path tree = Files.createDirectories(tmp.resolve("tree/lib"));
            for (int i = 0; i < 6; i++) {
                StringBuilder src = new StringBuilder();
                for (int j = 0; j < 60; j++) {
                    src.append("def f").append(j).append("(x):\n    return x * ").append(i + j).append("\n");
                }
                Files.writeString(tree.resolve("m" + i + ".py"), src, StandardCharsets.UTF_8);
            }
            Files.writeString(tmp.resolve("tree/main.py"), "import lib.m0\n");
            Sync.Plan plan = Sync.plan(fs, tmp.resolve("tree"), "/app", List.of(), false);
            assertThat(plan.copies()).hasSize(7);
            Sync.apply(plan, fs, Progress.NONE);
            for (int i = 0; i < 6; i++) {
                assertThat(flash.resolve("app/lib/m" + i + ".py")).hasSameBinaryContentAs(tree.resolve("m" + i + ".py"));
            }
            assertThat(Sync.plan(fs, tmp.resolve("tree"), "/app", List.of(), false).isEmpty()).isTrue();
            assertThat(repl.eval("6*7")).isEqualTo("42");
        }
    }

    // ------------------------------------------------------------------ fault runs

    /**
     * 205 seeded runs: single-file copies and batched syncs, over TCP and over the pty, the
     * four sets side by side (each on its own board and line; the runs mostly wait for the
     * line), at 1 Mbaud with 1 ms latency so that the runs are short.
     */
    @Test
    void faultyLinesEndEveryCopyWithTheNewFileOrTheOldOneAndOneError() throws Exception {
        needSocat(Line.PTY);
        List<java.util.concurrent.Callable<String>> sets = List.of(
                () -> singleFileRuns(rig("tcp1", 1_000_000), Line.TCP, 65, MASTER_SEED),
                () -> singleFileRuns(rig("pty1", 1_000_000), Line.PTY, 55, MASTER_SEED + 1000),
                () -> batchRuns(rig("tcp2", 1_000_000), Line.TCP, 45, MASTER_SEED + 2000),
                () -> batchRuns(rig("pty2", 1_000_000), Line.PTY, 40, MASTER_SEED + 3000));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(sets.size());
        List<String> problems = new ArrayList<>();
        try {
            for (java.util.concurrent.Future<String> f : pool.invokeAll(sets)) {
                try {
                    String p = f.get();
                    if (!p.isEmpty()) {
                        problems.add(p);
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    problems.add(String.valueOf(e.getCause()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(problems).isEmpty();
    }

    /** One run's line: faults of the proxy, and for a cut on the pty a host side that closes. */
    private record Fault(ThrottleProxy.Faults proxy, FaultyLink.Faults host, String text) {}

    private static Fault faultFor(Random r, Line line, long bytes) {
        ThrottleProxy.Faults none = ThrottleProxy.Faults.none();
        double chance = 1.0 / (2000 + r.nextInt(10000));
        long at = r.nextInt((int) Math.max(1, bytes));
        Fault f = switch (r.nextInt(6)) {
            case 0 -> new Fault(none.withGarbles(chance, 0), null, null);
            case 1 -> new Fault(none.withGarbles(0, chance), null, null);
            case 2 -> new Fault(none.withDrops(chance, 0), null, null);
            case 3 -> new Fault(none.withDrops(0, chance), null, null);
            case 4 -> line == Line.TCP ? new Fault(none.withCutAfterToBoard(at), null, null)
                    : new Fault(none, FaultyLink.Faults.none().withCutAfterWritten(at), "host closes after writing " + at);
            default -> line == Line.TCP ? new Fault(none.withCutAfterToHost(at), null, null)
                    : new Fault(none, FaultyLink.Faults.none().withCutAfterRead(at), "host closes after reading " + at);
        };
        return new Fault(f.proxy, f.host, f.text != null ? f.text : f.proxy.toString());
    }

    /** A connection for one run, the line's faults in force from its first byte. */
    private static RawRepl connect(Rig rig, Line line, Fault fault, long seed) throws IOException {
        rig.proxy.faults(fault.proxy, seed);
        Link link = rig.open(line);
        if (fault.host != null) {
            link = new FaultyLink(link, fault.host, seed);
        }
        RawRepl repl = new RawRepl(link, TIMEOUTS);
        repl.enter(false);
        return repl;
    }

    /**
     * After a failed run: a clean line, and the board back at its raw REPL (a helper whose
     * host went away ends when the next host enters the raw REPL), so that one run's fault is
     * not the next one's.
     */
    private static void settle(Rig rig, Line line, String what) throws IOException {
        rig.proxy.faults(ThrottleProxy.Faults.none(), 0);
        try (RawRepl repl = new RawRepl(rig.open(line), TIMEOUTS.withEnter(Duration.ofSeconds(8)))) {
            repl.enter(false);
        } catch (IOException e) {
            throw new IOException(what + ": the board did not come back to its raw REPL: " + e.getMessage(), e);
        }
    }

    private static String describe(long seed, Line line, String op, Fault fault) {
        return "seed " + seed + " " + line + " " + op + " (" + fault.text + ")";
    }

    /** The runs' problems, one per line, or "" when there were none. */
    private String singleFileRuns(Rig rig, Line line, int count, long seed0) throws Exception {
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long seed = seed0 + i;
            Random r = new Random(new java.util.SplittableRandom(seed).nextLong());
            boolean upload = r.nextBoolean();
            byte[] oldData = randomData(r, 1 + r.nextInt(3000));
            byte[] newData = randomData(r, r.nextInt(9000));
            Fault fault = faultFor(r, line, 5000 + newData.length);
            String what = describe(seed, line, upload ? "upload" : "download", fault);
            Path boardFile = rig.flash.resolve("f.bin");
            Path hostFile = rig.dir.resolve("host.bin");
            Files.write(boardFile, upload ? oldData : newData);
            Files.write(hostFile, upload ? newData : oldData);
            Path target = upload ? boardFile : hostFile;
            long start = System.nanoTime();
            Outcome o;
            RawRepl repl = null;
            try {
                repl = connect(rig, line, fault, seed);
                RemoteCode code = new RemoteCode(repl);
                RemoteFs fs = new RemoteFs(code, new BinaryTransfer(code));
                if (upload) {
                    new Copy(fs, false, Progress.NONE).run(List.of(hostFile.toString()), ":f.bin");
                } else {
                    new Copy(fs, false, Progress.NONE).run(List.of(":f.bin"), hostFile.toString());
                }
                o = Outcome.COPIED;
                if (!Arrays.equals(Files.readAllBytes(target), newData)) {
                    problems.add(what + ": reported as copied, but the file differs" + log(rig));
                }
            } catch (IOException | IllegalArgumentException e) {
                o = Outcome.FAILED_CLEANLY;
                checkMessage(e, what, problems);
                // (a cut between the board's rename and its answer leaves the new file: the
                // host cannot know, and says it failed; anything but old or new is wrong)
                byte[] now = Files.readAllBytes(target);
                if (!Arrays.equals(now, oldData) && !Arrays.equals(now, newData)) {
                    problems.add(what + ": failed (" + e.getMessage() + ") and the file is neither the old nor the new one"
                            + log(rig));
                }
                if (DEBUG) {
                    System.out.println(what + ": " + e.getMessage());
                }
            } finally {
                if (repl != null) {
                    repl.close();
                }
            }
            took(what, start, problems);
            outcomes.merge((upload ? "upload " : "download ") + o, 1, Integer::sum);
            if (o != Outcome.COPIED) {
                settle(rig, line, what);
            }
        }
        for (String k : List.of("upload COPIED", "upload FAILED_CLEANLY", "download COPIED", "download FAILED_CLEANLY")) {
            if (!outcomes.containsKey(k)) {
                problems.add(line + " single-file runs: none ended " + k + " (" + outcomes + ")");
            }
        }
        return report(line + " single-file fault runs", count, t0, outcomes, problems);
    }

    /**
     * Batches of a sync ({@link RemoteFs#writeAll}: files in one stream, each hashed and
     * renamed by the board's helper): whatever happens each target holds its old or its new
     * content, and a sync reported as done has every file new.
     */
    private String batchRuns(Rig rig, Line line, int count, long seed0) throws Exception {
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long seed = seed0 + i;
            Random r = new Random(new java.util.SplittableRandom(seed).nextLong());
            int n = 2 + r.nextInt(5);
            List<byte[]> olds = new ArrayList<>();
            List<FileTransfer.Put> puts = new ArrayList<>();
            long bytes = 5000;
            for (int k = 0; k < n; k++) {
                byte[] old = randomData(r, 1 + r.nextInt(1500));
                Files.write(rig.flash.resolve("b" + k + ".py"), old);
                olds.add(old);
                byte[] fresh = randomData(r, r.nextInt(4000));
                puts.add(new FileTransfer.Put("b" + k + ".py", fresh));
                bytes += fresh.length / 2 + 40;
            }
            Fault fault = faultFor(r, line, bytes);
            String what = describe(seed, line, "batch of " + n, fault);
            long start = System.nanoTime();
            Outcome o;
            RawRepl repl = null;
            try {
                repl = connect(rig, line, fault, seed);
                RemoteCode code = new RemoteCode(repl);
                new RemoteFs(code, new BinaryTransfer(code)).writeAll(puts, Progress.NONE);
                o = Outcome.COPIED;
            } catch (IOException | IllegalArgumentException e) {
                o = Outcome.FAILED_CLEANLY;
                checkMessage(e, what, problems);
                if (DEBUG) {
                    System.out.println(what + ": " + e.getMessage());
                }
            } finally {
                if (repl != null) {
                    repl.close();
                }
            }
            for (int k = 0; k < n; k++) {
                byte[] now = Files.readAllBytes(rig.flash.resolve("b" + k + ".py"));
                boolean isNew = Arrays.equals(now, puts.get(k).data());
                if (o == Outcome.COPIED && !isNew) {
                    problems.add(what + ": reported as synced, but b" + k + ".py differs" + log(rig));
                } else if (!isNew && !Arrays.equals(now, olds.get(k))) {
                    problems.add(what + ": b" + k + ".py is neither the old nor the new file" + log(rig));
                }
            }
            took(what, start, problems);
            outcomes.merge(o.toString(), 1, Integer::sum);
            if (o != Outcome.COPIED) {
                settle(rig, line, what);
            }
        }
        for (String k : List.of("COPIED", "FAILED_CLEANLY")) {
            if (!outcomes.containsKey(k)) {
                problems.add(line + " batched runs: none ended " + k + " (" + outcomes + ")");
            }
        }
        return report(line + " batched fault runs", count, t0, outcomes, problems);
    }

    private static String log(Rig rig) {
        List<String> l = rig.proxy.log();
        return l.isEmpty() ? "" : "; line: " + String.join(", ", l.subList(0, Math.min(5, l.size())));
    }

    private static void took(String what, long startNanos, List<String> problems) {
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        if (took.compareTo(RUN_BOUND) > 0) {
            problems.add(what + ": took " + took.toMillis() + " ms");
        }
        if (DEBUG) {
            System.out.println(what + ": " + took.toMillis() + " ms");
        }
    }

    private static String report(String title, int count, long t0, Map<String, Integer> outcomes, List<String> problems) {
        System.out.println(title + ", " + count + " runs in " + (System.nanoTime() - t0) / 1_000_000 + " ms: " + outcomes);
        return String.join("\n", problems);
    }
}
