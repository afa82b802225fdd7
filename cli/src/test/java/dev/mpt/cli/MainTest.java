package dev.mpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.bytecode.MpyHeader;
import dev.mpt.bytecode.MpyFile;
import dev.mpt.bytecode.MpyWriter;
import dev.mpt.bytecode.Prelude;
import dev.mpt.bytecode.Qstr;
import dev.mpt.bytecode.RawCode;
import dev.mpt.devicefs.MptConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    /** Runs mpt in-process and captures what it prints. */
    record Result(int status, String out, String err) {}

    static Result mpt(String... args) {
        return captured(() -> Main.run(args));
    }

    /** As {@link #mpt(String...)}, with {@code config} in force rather than the files found from here. */
    static Result mpt(MptConfig config, String... args) {
        return captured(() -> Main.run(config, args));
    }

    private static Result captured(java.util.function.IntSupplier run) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = run.getAsInt();
            return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** A module whose body is {@code return None}, from source {@code t.py}. */
    private Path tinyMpy() throws Exception {
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        Prelude.encodeSignature(code, 1, 0, 0, 0, 0, 0);
        Prelude.encodeSize(code, 1, 0);
        code.write(1); // simple name: qstr 1
        code.write(0x51); // LOAD_CONST_NONE
        code.write(0x63); // RETURN_VALUE
        MpyFile f = new MpyFile(MpyHeader.bytecode(), List.of(Qstr.of("t.py"), Qstr.of("<module>")), List.of(),
                new RawCode.Bytecode(code.toByteArray(), List.of()));
        Path p = dir.resolve("t.mpy");
        MpyWriter.write(f, p);
        return p;
    }

    @Test
    void helpListsTheSubcommands() {
        Result r = mpt("--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("Usage: mpt").contains("mpy");
        for (Class<?> c : Main.COMMANDS) {
            String name = c.getAnnotation(picocli.CommandLine.Command.class).name();
            assertThat(r.out()).as(name).containsPattern("(?m)^  " + name + " ");
        }
    }

    @Test
    void onlyTheNamedSubcommandIsBuilt() {
        assertThat(Main.commandWord(List.of("-d", "virtual", "--no-soft-reset", "exec", "x"))).isEqualTo("exec");
        assertThat(Main.commandWord(List.of("--device=virtual", "--baud", "9600", "ls"))).isEqualTo("ls");
        assertThat(Main.commandWord(List.of("--debug", "--", "cat"))).isEqualTo("cat");
        assertThat(Main.commandWord(List.of("--help"))).isNull();
        assertThat(Main.commandLine(List.of("--debug", "flash", "x.dfu")).getSubcommands()).containsOnlyKeys("flash");
        assertThat(Main.commandLine(List.of("compile", "x.py")).getSubcommands()).containsOnlyKeys("compile");
        assertThat(Main.commandLine(List.of("--help")).getSubcommands()).hasSize(Main.COMMANDS.size());
        assertThat(Main.commandLine(List.of("--version")).getSubcommands()).isEmpty();
    }

    @Test
    void aMistypedCommandGetsSuggestions() {
        Result r = mpt("sycn", "src");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("'sycn'").contains("Did you mean: mpt sync");
    }

    @Test
    void disassemblesAFile() throws Exception {
        Result r = mpt("mpy", "dis", tinyMpy().toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("source file: t.py").contains("LOAD_CONST_NONE").contains("RETURN_VALUE");
    }

    @Test
    void infoDescribesAFile() throws Exception {
        Result r = mpt("mpy", "info", tinyMpy().toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("mpy version:    6").contains("small int bits: 31");
    }

    @Test
    void badFileIsOneLineAndStatusOne() throws Exception {
        Path p = dir.resolve("old.mpy");
        Files.write(p, new byte[] {'M', 5, 0, 31, 0});
        Result r = mpt("mpy", "dis", p.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: " + p + ": incompatible .mpy file: version 5, mpt reads 6\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void missingFileIsOneLine() {
        Result r = mpt("mpy", "info", dir.resolve("nope.mpy").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("nope.mpy: no such file");
    }

    @Test
    void debugShowsTheTrace() throws Exception {
        Path p = dir.resolve("x.mpy");
        Files.write(p, new byte[] {'X'});
        Result r = mpt("--debug", "mpy", "dis", p.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("\tat ").endsWith("error: " + p + ": not a .mpy file: it starts with 0x58, not 'M'\n");
    }

    @Test
    void devsListsPortsOrSaysThereAreNone() {
        Result r = mpt("devs");
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(r.out()).isNotEmpty();
    }

    @Test
    void boardServeRefusesABadSizeOrArchitecture() {
        Result r = mpt("board", "serve", "--size", "lots", "--flash", dir.resolve("f").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: --size").hasLineCount(1);
        Result arch = mpt("board", "serve", "--arch", "z80", "--flash", dir.resolve("f").toString());
        assertThat(arch.status()).isEqualTo(1);
        assertThat(arch.err()).isEqualTo("error: --arch must be one of x86, x64, armv6, armv6m, armv7m, armv7em, "
                + "armv7emsp, armv7emdp, xtensa, xtensawin, rv32imc, rv64imc, not 'z80'\n");
    }

    @Test
    void boardServeHelpSaysNativeCodeStillCannotRun() {
        Result r = mpt("board", "serve", "--help");
        assertThat(r.out().replaceAll("\\s+", " ")).contains("--arch=ARCH")
                .contains("Native code still cannot run there: the board runs bytecode only");
    }
}
