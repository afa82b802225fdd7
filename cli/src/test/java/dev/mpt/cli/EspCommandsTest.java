package dev.mpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.flasher.esp.EspRomEmu;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The umbrella command's global -d reaches the ESP commands, rfc2217:// included. */
class EspCommandsTest {
    @Test
    void globalDeviceOverRfc2217ResetsARunningChipIntoItsLoader(@TempDir Path dir) throws Exception {
        try (EspRomEmu emu = EspRomEmu.start(dir, true, "--time-scale", "0.01", "--boot", "app")) {
            MainTest.Result r = MainTest.mpt("-d", emu.device, "esp", "info", "--after", "no_reset");
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out()).contains("port: " + emu.device, "chip: ESP32-D0WD-V3 (revision v3.1)",
                    "MAC: 24:0a:c4:e5:31:7c");
        }
    }

    @Test
    void aPortThatIsNotThereIsOneLine() {
        MainTest.Result r = MainTest.mpt("-d", "rfc2217://127.0.0.1:1", "esp", "info");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: cannot talk to the board: cannot connect to rfc2217://127.0.0.1:1")
                .hasLineCount(1);
    }
}
