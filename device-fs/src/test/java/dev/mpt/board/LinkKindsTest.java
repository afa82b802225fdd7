package dev.mpt.board;

import dev.mpt.protocol.DeviceSpec;
import dev.mpt.protocol.Devices;
import dev.mpt.protocol.ExecException;
import dev.mpt.protocol.Link;
import dev.mpt.protocol.LinkTimeoutException;
import dev.mpt.protocol.RawRepl;
import dev.mpt.protocol.SerialLink;
import dev.mpt.protocol.SerialSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The raw REPL against the virtual board through each kind of link. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LinkKindsTest {

    /** The same short conversation, whatever the link. */
    private static void converse(Link link) throws Exception {
        try (RawRepl repl = new RawRepl(link, RawRepl.Timeouts.defaults().withSilence(Duration.ofSeconds(2)))) {
            repl.enter(true);
            assertThat(repl.exec("print('hello')").stdoutText()).isEqualTo("hello\n");
            repl.exec("x = 6");
            assertThat(repl.eval("x")).isEqualTo("6");
            assertThat(repl.exec("print('ab' * 50000)").stdout()).hasSize(100_002);
            assertThatThrownBy(() -> repl.exec("raise OSError('ENOENT')"))
                    .isInstanceOfSatisfying(ExecException.class, e -> assertThat(e.exceptionType()).isEqualTo("OSError"));
            assertThat(repl.usesRawPaste()).isTrue();
        }
    }

    @Test
    void tcp() throws Exception {
        try (VirtualBoard board = new VirtualBoard(new TestEngine());
             BoardServer server = BoardServer.listen(board, 0)) {
            assertThat(server.deviceName()).startsWith("socket://127.0.0.1:");
            DeviceSpec spec = DeviceSpec.parse(server.deviceName());
            converse(Devices.open(spec, Devices.OpenOptions.defaults(), null));
            // a second connection finds the same board, its state kept
            try (RawRepl repl = new RawRepl(Devices.open(spec, Devices.OpenOptions.defaults(), null))) {
                repl.enter(false);
                assertThat(repl.eval("x")).isEqualTo("6");
            }
        }
    }

    @Test
    void inMemoryThroughTheDeviceName() throws Exception {
        try (VirtualBoard board = new VirtualBoard(new TestEngine())) {
            converse(Devices.open(DeviceSpec.parse("virtual"), Devices.OpenOptions.defaults(), board::connect));
        }
    }

    private static String javaCommand() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return "'" + java + "' -Xshare:auto -XX:TieredStopAtLevel=1 -cp '" + System.getProperty("java.class.path") + "' "
                + StdioBoardMain.class.getName();
    }

    @Test
    void childProcess() throws Exception {
        Link link = Devices.open(DeviceSpec.parse("exec:" + javaCommand()), Devices.OpenOptions.defaults(), null);
        waitForPrompt(link);
        converse(link);
    }

    @Test
    void childProcessOnAPty() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script is not installed");
        // the Java board does not switch the terminal to raw mode itself, as firmware's unix port does
        Link link = Devices.open(DeviceSpec.parse("pty:stty raw -echo; exec " + javaCommand()), Devices.OpenOptions.defaults(), null);
        waitForPrompt(link);
        converse(link);
    }

    @Test
    void serialPortOnAPtyMadeBySocat() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/socat")), "socat is not installed");
        Path dir = Files.createTempDirectory("mpt-pty");
        Path pty = dir.resolve("board");
        try (VirtualBoard board = new VirtualBoard(new TestEngine());
             BoardServer server = BoardServer.listen(board, 0);
             PtyBridge bridge = PtyBridge.start(pty, server.port(), Duration.ofSeconds(5))) {
            assertThat(bridge.device().toString()).startsWith("/dev/pts/");
            // both DTR/RTS policies open a port (a pty has no modem lines; jSerialComm ignores them there)
            converse(SerialLink.open(SerialSettings.of(bridge.device().toString())));
            converse(SerialLink.open(SerialSettings.of(bridge.device().toString())
                    .withBaud(9600).withParity(SerialSettings.Parity.EVEN)
                    .withControlLines(SerialSettings.ControlLines.CLEAR)));
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    /** A child process needs a moment to start; its board greets with the friendly prompt. */
    private static void waitForPrompt(Link link) throws Exception {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] buf = new byte[1024];
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!seen.toString(StandardCharsets.UTF_8).endsWith(">>> ")) {
            assertThat(System.nanoTime()).as("board prompt within 15 s; got: " + seen).isLessThan(end);
            try {
                int n = link.read(buf, 0, buf.length, Duration.ofMillis(100));
                seen.write(buf, 0, n);
            } catch (LinkTimeoutException e) {
                // still starting
            }
        }
    }
}
