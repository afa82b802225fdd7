package dev.mpt.board;

import java.nio.charset.StandardCharsets;

/**
 * The REPL's side of a terminal, as MicroPython's {@code mp_hal_stdin_rx_chr} and
 * {@code mp_hal_stdout_tx_strn}: one byte in at a time, bytes out as they are.
 */
public interface Stdio {

    /** The next byte typed (0..255), waiting for it. */
    int read();

    /** Writes bytes as they are: the line editor's echo and cursor moves. */
    void write(byte[] buf, int off, int len);

    default void write(byte[] buf) {
        write(buf, 0, buf.length);
    }

    default void write(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        write(b, 0, b.length);
    }

    /**
     * Writes text as the runtime prints it ({@code mp_plat_print}), lines ended by "\n". A
     * board's stdout turns each "\n" into "\r\n"; a host terminal does that itself.
     */
    default void print(String text) {
        write(text);
    }
}
