package dev.mpt.flasher.usb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpt.flasher.DfuFunctionalDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceSelectorTest {
    private static DfuDevice device(String path, int pid, String serial) {
        return new DfuDevice(path, "001/002", 0x0483, pid, 0x2200, "STMicroelectronics", "STM32  BOOTLOADER", serial, "",
                true, 0, List.of(), DfuFunctionalDescriptor.DEFAULT);
    }

    private final DfuDevice a = device("1-1", 0xdf11, "AAA");
    private final DfuDevice b = device("1-2", 0xdf11, "BBB");

    @Test
    void picksTheOneDeviceOrTheOneThatMatches() {
        assertThat(DeviceSelector.ANY.pick(List.of(a))).isEqualTo(a);
        assertThat(DeviceSelector.of(null, "BBB", null).pick(List.of(a, b))).isEqualTo(b);
        assertThat(DeviceSelector.of("0483:DF11", null, "1-1").pick(List.of(a, b))).isEqualTo(a);
        assertThat(DeviceSelector.of("0x0483:0xdf11", null, null).matches(a)).isTrue();
    }

    @Test
    void severalDevicesAreListedWithTheWayToChoose() {
        assertThatThrownBy(() -> DeviceSelector.ANY.pick(List.of(a, b)))
                .hasMessage("several DFU devices found: 0483:df11 at 1-1 (DFU mode) \"STM32  BOOTLOADER\" serial AAA; "
                        + "0483:df11 at 1-2 (DFU mode) \"STM32  BOOTLOADER\" serial BBB; choose one with --serial or --path");
    }

    @Test
    void noDeviceComesWithHints() {
        assertThatThrownBy(() -> DeviceSelector.ANY.pick(List.of()))
                .hasMessageStartingWith("no DFU device found. Is the board in its bootloader")
                .hasMessageContaining("udev");
        assertThatThrownBy(() -> DeviceSelector.of(null, "CCC", null).pick(List.of(a)))
                .hasMessageStartingWith("no DFU device matches --serial CCC (found: 0483:df11 at 1-1");
    }

    @Test
    void aBadVidPidIsNamed() {
        assertThatThrownBy(() -> DeviceSelector.of("0483", null, null))
                .hasMessage("--vid-pid wants VID:PID in hex, like 0483:df11, not \"0483\"");
        assertThatThrownBy(() -> DeviceSelector.of("12345:1", null, null)).hasMessageContaining("not \"12345:1\"");
    }
}
