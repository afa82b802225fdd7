package dev.mpt.bytecode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MpyRoundTripTest {

    @Test
    void handBuiltModuleWritesTheFormatFirmwareExpects() throws Exception {
        byte[] bytes = MpyWriter.write(Vectors.module());
        String hex = HexFormat.of().formatHex(bytes);
        // 'M', version 6, no native code, 31-bit small ints; 7 qstrs, 6 constants.
        assertThat(hex).startsWith("4d06001f" + "0706");
        // The source name is spelled out: length 8 << 1, text, NUL.
        assertThat(hex).contains("10" + HexFormat.of().formatHex("hello.py".getBytes()) + "00");
        // "<module>" is static qstr 7, written as 7 << 1 | 1.
        assertThat(bytes[4 + 2 + 1 + 8 + 1]).isEqualTo((byte) 0x0f);
    }

    @Test
    void handBuiltModuleReadsBackEqualAndRewritesIdentically() throws Exception {
        MpyFile module = Vectors.module();
        byte[] bytes = MpyWriter.write(module);
        MpyFile back = MpyReader.read(bytes);
        assertThat(back).isEqualTo(module);
        assertThat(MpyWriter.write(back)).isEqualTo(bytes);
        assertThat(back.sourceFile()).isEqualTo("hello.py");
        assertThat(((Constant.Int) back.constants().get(1)).value()).hasToString("100000000000000000000");
    }

    @Test
    void nativeKindsRoundTrip() throws Exception {
        byte[] prelude = Vectors.function(2, 0, 0, 1, 0, 0, 1, new int[] {2}, new byte[0], new byte[0]);
        byte[] nativeData = new byte[8 + prelude.length];
        System.arraycopy(prelude, 0, nativeData, 8, prelude.length);
        RawCode nativePy = new RawCode.NativePy(nativeData, 8, List.of());
        RawCode viper = new RawCode.Viper(new byte[] {1, 2, 3, 4},
                ScopeFlags.VIPERRODATA | ScopeFlags.VIPERBSS | ScopeFlags.VIPERRELOC, new byte[] {9, 9}, 16,
                new byte[] {0x03, 0x02, 0x01, (byte) 0xff}, List.of());
        RawCode asm = new RawCode.Asm(new byte[] {0x70, 0x47}, 0, 2, 0, List.of());
        byte[] mod = Vectors.function(1, 0, 0, 0, 0, 0, 0, new int[0], new byte[0], new byte[0], 0x51, 0x63);
        RawCode root = new RawCode.Bytecode(mod, List.of(nativePy, viper, asm));
        MpyFile file = new MpyFile(MpyHeader.of(NativeArch.ARMV7M, 0, 31),
                List.of(Qstr.of("n.py"), Qstr.of("g"), Qstr.of("x")), List.of(new Constant.FunTable()), root);
        byte[] bytes = MpyWriter.write(file);
        assertThat(bytes[2]).isEqualTo((byte) (NativeArch.ARMV7M.code() << 2 | 3));
        MpyFile back = MpyReader.read(bytes);
        assertThat(back).isEqualTo(file);
        assertThat(MpyWriter.write(back)).isEqualTo(bytes);
    }

    @Test
    void archFlagsFollowTheHeader() throws Exception {
        byte[] mod = Vectors.function(1, 0, 0, 0, 0, 0, 0, new int[0], new byte[0], new byte[0], 0x51, 0x63);
        MpyFile file = new MpyFile(MpyHeader.of(NativeArch.RV32IMC, 0x81, 31), List.of(Qstr.of("r.py")),
                List.of(), new RawCode.Bytecode(mod, List.of()));
        byte[] bytes = MpyWriter.write(file);
        assertThat(HexFormat.of().formatHex(bytes, 0, 6)).isEqualTo("4d06" + "6f" + "1f" + "8101");
        assertThat(MpyReader.read(bytes)).isEqualTo(file);
    }

    @Test
    void staticStringSpelledOutStaysSpelledOut() throws Exception {
        byte[] mod = Vectors.function(1, 0, 0, 0, 0, 0, 1, new int[0], new byte[0], new byte[0], 0x51, 0x63);
        MpyFile file = new MpyFile(MpyHeader.bytecode(), List.of(Qstr.of("s.py"), new Qstr("<module>", false)),
                List.of(), new RawCode.Bytecode(mod, List.of()));
        byte[] bytes = MpyWriter.write(file);
        MpyFile back = MpyReader.read(bytes);
        assertThat(back.qstrs().get(1).encodedStatic()).isFalse();
        assertThat(MpyWriter.write(back)).isEqualTo(bytes);
    }
}
