package dev.mpt.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpt.board.BoardServer;
import dev.mpt.board.VirtualBoard;
import dev.mpt.board.VmBoard;
import dev.mpt.protocol.Link;
import dev.mpt.protocol.LinkException;
import dev.mpt.protocol.SocketLink;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code mpt repl} without a terminal, against the virtual board over TCP. */
@Timeout(60)
class HeadlessTest {
    @TempDir
    Path dir;

    private String run(String input, String inject) throws Exception {
        try (VirtualBoard board = VmBoard.create(Files.createDirectories(dir.resolve("fs")));
                BoardServer server = BoardServer.listen(board, 0)) {
            Link link = SocketLink.connect("127.0.0.1", server.port(), Duration.ofSeconds(5));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            BoardOutput output = new BoardOutput(out, log, LineMap.NONE, false, false, Clock.systemDefaultZone());
            new Headless(link, output, Duration.ofSeconds(5)).run(
                    new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                    inject == null ? null : inject.getBytes(StandardCharsets.UTF_8));
            link.close();
            assertThat(log.toByteArray()).isEqualTo(out.toByteArray());
            return out.toString(StandardCharsets.UTF_8).replace("\r", "");
        }
    }

    @Test
    void eachLineIsTypedAtThePromptAndTheResultsShown() throws Exception {
        String shown = run("print(6*7)\nx = 5\nx * 3", null);
        assertThat(shown).contains(">>> print(6*7)\n42\n", ">>> x * 3\n15\n").endsWith(">>> ");
    }

    @Test
    void indentedBlocksKeepTheirOwnIndentation() throws Exception {
        String shown = run("for i in range(2):\n    if i:\n        print('odd', i)\n    else:\n        print('even', i)\n\n",
                null);
        assertThat(shown).contains("even 0\nodd 1\n").doesNotContain("Error");
    }

    @Test
    void aFileInjectedGoesThroughPasteMode() throws Exception {
        String shown = run("total\n", "total = 0\nfor i in range(10):\n    total += i\n");
        assertThat(shown).contains("paste mode", ">>> total\n45\n");
    }

    @Test
    void aBoardThatIsGoneIsAnError() throws Exception {
        VirtualBoard board = VmBoard.create(Files.createDirectories(dir.resolve("fs")));
        BoardServer server = BoardServer.listen(board, 0);
        Link link = SocketLink.connect("127.0.0.1", server.port(), Duration.ofSeconds(5));
        server.close();
        board.close();
        BoardOutput output = new BoardOutput(new ByteArrayOutputStream(), null, LineMap.NONE, false, false,
                Clock.systemDefaultZone());
        assertThatThrownBy(() -> new Headless(link, output, Duration.ofSeconds(5))
                .run(new ByteArrayInputStream("1\n".getBytes()), null)).isInstanceOf(LinkException.class);
    }
}
