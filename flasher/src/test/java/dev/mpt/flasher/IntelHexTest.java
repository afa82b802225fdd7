package dev.mpt.flasher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IntelHexTest {
    private static FirmwareImage parse(String s) {
        return IntelHex.parse(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void extendedLinearAddressesAndAdjacentRecordsMerge() {
        FirmwareImage image = parse("""
                :020000040800F2
                :0400000001020304F2
                :0400040005060708DE
                :020000040802F0
                :02000000AABB99
                :0400000508000000EF
                :00000001FF
                """);
        assertThat(image.format()).isEqualTo(FirmwareImage.Format.HEX);
        assertThat(image.elements()).containsExactly(
                new Element(0x0800_0000L, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}),
                new Element(0x0802_0000L, new byte[] {(byte) 0xAA, (byte) 0xBB}));
    }

    @Test
    void extendedSegmentAddressesShiftByFour() {
        FirmwareImage image = parse(":020000021000EC\r\n:01001000559A\r\n:00000001FF\r\n");
        assertThat(image.elements()).containsExactly(new Element(0x10010L, new byte[] {0x55}));
    }

    @Test
    void aBadChecksumNamesTheLine() {
        assertThatThrownBy(() -> parse(":020000040800F2\n:0400000001020304F3\n:00000001FF\n"))
                .hasMessage("hex line 2: checksum is 0xf3, expected 0xf2");
    }

    @Test
    void aMissingEndRecordIsTruncation() {
        assertThatThrownBy(() -> parse(":0400000001020304F2\n")).hasMessageContaining("no end-of-file record");
    }

    @Test
    void overlappingDataIsRefused() {
        assertThatThrownBy(() -> parse(":0400000001020304F2\n:0100020011EC\n:00000001FF\n"))
                .hasMessageContaining("overlaps");
    }

    @Test
    void garbageIsNamed() {
        assertThatThrownBy(() -> parse(":04000000010203ZZF2\n:00000001FF\n"))
                .hasMessage("hex line 1: 'ZZ' is not a hex byte");
    }
}
