package dev.mpt.protocol;

/** Receives a program's output while it runs, in the chunks it arrives in. */
@FunctionalInterface
public interface OutputSink {
    void write(byte[] buf, int off, int len);

    OutputSink DISCARD = (buf, off, len) -> { };
}
