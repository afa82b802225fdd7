package dev.mpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.cli.MainTest.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What the end-to-end tests look at: the files of a directory, their hashes, mpt's exit. */
final class BoardFiles {
    private BoardFiles() {}

    /** Relative path → content ("/" suffix and "" for directories) of everything below {@code dir}. */
    static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (p.equals(dir)) {
                    continue;
                }
                String rel = dir.relativize(p).toString().replace('\\', '/');
                out.put(Files.isDirectory(p) ? rel + "/" : rel,
                        Files.isDirectory(p) ? "" : Files.readString(p, StandardCharsets.ISO_8859_1));
            }
        }
        return out;
    }

    /** Writes {@code text} (UTF-8) to {@code p}, making its directories. */
    static Path write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** What the board prints for {@code text}: as firmware does, each line ends in CR LF. */
    static String printed(String text) {
        return text.replace("\n", "\r\n");
    }

    static void assertOk(Result r) {
        assertThat(r.err()).as("stderr").isEmpty();
        assertThat(r.status()).as("exit status").isZero();
    }

    /** One line "error: …" on stderr, status 1, no Java trace. */
    static void assertError(Result r, String line) {
        assertThat(r.status()).as("exit status").isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: " + line + "\n");
    }
}
