package dev.mpt.devicefs.romfs;

import dev.mpt.compiler.CompileError;
import dev.mpt.compiler.CrossCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A ROMFS image from a host directory, equal byte for byte to {@code mpremote romfs build}'s:
 * entries in each directory sorted by name, directories recursed into, each {@code X.py}
 * compiled to {@code X.mpy} (default compiler options, the embedded source name being the
 * directory as given + "/" + the file's relative path, as mpy-cross is run there) unless
 * an {@code X.mpy} sits next to it or compiling is off — then the {@code .py} goes in as
 * it is. Prints the same tree listing.
 */
public final class RomfsBuild {
    /** The build could not be done (a source file that does not compile, a name not in ASCII). */
    public static final class BuildException extends IOException {
        public BuildException(String message) {
            super(message);
        }
    }

    private final boolean compile;
    private final Consumer<String> log;

    /**
     * @param compile compile {@code .py} files to {@code .mpy}
     * @param log     receives the listing, a line at a time
     */
    public RomfsBuild(boolean compile, Consumer<String> log) {
        this.compile = compile;
        this.log = log;
    }

    /** The image of {@code dir} ({@code dirText}: the directory as the user wrote it). */
    public byte[] build(String dirText) throws IOException {
        String root = dirText.endsWith("/") ? dirText : dirText + "/";
        if (!Files.isDirectory(Path.of(root))) {
            throw new BuildException("not a directory: " + dirText);
        }
        log.accept("Building romfs filesystem, source directory: " + root);
        log.accept("/");
        RomfsWriter w = new RomfsWriter();
        try {
            add(w, root, "");
        } catch (IllegalArgumentException e) {
            throw new BuildException(e.getMessage());
        }
        return w.finish();
    }

    private void add(RomfsWriter w, String dir, String prefix) throws IOException {
        List<String> names;
        try (Stream<Path> s = Files.list(Path.of(dir))) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            boolean last = i == names.size() - 1;
            String entry = last ? "\\--" : "|--";
            String path = dir + name;
            if (Files.isDirectory(Path.of(path))) {
                log.accept(prefix + entry + " " + name + "/");
                w.openDir(name);
                add(w, path + "/", prefix + (last ? "    " : "|   "));
                w.closeDir();
                continue;
            }
            String mpyName = name.endsWith(".py") ? name.substring(0, name.length() - 3) + ".mpy" : null;
            if (compile && mpyName != null && !Files.isRegularFile(Path.of(dir + mpyName))) {
                log.accept(prefix + entry + " " + name + " -> .mpy");
                byte[] mpy;
                try {
                    mpy = CrossCompiler.compileToBytes(Files.readAllBytes(Path.of(path)), path,
                            CrossCompiler.Options.defaults());
                } catch (CompileError e) {
                    throw new BuildException(path + (e.line() >= 0 ? ", line " + e.line() : "") + ": " + e.type()
                            + (e.getMessage() == null || e.getMessage().isEmpty() ? "" : ": " + e.getMessage()));
                }
                w.file(mpyName, mpy);
            } else {
                log.accept(prefix + entry + " " + name);
                w.file(name, Files.readAllBytes(Path.of(path)));
            }
        }
    }
}
