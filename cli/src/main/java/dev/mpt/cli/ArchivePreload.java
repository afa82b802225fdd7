package dev.mpt.cli;

import java.io.File;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URISyntaxException;
import java.security.CodeSource;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The entry point scripts/lib/launch.sh uses for the run that records the start-up cache
 * (the class-data sharing archive, or Java 25's AOT cache): loads (without initialising) the classes of mpt itself and of the
 * libraries its commands need at start-up, then runs the real main class given as the first
 * argument. The cache then serves every command, not only the one that happened to run
 * first after a build (often {@code mpt --version}, which loads neither the flasher nor
 * usb4java: a flash then started about 0.3 s slower).
 */
public final class ArchivePreload {
    /** Jar entries whose classes are loaded; the large optional libraries are left out. */
    private static final String[] PREFIXES = {"dev/mpt/", "picocli/", "org/usb4java/", "com/fazecast/"};

    private ArchivePreload() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: ArchivePreload MAIN_CLASS [ARGS...]");
            System.exit(2);
        }
        preload();
        Class<?> main = Class.forName(args[0]);
        MethodHandle entry = MethodHandles.publicLookup().findStatic(main, "main",
                MethodType.methodType(void.class, String[].class));
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        entry.invokeExact(rest);
    }

    /** Loads the classes; anything that cannot be loaded (an absent optional dependency) is skipped. */
    static int preload() {
        File jar = codeSource();
        if (jar == null || !jar.isFile()) {
            return 0;
        }
        ClassLoader loader = ArchivePreload.class.getClassLoader();
        int loaded = 0;
        try (JarFile file = new JarFile(jar)) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (!name.endsWith(".class") || name.endsWith("module-info.class") || !wanted(name)) {
                    continue;
                }
                String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                try {
                    Class.forName(className, false, loader);
                    loaded++;
                } catch (ClassNotFoundException | LinkageError e) {
                    // optional dependency missing: the archive simply goes without this class
                }
            }
        } catch (IOException e) {
            // no preloading: the archive records what the command itself loads
        }
        return loaded;
    }

    private static boolean wanted(String entry) {
        for (String p : PREFIXES) {
            if (entry.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static File codeSource() {
        CodeSource source = ArchivePreload.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            return new File(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
