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
        m.fn("time", (a, kw) -> Machine.clockMillis(vm) / 1000);
        m.fn("time_ns", (a, kw) -> Machine.clockMillis(vm) * 1_000_000L);
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
        m.fn("localtime", (a, kw) -> gmtime(a.length > 0 && a[0] != PyNone.NONE ? Ops.toLong(a[0])
                : Machine.clockMillis(vm) / 1000));
        m.fn("gmtime", (a, kw) -> gmtime(a.length > 0 && a[0] != PyNone.NONE ? Ops.toLong(a[0])
                : Machine.clockMillis(vm) / 1000));
        m.fn("mktime", (a, kw) -> {
            List<Object> t = Ops.toList(a[0]);
            java.time.LocalDateTime dt = java.time.LocalDateTime.of((int) Ops.toLong(t.get(0)), 1, 1, 0, 0)
                    .plusMonths(Ops.toLong(t.get(1)) - 1).plusDays(Ops.toLong(t.get(2)) - 1)
                    .plusHours(Ops.toLong(t.get(3))).plusMinutes(Ops.toLong(t.get(4))).plusSeconds(Ops.toLong(t.get(5)));
            return dt.toEpochSecond(java.time.ZoneOffset.UTC);
        });
        return m;
    }

    private static Object gmtime(long secs) {
        java.time.LocalDateTime dt = java.time.LocalDateTime.ofEpochSecond(secs, 0, java.time.ZoneOffset.UTC);
        return PyTuple.of((long) dt.getYear(), (long) dt.getMonthValue(), (long) dt.getDayOfMonth(),
                (long) dt.getHour(), (long) dt.getMinute(), (long) dt.getSecond(),
                (long) (dt.getDayOfWeek().getValue() - 1), (long) dt.getDayOfYear());
    }

    static Object sleep(VM vm, long micros) {
        long end = System.nanoTime() + micros * 1000;
        while (true) {
            vm.checkInterrupt();
            long left = end - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                Thread.sleep(Math.min(left / 1_000_000 + 1, 20));
            } catch (InterruptedException e) {
                vm.interrupt();
            }
        }
        return PyNone.NONE;
    }
}
