package dev.mpt.protocol;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SerialPortsTest {

    private static PortInfo port(String path, int vid, int pid) {
        return new PortInfo(path, vid, pid, "", "", "", SerialPorts.classify(vid, pid));
    }

    @Test
    void knownIdsAreRecognised() {
        assertThat(SerialPorts.classify(0xf055, 0x9800)).isEqualTo(PortInfo.BoardKind.MICROPYTHON);
        assertThat(SerialPorts.classify(0x2e8a, 0x0005)).isEqualTo(PortInfo.BoardKind.MICROPYTHON);
        assertThat(SerialPorts.classify(0x303a, 0x4001)).isEqualTo(PortInfo.BoardKind.MICROPYTHON);
        assertThat(SerialPorts.classify(0x10c4, 0xea60)).isEqualTo(PortInfo.BoardKind.UART_BRIDGE);
        assertThat(SerialPorts.classify(0x1a86, 0x7523)).isEqualTo(PortInfo.BoardKind.UART_BRIDGE);
        assertThat(SerialPorts.classify(0x046d, 0xc52b)).isEqualTo(PortInfo.BoardKind.OTHER);
        assertThat(SerialPorts.classify(-1, -1)).isEqualTo(PortInfo.BoardKind.OTHER);
        assertThat(SerialPorts.knownName(0x1a86, 0x7523)).contains("WCH CH340");
        assertThat(port("/dev/ttyACM0", 0x2e8a, 5).usbId()).isEqualTo("2e8a:0005");
    }

    @Test
    void theOnlyBoardIsTheDefault() {
        PortInfo pico = port("/dev/ttyACM0", 0x2e8a, 0x0005);
        PortInfo bridge = port("/dev/ttyUSB0", 0x10c4, 0xea60);
        PortInfo other = port("/dev/ttyS0", -1, -1);
        assertThat(SerialPorts.defaultPort(List.of(other, pico, bridge))).contains(pico);
        assertThat(SerialPorts.defaultPort(List.of(other, bridge))).contains(bridge);
        assertThat(SerialPorts.defaultPort(List.of(other))).isEmpty();
        assertThat(SerialPorts.defaultPort(List.of(pico, port("/dev/ttyACM1", 0xf055, 0x9800)))).isEmpty();
    }

    @Test
    void listingWorksWithoutAnyPorts() {
        assertThat(SerialPorts.list()).allSatisfy(p -> assertThat(p.path()).isNotEmpty());
    }
}
