package dev.mpt.flasher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageLoaderTest {
    @TempDir
    Path dir;

    private static final byte[] PAYLOAD = "firmware!".getBytes(StandardCharsets.US_ASCII);
    private static final String HEX = ":020000040800F2\n:0400000001020304F2\n:00000001FF\n";

    private static byte[] dfuse() {
        return DfuseFile.build(List.of(new Target(0, "", List.of(new Element(0x0800_0000L, PAYLOAD)))), 0x0483, 0xdf11);
    }

    private ImageLoader.Loaded load(Path p, Long address, String member) throws IOException {
        return ImageLoader.load(p, address == null ? OptionalLong.empty() : OptionalLong.of(address),
                Optional.ofNullable(member));
    }

    @Test
    void rawBinariesNeedAnAddress() throws IOException {
        Path bin = Files.write(dir.resolve("fw.bin"), PAYLOAD);
        assertThat(load(bin, null, null).image().addressed()).isFalse();
        FirmwareImage at = load(bin, 0x0800_0000L, null).image();
        assertThat(at.elements()).containsExactly(new Element(0x0800_0000L, PAYLOAD));
        assertThat(at.format()).isEqualTo(FirmwareImage.Format.BIN);
    }

    @Test
    void aPlainDfuFileIsItsPayloadWithoutTheSuffix() throws IOException {
        Path dfu = Files.write(dir.resolve("fw.dfu"), new DfuSuffix(0xFFFF, 0x1234, 0x1209, 0x0100).appendTo(PAYLOAD));
        FirmwareImage image = load(dfu, 0x100L, null).image();
        assertThat(image.format()).isEqualTo(FirmwareImage.Format.DFU);
        assertThat(image.elements()).containsExactly(new Element(0x100, PAYLOAD));
        assertThat(image.suffix().orElseThrow().vidPid()).isEqualTo("1209:1234");
    }

    @Test
    void addressedFormatsRefuseAnAddress() throws IOException {
        Path dfu = Files.write(dir.resolve("fw.dfu"), dfuse());
        assertThatThrownBy(() -> load(dfu, 0L, null))
                .hasMessage("--address applies to raw .bin and plain DFU files only; fw.dfu is DfuSe .dfu and carries its own addresses");
    }

    @Test
    void aDfuFileWithoutSuffixIsNamed() throws IOException {
        Path dfu = Files.write(dir.resolve("fw.dfu"), PAYLOAD);
        assertThatThrownBy(() -> load(dfu, null, null))
                .hasMessage("fw.dfu is neither a DfuSe file nor a DFU file with a suffix");
    }

    @Test
    void aMissingFileIsNoSuchFile() {
        assertThatThrownBy(() -> load(dir.resolve("nope.dfu"), null, null)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void findsTheOneFirmwareFileInAZip() throws IOException {
        Path zip = dir.resolve("release.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("README.txt"));
            z.write("hello".getBytes(StandardCharsets.US_ASCII));
            z.putNextEntry(new ZipEntry("build/firmware.dfu"));
            z.write(dfuse());
        }
        ImageLoader.Loaded loaded = load(zip, null, null);
        assertThat(loaded.name()).isEqualTo("release.zip!build/firmware.dfu");
        assertThat(loaded.image().elements().get(0).address()).isEqualTo(0x0800_0000L);
    }

    @Test
    void tarGzAndTarXzWork() throws IOException {
        Path gz = dir.resolve("fw.tar.gz");
        try (OutputStream o = new GzipCompressorOutputStream(Files.newOutputStream(gz))) {
            tar(o, Map.of("fw/firmware.hex", HEX.getBytes(StandardCharsets.US_ASCII)));
        }
        assertThat(load(gz, null, null).image().elements())
                .containsExactly(new Element(0x0800_0000L, new byte[] {1, 2, 3, 4}));
        Path xz = dir.resolve("fw.tar.xz");
        try (OutputStream o = new XZCompressorOutputStream(Files.newOutputStream(xz))) {
            tar(o, Map.of("firmware.bin", PAYLOAD));
        }
        assertThat(load(xz, 0x0800_0000L, null).image().elements()).containsExactly(new Element(0x0800_0000L, PAYLOAD));
    }

    @Test
    void severalCandidatesAskForAMember() throws IOException {
        Path gz = dir.resolve("fw.tar.gz");
        try (OutputStream o = new GzipCompressorOutputStream(Files.newOutputStream(gz))) {
            tar(o, new java.util.TreeMap<>(Map.of("a.dfu", dfuse(), "b.hex", HEX.getBytes(StandardCharsets.US_ASCII))));
        }
        assertThatThrownBy(() -> load(gz, null, null))
                .hasMessage("archive fw.tar.gz holds several firmware files (a.dfu, b.hex); choose one with --member NAME");
        assertThat(load(gz, null, "b.hex").image().format()).isEqualTo(FirmwareImage.Format.HEX);
        assertThatThrownBy(() -> load(gz, null, "c.bin")).hasMessage("archive fw.tar.gz has no member named c.bin");
    }

    @Test
    void aCorruptArchiveIsNamed() throws IOException {
        Path gz = Files.write(dir.resolve("bad.tar.gz"), PAYLOAD);
        assertThatThrownBy(() -> load(gz, null, null)).hasMessageStartingWith("cannot read archive bad.tar.gz");
    }

    private static void tar(OutputStream o, Map<String, byte[]> files) throws IOException {
        TarArchiveOutputStream t = new TarArchiveOutputStream(o);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            TarArchiveEntry e = new TarArchiveEntry(f.getKey());
            e.setSize(f.getValue().length);
            t.putArchiveEntry(e);
            t.write(f.getValue());
            t.closeArchiveEntry();
        }
        t.finish();
    }
}
