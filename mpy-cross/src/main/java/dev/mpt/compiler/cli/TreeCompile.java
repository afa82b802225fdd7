package dev.mpt.compiler.cli;

import dev.mpt.compiler.CompileError;
import dev.mpt.compiler.CrossCompiler;
import dev.mpt.compiler.inlineasm.AssemblerAssertion;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code mpt compile -r SRC_DIR -o OUT_DIR}: compiles every {@code .py} file under SRC_DIR to
 * the same relative path under OUT_DIR, in parallel, skipping files whose output is not older
 * than the source. The source name embedded in each file is its path relative to SRC_DIR
 * (with forward slashes), so builds on different machines give identical files.
 */
final class TreeCompile {
    private TreeCompile() {}

    static int run(Path srcRoot, Path outRoot, CrossCompiler.Options opts, PrintStream err) {
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(srcRoot)) {
            sources = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".py"))
                .sorted().collect(Collectors.toList());
        } catch (IOException e) {
            err.print("OSError: can't read " + srcRoot + ": " + e.getMessage() + "\n");
            return 1;
        }
        AtomicInteger failures = new AtomicInteger();
        sources.parallelStream().forEach(src -> {
            String rel = srcRoot.relativize(src).toString().replace('\\', '/');
            Path dst = outRoot.resolve(rel.substring(0, rel.length() - 3) + ".mpy");
            try {
                if (Files.exists(dst)) {
                    FileTime s = Files.getLastModifiedTime(src);
                    FileTime d = Files.getLastModifiedTime(dst);
                    if (d.compareTo(s) >= 0) {
                        return;
                    }
                }
                byte[] mpy = CrossCompiler.compileToBytes(Files.readAllBytes(src), rel, opts);
                Files.createDirectories(dst.getParent());
                Files.write(dst, mpy);
            } catch (CompileError e) {
                failures.incrementAndGet();
                synchronized (err) {
                    err.print(e.traceback(rel));
                }
            } catch (AssemblerAssertion e) {
                failures.incrementAndGet();
                synchronized (err) {
                    err.print(rel + ": mpy-cross: " + e.getMessage() + "\n");
                }
            } catch (IOException | UncheckedIOException e) {
                failures.incrementAndGet();
                synchronized (err) {
                    err.print("OSError: " + rel + ": " + e.getMessage() + "\n");
                }
            }
        });
        return failures.get() == 0 ? 0 : 1;
    }
}
