package dev.mpt.bytecode;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each kind of bad file gives one line saying what is wrong. */
class MpyReaderErrorsTest {

    private static byte[] good() {
        return MpyWriter.write(Vectors.module());
    }

    @Test
    void emptyFile() {
        assertThatThrownBy(() -> MpyReader.read(new byte[0]))
                .isInstanceOf(MpyFormatException.class).hasMessage("not a .mpy file: it is empty");
    }

    @Test
    void wrongMagic() {
        byte[] b = "print('hi')\n".getBytes();
        assertThatThrownBy(() -> MpyReader.read(b))
                .isInstanceOf(MpyFormatException.class).hasMessage("not a .mpy file: it starts with 0x70, not 'M'");
    }

    @Test
    void olderVersion() {
        byte[] b = good();
        b[1] = 5;
        assertThatThrownBy(() -> MpyReader.read(b))
                .isInstanceOf(MpyFormatException.class).hasMessage("incompatible .mpy file: version 5, mpt reads 6");
    }

    @Test
    void nativeCodeOfAnotherSubVersion() {
        byte[] b = good();
        b[2] = (byte) (NativeArch.X64.code() << 2 | 2);
        assertThatThrownBy(() -> MpyReader.read(b))
                .isInstanceOf(MpyFormatException.class)
                .hasMessage("incompatible .mpy file: native code version 6.2, mpt reads 6.3");
    }

    @Test
    void truncatedAnywhere() {
        byte[] b = good();
        for (int n = 1; n < b.length; n++) {
            byte[] cut = Arrays.copyOf(b, n);
            assertThatThrownBy(() -> MpyReader.read(cut)).as("cut at %d", n)
                    .isInstanceOf(MpyFormatException.class).hasMessageStartingWith("truncated .mpy file: ends inside");
        }
    }

    @Test
    void qstrIndexOutOfRange() {
        // LOAD_NAME 9 in a module whose qstr table has 2 entries.
        byte[] mod = Vectors.function(1, 0, 0, 0, 0, 0, 1, new int[0], new byte[0], new byte[0], 0x11, 0x09, 0x63);
        MpyFile f = new MpyFile(MpyHeader.bytecode(), List.of(Qstr.of("q.py"), Qstr.of("<module>")), List.of(),
                new RawCode.Bytecode(mod, List.of()));
        byte[] b = MpyWriter.write(f);
        assertThatThrownBy(() -> MpyReader.read(b))
                .isInstanceOf(MpyFormatException.class)
                .hasMessage("corrupt .mpy file: qstr index 9 out of range (table has 2)");
    }

    @Test
    void staticQstrOutOfRange() {
        byte[] b = good();
        // The second qstr ("<module>", static 7) becomes static 200.
        int at = 4 + 2 + 1 + 8 + 1;
        byte[] bad = new byte[b.length + 1];
        System.arraycopy(b, 0, bad, 0, at);
        bad[at] = (byte) 0x83;
        bad[at + 1] = (byte) 0x11;
        System.arraycopy(b, at + 1, bad, at + 2, b.length - at - 1);
        assertThatThrownBy(() -> MpyReader.read(bad))
                .isInstanceOf(MpyFormatException.class)
                .hasMessage("corrupt .mpy file: static qstr index 200 out of range (1..165)");
    }

    @Test
    void jumpOutsideTheFunction() {
        byte[] mod = Vectors.function(1, 0, 0, 0, 0, 0, 1, new int[0], new byte[0], new byte[0], 0x42, 0x7f, 0x63);
        MpyFile f = new MpyFile(MpyHeader.bytecode(), List.of(Qstr.of("j.py"), Qstr.of("<module>")), List.of(),
                new RawCode.Bytecode(mod, List.of()));
        assertThatThrownBy(() -> MpyReader.read(MpyWriter.write(f)))
                .isInstanceOf(MpyFormatException.class).hasMessage("corrupt .mpy file: jump outside the function");
    }

    @Test
    void unknownOpcode() {
        byte[] mod = Vectors.function(1, 0, 0, 0, 0, 0, 1, new int[0], new byte[0], new byte[0], 0x00, 0x63);
        MpyFile f = new MpyFile(MpyHeader.bytecode(), List.of(Qstr.of("u.py"), Qstr.of("<module>")), List.of(),
                new RawCode.Bytecode(mod, List.of()));
        assertThatThrownBy(() -> MpyReader.read(MpyWriter.write(f)))
                .isInstanceOf(MpyFormatException.class).hasMessageContaining("unknown opcode 0x00");
    }

    @Test
    void trailingBytes() {
        byte[] b = Arrays.copyOf(good(), good().length + 3);
        assertThatThrownBy(() -> MpyReader.read(b))
                .isInstanceOf(MpyFormatException.class)
                .hasMessage("corrupt .mpy file: 3 unexpected bytes after the module");
    }
}
