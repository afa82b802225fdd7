package dev.mpt.devicefs.cli;

import dev.mpt.devicefs.HostFile;
import dev.mpt.devicefs.romfs.RomfsBuild;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mpt romfs build}: MicroPython's read-only ROMFS images. */
@Command(name = "romfs", mixinStandardHelpOptions = true, subcommands = RomfsCommand.Build.class,
        description = "Build MicroPython ROMFS images (the same bytes as mpremote romfs build).",
        footer = {"", "Example:", "  mpt romfs build app -o app.romfs"})
public final class RomfsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "romfs: name a command (build)");
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

        @Option(names = {"-m", "--mpy"}, negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Compile .py files to .mpy (default); --no-mpy stores them as they are.")
        boolean mpy;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            byte[] image = new RomfsBuild(mpy, out::println).build(dir);
            Path target = output != null ? output : Path.of(dir + ".romfs");
            out.println("Writing " + image.length + " bytes to output file " + (output != null ? output : dir + ".romfs"));
            out.flush();
            HostFile.replace(target, image);
            return 0;
        }
    }
}
