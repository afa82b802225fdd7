package dev.mpt.vm.extmod;

import dev.mpt.vm.Io;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyBytes;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.VM;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * deflate.DeflateIO.write: the bytes a board writes (expected values checked against
 * MicroPython v1.28's unix port built with compression), readable by any inflater.
 */
class DeflateCompressTest {
    private static final HexFormat HEX = HexFormat.of();
    private final VM vm = new VM(Path.of("."));
    private final PyModule deflate = Deflate.module(vm);

    private byte[] compress(byte[] data, long format, long wbits) {
        Object out = Ops.call(Io.BYTES_IO);
        Object d = Ops.call(deflate.globals.get("DeflateIO"), out, format, wbits);
        Ops.call(Ops.getattr(d, "write"), new PyBytes(data));
        Ops.call(Ops.getattr(d, "close"));
        return ((PyBytes) Ops.call(Ops.getattr(out, "getvalue"))).data;
    }

    private static byte[] inflate(byte[] raw) throws Exception {
        Inflater inf = new Inflater(true);
        inf.setInput(raw);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!inf.finished()) {
            int n = inf.inflate(buf);
            if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                break;
            }
            out.write(buf, 0, n);
        }
        assertThat(inf.finished()).isTrue();
        return out.toByteArray();
    }

    @Test
    void matchesWhatTheFirmwareWrites() {
        assertThat(HEX.formatHex(compress("abcabcabcabc".getBytes(), Deflate.RAW, 0))).isEqualTo("4b4c4a862300");
        // a run of 299 after the first byte: matches of 258 (cut so no piece is under 3) and 41
        assertThat(HEX.formatHex(compress("x".repeat(300).getBytes(), Deflate.RAW, 0))).isEqualTo("ab18e90008880500");
        // 261 repeats: a 259-byte match, sent as 256 + 3
        assertThat(HEX.formatHex(compress(("a" + "b".repeat(261)).getBytes(), Deflate.RAW, 0)))
                .isEqualTo("4b4c1ae900089200");
        assertThat(HEX.formatHex(compress("mpt".getBytes(), Deflate.ZLIB, 10))).isEqualTo("2891cb2d280100029e0152");
        assertThat(HEX.formatHex(compress("mpt".getBytes(), Deflate.GZIP, 0)))
                .isEqualTo("1f8b0800000000000403cb2d280100b24d19c703000000");
    }

    @Test
    void nothingWrittenIsNothingOut() {
        assertThat(compress(new byte[0], Deflate.ZLIB, 0)).isEmpty();
    }

    @Test
    void randomDataRoundTripsThroughAnIndependentInflater() throws Exception {
        Random r = new Random(16);
        for (int i = 0; i < 200; i++) {
            byte[] data = new byte[r.nextInt(3000)];
            int alphabet = 1 + r.nextInt(256);
            for (int j = 0; j < data.length; j++) {
                data[j] = j > 20 && r.nextInt(3) > 0 ? data[j - 1 - r.nextInt(20)] : (byte) r.nextInt(alphabet);
            }
            int wbits = 5 + r.nextInt(11);
            byte[] raw = Lz77Deflater.compressRaw(data, wbits);
            assertThat(inflate(raw)).isEqualTo(data);
            // and the module's own reader, with the same window
            Object d = Ops.call(deflate.globals.get("DeflateIO"), Ops.call(Io.BYTES_IO, new PyBytes(raw)),
                    Deflate.RAW, (long) wbits);
            assertThat(((PyBytes) Ops.call(Ops.getattr(d, "read"))).data).isEqualTo(data);
        }
    }

    @Test
    void writingAfterCloseIsEinval() {
        Object d = Ops.call(deflate.globals.get("DeflateIO"), Ops.call(Io.BYTES_IO), Deflate.RAW);
        Ops.call(Ops.getattr(d, "close"));
        assertThatThrownBy(() -> Ops.call(Ops.getattr(d, "write"), new PyBytes(new byte[] {1})))
                .isInstanceOf(PyError.class).hasMessageContaining("22");
    }
}
