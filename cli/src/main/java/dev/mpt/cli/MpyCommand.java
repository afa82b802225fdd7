package dev.mpt.cli;

import dev.mpt.bytecode.Disassembler;
import dev.mpt.bytecode.MpyFile;
import dev.mpt.bytecode.MpyFormatException;
import dev.mpt.bytecode.MpyReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mpt mpy}: look inside compiled .mpy files. */
@Command(
        name = "mpy",
        mixinStandardHelpOptions = true,
        description = "Inspect compiled .mpy files (format v6.3).",
        subcommands = {MpyCommand.Dis.class, MpyCommand.Info.class})
final class MpyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads a .mpy file, turning format problems into one line naming the file. */
    static MpyFile read(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new Errors.UserError(path + ": no such file");
        }
        try {
            return MpyReader.read(path);
        } catch (MpyFormatException e) {
            throw new Errors.UserError(path + ": " + e.getMessage());
        }
    }

    /** Prints one view of each file, with a "== FILE" line before each when there are several. */
    static int printEach(CommandSpec spec, List<Path> files, MpyView view) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        for (Path p : files) {
            MpyFile f = read(p);
            if (files.size() > 1) {
                out.println("== " + p);
            }
            try {
                out.print(view.render(f, p));
            } catch (MpyFormatException e) {
                throw new Errors.UserError(p + ": " + e.getMessage());
            }
        }
        out.flush();
        return 0;
    }

    /** A text view of a file. */
    @FunctionalInterface
    interface MpyView {
        String render(MpyFile file, Path path) throws IOException;
    }

    @Command(
            name = "dis",
            mixinStandardHelpOptions = true,
            description = "Disassemble .mpy files: tables, preludes, line numbers and instructions.",
            footer = {"", "Example:", "  mpt mpy dis build/main.mpy"})
    static final class Dis implements java.util.concurrent.Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FILE.mpy", description = "Files to disassemble.")
        List<Path> files;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            return printEach(spec, files, (f, p) -> Disassembler.disassemble(f));
        }
    }

    @Command(
            name = "info",
            mixinStandardHelpOptions = true,
            description = "Show a .mpy file's version, architecture, small-int bits and sizes.",
            footer = {"", "Example:", "  mpt mpy info build/main.mpy"})
    static final class Info implements java.util.concurrent.Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FILE.mpy", description = "Files to describe.")
        List<Path> files;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            return printEach(spec, files, (f, p) -> Disassembler.info(f, Files.size(p)));
        }
    }
}
