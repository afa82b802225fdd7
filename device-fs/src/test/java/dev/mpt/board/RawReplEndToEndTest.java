package dev.mpt.board;

import dev.mpt.protocol.BoardException;
import dev.mpt.protocol.ExecException;
import dev.mpt.protocol.ExecResult;
import dev.mpt.protocol.FaultyLink;
import dev.mpt.protocol.Link;
import dev.mpt.protocol.MemoryLink;
import dev.mpt.protocol.RawRepl;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The host's raw REPL client against the virtual board, over an in-memory link. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class RawReplEndToEndTest {
    private final TestEngine engine = new TestEngine();
    @RegisterExtension
    final BoardUnderTest target = new BoardUnderTest();
    private RawRepl repl;
    private final StringBuffer streamed = new StringBuffer();

    private RawRepl open(VirtualBoard b) throws BoardException {
        repl = target.open(b, RawRepl.Timeouts.fast());
        return repl;
    }

    private RawRepl open() throws BoardException {
        return open(new VirtualBoard(engine));
    }

    /** Runs code on another thread; returns once it has printed {@code marker}. */
    private CompletableFuture<Throwable> startAndAwait(String code, String marker) throws Exception {
        CountDownLatch printed = new CountDownLatch(1);
        StringBuffer out = streamed;
        CompletableFuture<Throwable> run = CompletableFuture.supplyAsync(() -> {
            try {
                repl.exec(code, Duration.ofSeconds(10), (b, o, l) -> {
                    out.append(new String(b, o, l));
                    if (out.indexOf(marker) >= 0) {
                        printed.countDown();
                    }
                });
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        assertThat(printed.await(5, TimeUnit.SECONDS)).as("code started").isTrue();
        return run;
    }

    @Test
    void execReturnsWhatTheCodePrinted() throws Exception {
        open();
        ExecResult r = repl.exec("print('hello')\nprint(42)");
        assertThat(r.stdoutText()).isEqualTo("hello\n42\n");
        assertThat(r.stdout()).containsExactly("hello\r\n42\r\n".getBytes());
        assertThat(r.raised()).isFalse();
        assertThat(repl.usesRawPaste()).isTrue();
    }

    @Test
    void evalGivesTheRepr() throws Exception {
        open();
        repl.exec("x = 'abc'");
        assertThat(repl.eval("x")).isEqualTo("'abc'");
        assertThat(repl.eval("6 * 7")).isEqualTo("42");
    }

    @Test
    void remoteExceptionCarriesTypeMessageTracebackAndEarlierOutput() throws Exception {
        open();
        assertThatThrownBy(() -> repl.exec("print('before')\nraise ValueError('bad value')"))
                .isInstanceOfSatisfying(ExecException.class, e -> {
                    assertThat(e.exceptionType()).isEqualTo("ValueError");
                    assertThat(e.exceptionMessage()).isEqualTo("bad value");
                    assertThat(e.traceback()).startsWith("Traceback (most recent call last):\n")
                            .contains("File \"<stdin>\", line 2, in <module>");
                    assertThat(new String(e.stdout())).isEqualTo("before\r\n");
                    assertThat(e.getMessage()).isEqualTo("ValueError: bad value");
                });
        // the session goes on after an exception
        assertThat(repl.exec("print(1)").stdoutText()).isEqualTo("1\n");
    }

    @Test
    void execRawKeepsStdoutAndStderrApart() throws Exception {
        open();
        ExecResult r = repl.execRaw("print('out')\nundefined_name".getBytes(), Duration.ofSeconds(5), (b, o, l) -> { });
        assertThat(r.stdoutText()).isEqualTo("out\n");
        assertThat(r.stderrText()).endsWith("NameError: name 'undefined_name' isn't defined\n");
    }

    @Test
    void rawPasteHonoursASmallWindow() throws Exception {
        open(new VirtualBoard(engine, BoardIdentity.defaults().withStdinBufferMax(16)));
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            code.append("v").append(i).append(" = ").append(i).append('\n');
        }
        code.append("print(v299)\n");
        assertThat(repl.exec(code.toString()).stdoutText()).isEqualTo("299\n");
        assertThat(repl.rawPasteWindow()).isEqualTo(8);
        assertThat(target.board.stats().flowControlViolations()).isZero();
    }

    @Test
    void fallsBackToPlainRawModeWhenRawPasteIsRefused() throws Exception {
        open(new VirtualBoard(engine).withRawPaste(VirtualBoard.RawPasteSupport.REFUSED));
        assertThat(repl.exec("print('plain')").stdoutText()).isEqualTo("plain\n");
        assertThat(repl.exec("print('again')").stdoutText()).isEqualTo("again\n");
        assertThat(repl.usesRawPaste()).isFalse();
    }

    @Test
    void fallsBackToPlainRawModeOnFirmwareWithoutRawPaste() throws Exception {
        open(new VirtualBoard(engine).withRawPaste(VirtualBoard.RawPasteSupport.UNKNOWN));
        assertThat(repl.exec("print('old')").stdoutText()).isEqualTo("old\n");
        assertThat(repl.exec("print('firmware')").stdoutText()).isEqualTo("firmware\n");
        assertThat(repl.usesRawPaste()).isFalse();
    }

    @Test
    void longOutputArrivesWholeAndStreams() throws Exception {
        open();
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        AtomicInteger chunks = new AtomicInteger();
        ExecResult r = repl.exec("print('0123456789' * 20000)", Duration.ofSeconds(10), (b, o, l) -> {
            streamed.write(b, o, l);
            chunks.incrementAndGet();
        });
        assertThat(r.stdout()).hasSize(200_002);
        assertThat(streamed.toByteArray()).isEqualTo(r.stdout());
        assertThat(r.stdoutText()).startsWith("0123456789").endsWith("789\n");
    }

    @Test
    void interruptStopsRunningCode() throws Exception {
        open();
        CompletableFuture<Throwable> run = startAndAwait("print('started')\nspin()", "started");
        repl.interrupt();
        Throwable t = run.get(5, TimeUnit.SECONDS);
        assertThat(t).isInstanceOfSatisfying(ExecException.class, e -> {
            assertThat(e.isKeyboardInterrupt()).isTrue();
            assertThat(new String(e.stdout())).isEqualTo("started\r\n");
        });
        assertThat(repl.exec("print('after')").stdoutText()).isEqualTo("after\n");
    }

    @Test
    void boardResetMidCommandIsReportedAndRecovered() throws Exception {
        open();
        CompletableFuture<Throwable> run = startAndAwait("print('started')\nsleep(5)", "started");
        long t0 = System.nanoTime();
        target.board.hardReset();
        Throwable t = run.get(5, TimeUnit.SECONDS);
        assertThat(t).isInstanceOfSatisfying(BoardException.class,
                e -> assertThat(e.kind()).isEqualTo(BoardException.Kind.RESET));
        assertThat(t.getMessage()).contains("reset while running");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        assertThat(target.board.stats().hardResets()).isEqualTo(1);
        // next command gets back into the raw REPL by itself
        assertThat(repl.exec("print('back')").stdoutText()).isEqualTo("back\n");
    }

    @Test
    void codeThatHardResetsTheBoardGivesAResetError() throws Exception {
        open();
        assertThatThrownBy(() -> repl.exec("print('bye')\nhard_reset()"))
                .isInstanceOfSatisfying(BoardException.class,
                        e -> assertThat(e.kind()).isEqualTo(BoardException.Kind.RESET));
        assertThat(repl.exec("print('rebooted')").stdoutText()).isEqualTo("rebooted\n");
    }

    @Test
    void codeThatSoftResetsTheBoardFinishesAndTheSessionGoesOn() throws Exception {
        open();
        repl.exec("x = 1");
        assertThat(repl.exec("print('going')\nsoft_reset()").stdoutText()).isEqualTo("going\n");
        assertThatThrownBy(() -> repl.exec("print(x)")).isInstanceOf(ExecException.class)
                .hasMessageContaining("NameError");
    }

    @Test
    void softResetForgetsStateAndEnterWithoutResetKeepsIt() throws Exception {
        open();
        repl.exec("x = 5");
        repl.exit();
        repl.enter(false);
        assertThat(repl.eval("x")).isEqualTo("5");
        repl.softReset();
        assertThatThrownBy(() -> repl.eval("x")).isInstanceOf(ExecException.class);
        assertThat(target.board.stats().softResets()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void enteringDrainsBootOutput() throws Exception {
        StringBuilder boot = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            boot.append("print('boot line ").append(i).append(" >>> raw REPL; CTRL-B to exit')\n");
        }
        engine.putFile("boot.py", boot.toString());
        engine.putFile("main.py", "print('main running')\nsleep(30)");
        open();
        assertThat(repl.exec("print('ok')").stdoutText()).isEqualTo("ok\n");
    }

    @Test
    void deadlineStopsCodeThatRunsTooLong() throws Exception {
        open();
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> repl.exec("sleep(10)", Duration.ofMillis(300), (b, o, l) -> { }))
                .isInstanceOfSatisfying(BoardException.class,
                        e -> assertThat(e.kind()).isEqualTo(BoardException.Kind.TIMEOUT))
                .hasMessageContaining("did not finish within 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
        assertThat(repl.exec("print('fine')").stdoutText()).isEqualTo("fine\n");
    }

    @Test
    void deadlineHoldsAgainstCodeThatNeverStopsPrinting() throws Exception {
        open();
        repl.exec("x = 'spam'");
        String chatty = "print(x)\n".repeat(2000) + "sleep(0.001)\n";
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> repl.exec(chatty.repeat(50), Duration.ofMillis(400), (b, o, l) -> { }))
                .isInstanceOf(BoardException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aBoardThatStopsAnsweringGivesATimeout() throws Exception {
        target.board = new VirtualBoard(engine);
        Link stalled = new FaultyLink(target.board.connect(), FaultyLink.Faults.none().withStallAfterRead(0), 1);
        repl = new RawRepl(stalled, RawRepl.Timeouts.fast().withEnter(Duration.ofSeconds(1)));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> repl.enter(false))
                .isInstanceOfSatisfying(BoardException.class,
                        e -> assertThat(e.kind()).isEqualTo(BoardException.Kind.TIMEOUT))
                .hasMessageContaining("could not enter the raw REPL");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aBoardThatOnlyPrintsGarbageGivesAClearError() throws Exception {
        MemoryLink.Pair pair = MemoryLink.pair("noise");
        Thread noise = new Thread(() -> {
            byte[] junk = "\u00ff\u00fe garbage \r\n".getBytes();
            try {
                while (true) {
                    pair.board().write(junk);
                    Thread.sleep(5);
                }
            } catch (Exception e) {
                // link closed: stop
            }
        });
        noise.setDaemon(true);
        noise.start();
        repl = new RawRepl(pair.host(), RawRepl.Timeouts.fast().withEnter(Duration.ofSeconds(1)));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> repl.enter(true)).isInstanceOf(BoardException.class)
                .hasMessageContaining("could not enter the raw REPL");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aClosedLinkIsReportedAsDisconnected() throws Exception {
        open();
        target.board.detach();
        assertThatThrownBy(() -> repl.exec("print(1)"))
                .isInstanceOfSatisfying(BoardException.class,
                        e -> assertThat(e.kind()).isEqualTo(BoardException.Kind.DISCONNECTED));
    }

    @Test
    void exitLeavesTheFriendlyReplAndEnterComesBack() throws Exception {
        open();
        repl.exit();
        assertThat(repl.inRawRepl()).isFalse();
        assertThat(repl.exec("print('raw again')").stdoutText()).isEqualTo("raw again\n");
    }

    @Test
    void ctrlCReachesCodeWaitingForInput() throws Exception {
        open();
        CompletableFuture<Throwable> run = startAndAwait("print('waiting')\necho_stdin(5)", "waiting");
        repl.interrupt();
        assertThat(run.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(ExecException.class,
                e -> assertThat(e.isKeyboardInterrupt()).isTrue());
        assertThat(repl.exec("print('next')").stdoutText()).isEqualTo("next\n");
    }

    @Test
    void aFaultInTheEngineIsReportedAndTheBoardLivesOn() throws Exception {
        open();
        assertThatThrownBy(() -> repl.exec("engine_bug()"))
                .isInstanceOfSatisfying(ExecException.class, e -> {
                    assertThat(e.exceptionType()).isEqualTo("RuntimeError");
                    assertThat(e.exceptionMessage()).contains("bug in the engine");
                });
        assertThat(repl.exec("print('alive')").stdoutText()).isEqualTo("alive\n");
    }

    @Test
    void codeCanReadStdin() throws Exception {
        open();
        CompletableFuture<Throwable> run = startAndAwait("print('ready')\necho_stdin(3)", "ready");
        repl.link().write("abc".getBytes());
        assertThat(run.get(5, TimeUnit.SECONDS)).isNull();
        assertThat(streamed.toString()).isEqualTo("ready\r\nabc\r\n");
    }
}
