package dev.mpt.flasher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MemoryLayoutTest {
    @Test
    void parsesTheStm32f405InternalFlash() {
        MemoryLayout m = MemoryLayout.parse("@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg");
        assertThat(m.name()).isEqualTo("Internal Flash");
        assertThat(m.sectors()).hasSize(12);
        assertThat(m.size()).isEqualTo(1024 * 1024);
        assertThat(m.sectors().get(4)).isEqualTo(new Sector(0x0801_0000L, 65536, true, true, true));
        assertThat(m.sectors().get(11).end()).isEqualTo(0x0810_0000L);
        assertThat(m.sectors().get(0).typeLetter()).isEqualTo('g');
        assertThat(m.summary()).isEqualTo(
                "0x08000000, 1 MiB: 4 x 16 KiB read/erase/write, 1 x 64 KiB read/erase/write, 7 x 128 KiB read/erase/write");
    }

    @Test
    void byteSizedSectorsWithSpaces() {
        MemoryLayout otp = MemoryLayout.parse("@OTP Memory /0x1FFF7800/01*512 e,01*016 e");
        assertThat(otp.sectors()).containsExactly(new Sector(0x1FFF7800L, 512, true, false, true),
                new Sector(0x1FFF7A00L, 16, true, false, true));
        MemoryLayout opt = MemoryLayout.parse("@Option Bytes  /0x1FFFC000/01*016 e");
        assertThat(opt.sectors().get(0).access()).isEqualTo("read/write");
    }

    @Test
    void severalRegions() {
        MemoryLayout m = MemoryLayout.parse("@Flash/0x08000000/2*1Ka/0x20000000/1*2Md");
        assertThat(m.sectors()).extracting(Sector::start).containsExactly(0x0800_0000L, 0x0800_0400L, 0x2000_0000L);
        assertThat(m.sectors().get(2).size()).isEqualTo(2 << 20);
        assertThat(m.sectors().get(0).access()).isEqualTo("read");
        assertThat(m.sectorAt(0x0800_0500L)).hasValue(m.sectors().get(1));
        assertThat(m.sectorAt(0x0800_0800L)).isEmpty();
    }

    @Test
    void badGroupsAreNamed() {
        assertThatThrownBy(() -> MemoryLayout.parse("@Flash/0x08000000/04*016Kz"))
                .hasMessage("memory layout \"@Flash/0x08000000/04*016Kz\": sector group \"04*016Kz\" is not COUNT*SIZE[K|M]TYPE");
        assertThatThrownBy(() -> MemoryLayout.parse("Internal Flash")).hasMessageContaining("no leading '@'");
        assertThatThrownBy(() -> MemoryLayout.parse("@Flash/zz/1*1Kg")).hasMessageContaining("\"zz\" is not an address");
    }
}
