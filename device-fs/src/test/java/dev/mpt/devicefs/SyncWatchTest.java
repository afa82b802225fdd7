package dev.mpt.devicefs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.board.VirtualBoard;
import dev.mpt.board.VmBoard;
import dev.mpt.protocol.RawRepl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code sync --watch} against the virtual board: changes arrive as they are saved, a lost board is found again. */
@Timeout(60)
class SyncWatchTest {
    @TempDir
    Path tmp;

    private VirtualBoard board;
    private Path flash;
    private Path src;
    private RawRepl repl;
    private final AtomicInteger connections = new AtomicInteger();
    private final BlockingQueue<String> log = new LinkedBlockingQueue<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private Thread watching;
    private final Throwable[] failure = new Throwable[1];

    private final SyncWatch.Board connection = new SyncWatch.Board() {
        private RemoteFs fs;

        @Override
        public synchronized RemoteFs fs() throws IOException {
            if (fs == null) {
                repl = new RawRepl(board.connect());
                repl.enter(true);
                connections.incrementAndGet();
                fs = new RemoteFs(repl);
            }
            return fs;
        }

        @Override
        public synchronized void reconnect() {
            repl.close();
            fs = null;
        }
    };

    @BeforeEach
    void start() throws IOException {
        flash = Files.createDirectories(tmp.resolve("flash"));
        src = Files.createDirectories(tmp.resolve("src"));
        board = VmBoard.create(flash).start();
    }

    @AfterEach
    void end() throws InterruptedException {
        stop.set(true);
        if (watching != null) {
            watching.join(5000);
        }
        if (repl != null) {
            repl.close();
        }
        board.close();
    }

    private void watch(Sync.Options options) {
        watching = new Thread(() -> {
            try {
                new SyncWatch(connection, src, "app", options, null, log::add, Duration.ofMillis(150)).run(stop::get);
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        watching.start();
    }

    private String nextLine() throws InterruptedException {
        String line = log.poll(30, TimeUnit.SECONDS);
        assertThat(line).as("a line from the watch (the watch failed with %s)", failure[0]).isNotNull();
        return line.substring(line.indexOf(' ') + 1); // without the time of day
    }

    @Test
    void eachSavedChangeIsSyncedOnceAndCtrlCEndsTheWatch() throws Exception {
        Files.writeString(src.resolve("main.py"), "print(1)\n");
        watch(new Sync.Options(List.of(), true));
        assertThat(nextLine()).isEqualTo("copy   main.py -> :app/main.py (9 bytes)");
        assertThat(Files.readString(flash.resolve("app/main.py"))).isEqualTo("print(1)\n");

        // an editor's burst: write, rewrite, a backup file that is ignored
        Files.createDirectories(src.resolve("lib"));
        Files.writeString(src.resolve("lib/m.py"), "X = 1\n");
        Files.writeString(src.resolve("lib/m.py"), "X = 2\n");
        Files.writeString(src.resolve("lib/m.py~"), "X = 1\n");
        assertThat(nextLine()).isEqualTo("copy   lib/m.py -> :app/lib/m.py (6 bytes)");
        assertThat(Files.readString(flash.resolve("app/lib/m.py"))).isEqualTo("X = 2\n");

        Files.delete(src.resolve("main.py"));
        assertThat(nextLine()).isEqualTo("delete :app/main.py");
        assertThat(flash.resolve("app/main.py")).doesNotExist();
        Thread.sleep(400);
        assertThat(log).as("nothing more than the changes").isEmpty();

        stop.set(true);
        watching.join(2000);
        assertThat(watching.isAlive()).isFalse();
        assertThat(failure[0]).isNull();
        assertThat(flash.resolve("app/lib/m.py~")).doesNotExist();
    }

    @Test
    void aBoardThatWentAwayIsFoundAgain() throws Exception {
        Files.writeString(src.resolve("a.py"), "A = 1\n");
        watch(new Sync.Options(List.of(), false));
        assertThat(nextLine()).isEqualTo("copy   a.py -> :app/a.py (6 bytes)");
        repl.link().close(); // a reset or a pulled cable
        Files.writeString(src.resolve("a.py"), "A = 2\n");
        String line = log.poll(30, TimeUnit.SECONDS);
        assertThat(line).as("the watch failed with %s", failure[0]).startsWith("error: ").endsWith("; trying again");
        assertThat(nextLine()).isEqualTo("copy   a.py -> :app/a.py (6 bytes)");
        assertThat(Files.readString(flash.resolve("app/a.py"))).isEqualTo("A = 2\n");
        assertThat(connections.get()).isEqualTo(2);
    }
}
