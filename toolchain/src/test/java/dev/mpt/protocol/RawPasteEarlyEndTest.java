package dev.mpt.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Firmware compiles raw-paste input as it arrives, so a syntax error makes it stop reading
 * early: it sends 0x04 before the host has sent everything, waits for the host's 0x04, and
 * then reports the error as usual. A scripted board plays that part here.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RawPasteEarlyEndTest {

    private static byte[] readUntil(Link l, byte last) throws LinkException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (true) {
            int b = l.read(Duration.ofSeconds(3));
            got.write(b);
            if (b == last) {
                return got.toByteArray();
            }
        }
    }

    @Test
    void theHostStopsSendingWhenTheBoardEndsEarly() throws Exception {
        MemoryLink.Pair pair = MemoryLink.pair("scripted");
        Link board = pair.board();
        ByteArrayOutputStream codeSeen = new ByteArrayOutputStream();
        Thread script = new Thread(() -> {
            try {
                readUntil(board, (byte) 0x01); // "\r\x03\x03" then "\r\x01"
                board.write("raw REPL; CTRL-B to exit\r\n>".getBytes(StandardCharsets.US_ASCII));
                byte[] hello = new byte[3];
                for (int i = 0; i < 3; i++) {
                    hello[i] = (byte) board.read(Duration.ofSeconds(3));
                }
                assertThat(hello).containsExactly(0x05, 'A', 0x01);
                board.write(new byte[] {'R', 1, 8, 0, 1}); // window 8, plus a grant
                for (int i = 0; i < 10; i++) {
                    codeSeen.write(board.read(Duration.ofSeconds(3)));
                }
                board.write(new byte[] {0x04}); // "stop, I found an error"
                byte[] rest = readUntil(board, (byte) 0x04);
                codeSeen.write(rest, 0, rest.length - 1);
                board.write(("\u0004Traceback (most recent call last):\r\n  File \"<stdin>\", line 1\r\n"
                        + "SyntaxError: invalid syntax\r\n\u0004>").getBytes(StandardCharsets.US_ASCII));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        script.start();
        RawRepl repl = new RawRepl(pair.host(), RawRepl.Timeouts.fast());
        repl.enter(false);
        String code = "def f(:\n" + "    pass\n".repeat(50);
        assertThatThrownBy(() -> repl.exec(code))
                .isInstanceOfSatisfying(ExecException.class, e -> assertThat(e.exceptionType()).isEqualTo("SyntaxError"));
        script.join(5000);
        // the host sent no more than the two windows it was granted before it saw the early end
        assertThat(codeSeen.size()).isLessThanOrEqualTo(16);
        assertThat(code).startsWith(codeSeen.toString(StandardCharsets.US_ASCII));
        assertThat(repl.rawPasteWindow()).isEqualTo(8);
    }

    @Test
    void unexpectedBytesDuringRawPasteAreAProtocolError() throws Exception {
        MemoryLink.Pair pair = MemoryLink.pair("scripted");
        Link board = pair.board();
        Thread script = new Thread(() -> {
            try {
                readUntil(board, (byte) 0x01);
                board.write("raw REPL; CTRL-B to exit\r\n>".getBytes(StandardCharsets.US_ASCII));
                readUntil(board, (byte) 0x01);
                board.write(new byte[] {'R', 1, 4, 0, 1});
                board.read(Duration.ofSeconds(3));
                board.write("noise".getBytes(StandardCharsets.US_ASCII));
            } catch (Exception e) {
                // the host may close first
            }
        });
        script.start();
        RawRepl repl = new RawRepl(pair.host(), RawRepl.Timeouts.fast());
        repl.enter(false);
        assertThatThrownBy(() -> repl.exec("print('a long enough line of code')"))
                .isInstanceOfSatisfying(BoardException.class, e -> {
                    assertThat(e.kind()).isEqualTo(BoardException.Kind.PROTOCOL);
                    assertThat(e.getMessage()).contains("raw-paste flow control").contains(": b'n' (");
                });
        script.join(5000);
    }
}
