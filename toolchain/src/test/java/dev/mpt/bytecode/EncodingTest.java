package dev.mpt.bytecode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class EncodingTest {

    @Property
    void varUintRoundTrips(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long v) throws Exception {
        byte[] enc = VarUint.encode(v);
        assertThat(enc).hasSize(VarUint.size(v));
        assertThat(new Cursor(enc, 0, enc.length, 0).ulong("test")).isEqualTo(v);
    }

    @Test
    void varUintIsBigEndianSevenBitGroups() {
        assertThat(VarUint.encode(0)).containsExactly(0x00);
        assertThat(VarUint.encode(127)).containsExactly(0x7f);
        assertThat(VarUint.encode(128)).containsExactly(0x81, 0x00);
        assertThat(VarUint.encode(300)).containsExactly(0x82, 0x2c);
    }

    @Property
    void signedSmallIntDecodesBack(@ForAll @LongRange(min = -(1L << 40), max = 1L << 40) long v) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Opcode.LOAD_CONST_SMALL_INT.code());
        VarUint.writeSigned(out, v);
        byte[] code = out.toByteArray();
        Instruction ins = Instruction.decode(code, 0, code.length);
        assertThat(ins.arg()).isEqualTo(v);
        assertThat(ins.size()).isEqualTo(code.length);
    }

    @Test
    void signedSmallIntEncodingsMatchFirmware() {
        assertThat(signed(63)).containsExactly(0x3f);
        assertThat(signed(64)).containsExactly(0x80, 0x40);
        assertThat(signed(-64)).containsExactly(0x40);
        assertThat(signed(-65)).containsExactly(0xff, 0x3f);
    }

    private static byte[] signed(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VarUint.writeSigned(out, v);
        return out.toByteArray();
    }

    @Property
    void preludeRoundTrips(@ForAll @IntRange(min = 1, max = 5000) int nState,
            @ForAll @IntRange(max = 300) int nExc, @ForAll @IntRange(max = 15) int flags,
            @ForAll @IntRange(max = 300) int nPos, @ForAll @IntRange(max = 300) int nKw,
            @ForAll @IntRange(max = 300) int nDef, @ForAll @IntRange(max = 200) int nCell) throws Exception {
        int def = Math.min(nDef, nPos);
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        VarUint.write(info, 1);
        for (int i = 0; i < nPos + nKw; i++) {
            VarUint.write(info, i);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Prelude.encodeSignature(out, nState, nExc, flags, nPos, nKw, def);
        Prelude.encodeSize(out, info.size(), nCell);
        int infoStart = out.size();
        out.writeBytes(info.toByteArray());
        out.writeBytes(new byte[nCell]);
        byte[] data = out.toByteArray();
        Prelude p = Prelude.decode(data, 0);
        assertThat(List.of(p.nState(), p.nExcStack(), p.scopeFlags(), p.nPosArgs(), p.nKwonlyArgs(),
                p.nDefPosArgs(), p.nCell())).containsExactly(nState, nExc, flags, nPos, nKw, def, nCell);
        assertThat(p.sourceInfoStart()).isEqualTo(infoStart);
        assertThat(p.codeStart()).isEqualTo(data.length);
        assertThat(p.argNames()).hasSize(nPos + nKw);
    }

    @Test
    void smallestSignatureIsOneByte() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Prelude.encodeSignature(out, 2, 0, 0, 1, 0, 0);
        assertThat(out.toByteArray()).containsExactly(0x09);
    }

    @Property
    void lineTableStepsDecodeToTheirSums(@ForAll @IntRange(max = 3000) int bytes,
            @ForAll @IntRange(max = 5000) int lines) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LineTable.encodeStep(out, bytes, lines);
        byte[] b = out.toByteArray();
        LineTable t = LineTable.decode(b, 0, b.length);
        if (bytes + lines > 0) {
            LineTable.Entry last = t.entries().get(t.entries().size() - 1);
            assertThat(last.bcOffset()).isEqualTo(bytes);
            assertThat(last.line()).isEqualTo(1 + lines);
        }
        assertThat(t.lineOf(bytes)).isEqualTo(1 + lines);
    }

    @Test
    void opcodeTableAgreesWithTheNibbleRule() {
        for (int b = 0; b < 256; b++) {
            Opcode op = Opcode.ofByte(b);
            if (op == null) {
                continue;
            }
            if (!op.isMulti()) {
                assertThat(op.format()).as("format of %s", op).isEqualTo(Opcode.formatByNibble(b));
                assertThat(op.hasExtraByte()).as("extra byte of %s", op).isEqualTo(Opcode.extraByteByMask(b));
            }
        }
        assertThat(Opcode.ofByte(0xb3).mnemonic()).isEqualTo("LOAD_FAST");
        assertThat(Opcode.ofByte(0xd7 + 34)).isEqualTo(Opcode.BINARY_OP_MULTI);
        assertThat(Opcode.ofByte(0xd7 + 35)).isNull();
    }

    @Test
    void staticQstrTableEndsAtZip() {
        assertThat(StaticQstrs.LAST).isEqualTo(165);
        assertThat(StaticQstrs.string(165)).contains("zip");
        assertThat(StaticQstrs.index("<module>")).contains(7);
        assertThat(StaticQstrs.index("print")).contains(123);
        assertThat(StaticQstrs.string(0)).isEmpty();
    }

    @Property
    void anyBytesSurviveUtf8DecodeAndEncode(@ForAll byte[] bytes) {
        assertThat(Utf8.encode(Utf8.decode(bytes))).isEqualTo(bytes);
    }

    @Test
    void validUtf8DecodesNormallyAndLatin1BytesAreEscaped() {
        assertThat(Utf8.decode("café €".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo("café €");
        assertThat(Utf8.decode(new byte[] {'a', (byte) 0xe9, 'b'})).isEqualTo("a\udce9b");
        assertThat(Disassembler.repr("a\udce9b")).isEqualTo("'a\\xe9b'");
    }
}
