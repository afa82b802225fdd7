package dev.mpt.flasher.esp;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The emulated ESP32 ROM loader of ../shared/esp-rom-emu as a python3 child process, on a pty or
 * over RFC 2217. Where it cannot be had, tests skip saying why — except under CI=true, where
 * they fail. Close it (try-with-resources) to stop it.
 */
public final class EspRomEmu implements AutoCloseable {
    private final Process process;
    /** What to pass as -d: the pty's path or rfc2217://127.0.0.1:N. */
    public final String device;
    public final Path flash;
    final Path log;

    private EspRomEmu(Process process, String device, Path flash, Path log) {
        this.process = process;
        this.device = device;
        this.flash = flash;
        this.log = log;
    }

    static Path script() {
        String override = System.getenv("ESP_ROM_EMU_DIR");
        Path dir = override != null ? Path.of(override)
                : Path.of("").toAbsolutePath().resolve("../../shared/esp-rom-emu").normalize();
        Path script = dir.resolve("esp_rom_emu.py");
        if (!Files.isRegularFile(script)) {
            String problem = "esp-rom-emu not found at " + dir + " (set ESP_ROM_EMU_DIR)";
            if ("true".equals(System.getenv("CI"))) {
                fail(problem);
            }
            Assumptions.abort(problem + " — ESP end-to-end tests skipped");
        }
        return script;
    }

    /**
     * Starts the emulator.
     *
     * @param dir   a temporary directory for the flash file, the log and the pty link
     * @param rfc2217 serve RFC 2217 instead of a pty
     * @param extra more options: --time-scale, --faults, --boot …
     */
    public static EspRomEmu start(Path dir, boolean rfc2217, String... extra) throws IOException {
        Path flash = dir.resolve("flash.bin");
        Path log = dir.resolve("emu.log");
        List<String> cmd = new ArrayList<>(List.of("python3", script().toString(), "--flash", flash.toString(),
                "--log", log.toString()));
        if (rfc2217) {
            cmd.addAll(List.of("--rfc2217-port", "0"));
        } else {
            cmd.addAll(List.of("--pty-link", dir.resolve("ttyESP").toString()));
        }
        cmd.addAll(List.of(extra));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            if ("true".equals(System.getenv("CI"))) {
                fail("cannot start python3: " + e.getMessage());
            }
            Assumptions.abort("python3 is not available — ESP end-to-end tests skipped");
            throw e;
        }
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        if (line == null) {
            p.destroyForcibly();
            fail("esp-rom-emu printed nothing (python3 " + script() + ")");
        }
        String[] words = line.strip().split("\\s+");
        String device = rfc2217 ? words[1] : words[words.length - 1];
        Thread drain = new Thread(() -> {
            try {
                while (r.readLine() != null) {
                    // keep the pipe empty
                }
            } catch (IOException ignored) {
                // exited
            }
        });
        drain.setDaemon(true);
        drain.start();
        return new EspRomEmu(p, device, flash, log);
    }

    /** The emulator's JSON log lines. */
    public List<String> logLines() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
