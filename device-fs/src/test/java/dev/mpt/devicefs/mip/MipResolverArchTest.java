package dev.mpt.devicefs.mip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpt.bytecode.NativeArch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code arch} entries of a package description pick the native .mpy files for the
 * board's architecture; a .mpy with machine code for another architecture is refused.
 * (MipEndToEndTest shows the same choice through {@code mpt mip install} on virtual boards
 * that report x64 and armv7emsp.)
 */
class MipResolverArchTest {
    private static final String INDEX = "https://index.example";
    private final Map<String, byte[]> served = new HashMap<>();
    private final List<String> requested = new ArrayList<>();
    private final Fetcher fetcher = (url, what) -> {
        requested.add(url);
        byte[] b = served.get(url);
        if (b == null) {
            throw new MipException("no " + what + " at " + url);
        }
        return b;
    };

    /** Serves content under its SHA-256 as the index does; returns the hash. */
    private String file(String content) {
        byte[] b = content.getBytes(StandardCharsets.ISO_8859_1);
        String hash = MipResolver.sha256(b);
        served.put(INDEX + "/file/" + hash.substring(0, 2) + "/" + hash, b);
        return hash;
    }

    /** The first bytes of a .mpy v6.3 with machine code for {@code archCode}. */
    private static String nativeMpy(int archCode, String rest) {
        return "M\u0006" + (char) (3 | archCode << 2) + "\u001f" + rest;
    }

    private MipResolver resolver(NativeArch arch, List<String> log) {
        return new MipResolver(fetcher, MipResolver.Sources.defaults().withIndex(INDEX), "/lib", "6", log::add)
                .forArch(arch);
    }

    private void fastmath() {
        String common = file("M\u0006 shared bytecode");
        String forX64 = file(nativeMpy(2, "x64 code"));
        String forArm = file(nativeMpy(7, "armv7emsp code"));
        served.put(INDEX + "/package/6/fastmath/latest.json", ("{\"hashes\": [[\"fastmath/__init__.mpy\", \"" + common
                + "\"]], \"arch\": {\"armv7emsp\": {\"hashes\": [[\"fastmath/_core.mpy\", \"" + forArm + "\"]]}, "
                + "\"x64\": {\"hashes\": [[\"fastmath/_core.mpy\", \"" + forX64 + "\"]]}}, \"version\": \"1.0\"}")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> contents(MipResolver r) {
        Map<String, String> m = new HashMap<>();
        for (MipResolver.BoardFile f : r.files()) {
            m.put(f.path(), new String(f.data(), StandardCharsets.ISO_8859_1));
        }
        return m;
    }

    @Test
    void aBoardGetsTheNativeBuildForItsArchitectureOnly() throws MipException {
        fastmath();
        List<String> log = new ArrayList<>();
        MipResolver r = resolver(NativeArch.ARMV7EMSP, log);
        r.add("fastmath");
        assertThat(contents(r)).containsEntry("/lib/fastmath/_core.mpy", nativeMpy(7, "armv7emsp code"))
                .containsEntry("/lib/fastmath/__init__.mpy", "M\u0006 shared bytecode").hasSize(2);
        assertThat(log).contains("Native code for armv7emsp");
        assertThat(requested).noneMatch(u -> served.get(u) != null
                && new String(served.get(u), StandardCharsets.ISO_8859_1).contains("x64 code"));
    }

    @Test
    void aBoardThatRunsNoMachineCodeGetsOnlyTheSharedFiles() throws MipException {
        fastmath();
        MipResolver r = resolver(NativeArch.NONE, new ArrayList<>());
        r.add("fastmath");
        assertThat(contents(r)).containsOnlyKeys("/lib/fastmath/__init__.mpy");
    }

    @Test
    void machineCodeForAnotherArchitectureIsRefused() {
        String arm = file(nativeMpy(5, "armv7m code"));
        served.put(INDEX + "/package/6/armonly/latest.json",
                ("{\"hashes\": [[\"armonly.mpy\", \"" + arm + "\"]]}").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> resolver(NativeArch.X64, new ArrayList<>()).add("armonly"))
                .isInstanceOf(MipException.class)
                .hasMessage("/lib/armonly.mpy holds machine code for armv7m, the board is x64; nothing was installed");
        assertThatThrownBy(() -> resolver(NativeArch.NONE, new ArrayList<>()).add("armonly"))
                .hasMessage("/lib/armonly.mpy holds machine code for armv7m, the board runs no machine code; "
                        + "nothing was installed");
    }
}
