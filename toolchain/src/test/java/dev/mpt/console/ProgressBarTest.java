package dev.mpt.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void drawsEachPercentOnceAndLeavesTheFinishedBar() {
        StringWriter text = new StringWriter();
        Progress bar = ProgressBar.always(new PrintWriter(text));
        bar.begin("copy", 4096);
        bar.advance(1024);
        bar.advance(1);
        bar.advance(1023);
        bar.end();
        String empty = "-".repeat(30);
        assertThat(text.toString()).isEqualTo(
                "\rcopy     [" + empty + "]   0%  0/4 KiB"
                + "\rcopy     [" + "#".repeat(7) + "-".repeat(23) + "]  25%  1/4 KiB"
                + "\rcopy     [" + "#".repeat(15) + "-".repeat(15) + "]  50%  2/4 KiB"
                + "\rcopy     [" + "#".repeat(30) + "] 100%  4/4 KiB" + System.lineSeparator());
    }

    @Test
    void eachPhaseStartsFromNothing() {
        StringWriter text = new StringWriter();
        Progress bar = ProgressBar.always(new PrintWriter(text));
        bar.begin("erase", 2);
        bar.advance(2);
        bar.end();
        bar.begin("write", 2);
        bar.advance(1);
        assertThat(text.toString()).endsWith("\rwrite    [" + "#".repeat(15) + "-".repeat(15) + "]  50%  0/0 KiB");
    }

    @Test
    void withoutATerminalNothingIsPrinted() {
        StringWriter text = new StringWriter();
        Progress bar = ProgressBar.forTerminal(new PrintWriter(text));
        bar.begin("sync", 100);
        bar.advance(100);
        bar.end();
        // the test runs without a console, as mpt does in a pipe or a log
        assertThat(text.toString()).isEmpty();
    }
}
