package dev.mpt.cli.warm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm VM end to end: the C client (compiled here with cc), real warm JVMs on real
 * Unix-domain sockets, real processes and signals, compared with the fresh-JVM path.
 */
class WarmDaemonTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    /** What the client runs when the warm VM does not serve: marks the run as not served. */
    private static final String NOT_SERVED = "not served by the warm VM";

    @TempDir
    Path tmp;
    private Path client;
    private Path jar;
    private Path runtime;
    private Path work;
    /** The checkout whose sources the client compares with the jar ("-": none), and the launcher it runs then. */
    private String root = "-";
    private String script = "false";

    @BeforeEach
    void setUp() throws Exception {
        Path source = Path.of("src/main/c/mpt-warm.c").toAbsolutePath();
        client = tmp.resolve("mpt-warm");
        Process cc;
        try {
            cc = new ProcessBuilder("cc", "-O2", "-o", client.toString(), source.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("no C compiler: " + e.getMessage());
            return;
        }
        String ccOut = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, cc.waitFor(), ccOut);
        // "the jar": a jar naming this test's class path in its manifest, as mpt.jar holds mpt
        jar = tmp.resolve("mpt.jar");
        ClassPathJar.write(jar);
        runtime = Files.createDirectory(tmp.resolve("run"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        work = Files.createDirectory(tmp.resolve("work"));
    }

    @AfterEach
    void stopDaemons() throws IOException {
        // a warm VM whose socket is gone exits within a quarter second
        Path dir = runtime.resolve("mpt");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    record Result(String out, String err, int status) {
    }

    private List<String> jvm() {
        return List.of(JAVA, "-XX:+UseSerialGC", "-XX:MarkSweepDeadRatio=0", "-XX:-UsePerfData", "-Xshare:auto",
                "-cp", jar.toString());
    }

    /** The client's command line; direct says what it runs when not served (a real JVM, or a marker). */
    private List<String> warmCommand(boolean realDirect, String... args) {
        List<String> direct = new ArrayList<>();
        if (realDirect) {
            direct.addAll(jvm());
            direct.add("dev.mpt.cli.MicroPythonMain");
        } else {
            direct.addAll(List.of("sh", "-c", "echo '" + NOT_SERVED + "'; exit 99", "sh"));
        }
        List<String> daemon = new ArrayList<>(jvm());
        daemon.add("dev.mpt.cli.warm.WarmDaemon");
        List<String> cmd = new ArrayList<>();
        cmd.add(client.toString());
        cmd.add("micropython");
        cmd.add(root);
        cmd.add(script);
        cmd.add(Integer.toString(direct.size()));
        cmd.addAll(direct);
        cmd.add(Integer.toString(daemon.size()));
        cmd.addAll(daemon);
        cmd.add("--");
        cmd.addAll(List.of(args));
        return cmd;
    }

    private List<String> directCommand(String... args) {
        List<String> cmd = new ArrayList<>(jvm());
        cmd.add("dev.mpt.cli.MicroPythonMain");
        cmd.addAll(List.of(args));
        return cmd;
    }

    private Process start(List<String> cmd, Map<String, String> extraEnv) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile());
        pb.environment().put("XDG_RUNTIME_DIR", runtime.toString());
        pb.environment().put("MPT_WARM_IDLE", "60");
        pb.environment().put("MPT_WARM_SLOTS", "2");
        pb.environment().remove("MPT_WARM");
        pb.environment().putAll(extraEnv);
        return pb.start();
    }

    private Result run(List<String> cmd, String stdin, Map<String, String> extraEnv) throws Exception {
        Process p = start(cmd, extraEnv);
        return finish(p, stdin);
    }

    private static Result finish(Process p, String stdin) throws Exception {
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the program did not read it all
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run ends");
        return new Result(new String(out.get(), StandardCharsets.UTF_8), new String(err.get(), StandardCharsets.UTF_8),
                p.exitValue());
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private Path slot(int n, String ext) throws IOException {
        Path dir = runtime.resolve("mpt");
        if (!Files.isDirectory(dir)) {
            return dir.resolve("none-" + n + "." + ext);
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-" + n + "." + ext)).findFirst()
                    .orElse(dir.resolve("none-" + n + "." + ext));
        }
    }

    /** Runs "pass" until the warm VM of slot n serves it (the first runs start it). */
    private void awaitWarm(int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (Files.exists(slot(n, "sock"))) {
                Result r = run(warmCommand(false, "-c", "print('warm')"), "", Map.of());
                if (r.out().equals("warm\n")) {
                    return;
                }
            } else {
                run(warmCommand(false, "-c", "pass"), "", Map.of()); // takes the first free slot
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no warm VM in slot " + n);
    }

    @Test
    void runsAsAFreshJvmWould() throws Exception {
        Files.writeString(work.resolve("helper.py"), "VALUE = 42\n");
        Files.writeString(work.resolve("data.txt"), "from a file\n");
        Files.writeString(work.resolve("prog.py"), """
                import sys, os
                import helper
                print('out', helper.VALUE)
                print('err', file=sys.stderr)
                sys.stdout.write('no newline')
                sys.stderr.write('e2\\n')
                print()
                print(sys.argv, os.getcwd(), os.getenv('MPT_TEST_VAR'))
                print(open('data.txt').read().strip())
                line = input()
                print('read', repr(line), repr(sys.stdin.read()))
                sys.exit(int(line))
                """);
        String[][] programs = {
            {"prog.py", "a", "b c"},
            {"-c", "print(1)\nraise ValueError('bad')"},
            {"-c", "import sys\nprint('x')\nsys.exit('message')"},
            {"-c", "def f(:\n  pass"},
            {"-X", "heapsize=200k", "-c", "x = bytearray(10**7)"},
            {"-c", "import sys\nfor i in range(3):\n    print(i, file=sys.stderr if i % 2 else sys.stdout)"},
            {"missing.py"},
            {"-Q"},
            {"-m", "helper"},
        };
        awaitWarm(0);
        for (String[] args : programs) {
            Result direct = run(directCommand(args), "3\nrest\n", Map.of("MPT_TEST_VAR", "v1"));
            Result warm = run(warmCommand(false, args), "3\nrest\n", Map.of("MPT_TEST_VAR", "v1"));
            assertEquals(direct, warm, String.join(" ", args));
        }
        // the environment is each run's own
        Result other = run(warmCommand(false, "-c", "import os\nprint(os.getenv('MPT_TEST_VAR'))"), "",
                Map.of("MPT_TEST_VAR", "v2"));
        assertEquals(new Result("v2\n", "", 0), other);
    }

    @Test
    void stdinIsReadOnlyAsTheProgramAsks() throws Exception {
        awaitWarm(0);
        Process p = start(warmCommand(false, "-c", "print('ask'); print('got', input())"), Map.of());
        byte[] first = p.getInputStream().readNBytes(4);
        assertEquals("ask\n", new String(first, StandardCharsets.UTF_8));
        p.getOutputStream().write("typed\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        Result r = finish(p, "");
        assertEquals(new Result("got typed\n", "", 0), r);
    }

    @Test
    void ctrlCRaisesKeyboardInterruptAsInAFreshJvm() throws Exception {
        String program = "import sys\nprint('ready')\ntry:\n    while True:\n        pass\n"
                + "except KeyboardInterrupt:\n    print('caught')\n    sys.exit(5)\n";
        String uncaught = "print('ready')\nwhile True:\n    pass\n";
        awaitWarm(0);
        for (String prog : List.of(program, uncaught)) {
            Result direct = interrupted(start(directCommand("-c", prog), Map.of()));
            Result warm = interrupted(start(warmCommand(false, "-c", prog), Map.of()));
            assertEquals(direct, warm);
        }
        // the warm VM still serves
        assertEquals(new Result("warm\n", "", 0), run(warmCommand(false, "-c", "print('warm')"), "", Map.of()));
    }

    private static Result interrupted(Process p) throws Exception {
        byte[] ready = p.getInputStream().readNBytes(6);
        assertEquals("ready\n", new String(ready, StandardCharsets.UTF_8));
        Thread.sleep(200);
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        Result rest = finish(p, "");
        return new Result("ready\n" + rest.out(), rest.err(), rest.status());
    }

    @Test
    void twoRunsAtOnceEachInItsOwnWarmVm() throws Exception {
        awaitWarm(0);
        // a run that waits holds slot 0: the next run finds slot 1 empty and starts its warm VM
        Process holder = start(warmCommand(false, "-c", "print('holding'); input(); print('released')"), Map.of());
        assertEquals("holding\n", new String(holder.getInputStream().readNBytes(8), StandardCharsets.UTF_8));
        awaitWarm(1);
        // while the first still waits (a program that does not end), another runs and ends
        Result other = run(warmCommand(false, "-c", "print(sum(range(10)))"), "", Map.of());
        assertEquals(new Result("45\n", "", 0), other);
        assertTrue(holder.isAlive());
        Result held = finish(holder, "\n");
        assertEquals(new Result("released\n", "", 0), held);
    }

    @Test
    void aRunWhoseClientIsKilledEndsWithItsWarmVm() throws Exception {
        awaitWarm(0);
        Path sock = slot(0, "sock");
        Process p = start(warmCommand(false, "-c", "print('ready')\nwhile True:\n    pass\n"), Map.of());
        assertEquals("ready\n", new String(p.getInputStream().readNBytes(6), StandardCharsets.UTF_8));
        p.destroyForcibly().waitFor();
        // as the program's own process would, the JVM running it ends (its socket goes first)
        awaitGone(sock);
        awaitWarm(0);
    }

    @Test
    void aStaleSocketIsReplaced() throws Exception {
        awaitWarm(0);
        Path sock = slot(0, "sock");
        stopDaemons();
        awaitGone(sock);
        // a socket file nobody listens on, as a killed warm VM leaves
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(sock));
        }
        assertTrue(Files.exists(sock));
        Result first = run(warmCommand(true, "-c", "print('fresh')"), "", Map.of());
        assertEquals(new Result("fresh\n", "", 0), first);
        awaitWarm(0);
    }

    @Test
    @Timeout(60) // (a warm VM that waits for the rest of the request forever: the read below too)
    void aRequestThatDoesNotComeWholeIsGivenUpAndTheWarmVmServesTheNext() throws Exception {
        awaitWarm(0);
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(slot(0, "sock")))) {
            // the head of a request whose body never comes
            c.write(ByteBuffer.wrap(new byte[] {'M', 'P', 'T', 'W', 0, 0, 0, (byte) WarmRun.PROTOCOL, 0, 0, 1, 0}));
            long start = System.nanoTime();
            assertEquals(-1, c.read(ByteBuffer.allocate(16)), "closed, with no frame");
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waited >= WarmRun.REQUEST_MILLIS - 100 && waited < WarmRun.REQUEST_MILLIS + 5000, waited + " ms");
        }
        assertEquals(new Result("warm\n", "", 0), run(warmCommand(false, "-c", "print('warm')"), "", Map.of()));
    }

    @Test
    void aChangedJarGetsAWarmVmOfItsOwn() throws Exception {
        awaitWarm(0);
        Path old = slot(0, "sock");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        awaitGone(old);
        Result r = run(warmCommand(false, "-c", "print('new')"), "", Map.of());
        assertEquals(NOT_SERVED + "\n", r.out(), "the old warm VM is not used");
        awaitWarm(0);
        assertFalse(slot(0, "sock").equals(old));
    }

    @Test
    void sourcesNewerThanTheJarGoBackToTheLauncherToBuild() throws Exception {
        Path checkout = Files.createDirectories(tmp.resolve("checkout/cli/src/main/java"));
        Path launcher = tmp.resolve("launcher");
        Files.writeString(launcher, "#!/bin/sh\necho \"rebuild=$MPT_WARM_REBUILD $*\"\n");
        launcher.toFile().setExecutable(true);
        root = tmp.resolve("checkout").toString();
        script = launcher.toString();
        Path source = Files.writeString(checkout.resolve("A.java"), "class A {}\n");
        Files.setLastModifiedTime(source, FileTime.from(Instant.now().minusSeconds(60)));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(30)));
        Files.createDirectories(tmp.resolve("checkout/target"));
        Files.writeString(tmp.resolve("checkout/target/B.java"), "class B {}\n"); // built output: not a source
        Files.createDirectories(tmp.resolve("checkout/cli/src/test/java"));
        Files.writeString(tmp.resolve("checkout/cli/src/test/java/T.java"), "class T {}\n"); // not in the jar
        assertEquals(NOT_SERVED + "\n", run(warmCommand(false, "x.py", "a b"), "", Map.of()).out());
        Files.setLastModifiedTime(source, FileTime.from(Instant.now()));
        assertEquals(new Result("rebuild=1 x.py a b\n", "", 0), run(warmCommand(false, "x.py", "a b"), "", Map.of()));
    }

    @Test
    void aWarmVmSeesEachChangeToTheSourcesByTheNextRun() throws Exception {
        Path checkout = tmp.resolve("checkout");
        Path java = Files.createDirectories(checkout.resolve("cli/src/main/java"));
        Path resources = Files.createDirectories(checkout.resolve("cli/src/main/resources/dev"));
        Path launcher = tmp.resolve("launcher");
        Files.writeString(launcher, "#!/bin/sh\necho \"rebuild=$MPT_WARM_REBUILD\"\n");
        launcher.toFile().setExecutable(true);
        root = checkout.toString();
        script = launcher.toString();
        FileTime old = FileTime.from(Instant.now().minusSeconds(60));
        FileTime newer = FileTime.from(Instant.now().minusSeconds(10));
        Path a = Files.writeString(java.resolve("A.java"), "class A {}\n");
        Path r = Files.writeString(resources.resolve("r.txt"), "r\n");
        Files.setLastModifiedTime(a, old);
        Files.setLastModifiedTime(r, old);
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(30)));
        awaitWarm(0);
        Path sync = slot(0, "sync");
        String[] prog = {"-c", "print('warm')"};
        Result served = new Result("warm\n", "", 0);
        Result rebuild = new Result("rebuild=1\n", "", 0);
        class Runs {
            /** A run, answered by the warm VM (it touched its sync file), not by the client's own look. */
            Result next() throws Exception {
                FileTime before = Files.getLastModifiedTime(sync);
                Result res = run(warmCommand(false, prog), "", Map.of());
                assertTrue(Files.getLastModifiedTime(sync).compareTo(before) > 0, "the warm VM answered");
                return res;
            }
        }
        Runs runs = new Runs();
        // newer, but not in the jar: what is not a source, built output, tests
        Files.writeString(checkout.resolve("README.md"), "x\n");
        Files.writeString(Files.createDirectories(checkout.resolve("cli/target")).resolve("B.java"), "class B {}\n");
        Files.writeString(Files.createDirectories(checkout.resolve("cli/src/test/java")).resolve("T.java"), "class T\n");
        assertEquals(served, runs.next());
        for (int i = 0; i < 5; i++) { // each at once after the change
            Files.setLastModifiedTime(a, newer);
            assertEquals(rebuild, runs.next(), "touched " + i);
            Files.setLastModifiedTime(a, old);
            assertEquals(served, runs.next(), "put back " + i);
        }
        Files.setLastModifiedTime(r, newer);
        assertEquals(rebuild, runs.next(), "a resource");
        Files.setLastModifiedTime(r, old);
        assertEquals(served, runs.next());
        // a new directory: seen, and watched from then on
        Path deep = Files.createDirectories(java.resolve("dev/mpt/x"));
        Path c = Files.writeString(deep.resolve("C.java"), "class C {}\n");
        assertEquals(rebuild, runs.next(), "a source in a new directory");
        Files.setLastModifiedTime(c, old);
        assertEquals(served, runs.next());
        Files.setLastModifiedTime(c, newer);
        assertEquals(rebuild, runs.next(), "a source in a directory made since the warm VM started");
        Files.move(java.resolve("dev"), tmp.resolve("elsewhere"));
        assertEquals(served, runs.next(), "moved away");
        Files.move(Files.writeString(tmp.resolve("pom.new"), "<project/>\n"), checkout.resolve("pom.xml"));
        assertEquals(rebuild, runs.next(), "a pom renamed into place");
        // another checkout than the one it watches: the warm VM looks through it on each run
        Path o = Files.writeString(Files.createDirectories(tmp.resolve("other/src/main/java")).resolve("O.java"),
                "class O {}\n");
        root = tmp.resolve("other").toString();
        assertEquals(rebuild, run(warmCommand(false, prog), "", Map.of()), "another checkout");
        Files.setLastModifiedTime(o, old);
        assertEquals(served, run(warmCommand(false, prog), "", Map.of()), "another checkout, older");
    }

    /** The command line scripts/mpt-micropython gives the client: the saved line, else the launcher. */
    private List<String> savedCommand(Path line, Path launcher, String... args) {
        List<String> cmd = new ArrayList<>(List.of(client.toString(), "--saved", line.toString(), launcher.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The launcher's command line that saves its words in line, watching the files given. */
    private List<String> recordCommand(Path line, boolean realDirect, List<Path> watched, String... args) {
        List<String> words = warmCommand(realDirect, args);
        List<String> cmd = new ArrayList<>(List.of(client.toString(), "--record", line.toString(),
                Integer.toString(watched.size())));
        watched.forEach(w -> cmd.add(w.toString()));
        cmd.addAll(words.subList(1, words.size()));
        return cmd;
    }

    @Test
    void aSavedLineServesUntilWhatItWasMadeFromChanges() throws Exception {
        Path line = tmp.resolve("mpt-warm.line");
        Path launcher = tmp.resolve("launcher");
        Files.writeString(launcher, "#!/bin/sh\necho \"launcher rebuild=$MPT_WARM_REBUILD $*\"\n");
        launcher.toFile().setExecutable(true);
        Path watched = Files.writeString(tmp.resolve("watched"), "1");
        Path source = Files.createDirectories(tmp.resolve("checkout/cli/src/main/java")).resolve("A.java");
        Files.writeString(source, "class A {}\n");
        Files.setLastModifiedTime(source, FileTime.from(Instant.now().minusSeconds(60)));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(30)));
        root = tmp.resolve("checkout").toString();
        Result toLauncher = new Result("launcher rebuild= -c print(2)\n", "", 0);

        // nothing saved yet: the launcher works the words out
        assertEquals(toLauncher, run(savedCommand(line, launcher, "-c", "print(2)"), "", Map.of()));
        // the launcher's run saves them (and runs the program with them)
        assertEquals(new Result("1\n", "", 0),
                run(recordCommand(line, true, List.of(watched), "-c", "print(1)"), "", Map.of()));
        assertTrue(Files.exists(line));
        // the next runs go on with the saved words, whatever their arguments
        assertEquals(new Result("2\n", "", 0), run(savedCommand(line, launcher, "-c", "print(2)"), "", Map.of()));
        assertEquals(new Result("a b\n", "", 0),
                run(savedCommand(line, launcher, "-c", "import sys; print(*sys.argv[1:])", "a", "b"), "", Map.of()));
        // a variable the words depend on, set or changed: back to the launcher
        assertEquals(toLauncher, run(savedCommand(line, launcher, "-c", "print(2)"), "",
                Map.of("MPT_JAVA_OPTS", "-Xmx64m")));
        assertEquals(toLauncher, run(savedCommand(line, launcher, "-c", "print(2)"), "",
                Map.of("PATH", "/bin:" + System.getenv("PATH"))));
        // no warm VM: the launcher (which checks the sources first)
        assertEquals(toLauncher, run(savedCommand(line, launcher, "-c", "print(2)"), "", Map.of("MPT_WARM", "0")));
        // sources newer than the jar: the launcher named on the command line builds
        Files.setLastModifiedTime(source, FileTime.from(Instant.now()));
        assertEquals(new Result("launcher rebuild=1 x.py\n", "", 0),
                run(savedCommand(line, launcher, "x.py"), "", Map.of()));
        Files.setLastModifiedTime(source, FileTime.from(Instant.now().minusSeconds(60)));
        assertEquals(new Result("2\n", "", 0), run(savedCommand(line, launcher, "-c", "print(2)"), "", Map.of()));
        // a watched file changed, or gone
        Files.writeString(watched, "22");
        assertEquals(toLauncher, run(savedCommand(line, launcher, "-c", "print(2)"), "", Map.of()));
        run(recordCommand(line, true, List.of(watched), "-c", "pass"), "", Map.of());
        assertEquals(new Result("2\n", "", 0), run(savedCommand(line, launcher, "-c", "print(2)"), "", Map.of()));
        Files.delete(watched);
        assertEquals(toLauncher, run(savedCommand(line, launcher, "-c", "print(2)"), "", Map.of()));
        // a line cut short or not one at all
        run(recordCommand(line, true, List.of(watched), "-c", "pass"), "", Map.of());
        assertEquals(new Result("2\n", "", 0), run(savedCommand(line, launcher, "-c", "print(2)"), "", Map.of()));
        byte[] saved = Files.readAllBytes(line);
        Files.write(line, Arrays.copyOf(saved, saved.length - 3));
        assertEquals(toLauncher, run(savedCommand(line, launcher, "-c", "print(2)"), "", Map.of()));
        Files.writeString(line, "print(3)\n");
        assertEquals(toLauncher, run(savedCommand(line, launcher, "-c", "print(2)"), "", Map.of()));
    }

    private static void awaitGone(Path p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Files.exists(p) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(Files.exists(p), p + " removed");
    }
}
