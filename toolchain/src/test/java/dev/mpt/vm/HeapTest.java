package dev.mpt.vm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The heap limit's policy against a JVM simulated in the test: when it collects fully, and
 * where MemoryError comes (VmLimitsTest runs programs on the real JVM).
 */
class HeapTest {
    private static final long MB = 1 << 20;

    /** A JVM with an eden and an old generation; knowsEden false hides the eden (another collector). */
    private static final class SimulatedJvm implements Heap.Jvm {
        final long edenCapacity;
        final boolean knowsEden;
        long old;
        long oldGarbage;
        long edenLive;
        long edenGarbage;
        int full;
        int young;

        SimulatedJvm(long edenCapacity, boolean knowsEden) {
            this.edenCapacity = edenCapacity;
            this.knowsEden = knowsEden;
        }

        void allocate(long bytes, boolean kept) {
            if (edenLive + edenGarbage + bytes > edenCapacity) {
                young++;
                old += edenLive;
                edenLive = 0;
                edenGarbage = 0;
            }
            if (kept) {
                edenLive += bytes;
            } else {
                edenGarbage += bytes;
            }
        }

        public long used() {
            return old + oldGarbage + edenLive + edenGarbage;
        }

        public void collect() {
            full++;
            old += edenLive;
            edenLive = 0;
            edenGarbage = 0;
            oldGarbage = 0;
        }

        public long eden() {
            return knowsEden ? edenLive + edenGarbage : -1;
        }

        public long collections() {
            return full + young;
        }
    }

    private static Heap limited(SimulatedJvm jvm, long limit) {
        Heap heap = new Heap(jvm);
        heap.setLimit(limit);
        heap.startRun();
        return heap;
    }

    /** Steps of 36 KB allocated, 4 KB of it reported (the rest: objects too small to report), none kept. */
    private static int churn(SimulatedJvm jvm, Heap heap, int steps) {
        int before = jvm.full;
        for (int i = 0; i < steps; i++) {
            heap.take(4 << 10);
            jvm.allocate(36 << 10, false);
        }
        return jvm.full - before;
    }

    @Test
    void garbageInAnEdenLargerThanTheLimitIsLeftToTheYoungCollections() {
        // 90 MB of garbage (10 MB of it reported) in the 100 MB eden of a 64 MB heap: what passes
        // the limit can only be garbage, which the next young collection frees
        SimulatedJvm jvm = new SimulatedJvm(100 * MB, true);
        Heap heap = limited(jvm, 64 * MB);
        assertThat(churn(jvm, heap, 2500)).isZero();
        assertThat(jvm.young).isZero();
        // and the same again: one young collection on the way, still no full one
        assertThat(churn(jvm, heap, 2500)).isZero();
        assertThat(jvm.young).isEqualTo(1);

        // not knowing the eden, the heap collects fully once the JVM's use passes the limit
        SimulatedJvm blind = new SimulatedJvm(100 * MB, false);
        assertThat(churn(blind, limited(blind, 64 * MB), 2500)).isEqualTo(1);
    }

    /** Steps of 32 KB reported and kept, until MemoryError: the bytes held when it came. */
    private static long growUntilMemoryError(SimulatedJvm jvm, Heap heap) {
        for (int i = 0; i < 100_000; i++) {
            try {
                heap.take(32 << 10);
            } catch (PyError e) {
                assertThat(e.exc.type()).isEqualTo(Types.MEMORY_ERROR);
                return jvm.old + jvm.edenLive;
            }
            jvm.allocate(32 << 10, true);
            jvm.allocate(4 << 10, false); // and some garbage on the way
        }
        throw new AssertionError("no MemoryError");
    }

    @Test
    void memoryErrorComesAtTheSameAllocationWithTheEdenKnownOrNot() {
        SimulatedJvm jvm = new SimulatedJvm(100 * MB, true);
        long held = growUntilMemoryError(jvm, limited(jvm, 64 * MB));
        SimulatedJvm blind = new SimulatedJvm(100 * MB, false);
        assertThat(growUntilMemoryError(blind, limited(blind, 64 * MB))).isEqualTo(held);
        // (check points near the limit are a 256th of it apart, so it may be passed by that)
        assertThat(held).isBetween(63 * MB, 64 * MB + (64 * MB >> 8));
    }
}
