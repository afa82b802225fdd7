package dev.mpt.monitor;

import java.io.ByteArrayOutputStream;

/** Text as a REPL receives it from a terminal: line ends as the Enter key sends them. */
final class Paste {
    private Paste() {
    }

    /** LF and CR LF become CR; everything else is kept. */
    static byte[] asTyped(byte[] text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length);
        for (int i = 0; i < text.length; i++) {
            byte b = text[i];
            if (b == '\r' && i + 1 < text.length && text[i + 1] == '\n') {
                continue;
            }
            out.write(b == '\n' ? '\r' : b);
        }
        return out.toByteArray();
    }
}
