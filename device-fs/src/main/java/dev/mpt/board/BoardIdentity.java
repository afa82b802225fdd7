package dev.mpt.board;

/**
 * What the board says it is, in its banner:
 * {@code MicroPython v1.28.0 on 2026-01-01; mpt virtual board with JVM}.
 *
 * @param nameAndVersion first part of the banner line, e.g. "MicroPython v1.28.0 on 2026-01-01"
 * @param machine        the board and MCU, e.g. "mpt virtual board with JVM"
 * @param stdinBufferMax the board's stdin buffer; raw-paste's window is half of it (firmware default 256)
 */
public record BoardIdentity(String nameAndVersion, String machine, int stdinBufferMax) {

    public BoardIdentity {
        if (stdinBufferMax < 2 || stdinBufferMax > 0x1fffe) {
            throw new IllegalArgumentException("stdin buffer must be 2..131070 bytes: " + stdinBufferMax);
        }
    }

    public static BoardIdentity defaults() {
        return new BoardIdentity("MicroPython v1.28.0 on 2026-01-01", "mpt virtual board with JVM", 256);
    }

    public BoardIdentity withStdinBufferMax(int bytes) {
        return new BoardIdentity(nameAndVersion, machine, bytes);
    }

    /** The banner line, without its line end. */
    public String bannerLine() {
        return nameAndVersion + "; " + machine;
    }
}
