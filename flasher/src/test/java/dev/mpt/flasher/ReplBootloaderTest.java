package dev.mpt.flasher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpt.protocol.LinkException;
import dev.mpt.protocol.MemoryLink;
import dev.mpt.protocol.RawRepl;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplBootloaderTest {
    /**
     * A board's raw REPL in a thread, just enough of it: the banner on Ctrl-A, "OK", output and
     * the two Ctrl-D after code; machine.bootloader() makes it vanish, unless it refuses.
     */
    private static Thread fakeBoard(MemoryLink board, boolean refuse) {
        Thread t = new Thread(() -> {
            ByteArrayOutputStream code = new ByteArrayOutputStream();
            try {
                while (true) {
                    int b = board.read(Duration.ofSeconds(5));
                    if (b < 0) {
                        return;
                    }
                    switch (b) {
                        case 0x01 -> send(board, "raw REPL; CTRL-B to exit\r\n>");
                        case 0x03, '\r' -> { }
                        case 0x04 -> {
                            String text = code.toString(StandardCharsets.US_ASCII);
                            code.reset();
                            send(board, "OK");
                            if (text.equals(ReplBootloader.VERSION_CODE)) {
                                send(board, "v1.28.0 on 2026-04-02; PYBv1.1 with STM32F405RG\r\n\u0004\u0004>");
                            } else if (text.equals(ReplBootloader.BOOTLOADER_CODE) && !refuse) {
                                board.close();
                                return;
                            } else {
                                send(board, "\u0004Traceback (most recent call last):\r\n  File \"<stdin>\", line 2, "
                                        + "in <module>\r\nAttributeError: 'module' object has no attribute 'bootloader'\r\n\u0004>");
                            }
                        }
                        default -> code.write(b);
                    }
                }
            } catch (LinkException e) {
                // the host hung up
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void send(MemoryLink board, String s) throws LinkException {
        board.write(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void reportsTheVersionAndLeavesTheBoardOnItsWayToTheBootloader() throws Exception {
        MemoryLink.Pair pair = MemoryLink.pair("fake board");
        Thread board = fakeBoard(pair.board(), false);
        String version = ReplBootloader.enter(pair.host(), RawRepl.Timeouts.fast());
        assertThat(version).isEqualTo("v1.28.0 on 2026-04-02; PYBv1.1 with STM32F405RG");
        board.join(5000);
        assertThat(board.isAlive()).isFalse();
    }

    @Test
    void aBoardThatRefusesSaysWhy() {
        MemoryLink.Pair pair = MemoryLink.pair("fake board");
        fakeBoard(pair.board(), true);
        assertThatThrownBy(() -> ReplBootloader.enter(pair.host(), RawRepl.Timeouts.fast()))
                .isInstanceOf(FlasherException.class)
                .hasMessage("the board on fake board (host end) did not enter its bootloader: "
                        + "AttributeError: 'module' object has no attribute 'bootloader'");
    }
}
