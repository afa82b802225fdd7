package dev.mpt.flasher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlashPlanTest {
    private static final MemoryLayout F405 = MemoryLayout.parse(DfuseDeviceModel.LAYOUT);

    @Test
    void erasesExactlyTheSectorsTouched() {
        FlashPlan plan = FlashPlan.of(List.of(
                new Element(0x0800_3FF0L, new byte[0x20]),          // ends in sector 1
                new Element(0x0802_0000L, new byte[0x20001])), F405); // sectors 5 and 6
        assertThat(plan.erase()).extracting(Sector::start)
                .containsExactly(0x0800_0000L, 0x0800_4000L, 0x0802_0000L, 0x0804_0000L);
        assertThat(plan.bytes()).isEqualTo(0x20 + 0x20001);
    }

    @Test
    void onlyEveryErasableSectorOfInternalFlashMeansAMassErase() {
        FlashPlan whole = FlashPlan.of(List.of(new Element(0x0800_0000L, new byte[1 << 20])), F405);
        assertThat(FlashPlan.massErases(F405, whole.erase())).isTrue();
        assertThat(whole.describe()).anyMatch(l -> l.contains("with one mass erase"));
        assertThat(FlashPlan.massErases(F405, whole.erase().subList(1, 12))).isFalse();
        // a bootloader that keeps its own sector read-only: the rest is "every erasable sector"
        MemoryLayout mboot = MemoryLayout.parse("@Internal Flash  /0x08000000/04*016Ka,01*064Kg,07*128Kg");
        FlashPlan app = FlashPlan.of(List.of(new Element(0x0801_0000L, new byte[(1 << 20) - 0x10000])), mboot);
        assertThat(FlashPlan.massErases(mboot, app.erase())).isTrue();
        MemoryLayout spi = MemoryLayout.parse("@SPI Flash /0x90000000/128*04Kg");
        FlashPlan ext = FlashPlan.of(List.of(new Element(0x9000_0000L, new byte[128 * 4096])), spi);
        assertThat(FlashPlan.massErases(spi, ext.erase())).isFalse();
        FlashPlan one = FlashPlan.of(List.of(new Element(0x0800_0000L, new byte[10])), F405);
        assertThat(FlashPlan.massErases(F405, one.erase())).isFalse();
    }

    @Test
    void anImageOutsideTheMemoryIsRefused() {
        assertThatThrownBy(() -> FlashPlan.of(List.of(new Element(0x080F_FFF0L, new byte[0x20])), F405))
                .hasMessage("image outside the device's memory: 0x08100000 is not in \"Internal Flash\" "
                        + "(0x08000000, 1 MiB: 4 x 16 KiB read/erase/write, 1 x 64 KiB read/erase/write, "
                        + "7 x 128 KiB read/erase/write)");
    }

    @Test
    void aReadOnlySectorIsRefused() {
        MemoryLayout ro = MemoryLayout.parse("@Boot/0x00000000/1*4Ka,1*4Kg");
        assertThatThrownBy(() -> FlashPlan.of(List.of(new Element(0, new byte[1])), ro))
                .hasMessageContaining("that is read, not writable");
    }

    @Test
    void expectedContentIsImageOverErasedFlash() {
        FlashPlan plan = FlashPlan.of(List.of(new Element(0x0800_0002L, new byte[] {1, 2})), F405);
        byte[] sector0 = plan.expected(F405.sectors().get(0));
        assertThat(sector0).hasSize(16384);
        assertThat(java.util.Arrays.copyOf(sector0, 5)).containsExactly(0xFF, 0xFF, 1, 2, 0xFF);
    }

    @Test
    void writesAreClippedToSectorsAndJoined() {
        FlashPlan plan = FlashPlan.of(List.of(new Element(0x0800_0000L, new byte[3 * 16384])), F405);
        List<Sector> s = F405.sectors();
        assertThat(plan.writesWithin(List.of(s.get(0), s.get(1)))).singleElement()
                .satisfies(e -> assertThat(e.size()).isEqualTo(32768));
        assertThat(plan.writesWithin(List.of(s.get(0), s.get(2)))).extracting(Element::address)
                .containsExactly(0x0800_0000L, 0x0800_8000L);
    }
}
