package dev.mpt.compiler.inlineasm;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * GNU binutils of one target (as, objcopy, objdump), found on PATH. Missing tools skip the
 * test, except in CI ({@code CI=true}) where they fail it.
 */
public record GnuBinutils(Path as, Path objcopy, Path objdump) {

    /** The tools named {@code prefix}-as, -objcopy, -objdump; {@code pkg} is the Debian package. */
    public static GnuBinutils require(String prefix, String pkg) {
        Path as = onPath(prefix + "-as");
        Path objcopy = onPath(prefix + "-objcopy");
        Path objdump = onPath(prefix + "-objdump");
        if (as == null || objcopy == null || objdump == null) {
            String why = prefix + "-as/objcopy/objdump not on PATH (apt-get install " + pkg + ")";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        return new GnuBinutils(as, objcopy, objdump);
    }

    private static Path onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            Path p = Path.of(d, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Assembles {@code source} with the extra {@code asFlags}; the .text section's bytes. */
    public byte[] assemble(Path dir, String source, String... asFlags) throws IOException, InterruptedException {
        Path s = dir.resolve("in.s");
        Path o = dir.resolve("in.o");
        Path bin = dir.resolve("in.bin");
        Files.writeString(s, source);
        List<String> cmd = new ArrayList<>(List.of(as.toString()));
        cmd.addAll(List.of(asFlags));
        cmd.addAll(List.of("-o", o.toString(), s.toString()));
        run(cmd);
        run(List.of(objcopy.toString(), "-O", "binary", "-j", ".text", o.toString(), bin.toString()));
        return Files.readAllBytes(bin);
    }

    /** Disassembles raw bytes with objdump ({@code -b binary -m machine} plus extra options). */
    public String disassemble(Path dir, byte[] code, String machine, String... options)
            throws IOException, InterruptedException {
        Path bin = dir.resolve("code.bin");
        Files.write(bin, code);
        List<String> cmd = new ArrayList<>(List.of(objdump.toString(), "-D", "-b", "binary", "-m", machine));
        cmd.addAll(List.of(options));
        cmd.add(bin.toString());
        return run(cmd);
    }

    static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + cmd);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            fail(cmd.get(0) + " failed:\n" + text);
        }
        return text;
    }
}
