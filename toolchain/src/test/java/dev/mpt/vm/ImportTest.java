package dev.mpt.vm;

import static dev.mpt.bytecode.Opcode.Code.*;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.bytecode.MpyFile;
import dev.mpt.bytecode.MpyWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** import finds .mpy modules under the VM's root; soft reset forgets them. */
class ImportTest {
    /** helper.py: print('loading'); X = 42 */
    private static MpyFile helper() {
        Asm.Module m = new Asm.Module("helper.py");
        Asm a = new Asm(m).line(1).qop(LOAD_NAME, "print").qop(LOAD_CONST_STRING, "loading").op(CALL_FUNCTION, 1)
                .op(POP_TOP).line(2).smallInt(42).qop(STORE_NAME, "X").op(LOAD_CONST_NONE).op(RETURN_VALUE);
        return m.file(a.build("<module>", 2, 0, 0, 0));
    }

    /** main.py: import NAME; print(NAME.X) */
    private static MpyFile importer(String name) {
        Asm.Module m = new Asm.Module("main.py");
        Asm a = new Asm(m).line(1).smallInt(0).op(LOAD_CONST_NONE).qop(IMPORT_NAME, name).qop(STORE_NAME, name)
                .line(2).qop(LOAD_NAME, "print").qop(LOAD_NAME, name).qop(LOAD_ATTR, "X").op(CALL_FUNCTION, 1)
                .op(POP_TOP).op(LOAD_CONST_NONE).op(RETURN_VALUE);
        return m.file(a.build("<module>", 3, 0, 0, 0));
    }

    @Test
    void importsAnMpyModuleOnceAndAgainAfterSoftReset(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("helper.mpy"), MpyWriter.write(helper()));
        VM vm = new VM(dir);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        vm.setStdout(out);
        assertThat(vm.runMain(importer("helper"))).isZero();
        assertThat(vm.runMain(importer("helper"))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("loading\n42\n42\n");
        vm.softReset();
        out.reset();
        assertThat(vm.runMain(importer("helper"))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("loading\n42\n");
    }

    /** Runs {@code import NAME; print(NAME.X)} with helper.mpy saved as FILE.mpy: stdout then stderr. */
    private static String importWithFile(Path dir, String file, String name) throws Exception {
        Files.write(dir.resolve(file + ".mpy"), MpyWriter.write(helper()));
        VM vm = new VM(dir);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        vm.setStdout(out);
        vm.setStderr(out);
        vm.runMain(importer(name));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aModuleOnThePathExtendsAnExtensibleBuiltin(@TempDir Path dir) throws Exception {
        assertThat(importWithFile(dir, "time", "time")).isEqualTo("loading\n42\n");
    }

    @Test
    void theUPrefixStillReachesTheExtensibleBuiltin(@TempDir Path dir) throws Exception {
        assertThat(importWithFile(dir, "json", "ujson"))
                .doesNotContain("loading").endsWith("AttributeError: module 'json' has no attribute 'X'\n");
    }

    @Test
    void aNonExtensibleBuiltinIgnoresTheModuleOnThePath(@TempDir Path dir) throws Exception {
        assertThat(importWithFile(dir, "gc", "gc"))
                .doesNotContain("loading").endsWith("AttributeError: module 'gc' has no attribute 'X'\n");
    }

    @Test
    void aFrozenModuleIsFoundWhereFrozenStandsInThePath(@TempDir Path dir) throws Exception {
        // sys.path is ['', '.frozen', 'lib']: the current directory comes before the frozen
        // asyncio, lib after it
        Files.createDirectories(dir.resolve("lib"));
        assertThat(importWithFile(dir, "lib/asyncio", "asyncio"))
                .doesNotContain("loading").endsWith("AttributeError: module 'asyncio' has no attribute 'X'\n");
        assertThat(importWithFile(dir, "asyncio", "asyncio")).isEqualTo("loading\n42\n");
    }

    @Test
    void aCorruptMpyRaisesValueError(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("bad.mpy"), new byte[] {'M', 5, 0, 31});
        VM vm = new VM(dir);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        vm.setStderr(err);
        assertThat(vm.runMain(importer("bad"))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).endsWith("ValueError: incompatible .mpy file\n");
    }

    @Test
    void aMissingModuleRaisesImportError(@TempDir Path dir) {
        VM vm = new VM(dir);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        vm.setStderr(err);
        assertThat(vm.runMain(importer("nosuch"))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("Traceback (most recent call last):\n"
                + "  File \"main.py\", line 1, in <module>\n"
                + "ImportError: no module named 'nosuch'\n");
    }

    @Test
    void pathsCannotEscapeTheRoot(@TempDir Path dir) throws Exception {
        Path root = java.nio.file.Files.createDirectories(dir.resolve("root"));
        VM vm = new VM(root);
        Path top = root.toAbsolutePath().normalize();
        // '..' stops at the root, as at the top of a filesystem
        assertThat(vm.resolve("../outside.txt")).isEqualTo(top.resolve("outside.txt"));
        assertThat(vm.resolve("/../../etc/passwd")).isEqualTo(top.resolve("etc/passwd"));
        assertThat(vm.resolve("sub/file.txt")).isEqualTo(top.resolve("sub/file.txt"));
        // a symbolic link that leads out of the root leads nowhere
        java.nio.file.Files.writeString(dir.resolve("secret.txt"), "x");
        java.nio.file.Files.createSymbolicLink(root.resolve("out"), dir);
        assertThat(vm.resolve("out/secret.txt")).isNull();
        assertThat(vm.resolve("/out")).isNull();
    }
}
