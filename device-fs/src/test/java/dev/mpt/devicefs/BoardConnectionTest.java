package dev.mpt.devicefs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpt.board.VirtualBoard;
import dev.mpt.board.VmBoard;
import dev.mpt.protocol.BoardException;
import dev.mpt.protocol.Devices;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Opening, soft-resetting and closing one connection, against the virtual board in-process. */
@Timeout(60)
class BoardConnectionTest {
    @TempDir
    Path flash;

    private VirtualBoard board;

    @BeforeEach
    void start() {
        board = VmBoard.create(flash).start();
    }

    @AfterEach
    void stop() {
        board.close();
    }

    private BoardConnection connection(boolean softReset) {
        BoardConnection c = new BoardConnection(board::connect);
        c.configure("virtual", Devices.OpenOptions.defaults(), softReset);
        return c;
    }

    @Test
    void opensOnFirstUseAndSoftResetsOnce() throws Exception {
        try (BoardConnection c = connection(true)) {
            assertThat(c.isOpen()).isFalse();
            c.repl().exec("x = 1");
            assertThat(c.isOpen()).isTrue();
            assertThat(c.repl().eval("x")).isEqualTo("1");
            c.fs().touch("t.txt");
            assertThat(board.stats().softResets()).isEqualTo(1);
        }
        assertThat(flash.resolve("t.txt")).exists();
    }

    @Test
    void keepsTheBoardsStateWhenToldTo() throws Exception {
        try (BoardConnection c = connection(true)) {
            c.repl().exec("kept = 7");
        }
        try (BoardConnection c = connection(false)) {
            assertThat(c.repl().eval("kept")).isEqualTo("7");
        }
        assertThat(board.stats().softResets()).isEqualTo(1);
    }

    @Test
    void closingLeavesTheRawReplAndAllowsANewConnection() throws Exception {
        BoardConnection c = connection(true);
        c.repl().exec("pass");
        assertThat(c.hasRepl()).isTrue();
        c.close();
        assertThat(c.isOpen()).isFalse();
        assertThat(c.hasRepl()).isFalse();
        assertThat(c.repl().eval("1 + 1")).isEqualTo("2");
        c.close();
    }

    @Test
    void aDeviceNameThatMeansNothingIsABoardError() {
        BoardConnection c = new BoardConnection(board::connect);
        c.configure("nonsense://here", Devices.OpenOptions.defaults(), true);
        assertThatThrownBy(c::link).isInstanceOf(BoardException.class).hasMessageContaining("nonsense://here");
    }
}
