package dev.mpt.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mpt.bytecode.MpyFile;
import dev.mpt.vm.VM;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * machine.mem8/16/32 read and write the VM's address space, where uctypes places buffers
 * (the unix port maps /dev/mem for them, so the conformance suite can check only their
 * errors and reprs against it).
 */
class MachineMemTest {
    @TempDir
    Path root;

    private String run(String source) throws Exception {
        MpyFile mpy = CrossCompiler.compile(source.getBytes(StandardCharsets.UTF_8), "mem.py",
                CrossCompiler.Options.defaults().withForVm());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VM vm = new VM(root);
        vm.setStdout(out);
        vm.setStderr(out);
        vm.runMain(mpy);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void readsAndWritesABufferLittleEndianAtItsAddress() throws Exception {
        String out = run("""
                import machine, uctypes
                b = bytearray(b'\\x01\\x02\\x03\\x84')
                a = uctypes.addressof(b)
                print(machine.mem8[a], machine.mem8[a + 3], machine.mem16[a], hex(machine.mem32[a]))
                machine.mem8[a] = 0x155
                print(b)
                machine.mem32[a] = 0x11223344
                print(b)
                machine.mem16[a + 2] = -1
                print(b, machine.mem32[a])
                """);
        assertEquals("""
                1 132 513 0x84030201
                bytearray(b'U\\x02\\x03\\x84')
                bytearray(b'D3"\\x11')
                bytearray(b'D3\\xff\\xff') 4294914884
                """, out);
    }
}
