package dev.mpt.cli.warm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** For tests that start the warm daemon as its own JVM: an empty jar whose manifest's class path is the test's. */
public final class ClassPathJar {
    private ClassPathJar() {}

    /** Writes the jar to {@code to}: {@code java -cp to} then sees every class this test JVM sees. */
    public static void write(Path to) throws IOException {
        StringBuilder cp = new StringBuilder();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            cp.append(Path.of(e).toUri()).append(' ');
        }
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, cp.toString().strip());
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(to), m)) {
            j.flush();
        }
    }
}
