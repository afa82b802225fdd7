package dev.mpt.cli;

import dev.mpt.cli.MainTest.Result;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the end-to-end test classes of the board commands share: each of their tests runs
 * twice, with the virtual board served on a TCP socket and on a pty ({@link ServedBoard}),
 * and calls {@code mpt -d <that board> …} in-process.
 */
@Timeout(120)
@ParameterizedClass
@EnumSource(ServedBoard.Link.class)
abstract class OnServedBoard {
    @Parameter
    ServedBoard.Link link;

    @TempDir
    Path tmp;

    /** The board of the test, its filesystem {@link #flash}. */
    ServedBoard served;
    Path flash;

    /** The board to serve; a class whose tests need more (a ROMFS partition) adds it here. */
    ServedBoard.Spec board(ServedBoard.Spec spec) {
        return spec;
    }

    @BeforeEach
    final void serveBoard() throws IOException {
        served = board(ServedBoard.in(tmp.resolve("board"))).serve(link);
        flash = served.flash;
    }

    @AfterEach
    final void stopBoard() {
        served.close();
    }

    /** {@code mpt -d <the served board> ARGS…}. */
    Result mpt(String... args) {
        return served.mpt(args);
    }
}
