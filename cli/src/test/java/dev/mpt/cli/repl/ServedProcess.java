package dev.mpt.cli.repl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code mpt board serve} in a process of its own, so that a test can kill it and start it
 * again on the same port (and pty path), as a board is reset or re-plugged.
 */
final class ServedProcess implements AutoCloseable {
    private final Process process;

    private ServedProcess(Process process) {
        this.process = process;
    }

    /** The java command that runs {@code dev.mpt.cli.Main} with the test class path. */
    static List<String> mptCommand() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), "dev.mpt.cli.Main"));
    }

    /** A shell script {@code dir/mpt} that runs mpt (with {@code tmp} as its temporary directory), for typing in a terminal. */
    static Path mptScript(Path dir, Path tmp) throws IOException {
        StringBuilder sb = new StringBuilder("#!/bin/sh\nexec");
        List<String> argv = mptCommand();
        argv.add(1, "-Djava.io.tmpdir=" + tmp);
        for (String a : argv) {
            sb.append(" '").append(a).append('\'');
        }
        sb.append(" \"$@\"\n");
        Path script = dir.resolve("mpt");
        Files.writeString(script, sb.toString());
        script.toFile().setExecutable(true);
        return script;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Starts {@code mpt board serve --port PORT [--pty PTY]} and waits until it serves.
     *
     * @param pty the pty path, or null for TCP only
     */
    static ServedProcess start(Path flash, int port, Path pty) throws IOException, InterruptedException {
        List<String> argv = mptCommand();
        argv.addAll(List.of("board", "serve", "--port", String.valueOf(port), "--flash", flash.toString()));
        if (pty != null) {
            argv.addAll(List.of("--pty", pty.toString()));
        }
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.startsWith("Ctrl-C stops it")) {
                Thread drain = new Thread(() -> {
                    try {
                        out.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException ignored) {
                        // the process ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return new ServedProcess(p);
            }
        }
        p.waitFor(5, TimeUnit.SECONDS);
        throw new IOException("mpt board serve did not start:\n" + seen);
    }

    /** Kills it (SIGTERM, as a reset or unplugging ends the board's side) and waits. */
    void kill() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
