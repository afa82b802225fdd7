package dev.mpt.vm;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * MicroPython's fixed-size heap, kept on a JVM whose heap is shared and garbage collected.
 *
 * <p>The places that can allocate a lot (growing lists, bytearrays, strings, dict and set
 * tables, big ints, repetition and joins) report an estimate of the bytes they are about to
 * take with {@link #alloc}. Reports are summed; while the sum stays under the next check
 * point that is all that happens (one add and one compare). At the check point the JVM's
 * used heap (minus a baseline taken as the VM starts running after the limit was set) is
 * read; if even that, garbage included, leaves room, the program goes on. If what is over
 * the limit is in the young generation's eden and can only be garbage (more than the reports
 * since its last collection could have kept), it goes on too: the JVM's next young collection
 * frees it, for a fraction of a full collection's cost. Otherwise the heap
 * is collected and what the VM really holds is measured; only when the allocation still does
 * not fit does the program get {@code MemoryError: memory allocation failed, allocating N
 * bytes}, as on a board. Check points come closer as the program nears the limit, spaced by
 * how much more than the reports the JVM was seen to keep. The measurement needs a full collection that leaves no garbage behind: G1 does,
 * the serial collector only with {@code -XX:MarkSweepDeadRatio=0} (the launchers set it).
 *
 * <p>{@link #lock()} is {@code micropython.heap_lock()}: while locked every reported
 * allocation fails at once. Without a limit and unlocked nothing is ever measured.
 */
public final class Heap {
    private static final long NO_LIMIT = Long.MAX_VALUE;

    /** The configured limit in bytes ({@link #NO_LIMIT} when none). */
    private long limit = NO_LIMIT;
    /** What {@link #take} compares with: {@link #nextCheck}, or -1 while the heap is locked. */
    private long threshold = NO_LIMIT;
    /**
     * When to measure next: when, going by how much more the JVM took than was reported
     * before, the program has used half the room left (measuring before the estimates reach
     * the limit keeps the program close to it), or a little past the measurement after a
     * failure.
     */
    private long nextCheck = NO_LIMIT;
    /** Bytes the VM holds as far as we know: the last measurement plus the reports since. */
    private long used;
    /** The JVM's used heap when the VM started, or after a collection when the limit was set. */
    private long baseline;
    private int lockDepth;
    /** For micropython.mem_total(): bytes reported before the last measurement... */
    private long reportedBefore;
    /** ...and the value of {@link #used} right after it. */
    private long usedAtMeasure;
    /** For micropython.mem_peak(): the largest {@link #used} seen before the last measurement. */
    private long peak;

    /** What the heap reads of the JVM: {@link Jvm#REAL}, or a test's own. */
    private final Jvm jvm;

    Heap() {
        this(Jvm.REAL);
    }

    Heap(Jvm jvm) {
        this.jvm = jvm;
        baseline = jvm.used();
    }

    /** What the heap needs of the JVM it runs on. */
    interface Jvm {
        /** Bytes of the JVM's heap in use, garbage included. */
        long used();

        /** Collects all garbage (a full collection): {@link #used()} is then what is live. */
        void collect();

        /** Bytes in use in the young generation's eden, garbage included; -1 when unknown. */
        long eden();

        /** Collections of any kind run so far (a change tells that eden was emptied). */
        long collections();

        Jvm REAL = new Jvm() {
            public long used() {
                Runtime rt = Runtime.getRuntime();
                return rt.totalMemory() - rt.freeMemory();
            }

            public void collect() {
                System.gc();
            }

            public long eden() {
                return Young.POOLS == null ? -1 : Young.POOLS.eden.getUsage().getUsed();
            }

            public long collections() {
                return Young.POOLS == null ? 0 : Young.POOLS.collections();
            }
        };
    }

    /**
     * The thread VM code runs on; static helpers reach the running VM through it. A carrier
     * ({@link VM#carrierThread}) runs one VM's code after another: vm is the one whose code
     * runs on it now, or null between them (set and read on the thread itself only); the
     * other VM threads have theirs from the start.
     */
    static final class VmThread extends Thread {
        VM vm;

        VmThread(VM vm, ThreadState state, Runnable task, long stackSize) {
            super(null, task, state.main ? "mpt-vm" : "mpt-vm-thread", stackSize);
            this.vm = vm;
        }

        VmThread(Runnable task, String name, long stackSize) {
            super(null, task, name, stackSize);
        }
    }

    /** The VM running on this thread, or null outside VM code. */
    static VM currentVm() {
        return Thread.currentThread() instanceof VmThread t ? t.vm : null;
    }

    /** Reports an allocation of about this many bytes by the VM running on this thread. */
    static void alloc(long bytes) {
        if (Thread.currentThread() instanceof VmThread t && t.vm != null) {
            t.vm.heap.take(bytes);
        }
    }

    /**
     * {@link #alloc} for one large block (a buffer a library module allocates up front): near
     * the limit it is measured against the limit itself, not against the slack a program gets
     * after a MemoryError, so it fails where the firmware's allocation would.
     */
    public static void allocBlock(long bytes) {
        if (Thread.currentThread() instanceof VmThread t && t.vm != null) {
            Heap h = t.vm.heap;
            if (h.limit != NO_LIMIT && h.lockDepth == 0 && h.used + bytes > h.limit) {
                h.full(bytes);
            } else {
                h.take(bytes);
            }
        }
    }

    /** {@link #alloc} for n items of a list or tuple (a pointer each, as on a 64-bit port). */
    static void allocItems(long n) {
        alloc(n << 3);
    }

    /**
     * One step of a builtin's loop over an iterable (vm from {@link #currentVm()}, may be
     * null): accounts the bytes the step keeps and raises KeyboardInterrupt when interrupted.
     */
    static void step(VM vm, long bytes) {
        if (vm != null) {
            if (bytes != 0) {
                vm.heap.take(bytes);
            }
            if (vm.interrupted) {
                vm.checkKeyboardInterrupt();
            }
        }
    }

    void take(long bytes) {
        long u = used + bytes;
        if (u > threshold || u < 0) {
            full(bytes);
        } else {
            used = u;
        }
    }

    private void full(long bytes) {
        if (lockDepth > 0) {
            throw Ops.error(Types.MEMORY_ERROR, "memory allocation failed, heap is locked");
        }
        if (limit == NO_LIMIT) {
            remeasured(0);
            return;
        }
        if (bytes < 0 || bytes > limit) {
            throw memoryError(bytes);
        }
        long upper = jvmUsed();
        if (upper + bytes <= limit) {
            // even counting the garbage not collected yet it fits: no collection needed
            remeasured(upper, false);
            used += bytes;
            return;
        }
        long guess = youngAware(upper);
        if (guess + bytes <= limit) {
            // what is over the limit is the young generation's garbage, which the JVM's next
            // young collection frees for a fraction of a full one's cost
            remeasured(guess, false);
            used += bytes;
            return;
        }
        long live = measure();
        remeasured(live, true);
        if (live + bytes > limit) {
            // On a board the failed allocation leaves the rest of the heap free, so the except
            // clause that follows has room for small things; here the program may be measured
            // a little past the limit, so it gets a little room, unless it is well past it.
            nextCheck = live < limit + (limit >> 3) ? live + Math.max(limit >> 6, 4096) : live;
            threshold = nextCheck;
            throw memoryError(bytes);
        }
        used += bytes;
    }

    private void remeasured(long live) {
        remeasured(live, false);
    }

    /** Starts counting from a measurement; collected says it came after a full collection. */
    private void remeasured(long live, boolean collected) {
        reportedBefore += used - usedAtMeasure;
        peak = Math.max(peak, used);
        if (collected) {
            long reported = reportedBefore - reportedAtCollection;
            long grown = live - liveAtCollection;
            if (reported >= 65536) {
                // the bytes the JVM really kept for each byte reported since the last collection
                // (once garbage dominates, the guess relaxes toward one)
                ratio = grown > 0 ? Math.max(1, Math.min(64, (double) grown / reported)) : Math.max(1, ratio / 2);
            }
            reportedAtCollection = reportedBefore;
            liveAtCollection = live;
        }
        used = live;
        usedAtMeasure = live;
        nextCheck = limit == NO_LIMIT ? NO_LIMIT
                : live + Math.max((long) ((limit - live) / (2 * ratio)), limit >> 8);
        if (lockDepth == 0) {
            threshold = nextCheck;
        }
    }

    /** Real bytes per reported byte, as last seen (a guess until then). */
    private double ratio = 4;
    private long reportedAtCollection;
    private long liveAtCollection;

    /** The JVM's used heap minus the baseline, garbage included: an upper bound of what the VM holds. */
    private long jvmUsed() {
        return Math.max(0, jvm.used() - baseline);
    }

    /**
     * An estimate of what the VM holds, for a JVM whose used heap (upper, garbage included)
     * is past the limit: all of the old generation and survivors (live or not, as measured),
     * and of the young generation's eden only what the reports since its last collection
     * could have kept, at the ratio last seen. Without a young generation to read (another
     * collector), upper itself. Every byte reported since the young collection counts as
     * kept, so a program that grows by what it reports is measured as before, and MemoryError
     * still comes only after a full collection has measured: at the same allocation.
     */
    private long youngAware(long upper) {
        long eden = jvm.eden();
        if (eden < 0) {
            return upper;
        }
        long reported = total();
        long collections = jvm.collections();
        if (collections != youngCollections) {
            // a young collection ran since the last check: count from that check (what was
            // reported after it may all still be in eden)
            youngCollections = collections;
            reportedAtYoung = reportedAtCheck;
        }
        reportedAtCheck = reported;
        long kept = (long) Math.min(eden, (reported - reportedAtYoung) * ratio);
        return Math.max(0, upper - eden + kept); // kept <= eden: never above upper
    }

    private long youngCollections = -1;
    private long reportedAtYoung;
    private long reportedAtCheck;

    /** The collector's eden pool and collectors, read only once a program nears its limit. */
    private record Young(MemoryPoolMXBean eden, List<GarbageCollectorMXBean> collectors) {
        static final Young POOLS = find();

        private static Young find() {
            try {
                for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (p.getType() == MemoryType.HEAP && p.getName().contains("Eden")) {
                        return new Young(p, ManagementFactory.getGarbageCollectorMXBeans());
                    }
                }
            } catch (LinkageError | RuntimeException e) {
                // a runtime without java.management: the heap is measured as before
            }
            return null;
        }

        long collections() {
            long n = 0;
            for (GarbageCollectorMXBean c : collectors) {
                n += c.getCollectionCount();
            }
            return n;
        }
    }

    /** What the VM holds now: the JVM's used heap after a collection, minus the baseline. */
    private long measure() {
        jvm.collect();
        return jvmUsed();
    }

    static PyError memoryError(long bytes) {
        return Ops.error(Types.MEMORY_ERROR, "memory allocation failed, allocating " + Math.max(0, bytes) + " bytes");
    }

    /**
     * Sets the limit (bytes; negative for none). The baseline the VM is measured against is
     * taken when code next starts running ({@link #startRun}), after the compiler's work.
     */
    void setLimit(long bytes) {
        limit = bytes < 0 ? NO_LIMIT : bytes;
        needBaseline = bytes >= 0;
        remeasured(0);
        threshold = lockDepth > 0 ? -1 : nextCheck;
    }

    private boolean needBaseline;

    /** {@link #setLimit(long)} measured against a baseline the caller took (see VM#setHeapLimit(long, long)). */
    void setLimit(long bytes, long givenBaseline) {
        setLimit(bytes);
        if (needBaseline) {
            needBaseline = false;
            baseline = givenBaseline;
            remeasured(0, true);
        }
    }

    /** Called as the VM starts running code: takes the baseline after {@link #setLimit}. */
    void startRun() {
        if (needBaseline) {
            needBaseline = false;
            jvm.collect();
            baseline = jvm.used();
            remeasured(0, true);
        }
    }

    long limit() {
        return limit == NO_LIMIT ? -1 : limit;
    }

    /**
     * gc.collect(): with a limit, collects garbage and measures what the VM holds (without a
     * limit nothing needs measuring, and a full collection per call would only cost time);
     * true when it ran a full collection.
     */
    boolean collect() {
        if (limit != NO_LIMIT && lockDepth == 0) {
            remeasured(measure(), true);
            return true;
        }
        return false;
    }

    /** micropython.mem_total(): all bytes reported so far. */
    long total() {
        return reportedBefore + used - usedAtMeasure;
    }

    /** micropython.mem_current(): what the VM holds as last measured plus what it took since. */
    long current() {
        return used;
    }

    /** micropython.mem_peak(). */
    long peak() {
        return Math.max(peak, used);
    }

    /** For gc.mem_free(): the bytes left under the limit, or what the JVM could still give. */
    long free() {
        if (limit == NO_LIMIT) {
            Runtime rt = Runtime.getRuntime();
            return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        }
        return Math.max(0, limit - used);
    }

    void lock() {
        lockDepth++;
        threshold = -1;
    }

    /** Undoes one {@link #lock()}; returns the depth left. */
    int unlock() {
        if (lockDepth > 0) {
            lockDepth--;
        }
        if (lockDepth == 0) {
            threshold = nextCheck;
        }
        return lockDepth;
    }

    int lockDepth() {
        return lockDepth;
    }

    /** Makes the heap-lock depth a thread's own as it takes the global interpreter lock. */
    void switchLockDepth(int depth) {
        if (depth != lockDepth) {
            lockDepth = depth;
            threshold = depth > 0 ? -1 : nextCheck;
        }
    }

    void resetLock() {
        lockDepth = 0;
        threshold = nextCheck;
    }
}
