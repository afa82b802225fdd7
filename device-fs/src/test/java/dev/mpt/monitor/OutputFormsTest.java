package dev.mpt.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpt.protocol.PortInfo;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What --map, --timestamps, --hex and the reconnection's port choice do. */
class OutputFormsTest {
    private static final Clock NOON = Clock.fixed(Instant.parse("2026-05-04T12:00:01.250Z"), ZoneOffset.UTC);

    static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void lineMapsUsePicocomsNamesInBothDirections() {
        LineMap.Pair p = LineMap.parse(List.of("lfcrlf,igncr", "out:crlf"));
        byte[] in = b("a\r\nb\n");
        assertThat(s(p.in().apply(in, 0, in.length))).isEqualTo("a\r\nb\r\n");
        assertThat(s(p.out().apply(b("x\r"), 0, 2))).isEqualTo("x\n");
        LineMap.Pair tio = LineMap.parse(List.of("ICRNL", "odelbs"));
        assertThat(s(tio.in().apply(b("a\rb"), 0, 3))).isEqualTo("a\nb");
        assertThat(s(tio.out().apply(b("\u007f"), 0, 1))).isEqualTo("\b");
        assertThat(LineMap.NONE.isIdentity()).isTrue();
        assertThatThrownBy(() -> LineMap.parse(List.of("crfl"))).hasMessageContaining("unknown line mapping 'crfl'");
    }

    @Test
    void timestampsStartEveryLineAndTheLogKeepsTheBytesAsReceived() throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        BoardOutput out = new BoardOutput(screen, log, LineMap.parse(List.of("lfcrlf")).in(), true, false, NOON);
        out.received(b(">>> 6*7\n42"), 0, 10);
        out.received(b("\n>>> "), 0, 5);
        out.status("hello");
        String t = "2026-05-04T12:00:01.250 ";
        assertThat(log.toString(StandardCharsets.ISO_8859_1)).isEqualTo(t + ">>> 6*7\n" + t + "42\n" + t + ">>> \n"); // a status line ends the line
        assertThat(screen.toString(StandardCharsets.ISO_8859_1))
                .isEqualTo(t + ">>> 6*7\r\n" + t + "42\r\n" + t + ">>> \r\n[mpt] hello\r\n");
    }

    @Test
    void hexViewShowsSixteenBytesALine() {
        HexView hex = new HexView();
        byte[] data = b("0123456789abcdef>>> \r\n");
        assertThat(s(hex.apply(data, 0, data.length))).isEqualTo(
                "00000000  30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66  |0123456789abcdef|\r\n"
                + "00000010  3e 3e 3e 20 0d 0a                                 |>>> ..|\r\n");
    }

    @Test
    void aReconnectedSerialBoardIsFoundBySerialNumberThenUsbIdThenPath() {
        PortInfo before = new PortInfo("/dev/ttyACM0", 0x2e8a, 0x0005, "E66058", "", "", PortInfo.BoardKind.MICROPYTHON);
        PortInfo moved = new PortInfo("/dev/ttyACM1", 0x2e8a, 0x0005, "E66058", "", "", PortInfo.BoardKind.MICROPYTHON);
        PortInfo other = new PortInfo("/dev/ttyACM0", 0x2e8a, 0x0005, "AAAA", "", "", PortInfo.BoardKind.MICROPYTHON);
        assertThat(SameBoard.choosePort("/dev/ttyACM0", before, List.of(other, moved), true)).isEqualTo("/dev/ttyACM1");
        PortInfo noSerial = new PortInfo("/dev/ttyUSB0", 0x1a86, 0x7523, "", "", "", PortInfo.BoardKind.UART_BRIDGE);
        PortInfo noSerialMoved = new PortInfo("/dev/ttyUSB3", 0x1a86, 0x7523, "", "", "", PortInfo.BoardKind.UART_BRIDGE);
        assertThat(SameBoard.choosePort("/dev/ttyUSB0", noSerial, List.of(noSerialMoved), false)).isEqualTo("/dev/ttyUSB3");
        assertThat(SameBoard.choosePort("/tmp/pty", null, List.of(), true)).isEqualTo("/tmp/pty");
        assertThat(SameBoard.choosePort("/tmp/pty", null, List.of(), false)).isNull();
    }
}
