package dev.mpt.vm.extmod;

import dev.mpt.vm.Io;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyBuiltin;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyInstance;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.PyTuple;
import dev.mpt.vm.PyType;
import dev.mpt.vm.Types;
import dev.mpt.vm.VM;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** select.poll as on a board: streams answer the poll ioctl, stdin is readable when input waits. */
class SelectTest {
    private final VM vm = new VM(Path.of("."));
    private final PyModule select = Select.module(vm);

    private Object poll() {
        return Ops.call(select.globals.get("poll"));
    }

    private static Object call(Object obj, String method, Object... args) {
        return Ops.call(Ops.getattr(obj, method), args);
    }

    private static List<Object> events(Object result) {
        List<Object> out = new ArrayList<>();
        for (Object t : Ops.toList(result)) {
            out.add(((PyTuple) t).items[1]);
        }
        return out;
    }

    @Test
    void inMemoryStreamsAreAlwaysReadyForWhatIsAsked() {
        Object p = poll();
        Object s = Ops.call(Io.STRING_IO, "abc");
        call(p, "register", s, Select.POLLIN);
        assertThat(events(call(p, "poll", 0L))).containsExactly(Select.POLLIN);
        call(p, "modify", s, Select.POLLIN | Select.POLLOUT);
        assertThat(events(call(p, "poll", 0L))).containsExactly(Select.POLLIN | Select.POLLOUT);
        call(p, "unregister", s);
        assertThat(Ops.toList(call(p, "poll", 0L))).isEmpty();
    }

    @Test
    void modifyingAnUnregisteredStreamIsENOENT() {
        Object p = poll();
        assertThatThrownBy(() -> call(p, "modify", Ops.call(Io.BYTES_IO), Select.POLLIN))
                .isInstanceOfSatisfying(PyError.class, e -> {
                    assertThat(e.exc.isInstance(Types.OS_ERROR)).isTrue();
                    assertThat(e.exc.args.items[0]).isEqualTo(2L);
                });
    }

    @Test
    void pythonStreamsAnswerThroughTheirIoctlAndOneShotIpollDisarms() {
        PyType cls = new PyType("S", new PyType[] {vm.ioBase}, false);
        List<Object[]> calls = new ArrayList<>();
        cls.dict.put("ioctl", new PyBuiltin("ioctl", (a, kw) -> {
            calls.add(new Object[] {a[1], a[2]});
            return Ops.toLong(a[2]) & Select.POLLIN;
        }, true));
        Object s = new PyInstance(cls);
        Object p = poll();
        call(p, "register", s, Select.POLLIN | Select.POLLOUT);
        assertThat(events(call(p, "poll", 0L))).containsExactly(Select.POLLIN);
        assertThat(calls.get(0)).containsExactly(Select.STREAM_POLL, Select.POLLIN | Select.POLLOUT);
        assertThat(Ops.toList(call(p, "ipoll", 0L, 1L))).hasSize(1);
        assertThat(Ops.toList(call(p, "ipoll", 0L))).isEmpty();
    }

    @Test
    void objectsWithoutAStreamProtocolCannotBePolled() {
        Object p = poll();
        call(p, "register", new PyInstance(Types.OBJECT));
        assertThatThrownBy(() -> call(p, "poll", 0L)).isInstanceOfSatisfying(PyError.class,
                e -> assertThat(e.exc.isInstance(Types.OS_ERROR)).isTrue());
    }

    @Test
    void stdinIsReadableOnlyWhenInputIsWaiting() {
        Object p = poll();
        Object stdin = Io.stdStream(vm, 0);
        call(p, "register", stdin, Select.POLLIN);
        vm.setStdin(new ByteArrayInputStream(new byte[0]));
        assertThat(Ops.toList(call(p, "poll", 0L))).isEmpty();
        vm.setStdin(new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8)));
        assertThat(events(call(p, "poll", 10L))).containsExactly(Select.POLLIN);
        call(p, "register", 1L, Select.POLLOUT);
        assertThat(events(call(p, "poll", 0L))).containsExactly(Select.POLLIN, Select.POLLOUT);
    }
}
