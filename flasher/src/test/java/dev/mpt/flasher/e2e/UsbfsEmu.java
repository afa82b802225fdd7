package dev.mpt.flasher.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The emulated STM32F405 DfuSe bootloader of ../shared/usbfs-emu, built out of tree into
 * target/, and a way to run the flasher's commands in a forked JVM with it preloaded.
 * Where the emulator cannot be had, tests skip saying why — except under CI=true, where they fail.
 */
final class UsbfsEmu {
    private static Path library;
    private static String problem;

    private UsbfsEmu() {}

    /** The built library, or a skip (a failure in CI) naming what is missing. */
    static synchronized Path library() {
        if (library == null && problem == null) {
            try {
                build();
            } catch (IOException | InterruptedException e) {
                problem = "building usbfs-emu failed: " + e;
            }
        }
        if (library != null) {
            return library;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail(problem);
        }
        Assumptions.abort(problem + " — end-to-end USB tests skipped");
        return null;
    }

    private static void build() throws IOException, InterruptedException {
        Path module = Path.of("").toAbsolutePath();
        String override = System.getenv("USBFS_EMU_DIR");
        Path source = override != null ? Path.of(override) : module.resolve("../../shared/usbfs-emu").normalize();
        if (!Files.isRegularFile(source.resolve("Makefile"))) {
            problem = "usbfs-emu not found at " + source + " (set USBFS_EMU_DIR)";
            return;
        }
        Path out = module.resolve("target/usbfs-emu");
        Files.createDirectories(out);
        Process p = new ProcessBuilder("make", "-s", "-C", source.toString(), "BUILD=" + out)
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            problem = "building usbfs-emu with make failed (needs make and gcc): " + log.strip();
            return;
        }
        Path lib = out.resolve("libusbfs-emu.so");
        if (!Files.isRegularFile(lib)) {
            problem = "make did not produce " + lib;
            return;
        }
        library = lib;
    }

    /** What a forked command printed and returned. */
    record Run(int exit, String out, String err) {}

    /**
     * Runs {@code mpt ARGS} (the flasher's commands) in a new JVM that sees the emulated
     * device, with its flash in flash and its transfer log appended to log.
     */
    static Run mpt(Path flash, Path log, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xshare:auto");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.mpt.flasher.cli.FlasherMain");
        cmd.addAll(List.of(args));
        return run(cmd, flash, log, env);
    }

    /** Runs any libusb program (dfu-util, a JVM) against the emulated device. */
    static Run run(List<String> cmd, Path flash, Path log, Map<String, String> env) throws IOException, InterruptedException {
        Path lib = library();
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("LD_PRELOAD", lib.toString());
        pb.environment().put("USBFS_EMU_FLASH", flash.toAbsolutePath().toString());
        pb.environment().put("USBFS_EMU_LOG", log.toAbsolutePath().toString());
        pb.environment().put("USBFS_EMU_POLL_SCALE", "0.01");
        pb.environment().remove("USBFS_EMU_FAULT");
        pb.environment().putAll(env);
        Path stdout = Files.createTempFile(flash.getParent(), "out", ".txt");
        Path stderr = Files.createTempFile(flash.getParent(), "err", ".txt");
        pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Process p = pb.start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + " did not finish in 90 s");
        }
        return new Run(p.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }

    /** dfu-util on the PATH, or a skip (a failure in CI) saying it is missing. */
    static String dfuUtil() throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder("dfu-util", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return "dfu-util";
            }
        } catch (IOException e) {
            // not installed
        }
        String problem = "dfu-util not found (apt-get install dfu-util)";
        if ("true".equals(System.getenv("CI"))) {
            fail(problem);
        }
        Assumptions.abort(problem + " — comparison with dfu-util skipped");
        return null;
    }
}
