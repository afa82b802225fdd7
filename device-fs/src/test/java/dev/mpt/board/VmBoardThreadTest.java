package dev.mpt.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.compiler.VmCompiler;
import dev.mpt.protocol.RawRepl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** _thread on the virtual board: threads run on between programs, as on firmware, until a soft reset. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VmBoardThreadTest {
    /** A thread that appends a byte to beat.txt in the board's flash every few milliseconds. */
    private static final String HEARTBEAT = "import _thread, time\n"
            + "def beat():\n"
            + "    while True:\n"
            + "        with open('beat.txt', 'a') as f:\n"
            + "            f.write('.')\n"
            + "        time.sleep_ms(5)\n"
            + "_thread.start_new_thread(beat, ())\n"
            + "time.sleep_ms(50)\n";

    @TempDir
    Path flash;
    @RegisterExtension
    final BoardUnderTest target = new BoardUnderTest();
    private RawRepl repl;

    private void open() throws Exception {
        repl = target.open(new VirtualBoard(new VmEngine(flash, new VmCompiler())));
    }

    /** Ends the heartbeat before the flash directory is deleted (it would write into it meanwhile). */
    @AfterEach
    void stopThreads() throws Exception {
        if (repl != null) {
            repl.softReset();
            long settled = -1;
            for (int i = 0; i < 50 && beats() != settled; i++) {
                settled = beats();
                Thread.sleep(20);
            }
        }
    }

    private long beats() throws Exception {
        Path f = flash.resolve("beat.txt");
        return Files.exists(f) ? Files.size(f) : 0;
    }

    @Test
    void aSoftResetEndsARunningThread() throws Exception {
        open();
        repl.exec(HEARTBEAT);
        long before = beats();
        Thread.sleep(200);
        assertThat(beats()).as("the thread runs on after its program ended").isGreaterThan(before);

        repl.softReset();
        Thread.sleep(100);
        long afterReset = beats();
        Thread.sleep(300);
        assertThat(beats()).as("no beat after the soft reset").isEqualTo(afterReset);
        assertThat(repl.exec("print('fresh')").stdoutText()).isEqualTo("fresh\n");
    }

    @Test
    void ctrlCInterruptsTheMainProgramAndNotAThread() throws Exception {
        open();
        repl.exec(HEARTBEAT);
        VmBoardTest.interruptedLoop(repl);
        long before = beats();
        Thread.sleep(200);
        assertThat(beats()).as("the thread goes on beating").isGreaterThan(before);
    }
}
