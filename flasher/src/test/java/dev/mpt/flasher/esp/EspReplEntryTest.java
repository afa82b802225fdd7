package dev.mpt.flasher.esp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.flasher.workflow.EspTarget;
import dev.mpt.protocol.DeviceSpec;
import dev.mpt.protocol.LinkException;
import dev.mpt.protocol.MemoryLink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A board that runs MicroPython instead of its ROM loader: the ROM does not answer, the REPL
 * does, machine.bootloader() sends it into the loader — here the first opening of the port
 * reaches a scripted MicroPython REPL and the next one the emulated ROM loader.
 */
class EspReplEntryTest {
    static final String VERSION = "v1.28.0 on 2026-04-02; Generic ESP32 module with ESP32";

    /** The friendly REPL answers Enter with a prompt; the raw REPL runs the two snippets ReplBootloader sends. */
    static void micropython(MemoryLink board, List<String> ran) {
        Thread t = new Thread(() -> {
            ByteArrayOutputStream code = new ByteArrayOutputStream();
            boolean raw = false;
            try {
                while (true) {
                    int b = board.read(Duration.ofSeconds(10));
                    if (b == 0x01) {
                        raw = true;
                        code.reset();
                        send(board, "raw REPL; CTRL-B to exit\r\n>");
                    } else if (!raw && (b == '\r' || b == 0x03)) {
                        send(board, "\r\n>>> ");
                    } else if (raw && b == 0x04) {
                        String text = code.toString(StandardCharsets.US_ASCII);
                        code.reset();
                        ran.add(text);
                        send(board, "OK");
                        if (text.contains("machine.bootloader()")) {
                            board.close();
                            return;
                        }
                        send(board, VERSION + "\r\n\u0004\u0004>");
                    } else if (raw) {
                        code.write(b);
                    }
                }
            } catch (LinkException e) {
                // the host hung up
            }
        });
        t.setDaemon(true);
        t.start();
    }

    static void send(MemoryLink board, String s) throws LinkException {
        board.write(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void machineBootloaderIsUsedWhenMicroPythonAnswersInsteadOfTheRom(@TempDir Path dir) throws Exception {
        try (EspRomEmu emu = EspRomEmu.start(dir, false, "--time-scale", "0.01")) {
            List<String> ran = new CopyOnWriteArrayList<>();
            List<String> notes = new CopyOnWriteArrayList<>();
            AtomicInteger opened = new AtomicInteger();
            EspSession.Opener opener = () -> {
                if (opened.getAndIncrement() == 0) {
                    MemoryLink.Pair p = MemoryLink.pair("esp32 running MicroPython");
                    micropython(p.board(), ran);
                    return p.host();
                }
                return EspTarget.open(DeviceSpec.parse(emu.device));
            };
            try (EspSession s = EspSession.connect(opener, EspSession.Before.NO_RESET, notes::add)) {
                assertThat(s.detect(Optional.empty())).isEqualTo(Chip.ESP32);
            }
            assertThat(opened.get()).isEqualTo(2);
            assertThat(ran).anyMatch(c -> c.contains("machine.bootloader()"));
            assertThat(notes).anyMatch(n -> n.contains("board runs MicroPython " + VERSION)
                    && n.contains("machine.bootloader()"));
        }
    }
}
