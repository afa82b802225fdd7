package dev.mpt.bytecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Round-trips every .mpy file under the directory named by {@code MPT_MPY_CORPUS} (for
 * example files compiled locally with the official mpy-cross). No such files are part of
 * the repository, so without the variable this test is skipped.
 */
class CorpusRoundTripTest {

    @Test
    void everyCorpusFileReadsAndWritesBackIdentically() throws IOException {
        String dir = System.getenv("MPT_MPY_CORPUS");
        assumeTrue(dir != null && !dir.isBlank(), "MPT_MPY_CORPUS not set");
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of(dir))) {
            files = s.filter(p -> p.toString().endsWith(".mpy")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        List<String> failures = new ArrayList<>();
        for (Path p : files) {
            byte[] in = Files.readAllBytes(p);
            try {
                MpyFile f = MpyReader.read(in);
                if (!java.util.Arrays.equals(in, MpyWriter.write(f))) {
                    failures.add(p + ": differs after write");
                }
                Disassembler.disassemble(f);
            } catch (MpyFormatException e) {
                failures.add(p + ": " + e.getMessage());
            }
        }
        System.out.println("corpus: " + files.size() + " files, " + failures.size() + " failures");
        assertThat(failures).isEmpty();
    }
}
