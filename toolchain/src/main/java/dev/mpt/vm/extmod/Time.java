package dev.mpt.vm.extmod;

import dev.mpt.vm.Ops;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyTuple;
import dev.mpt.vm.Types;
import dev.mpt.vm.VM;
import java.util.List;

/** time (utime): wall-clock time, ticks relative to the VM's start, sleeps that Ctrl-C interrupts. */
final class Time {
    private Time() {}

    static PyModule time(VM vm) {
        PyModule m = new PyModule("time");
        long mask = (1L << 30) - 1;
        // a board's time() counts whole seconds; the unix port's is a float with microseconds
        // and its time_ns() is the host clock's, as mpt-micropython must print
        m.fn("time", (a, kw) -> vm.board ? (Object) (Machine.clockMillis(vm) / 1000) : hostNanos() / 1000 / 1e6);
        m.fn("time_ns", (a, kw) -> vm.board ? Machine.clockMillis(vm) * 1_000_000L : hostNanos());
        if (!vm.board) {
            // the unix port's clock(): the process's CPU time in seconds, to the millisecond
            m.fn("clock", (a, kw) -> ProcessHandle.current().info().totalCpuDuration()
                    .map(d -> d.toMillis() / 1e3).orElse(0.0));
        }
        m.fn("ticks_ms", (a, kw) -> ((System.nanoTime() - vm.startNanos) / 1_000_000L) & mask);
        m.fn("ticks_us", (a, kw) -> ((System.nanoTime() - vm.startNanos) / 1_000L) & mask);
        m.fn("ticks_cpu", (a, kw) -> ((System.nanoTime() - vm.startNanos) / 1_000L) & mask);
        m.fn("ticks_add", (a, kw) -> {
            long delta = Ops.toLong(a[1]);
            if (delta <= -(1L << 29) || delta >= (1L << 29)) {
                throw Ops.error(Types.OVERFLOW_ERROR, "ticks interval overflow");
            }
            return (Ops.toLong(a[0]) + delta) & mask;
        });
        m.fn("ticks_diff", (a, kw) -> {
            long d = (Ops.toLong(a[0]) - Ops.toLong(a[1])) & mask;
            return d >= (1L << 29) ? d - (1L << 30) : d;
        });
        m.fn("sleep", (a, kw) -> sleep(vm, (long) (Ops.toDouble(a[0]) * 1_000_000)));
        m.fn("sleep_ms", (a, kw) -> sleep(vm, Ops.toLong(a[0]) * 1000));
        m.fn("sleep_us", (a, kw) -> sleep(vm, Ops.toLong(a[0])));
        m.fn("localtime", (a, kw) -> vm.hostTime() ? hostTuple(seconds(vm, a), zone(vm)) : gmtime(seconds(vm, a)));
        m.fn("gmtime", (a, kw) -> vm.hostTime() ? hostTuple(seconds(vm, a), java.time.ZoneOffset.UTC)
                : gmtime(seconds(vm, a)));
        m.fn("mktime", (a, kw) -> {
            List<Object> t = Ops.toList(a[0]);
            java.time.LocalDateTime dt = java.time.LocalDateTime.of((int) Ops.toLong(t.get(0)), 1, 1, 0, 0)
                    .plusMonths(Ops.toLong(t.get(1)) - 1).plusDays(Ops.toLong(t.get(2)) - 1)
                    .plusHours(Ops.toLong(t.get(3))).plusMinutes(Ops.toLong(t.get(4))).plusSeconds(Ops.toLong(t.get(5)));
            if (!vm.hostTime()) {
                return dt.toEpochSecond(java.time.ZoneOffset.UTC);
            }
            long isdst = t.size() > 8 ? Ops.toLong(t.get(8)) : -1;
            return localToEpoch(dt, zone(vm), isdst);
        });
        return m;
    }

    private static long hostNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** A POSIX TZ with a standard offset only: NAME, then hours (and :minutes) west of UTC. */
    private static final java.util.regex.Pattern POSIX_TZ =
            java.util.regex.Pattern.compile("[A-Za-z]{3,}([+-]?)(\\d{1,2})(?::(\\d{2}))?");

    /** localtime()'s and gmtime()'s argument: the seconds given, else now. */
    private static long seconds(VM vm, Object[] a) {
        if (a.length > 0 && a[0] instanceof Double d) {
            return (long) d.doubleValue(); // (the unix port takes a float, as time() gives)
        }
        return a.length > 0 && a[0] != PyNone.NONE ? Ops.toLong(a[0]) : Machine.clockMillis(vm) / 1000;
    }

    /**
     * The host's time zone for this VM, as libc finds it: TZ from the VM's environment (a zone
     * name such as Europe/Rome, with or without a leading ':', or a POSIX "NAMEoffset" such as
     * UTC0 or EST5, whose offset counts hours west); unset, the host's zone; not understood, UTC.
     */
    static java.time.ZoneId zone(VM vm) {
        String tz = vm.environment().get("TZ");
        if (tz == null) {
            return java.time.ZoneId.systemDefault();
        }
        String name = tz.startsWith(":") ? tz.substring(1) : tz;
        try {
            return java.time.ZoneId.of(name);
        } catch (java.time.DateTimeException e) {
            java.util.regex.Matcher m = POSIX_TZ.matcher(name);
            if (m.matches()) {
                int west = Integer.parseInt(m.group(2)) * 3600 + (m.group(3) == null ? 0 : Integer.parseInt(m.group(3)) * 60);
                try {
                    return java.time.ZoneOffset.ofTotalSeconds(m.group(1).equals("-") ? west : -west);
                } catch (java.time.DateTimeException bad) {
                    return java.time.ZoneOffset.UTC;
                }
            }
            return java.time.ZoneOffset.UTC;
        }
    }

    /** The unix port's 9-item time tuple of secs in zone: ..., weekday, day of the year, isdst. */
    private static Object hostTuple(long secs, java.time.ZoneId zone) {
        java.time.Instant at;
        java.time.LocalDateTime dt;
        try {
            at = java.time.Instant.ofEpochSecond(secs);
            dt = java.time.LocalDateTime.ofInstant(at, zone);
        } catch (java.time.DateTimeException e) {
            throw Ops.error(Types.OVERFLOW_ERROR, "timestamp out of range");
        }
        return PyTuple.of((long) dt.getYear(), (long) dt.getMonthValue(), (long) dt.getDayOfMonth(),
                (long) dt.getHour(), (long) dt.getMinute(), (long) dt.getSecond(),
                (long) (dt.getDayOfWeek().getValue() - 1), (long) dt.getDayOfYear(),
                zone.getRules().isDaylightSavings(at) ? 1L : 0L);
    }

    /**
     * mktime's local time to seconds, as libc resolves it: a time that occurs twice (clocks
     * going back) is the daylight-saving one when isdst is 1, else the standard one; a time
     * that does not occur (clocks going forward) is read with the offset before the change;
     * isdst 1 for a standard time (0 for a daylight-saving one) moves it by an hour.
     */
    static long localToEpoch(java.time.LocalDateTime dt, java.time.ZoneId zone, long isdst) {
        java.time.zone.ZoneRules rules = zone.getRules();
        List<java.time.ZoneOffset> offsets = rules.getValidOffsets(dt);
        java.time.ZoneOffset offset;
        if (offsets.size() == 1) {
            offset = offsets.get(0);
            // an isdst that contradicts the zone moves the time by the hour daylight saving adds
            boolean dst = rules.isDaylightSavings(dt.toInstant(offset));
            if (isdst == 1 && !dst) {
                return dt.toEpochSecond(offset) - 3600;
            } else if (isdst == 0 && dst) {
                return dt.toEpochSecond(offset) + 3600;
            }
        } else if (offsets.size() == 2) {
            // the earlier offset is the larger one: the daylight-saving time before clocks go back
            java.time.ZoneOffset dst = offsets.get(0).compareTo(offsets.get(1)) < 0 ? offsets.get(0) : offsets.get(1);
            java.time.ZoneOffset std = dst == offsets.get(0) ? offsets.get(1) : offsets.get(0);
            offset = isdst == 1 ? dst : std;
        } else {
            offset = rules.getTransition(dt).getOffsetBefore();
        }
        return dt.toEpochSecond(offset);
    }

    private static Object gmtime(long secs) {
        java.time.LocalDateTime dt = java.time.LocalDateTime.ofEpochSecond(secs, 0, java.time.ZoneOffset.UTC);
        return PyTuple.of((long) dt.getYear(), (long) dt.getMonthValue(), (long) dt.getDayOfMonth(),
                (long) dt.getHour(), (long) dt.getMinute(), (long) dt.getSecond(),
                (long) (dt.getDayOfWeek().getValue() - 1), (long) dt.getDayOfYear());
    }

    static Object sleep(VM vm, long micros) {
        long end = System.nanoTime() + micros * 1000;
        SoftTimer.Timers timers = vm.moduleState(SoftTimer.Timers.class, SoftTimer.Timers::new);
        boolean slept = false;
        while (true) {
            // soft timers due now fire here, on time, and their callbacks run as the sleep goes on
            long now = System.nanoTime();
            timers.fireDue(now - end < 0 ? now : end);
            vm.checkInterrupt();
            long left = end - System.nanoTime();
            if (left <= 0) {
                if (!slept) {
                    vm.yieldToThreads(); // (sleep(0) lets the other threads run, as the unix port's does)
                }
                break;
            }
            slept = true;
            // without the interpreter lock until the sleep ends or something wants this thread:
            // a timer due, a scheduled callback, Ctrl-C, an interrupt (taking the lock back at
            // each wake-up would cost a busy thread's whole turn each time)
            Object gil = vm.blockingStart();
            try {
                do {
                    java.util.concurrent.locks.LockSupport.parkNanos(Math.min(Math.min(left, 20_000_000L), timers.untilNext()));
                    left = end - System.nanoTime();
                } while (left > 0 && timers.untilNext() > 0 && !vm.hasPendingWork()
                        && !Thread.currentThread().isInterrupted());
            } finally {
                vm.blockingEnd(gil);
            }
            if (Thread.interrupted() && vm.isMainThread()) {
                vm.interrupt();
            }
        }
        return PyNone.NONE;
    }
}
