package dev.mpt.protocol;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceSpecTest {

    @Test
    void portPathsAndShortNames() {
        assertThat(DeviceSpec.parse("/dev/ttyACM0")).isEqualTo(new DeviceSpec.Serial("/dev/ttyACM0"));
        assertThat(DeviceSpec.parse("COM7")).isEqualTo(new DeviceSpec.Serial("COM7"));
        assertThat(DeviceSpec.parse("a0")).isEqualTo(new DeviceSpec.Serial("/dev/ttyACM0"));
        assertThat(DeviceSpec.parse("u12")).isEqualTo(new DeviceSpec.Serial("/dev/ttyUSB12"));
        assertThat(DeviceSpec.parse("c3")).isEqualTo(new DeviceSpec.Serial("COM3"));
        assertThat(DeviceSpec.parse("port:/dev/pts/4")).isEqualTo(new DeviceSpec.Serial("/dev/pts/4"));
        assertThat(DeviceSpec.parse("id:E660583883")).isEqualTo(new DeviceSpec.SerialById("E660583883"));
    }

    @Test
    void socketsProcessesAndTheVirtualBoard() {
        assertThat(DeviceSpec.parse("socket://127.0.0.1:2217")).isEqualTo(new DeviceSpec.Socket("127.0.0.1", 2217));
        assertThat(DeviceSpec.parse("socket://[::1]:80")).isEqualTo(new DeviceSpec.Socket("::1", 80));
        assertThat(DeviceSpec.parse("rfc2217://192.168.1.5:4000")).isEqualTo(new DeviceSpec.Rfc2217("192.168.1.5", 4000));
        assertThat(DeviceSpec.parse("rfc2217://host:4000").text()).isEqualTo("rfc2217://host:4000");
        assertThatThrownBy(() -> DeviceSpec.parse("rfc2217://host")).hasMessageContaining("rfc2217://HOST:PORT");
        assertThat(DeviceSpec.parse("exec:micropython -i")).isEqualTo(new DeviceSpec.Exec("micropython -i", false));
        assertThat(DeviceSpec.parse("pty:qemu-system-arm -serial stdio")).isEqualTo(new DeviceSpec.Exec("qemu-system-arm -serial stdio", true));
        assertThat(DeviceSpec.parse("virtual")).isEqualTo(new DeviceSpec.Virtual());
        assertThat(DeviceSpec.parse("auto")).isEqualTo(new DeviceSpec.Auto());
    }

    @Test
    void textGivesBackWhatParses() {
        for (String s : new String[] {"/dev/ttyUSB0", "id:123", "socket://localhost:9", "exec:cat", "pty:sh", "virtual", "auto"}) {
            assertThat(DeviceSpec.parse(DeviceSpec.parse(s).text())).isEqualTo(DeviceSpec.parse(s));
        }
    }

    @Test
    void badNamesGiveOneLineReasons() {
        assertThatThrownBy(() -> DeviceSpec.parse("socket://host")).hasMessageContaining("socket://HOST:PORT");
        assertThatThrownBy(() -> DeviceSpec.parse("socket://host:99999")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> DeviceSpec.parse("exec:")).hasMessageContaining("no command");
        assertThatThrownBy(() -> DeviceSpec.parse("telnet://x:1")).hasMessageContaining("unknown device scheme");
        assertThatThrownBy(() -> DeviceSpec.parse(" ")).hasMessageContaining("empty");
    }

    @Test
    void optionBeatsEnvironmentWhichBeatsAuto() {
        Map<String, String> env = Map.of(DeviceSpec.ENV_VAR, "u0");
        assertThat(DeviceSpec.choose("a1", env)).isEqualTo(new DeviceSpec.Serial("/dev/ttyACM1"));
        assertThat(DeviceSpec.choose(null, env)).isEqualTo(new DeviceSpec.Serial("/dev/ttyUSB0"));
        assertThat(DeviceSpec.choose(null, Map.of())).isEqualTo(new DeviceSpec.Auto());
    }
}
