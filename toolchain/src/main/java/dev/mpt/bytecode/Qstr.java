package dev.mpt.bytecode;

import java.util.Objects;

/**
 * An interned string of a .mpy file's qstr table: a name, attribute, or the source file
 * name (always entry 0). A static qstr is written as its index in {@link StaticQstrs}
 * instead of its text.
 *
 * @param text    the string
 * @param encodedStatic whether the file refers to it by its static index
 */
public record Qstr(String text, boolean encodedStatic) {

    public Qstr {
        Objects.requireNonNull(text, "text");
        if (encodedStatic && StaticQstrs.index(text).isEmpty()) {
            throw new IllegalArgumentException("not a static qstr: " + text);
        }
    }

    /** The qstr as mpy-cross writes it: by static index when there is one. */
    public static Qstr of(String text) {
        return new Qstr(text, StaticQstrs.index(text).isPresent());
    }

    @Override
    public String toString() {
        return text;
    }
}
