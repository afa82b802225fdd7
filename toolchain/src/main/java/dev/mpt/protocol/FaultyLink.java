package dev.mpt.protocol;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A link wrapper for tests that misbehaves on purpose: it delays reads, drops, duplicates
 * or garbles bytes in either direction, and cuts or stalls the connection after a chosen
 * number of bytes. All choices come from one seeded {@link Random}, so a failing run can be
 * replayed from its seed; {@link #log()} says what was done.
 */
public final class FaultyLink implements Link {

    /**
     * What to inject. Chances are per byte (delay: per read), between 0 and 1.
     *
     * @param cutAfterRead     close the link once this many bytes were delivered to the reader (-1: never)
     * @param cutAfterWritten  close the link once this many bytes were written (-1: never)
     * @param stallAfterRead   stop delivering (but stay open) after this many bytes read (-1: never)
     */
    public record Faults(double delayChance, Duration maxDelay, double dropChance, double duplicateChance,
                         double garbleChance, long cutAfterRead, long cutAfterWritten, long stallAfterRead) {
        public static Faults none() {
            return new Faults(0, Duration.ZERO, 0, 0, 0, -1, -1, -1);
        }

        public Faults withDelays(double chance, Duration max) {
            return new Faults(chance, max, dropChance, duplicateChance, garbleChance, cutAfterRead, cutAfterWritten, stallAfterRead);
        }

        public Faults withDrops(double chance) {
            return new Faults(delayChance, maxDelay, chance, duplicateChance, garbleChance, cutAfterRead, cutAfterWritten, stallAfterRead);
        }

        public Faults withDuplicates(double chance) {
            return new Faults(delayChance, maxDelay, dropChance, chance, garbleChance, cutAfterRead, cutAfterWritten, stallAfterRead);
        }

        public Faults withGarbles(double chance) {
            return new Faults(delayChance, maxDelay, dropChance, duplicateChance, chance, cutAfterRead, cutAfterWritten, stallAfterRead);
        }

        public Faults withCutAfterRead(long bytes) {
            return new Faults(delayChance, maxDelay, dropChance, duplicateChance, garbleChance, bytes, cutAfterWritten, stallAfterRead);
        }

        public Faults withCutAfterWritten(long bytes) {
            return new Faults(delayChance, maxDelay, dropChance, duplicateChance, garbleChance, cutAfterRead, bytes, stallAfterRead);
        }

        public Faults withStallAfterRead(long bytes) {
            return new Faults(delayChance, maxDelay, dropChance, duplicateChance, garbleChance, cutAfterRead, cutAfterWritten, bytes);
        }
    }

    private final Link inner;
    private final Faults faults;
    private final Random random;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(); // mangled bytes not yet handed out
    private long delivered;
    private long written;
    private volatile boolean altered;
    private volatile boolean cut;
    private final Object readLock = new Object();
    private final Object writeLock = new Object();

    public FaultyLink(Link inner, Faults faults, long seed) {
        this.inner = inner;
        this.faults = faults;
        this.random = new Random(seed);
    }

    /** What was injected, in order. */
    public List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** True once any byte was dropped, duplicated or garbled (the protocol cannot always notice). */
    public boolean alteredData() {
        return altered;
    }

    @Override
    public int read(byte[] buf, int off, int len, Duration timeout) throws LinkException {
        long start = System.nanoTime();
        synchronized (readLock) {
            if (faults.stallAfterRead >= 0 && delivered >= faults.stallAfterRead) {
                sleepQuietly(timeout.toMillis());
                throw new LinkTimeoutException("nothing received from " + description() + " within "
                        + Durations.format(timeout) + " (stalled by fault injection)");
            }
            if (pending.size() == 0) {
                byte[] raw = new byte[Math.max(1, len)];
                while (pending.size() == 0) {
                    Duration left = timeout.minusNanos(System.nanoTime() - start);
                    int n = inner.read(raw, 0, raw.length, left.isNegative() ? Duration.ZERO : left);
                    mangle(raw, n, "board->host");
                }
                if (roll() < faults.delayChance && !faults.maxDelay.isZero()) {
                    long ms = Math.min(timeout.toMillis(), 1 + (long) (roll() * faults.maxDelay.toMillis()));
                    log.add("delay " + ms + " ms before byte " + delivered);
                    sleepQuietly(ms);
                }
            }
            byte[] have = pending.toByteArray();
            int n = Math.min(len, have.length);
            if (faults.stallAfterRead >= 0) {
                n = (int) Math.max(1, Math.min(n, faults.stallAfterRead - delivered));
            }
            if (faults.cutAfterRead >= 0) {
                n = (int) Math.min(n, Math.max(0, faults.cutAfterRead - delivered));
                if (n == 0) {
                    cut("read");
                    throw new LinkClosedException(description() + " was cut (fault injection)");
                }
            }
            System.arraycopy(have, 0, buf, off, n);
            pending.reset();
            pending.write(have, n, have.length - n);
            delivered += n;
            return n;
        }
    }

    private void mangle(byte[] raw, int n, String direction) {
        for (int i = 0; i < n; i++) {
            byte b = raw[i];
            double r = roll();
            if (r < faults.dropChance) {
                log.add("drop " + direction + " 0x" + Integer.toHexString(b & 0xff));
                altered = true;
                continue;
            }
            r -= faults.dropChance;
            if (r < faults.duplicateChance) {
                log.add("duplicate " + direction + " 0x" + Integer.toHexString(b & 0xff));
                altered = true;
                pending.write(b);
                pending.write(b);
                continue;
            }
            r -= faults.duplicateChance;
            if (r < faults.garbleChance) {
                byte g = (byte) (b ^ (1 + rollInt(255)));
                log.add("garble " + direction + " 0x" + Integer.toHexString(b & 0xff) + " -> 0x" + Integer.toHexString(g & 0xff));
                altered = true;
                pending.write(g);
                continue;
            }
            pending.write(b);
        }
    }

    @Override
    public int available() throws LinkException {
        synchronized (readLock) {
            return pending.size() + inner.available();
        }
    }

    @Override
    public void write(byte[] buf, int off, int len) throws LinkException {
        byte[] out;
        synchronized (writeLock) {
            if (cut) {
                throw new LinkClosedException(description() + " was cut (fault injection)");
            }
            long allowed = len;
            if (faults.cutAfterWritten >= 0) {
                allowed = Math.max(0, Math.min(len, faults.cutAfterWritten - written));
            }
            ByteArrayOutputStream mangled = new ByteArrayOutputStream();
            for (int i = 0; i < allowed; i++) {
                byte b = buf[off + i];
                double r = roll();
                if (r < faults.dropChance) {
                    log.add("drop host->board 0x" + Integer.toHexString(b & 0xff));
                    altered = true;
                } else if (r < faults.dropChance + faults.duplicateChance) {
                    log.add("duplicate host->board 0x" + Integer.toHexString(b & 0xff));
                    altered = true;
                    mangled.write(b);
                    mangled.write(b);
                } else if (r < faults.dropChance + faults.duplicateChance + faults.garbleChance) {
                    byte g = (byte) (b ^ (1 + rollInt(255)));
                    log.add("garble host->board 0x" + Integer.toHexString(b & 0xff) + " -> 0x" + Integer.toHexString(g & 0xff));
                    altered = true;
                    mangled.write(g);
                } else {
                    mangled.write(b);
                }
            }
            written += allowed;
            out = mangled.toByteArray();
            if (allowed < len) {
                inner.write(out, 0, out.length);
                cut("write");
                throw new LinkClosedException(description() + " was cut (fault injection)");
            }
        }
        inner.write(out, 0, out.length);
    }

    private double roll() {
        synchronized (random) {
            return random.nextDouble();
        }
    }

    private int rollInt(int bound) {
        synchronized (random) {
            return random.nextInt(bound);
        }
    }

    private synchronized void cut(String where) {
        if (!cut) {
            cut = true;
            log.add("cut on " + where + " after " + delivered + " bytes read, " + written + " written");
            inner.close();
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(Math.max(0, ms));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String description() {
        return inner.description();
    }

    @Override
    public boolean isOpen() {
        return !cut && inner.isOpen();
    }

    @Override
    public void close() {
        inner.close();
    }
}
