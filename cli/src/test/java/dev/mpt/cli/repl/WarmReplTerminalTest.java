package dev.mpt.cli.repl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.cli.warm.ClassPathJar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mpt-micropython}'s REPL in a real terminal (tmux), served by the warm VM: the C
 * client holds the terminal. What a user types and sees, and the terminal's settings after,
 * also when the warm VM is killed in the middle of a session.
 */
@Timeout(300)
class WarmReplTerminalTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;
    private Path runtime;

    @Test
    void theReplOnATerminalAsAUserMeetsIt() throws Exception {
        writeLauncher();
        try (TmuxPane pane = new TmuxPane(dir, 160, 50)) {
            served(pane);
        } finally {
            // a warm VM whose socket is gone exits within a quarter second
            try (Stream<Path> files = Files.list(runtime.resolve("mpt"))) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            } catch (IOException e) {
                // none was started
            }
        }
    }

    /** Expressions, Tab, Up, Ctrl-C, input(), Ctrl-D, sys.exit, and the warm VM killed mid-session. */
    private void served(TmuxPane pane) throws Exception {
        awaitWarmVm(pane);

        startRepl(pane, "stty -g > stty-before; ./mp; echo mp-exit=$?; stty -g > stty-after");
        String screen = pane.screen();
        assertThat(screen).contains("MicroPython v1.28.0");

        pane.awaitPrompt(">>>");
        pane.answer("1234*5", "6170");
        // Tab completes, Up recalls the last line
        ReplTerminalTest.tabCompletes(pane);
        ReplTerminalTest.upRecallsTheLastLine(pane);
        // Ctrl-C interrupts a loop; the REPL goes on
        pane.answer("while True: pass", "...");
        pane.press("Enter");
        Thread.sleep(500);
        pane.press("C-c");
        pane.awaitText("KeyboardInterrupt", 1);
        pane.awaitPrompt(">>>"); // (what is typed while code runs is dropped, as by the unix port)
        pane.answer("2**10", "1024");
        // input() reads a line the terminal edits and echoes
        pane.line("name = input('who? ')");
        pane.awaitText("who? ", 1);
        int prompts = TmuxPane.count(pane.screen(), ">>> ");
        pane.line("Ada");
        pane.awaitText(">>> ", prompts + 1); // (what is typed while code runs is dropped, as by the unix port)
        pane.answer("print('hi', name)", "hi Ada");
        // Ctrl-D leaves with status 0, the terminal as it was
        pane.awaitPrompt(">>>");
        pane.press("C-d");
        pane.awaitText("mp-exit=0", 1);
        awaitFile(dir.resolve("stty-after"));
        assertThat(Files.readString(dir.resolve("stty-after"))).isEqualTo(Files.readString(dir.resolve("stty-before")));

        // sys.exit(3) in the REPL: its status
        startRepl(pane, "./mp; echo mp-exit=$?");
        pane.line("import sys; sys.exit(3)");
        pane.awaitText("mp-exit=3", 1);

        // the warm VM killed in the middle of a session: one error line, the terminal restored
        Files.deleteIfExists(dir.resolve("stty-after"));
        startRepl(pane, "./mp; echo mp-exit=$?; stty -g > stty-after");
        ProcessHandle warm = warmVm().orElseThrow();
        assertThat(warm.destroyForcibly()).isTrue();
        screen = pane.awaitText("mp-exit=1", 1);
        assertThat(screen).contains("error: mpt's warm VM stopped during the run");
        assertThat(screen.lines().filter(l -> l.contains("error:")).count()).isEqualTo(1);
        awaitFile(dir.resolve("stty-after"));
        assertThat(Files.readString(dir.resolve("stty-after"))).isEqualTo(Files.readString(dir.resolve("stty-before")));
        // and the shell reads lines again as before
        pane.answer("echo typed-$((6*7))", "typed-42");
    }

    /**
     * ./mp: the warm client as scripts/mpt-micropython runs it, with this test's class path
     * (through a jar naming it) and a private runtime directory; when the warm VM does not
     * serve a run, it prints "not served".
     */
    private void writeLauncher() throws Exception {
        Path client = dir.resolve("mpt-warm");
        Process cc;
        try {
            cc = new ProcessBuilder("cc", "-O2", "-o", client.toString(),
                    Path.of("src/main/c/mpt-warm.c").toAbsolutePath().toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("no C compiler: " + e.getMessage());
            return;
        }
        String ccOut = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cc.waitFor()).as(ccOut).isZero();
        Path jar = dir.resolve("mpt.jar");
        ClassPathJar.write(jar);
        runtime = Files.createDirectory(dir.resolve("run"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        List<String> direct = List.of("sh", "-c", "echo not served; exit 99", "sh");
        List<String> daemon = List.of(JAVA, "-XX:+UseSerialGC", "-XX:-UsePerfData", "-cp", jar.toString(),
                "dev.mpt.cli.warm.WarmDaemon");
        List<String> cmd = new ArrayList<>(List.of(client.toString(), "micropython", "-", "false"));
        cmd.add(Integer.toString(direct.size()));
        cmd.addAll(direct);
        cmd.add(Integer.toString(daemon.size()));
        cmd.addAll(daemon);
        cmd.add("--");
        StringBuilder sh = new StringBuilder("#!/bin/sh\nexport XDG_RUNTIME_DIR='" + runtime + "' MPT_WARM_SLOTS=1"
                + " MPT_WARM_IDLE=120\nexec");
        for (String w : cmd) {
            sh.append(" '").append(w.replace("'", "'\\''")).append('\'');
        }
        sh.append(" \"$@\"\n");
        Path script = dir.resolve("mp");
        Files.writeString(script, sh.toString());
        script.toFile().setExecutable(true);
    }

    /** Types a command line that starts the REPL, and waits for its prompt (keys typed before it would be dropped). */
    private static void startRepl(TmuxPane pane, String command) throws Exception {
        int prompts = TmuxPane.count(pane.screen(), ">>> ");
        pane.line(command);
        pane.awaitText(">>> ", prompts + 1);
    }

    /** Runs a program through ./mp until the warm VM serves it (the first run starts the warm VM). */
    private void awaitWarmVm(TmuxPane pane) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (int i = 1; System.nanoTime() < deadline; i++) {
            pane.line("./mp -c \"print('served', 6*" + i + ")\"; echo done-" + i);
            String screen = pane.awaitText("done-" + i, 1);
            if (screen.contains("served " + 6 * i)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the warm VM never came up");
    }

    /** The warm VM's process: the JVM whose command line names this test's runtime directory. */
    private java.util.Optional<ProcessHandle> warmVm() {
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(p -> p.info().commandLine().map(c -> c.contains("WarmDaemon") && c.contains(
                    runtime.toString())).orElse(false)).findFirst();
        }
    }

    /** Waits (up to 10 s) until the shell has written a whole line to p. */
    private static void awaitFile(Path p) throws Exception {
        for (int i = 0; i < 200 && !(Files.exists(p) && Files.readString(p).endsWith("\n")); i++) {
            Thread.sleep(50);
        }
    }
}
