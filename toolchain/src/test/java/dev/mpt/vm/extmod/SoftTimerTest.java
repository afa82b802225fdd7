package dev.mpt.vm.extmod;

import dev.mpt.vm.Ops;
import dev.mpt.vm.PyBuiltin;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyType;
import dev.mpt.vm.VM;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * machine.Timer(-1): callbacks come through the VM's scheduler during sleeps, one-shot once,
 * periodic at a fixed rate, none after deinit(). Periods are long enough that a busy machine
 * does not change the counts: a sleep fires what falls due before its end, never more.
 */
class SoftTimerTest {
    private final VM vm = new VM(Path.of("."));
    private final PyType timer = SoftTimer.type(vm);
    private final List<Object> calls = new ArrayList<>();
    private final PyBuiltin callback = new PyBuiltin("cb", (a, kw) -> {
        calls.add(a[0]);
        return PyNone.NONE;
    });

    private Object make(Map<String, Object> kw) {
        return Ops.call(timer, new Object[0], kw);
    }

    private void sleepMs(long ms) {
        Time.sleep(vm, ms * 1000);
    }

    @Test
    void aOneShotTimerCallsBackOnceWithItself() {
        Object t = make(Map.of("period", 40L, "mode", SoftTimer.ONE_SHOT, "callback", callback));
        sleepMs(150);
        assertThat(calls).containsExactly(t);
        Ops.call(Ops.getattr(t, "deinit"));
        assertThat(Ops.repr(t)).isEqualTo("Timer(mode=ONE_SHOT, period=40)");
    }

    @Test
    void aPeriodicTimerFiresEachPeriodUntilDeinit() {
        Object t = make(Map.of("freq", 20L, "callback", callback)); // 50 ms
        sleepMs(125);
        assertThat(calls).hasSize(2);
        Ops.call(Ops.getattr(t, "deinit"));
        sleepMs(120);
        assertThat(calls).hasSize(2);
        // init() starts it again, with new settings
        Ops.call(Ops.getattr(t, "init"), new Object[0], Map.of("period", 2L, "tick_hz", 20L, "callback", callback));
        assertThat(Ops.repr(t)).isEqualTo("Timer(mode=PERIODIC, period=100)");
        sleepMs(150);
        Ops.call(Ops.getattr(t, "deinit"));
        assertThat(calls).hasSize(3);
    }

    @Test
    void softResetStopsTheTimers() {
        make(Map.of("period", 30L, "callback", callback));
        vm.softReset();
        sleepMs(100);
        assertThat(calls).isEmpty();
    }

    @Test
    void onlyTheVirtualTimerExists() {
        assertThatThrownBy(() -> Ops.call(timer, 0L)).isInstanceOf(PyError.class).hasMessageContaining("Timer doesn't exist");
        assertThatThrownBy(() -> make(Map.of("period", 0x40000000L, "callback", callback)))
                .isInstanceOf(PyError.class).hasMessageContaining("period too large");
        Object idle = Ops.call(timer, -1L);
        assertThat(Ops.repr(idle)).isEqualTo("Timer(mode=PERIODIC, period=1000)");
    }
}
