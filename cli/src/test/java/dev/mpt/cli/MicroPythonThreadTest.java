package dev.mpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Threads of a program run by the unix-port stand-in end with it, as the unix port cancels
 * them at exit: in a JVM that runs many programs (the warm VM) none runs on into the next.
 */
class MicroPythonThreadTest {
    private static int run(String code, ByteArrayOutputStream out) {
        MicroPythonMain main = new MicroPythonMain(new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8),
                Map.of());
        return main.run(new String[] {"-c", code}, false);
    }

    private static long vmThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("mpt-vm-thread") && t.isAlive()).count();
    }

    @Test
    void aProgramsThreadsEndWithIt() throws Exception {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        int status = run("import _thread, time\n"
                + "def chatter(tag):\n"
                + "    while True:\n"
                + "        print(tag)\n"
                + "        time.sleep_ms(2)\n"
                + "def spin():\n"
                + "    while True:\n"
                + "        pass\n"
                + "_thread.start_new_thread(chatter, ('first',))\n"
                + "_thread.start_new_thread(spin, ())\n"
                + "time.sleep_ms(30)\n"
                + "print('end')\n", first);
        assertThat(status).isZero();
        String atEnd = first.toString(StandardCharsets.UTF_8);
        assertThat(atEnd).contains("first\n").endsWith("end\n");
        Thread.sleep(100);
        assertThat(first.toString(StandardCharsets.UTF_8)).as("nothing printed after the program ended").isEqualTo(atEnd);
        assertThat(vmThreads()).as("threads left running").isZero();

        ByteArrayOutputStream second = new ByteArrayOutputStream();
        assertThat(run("import time\ntime.sleep_ms(50)\nprint('second')\n", second)).isZero();
        assertThat(second.toString(StandardCharsets.UTF_8)).isEqualTo("second\n");
    }
}
