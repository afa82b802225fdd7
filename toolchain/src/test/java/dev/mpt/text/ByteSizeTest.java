package dev.mpt.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteSizeTest {
    @Test
    void bytesWithKOrM() {
        assertThat(ByteSize.parse("65536")).isEqualTo(65536);
        assertThat(ByteSize.parse("64k")).isEqualTo(64 * 1024);
        assertThat(ByteSize.parse("64K")).isEqualTo(64 * 1024);
        assertThat(ByteSize.parse("2M")).isEqualTo(2 * 1024 * 1024);
        assertThat(ByteSize.parse(" 2m ")).isEqualTo(2 * 1024 * 1024);
    }

    @Test
    void plainSizesHaveNoWordsNorCForms() {
        assertThat(ByteSize.parse("16wk")).isNegative();
        assertThat(ByteSize.parse("0x100")).isNegative();
        assertThat(ByteSize.parse("010")).isEqualTo(10);
        assertThat(ByteSize.parse("")).isNegative();
        assertThat(ByteSize.parse("k")).isNegative();
        assertThat(ByteSize.parse("-5")).isNegative();
        assertThat(ByteSize.parse("lots")).isNegative();
        assertThat(ByteSize.parse("99999999999999999999")).isNegative();
    }

    /** Forms checked against MicroPython v1.28's unix port ({@code -X heapsize=}). */
    @Test
    void theUnixPortsHeapSizes() {
        assertThat(ByteSize.parseWords("1024", 8)).isEqualTo(1024);
        assertThat(ByteSize.parseWords("16wk", 8)).isEqualTo(32 * 1024);
        assertThat(ByteSize.parseWords("16WK", 4)).isEqualTo(16 * 1024);
        assertThat(ByteSize.parseWords("1024w", 8)).isEqualTo(2048);
        assertThat(ByteSize.parseWords("0x100000", 8)).isEqualTo(0x100000);
        assertThat(ByteSize.parseWords("010000", 8)).isEqualTo(4096);
        assertThat(ByteSize.parseWords("16kw", 8)).isNegative();
        assertThat(ByteSize.parseWords("0x", 8)).isNegative();
        assertThat(ByteSize.parseWords("09", 8)).isNegative();
    }
}
