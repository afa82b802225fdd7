package dev.mpt.devicefs.cli;

import dev.mpt.devicefs.HostFile;
import dev.mpt.devicefs.RemoteFsException;
import dev.mpt.devicefs.romfs.RomfsPartition;
import dev.mpt.devicefs.romfs.RomfsBuild;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mpt romfs build}: MicroPython's read-only ROMFS images. */
@Command(name = "romfs", mixinStandardHelpOptions = true, subcommands = {RomfsCommand.Query.class, RomfsCommand.Build.class, RomfsCommand.Deploy.class},
        description = "MicroPython ROMFS images: build one (the same bytes as mpremote romfs build), deploy it to "
                + "the board's ROMFS partition, see what the partitions hold.",
        footer = {"", "Examples:", "  mpt romfs build app -o app.romfs", "  mpt romfs deploy app.romfs + reset",
            "  mpt romfs query"})
public final class RomfsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "romfs: name a command (query, build or deploy)");
    }

    /** {@code -m/--mpy}, {@code --no-mpy}: whether an image built from a directory holds .py files compiled. */
    static final class MpyOption {
        @Option(names = {"-m", "--mpy"}, negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "When building from a directory: compile .py files to .mpy (default); --no-mpy "
                        + "stores them as they are.")
        boolean mpy;
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = {"Build a ROMFS image from a directory on the host; .py files are compiled to .mpy "
                    + "(with mpt's compiler, default options) unless --no-mpy or a .mpy of the same name is there."},
            footer = {"", "Examples:", "  mpt romfs build app              (writes app.romfs)",
                "  mpt romfs build --no-mpy app -o app.img"})
    static final class Build implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR")
        String dir;

        @Option(names = {"-o", "--output"}, paramLabel = "IMAGE", description = "The image file (default: DIR.romfs).")
        Path output;

        @Mixin
        MpyOption compile;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            byte[] image = new RomfsBuild(compile.mpy, out::println).build(dir);
            Path target = output != null ? output : Path.of(dir + ".romfs");
            out.println("Writing " + image.length + " bytes to output file " + (output != null ? output : dir + ".romfs"));
            out.flush();
            HostFile.replace(target, image);
            return 0;
        }
    }

    @Command(name = "query", mixinStandardHelpOptions = true,
            description = "List the board's ROMFS partitions: their size, and the image each holds.",
            footer = {"", "Example:", "  mpt romfs query"})
    static final class Query extends BoardCommand {
        @Override
        public Integer call() throws IOException {
            List<RomfsPartition.Info> parts = new RomfsPartition(session().repl()).query();
            if (parts.isEmpty()) {
                out().println("the board has no ROMFS partition");
            }
            for (RomfsPartition.Info p : parts) {
                out().println(p.describe());
                if (p.start().length > 0) {
                    out().println("  starts with " + HexFormat.ofDelimiter(":").formatHex(p.start()) + " ...");
                }
                out().println(p.holdsImage() ? "  a ROMFS image of " + p.imageSize() + " bytes" : "  no ROMFS image");
            }
            out().flush();
            return 0;
        }
    }

    @Command(name = "deploy", mixinStandardHelpOptions = true,
            description = {"Write a ROMFS image to the board's ROMFS partition (vfs.rom_ioctl): an image file "
                    + "(.romfs or .img), or a directory built into one first (as 'romfs build').",
                "Nothing is written unless the board has the partition and the image fits; afterwards the "
                    + "partition is checked by SHA-256. Reset the board to mount the new image at /rom."},
            footer = {"", "Examples:", "  mpt romfs deploy app.romfs + reset", "  mpt romfs deploy --partition 1 app"})
    static final class Deploy extends BoardCommand {
        @Parameters(index = "0", paramLabel = "IMAGE|DIR")
        String source;

        @Option(names = {"-p", "--partition"}, paramLabel = "N", description = "The ROMFS partition (default 0).")
        int partition;

        @Mixin
        MpyOption compile;

        @Override
        public Integer call() throws IOException {
            Path p = Path.of(source);
            byte[] image;
            if (Files.isRegularFile(p) && (source.endsWith(".romfs") || source.endsWith(".img"))) {
                image = Files.readAllBytes(p);
            } else if (Files.isDirectory(p)) {
                image = new RomfsBuild(compile.mpy, line -> { }).build(source);
            } else {
                throw new RemoteFsException(source + ": neither a .romfs/.img file nor a directory");
            }
            out().println("image of " + image.length + " bytes");
            new RomfsPartition(session().repl()).deploy(partition, image, line -> {
                out().println(line);
                out().flush();
            });
            out().println("deployed to ROMFS" + partition);
            out().flush();
            return 0;
        }
    }
}
