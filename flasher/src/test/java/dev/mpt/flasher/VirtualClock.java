package dev.mpt.flasher;

import dev.mpt.flasher.workflow.Clock;
import java.util.ArrayList;
import java.util.List;

/** Time that passes only when the workflow waits; device models see the same waits. */
final class VirtualClock implements Clock {
    long nanos;
    final List<DfuSession.Pause> devices = new ArrayList<>();

    VirtualClock with(DfuSession.Pause device) {
        devices.add(device);
        return this;
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public void pause(long ms) {
        nanos += ms * 1_000_000L;
        devices.forEach(d -> d.pause(ms));
    }

    long seconds() {
        return nanos / 1_000_000_000L;
    }
}
