package dev.mpt.flasher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DfuFunctionalDescriptorTest {
    @Test
    void findsTheStm32BootloadersDescriptorAmongOthers() {
        // an unrelated 5-byte class descriptor, then 9 bytes: type 0x21, bmAttributes 0x0B,
        // wDetachTimeOut 255, wTransferSize 2048, bcdDFUVersion 0x011A
        byte[] extra = {5, 0x24, 0, 0, 0, 9, 0x21, 0x0B, (byte) 0xFF, 0, 0, 8, 0x1A, 1};
        DfuFunctionalDescriptor d = DfuFunctionalDescriptor.find(extra).orElseThrow();
        assertThat(d).isEqualTo(new DfuFunctionalDescriptor(0x0B, 255, 2048, 0x011A));
        assertThat(d.canDownload()).isTrue();
        assertThat(d.canUpload()).isTrue();
        assertThat(d.manifestationTolerant()).isFalse();
        assertThat(d.willDetach()).isTrue();
        assertThat(d.dfuse()).isTrue();
        assertThat(d.summary()).isEqualTo(
                "DFU 1.1a (DfuSe), transfer size 2048, download, upload, will detach, detach timeout 255 ms");
    }

    @Test
    void aDfu10DescriptorWithoutVersionReadsAs0100() {
        byte[] extra = {7, 0x21, 0x05, (byte) 0xE8, 0x03, 0, 4};
        DfuFunctionalDescriptor d = DfuFunctionalDescriptor.find(extra).orElseThrow();
        assertThat(d.bcdDfuVersion()).isEqualTo(0x0100);
        assertThat(d.transferSize()).isEqualTo(1024);
        assertThat(d.summary()).isEqualTo(
                "DFU 1.00, transfer size 1024, download, no upload, manifestation tolerant, detach timeout 1000 ms");
    }

    @Test
    void truncatedOrMissingDescriptorsAreNotFound() {
        assertThat(DfuFunctionalDescriptor.find(new byte[0])).isEmpty();
        assertThat(DfuFunctionalDescriptor.find(new byte[] {9, 0x21, 0x0B})).isEmpty();
        assertThat(DfuFunctionalDescriptor.find(new byte[] {0, 0x21})).isEmpty();
    }
}
