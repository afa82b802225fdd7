package dev.mpt.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpt.protocol.MemoryLink;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class MonitorTest {

    @Test
    void keysGoToTheBoardAndItsOutputToTheScreenUntilTheExitKey() throws Exception {
        MemoryLink.Pair pair = MemoryLink.pair("test");
        PipedOutputStream typing = new PipedOutputStream();
        PipedInputStream keys = new PipedInputStream(typing);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        ByteArrayOutputStream capture = new ByteArrayOutputStream();
        Thread board = new Thread(() -> {
            try {
                byte[] buf = new byte[16];
                int n = 0;
                while (n < 2) {
                    n += pair.board().read(buf, n, buf.length - n, Duration.ofSeconds(5));
                }
                pair.board().write(("echo:" + new String(buf, 0, n)).getBytes());
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        board.start();
        Thread user = new Thread(() -> {
            try {
                typing.write("x\u0003".getBytes());
                typing.flush();
                long until = System.currentTimeMillis() + 5000;
                while (!screen.toString().contains("echo:") && System.currentTimeMillis() < until) {
                    Thread.sleep(10);
                }
                typing.write(Monitor.DEFAULT_EXIT_KEY);
                typing.flush();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        user.start();
        Monitor.End end = new Monitor(pair.host(), Monitor.DEFAULT_EXIT_KEY, capture).run(keys, screen);
        assertThat(end).isEqualTo(Monitor.End.EXIT_KEY);
        assertThat(screen.toString()).startsWith("echo:x\u0003");
        assertThat(capture.toString()).isEqualTo(screen.toString());
    }

    @Test
    void aBoardThatGoesAwayEndsTheSession() throws Exception {
        MemoryLink.Pair pair = MemoryLink.pair("test");
        pair.board().write("bye".getBytes());
        pair.board().close();
        PipedInputStream keys = new PipedInputStream(new PipedOutputStream());
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        assertThat(new Monitor(pair.host(), Monitor.DEFAULT_EXIT_KEY, null).run(keys, screen))
                .isEqualTo(Monitor.End.BOARD_GONE);
    }

    @Test
    void theEndOfTheKeyboardStreamEndsTheSession() throws Exception {
        MemoryLink.Pair pair = MemoryLink.pair("test");
        assertThat(new Monitor(pair.host(), Monitor.DEFAULT_EXIT_KEY, null)
                .run(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream()))
                .isEqualTo(Monitor.End.KEYBOARD_CLOSED);
    }

    @Test
    void exitKeysParse() {
        assertThat(Monitor.parseKey("ctrl-]")).isEqualTo(0x1d);
        assertThat(Monitor.parseKey("^X")).isEqualTo(0x18);
        assertThat(Monitor.keyName(0x1d)).isEqualTo("Ctrl-]");
        assertThatThrownBy(() -> Monitor.parseKey("q")).hasMessageContaining("ctrl-]");
    }
}
