package dev.mpt.vm;

/**
 * How a type joins the object protocol without the core naming it (MicroPython's types do the
 * same with per-type function slots): the core prints, hashes, subscripts, iterates, awaits,
 * reads as a buffer or polls any Java class that implements one of these interfaces. The
 * built-in library modules ({@code dev.mpt.vm.extmod}) give their objects behaviour this way
 * only.
 */
public final class Slots {
    private Slots() {}

    /** print: how repr() and print() write the object. */
    public interface Print {
        void print(StringBuilder sb);
    }

    /** hash: hash(), and whether the object can be a dict key or set member at all. */
    public interface Hash {
        /** The hash, or a TypeError for an unhashable object. */
        long hash();
    }

    /** int(): the value int(obj) gives (uctypes structs give their address). */
    public interface ToInt {
        Object toInt();
    }

    /** buffer (the buffer protocol): bytes(), bytearray(), memoryview() and friends read it. */
    public interface Buffer {
        /** The bytes the object exposes; a TypeError when it has none. */
        byte[] bufferBytes();

        /** The object a memoryview of this one views (the buffer underneath, or itself). */
        default Object bufferOwner() {
            return this;
        }

        /**
         * {start, length} of the bytes within {@link #bufferOwner()} when the object is a window
         * onto it (a file of a ROM filesystem mapped in place), else null.
         */
        default int[] bufferWindow() {
            return null;
        }
    }

    /** subscr: {@code obj[key]} and {@code obj[key] = value}. */
    public interface Subscript {
        Object getItem(Object key);

        void setItem(Object key, Object value);

        /** {@code del obj[key]}: answers false when the object does not support deletion. */
        default boolean delItem(Object key) {
            return false;
        }
    }

    /** binary_op CONTAINS: {@code x in obj} decided by the object, without iterating it. */
    public interface Contains {
        boolean contains(Object item);
    }

    /** attr: attributes the object computes itself, before the type's dictionary is asked. */
    public interface Attributes {
        /** The attribute's value, or null when the object has no such attribute of its own. */
        Object getAttr(String name);

        /** Stores the attribute and answers true, or answers false to let the type handle it. */
        default boolean setAttr(String name, Object value) {
            return false;
        }
    }

    /** getiter: what {@code iter(obj)} (and so {@code for} and {@code await}) gives. */
    public interface Iterable {
        Object iter();
    }

    /**
     * An awaitable written in Java: an iterator that {@code yield from} / {@code await} drive
     * step by step, with a value sent in or an exception thrown in, as they drive a generator.
     */
    public interface Awaitable {
        /** One step: yielded (suspended with a value) or finished (with its return value). */
        PyGenerator.Resume resume(Object send, Object throwExc);
    }

    /** stream (MicroPython's {@code mp_stream_p_t} ioctl): readiness for select/poll and asyncio. */
    public interface Stream {
        /** Readable, writable, error and invalid-object bits, as MicroPython's stream.h numbers them. */
        long POLL_RD = 0x0001, POLL_WR = 0x0004, POLL_ERR = 0x0008, POLL_HUP = 0x0010, POLL_NVAL = 0x0020;

        /** The events of {@code mask} (POLL_RD, POLL_WR) that are ready now, plus any error bits. */
        long poll(VM vm, long mask);
    }
}
