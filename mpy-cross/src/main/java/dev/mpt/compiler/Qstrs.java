package dev.mpt.compiler;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The qstr pool as it stands while one file is compiled: the qstrs built into the official
 * mpy-cross (from the resource {@code mpy-cross-qstrs.txt}, when present) plus every string
 * interned so far. The parser consults it to decide whether a long string literal is a qstr.
 */
public final class Qstrs {
    private static final Set<String> BUILT_IN = load();
    private final Set<String> interned = new HashSet<>();

    private static Set<String> load() {
        Set<String> set = new HashSet<>();
        try (InputStream in = Qstrs.class.getResourceAsStream("mpy-cross-qstrs.txt")) {
            if (in != null) {
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
                String line;
                while ((line = r.readLine()) != null) {
                    set.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return set;
    }

    public void intern(String s) {
        interned.add(s);
    }

    public boolean contains(String s) {
        return interned.contains(s) || BUILT_IN.contains(s);
    }
}
