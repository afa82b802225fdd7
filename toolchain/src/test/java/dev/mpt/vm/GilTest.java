package dev.mpt.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GilTest {
    private static final long LONG = TimeUnit.SECONDS.toNanos(30);

    /** Starts a thread that takes the lock, notes its name, and gives it up. */
    private static Thread taker(Gil gil, String name, List<String> order) {
        Thread t = new Thread(() -> {
            gil.enter(LONG, LONG, () -> {});
            order.add(name);
            gil.exit();
        }, name);
        t.start();
        return t;
    }

    private static void awaitWaiters(Gil gil, Thread t) throws InterruptedException {
        while (t.getState() != Thread.State.TIMED_WAITING || !gil.hasWaiters()) {
            Thread.sleep(1);
        }
    }

    @Test
    void waitersGetTheLockInTheOrderTheyCameAndTheHolderThatComesBackIsLast() throws Exception {
        Gil gil = new Gil();
        List<String> order = new CopyOnWriteArrayList<>();
        gil.enter(0, LONG, () -> {});
        Thread a = taker(gil, "a", order);
        awaitWaiters(gil, a);
        Thread b = taker(gil, "b", order);
        awaitWaiters(gil, b);
        Thread c = taker(gil, "c", order);
        awaitWaiters(gil, c);
        // give it up and ask again at once: the three waiting go first
        gil.exit();
        gil.enter(0, LONG, () -> {});
        order.add("holder");
        gil.exit();
        for (Thread t : List.of(a, b, c)) {
            t.join(10_000);
        }
        assertThat(order).containsExactly("a", "b", "c", "holder");
        assertThat(gil.hasWaiters()).isFalse();
    }

    @Test
    void aWaiterAsksFirstAfterItsPatienceThenEachPeriod() throws Exception {
        Gil gil = new Gil();
        gil.enter(0, LONG, () -> {});
        AtomicInteger asks = new AtomicInteger();
        CountDownLatch asked3 = new CountDownLatch(3);
        Thread w = new Thread(() -> {
            gil.enter(0, TimeUnit.MILLISECONDS.toNanos(2), () -> {
                asks.incrementAndGet();
                asked3.countDown();
            });
            gil.exit();
        });
        w.start();
        assertThat(asked3.await(10, TimeUnit.SECONDS)).isTrue();
        gil.exit();
        w.join(10_000);
        assertThat(asks.get()).isGreaterThanOrEqualTo(3);
        assertThat(gil.isHeldByCurrentThread()).isFalse();
    }

    @Test
    void aWaiterThatGivesUpLeavesTheQueueAndIsInterruptedAgain() throws Exception {
        Gil gil = new Gil();
        gil.enter(0, LONG, () -> {});
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        AtomicInteger gaveUp = new AtomicInteger();
        Thread w = new Thread(() -> {
            try {
                gil.enter(0, TimeUnit.MILLISECONDS.toNanos(1), () -> {
                    if (stop.get()) {
                        throw new IllegalStateException("stop");
                    }
                });
                gaveUp.set(-1);
            } catch (IllegalStateException e) {
                gaveUp.set(Thread.currentThread().isInterrupted() ? 1 : 2);
            }
        });
        w.start();
        awaitWaiters(gil, w);
        w.interrupt(); // it keeps waiting...
        Thread.sleep(20);
        assertThat(w.isAlive()).isTrue();
        stop.set(true); // ...until it gives up
        w.join(10_000);
        assertThat(gaveUp.get()).as("gave up, interrupted again").isEqualTo(1);
        assertThat(gil.hasWaiters()).isFalse();
        gil.exit();
        assertThat(gil.tryEnter()).as("no one to hand it to: free").isTrue();
    }

    @Test
    void exitByAThreadNotHoldingItFails() {
        Gil gil = new Gil();
        assertThatThrownBy(gil::exit).isInstanceOf(IllegalMonitorStateException.class);
    }
}
