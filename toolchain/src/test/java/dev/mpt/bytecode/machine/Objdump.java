package dev.mpt.bytecode.machine;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * GNU objdump as the oracle for the disassemblers: raw bytes in, one normalised text per
 * instruction offset out. Without the tool the test is skipped, except in CI (CI=true).
 */
final class Objdump {
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t(?:[0-9a-f]+ ?)+\\s*\\t(.*)$");

    private final Path tool;

    private Objdump(Path tool) {
        this.tool = tool;
    }

    static Objdump require(String name, String pkg) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                Path p = Path.of(d, name);
                if (Files.isExecutable(p)) {
                    return new Objdump(p);
                }
            }
        }
        String why = name + " not on PATH (apt-get install " + pkg + ")";
        if ("true".equals(System.getenv("CI"))) {
            fail(why);
        }
        Assumptions.abort(why);
        return null;
    }

    /** Instruction text by offset: tabs as single spaces, objdump's comments and symbols removed. */
    Map<Integer, String> disassemble(Path dir, byte[] code, String machine, String... options) throws Exception {
        Path bin = Files.createTempFile(dir, "code", ".bin");
        Files.write(bin, code);
        List<String> cmd = new ArrayList<>(List.of(tool.toString(), "-D", "-b", "binary", "-m", machine, "-z"));
        cmd.addAll(List.of(options));
        cmd.add(bin.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("objdump failed: " + new String(out, StandardCharsets.UTF_8));
        }
        Map<Integer, String> result = new LinkedHashMap<>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                result.put(Integer.parseInt(m.group(1), 16), normalise(m.group(2)));
            }
        }
        return result;
    }

    static String normalise(String s) {
        int hash = s.indexOf(" # ");
        if (hash < 0) {
            hash = s.indexOf("\t#");
        }
        if (hash < 0) {
            hash = s.indexOf(" //");
        }
        if (hash < 0) {
            hash = s.indexOf("\t@");
        }
        if (hash < 0) {
            hash = s.indexOf(" @");
        }
        if (hash >= 0) {
            s = s.substring(0, hash);
        }
        s = s.replaceAll(" <[^>]*>", "");
        return s.replace('\t', ' ').replaceAll(" +", " ").trim();
    }
}
