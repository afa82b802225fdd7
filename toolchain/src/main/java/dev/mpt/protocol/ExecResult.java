package dev.mpt.protocol;

import java.nio.charset.StandardCharsets;

/** What code run in the raw REPL printed: its stdout and, separately, its error output. */
public record ExecResult(byte[] stdout, byte[] stderr) {

    public ExecResult {
        stdout = stdout.clone();
        stderr = stderr.clone();
    }

    @Override
    public byte[] stdout() {
        return stdout.clone();
    }

    @Override
    public byte[] stderr() {
        return stderr.clone();
    }

    /** Stdout as text with the board's "\r\n" line ends turned into "\n". */
    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    public boolean raised() {
        return stderr.length > 0;
    }
}
