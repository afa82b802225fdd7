package dev.mpt.flasher;

import dev.mpt.protocol.BoardException;
import dev.mpt.protocol.ExecResult;
import dev.mpt.protocol.Link;
import dev.mpt.protocol.LinkException;
import dev.mpt.protocol.OutputSink;
import dev.mpt.protocol.RawRepl;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Talks to a board running MicroPython over its raw REPL to learn which firmware it runs and
 * to send it into its USB DFU bootloader ({@code machine.bootloader()}), the first step of a
 * one-command flash.
 */
public final class ReplBootloader {
    static final String VERSION_CODE = "import os\nu=os.uname()\nprint(u.version+'; '+u.machine)";
    static final String BOOTLOADER_CODE = "import machine\nmachine.bootloader()";

    private ReplBootloader() {}

    /**
     * Asks the board which firmware it runs, e.g. {@code v1.28.0 on 2026-04-02; PYBv1.1 with
     * STM32F405RG}, leaving it in the raw REPL.
     */
    public static String version(RawRepl repl) throws LinkException {
        ExecResult r = repl.execRaw(VERSION_CODE.getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(5),
                OutputSink.DISCARD);
        String text = r.stdoutText().strip();
        return r.raised() || text.isEmpty() ? "an unknown MicroPython version" : text;
    }

    /**
     * Sends the board into its bootloader. The board resets at once, so the call normally
     * ends with the link gone or silent; a board that answers instead refused.
     *
     * @return the firmware the board ran before it left
     * @throws FlasherException if the board stays and reports an error
     */
    public static String enter(Link link, RawRepl.Timeouts timeouts) throws LinkException {
        RawRepl repl = new RawRepl(link, timeouts);
        repl.setRawPasteAllowed(false);
        repl.enter(false);
        String version = version(repl);
        ExecResult r;
        try {
            r = repl.execRaw(BOOTLOADER_CODE.getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(2),
                    OutputSink.DISCARD);
        } catch (BoardException e) {
            return version; // gone or silent: it is on its way to the bootloader
        } finally {
            link.close();
        }
        String err = r.stderrText().strip();
        String last = err.isEmpty() ? "it kept running" : err.substring(err.lastIndexOf('\n') + 1).strip();
        throw new FlasherException("the board on " + link.description() + " did not enter its bootloader: " + last);
    }
}
