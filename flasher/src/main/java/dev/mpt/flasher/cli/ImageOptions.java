package dev.mpt.flasher.cli;

import dev.mpt.flasher.ImageLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import picocli.CommandLine.Option;

/** The options that say how to read a firmware file: where a raw payload goes, which archive member. */
final class ImageOptions {
    @Option(names = "--address", paramLabel = "ADDRESS", description = "Where a raw .bin or plain DFU payload goes, e.g. 0x08000000.")
    String address;

    @Option(names = "--member", paramLabel = "NAME", description = "Which file of an archive to use.")
    String member;

    /** Loads the firmware file (or the archive member) as these options say. */
    ImageLoader.Loaded load(Path file) throws IOException {
        return ImageLoader.load(file, address == null ? OptionalLong.empty()
                : OptionalLong.of(Numbers.parse("--address", address)), Optional.ofNullable(member));
    }
}
