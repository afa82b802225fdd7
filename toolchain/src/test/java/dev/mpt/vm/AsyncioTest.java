package dev.mpt.vm;

import static dev.mpt.bytecode.Opcode.Code.*;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.bytecode.ScopeFlags;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** asyncio.run, gather and sleep_ms schedule coroutines by wake-up time. */
class AsyncioTest {
    @Test
    void gatherRunsTasksInWakeUpOrder() {
        // async def t(name, ms): await asyncio.sleep_ms(ms); print(name)
        // async def main(): await asyncio.gather(t('slow', 40), t('fast', 1))
        // asyncio.run(main())
        Asm.Module m = new Asm.Module("a.py");
        Asm t = new Asm(m).line(2).qop(LOAD_GLOBAL, "asyncio").qop(LOAD_METHOD, "sleep_ms").op((LOAD_FAST_MULTI + 1))
                .op(CALL_METHOD, 1).op(GET_ITER).op(LOAD_CONST_NONE).op(YIELD_FROM).op(POP_TOP)
                .line(3).qop(LOAD_GLOBAL, "print").op(LOAD_FAST_MULTI).op(CALL_FUNCTION, 1).op(POP_TOP)
                .op(LOAD_CONST_NONE).op(RETURN_VALUE);
        Asm main = new Asm(m).line(5).qop(LOAD_GLOBAL, "asyncio").qop(LOAD_METHOD, "gather")
                .qop(LOAD_GLOBAL, "t").qop(LOAD_CONST_STRING, "slow").smallInt(40).op(CALL_FUNCTION, 2)
                .qop(LOAD_GLOBAL, "t").qop(LOAD_CONST_STRING, "fast").smallInt(1).op(CALL_FUNCTION, 2)
                .op(CALL_METHOD, 2).op(GET_ITER).op(LOAD_CONST_NONE).op(YIELD_FROM).op(POP_TOP)
                .op(LOAD_CONST_NONE).op(RETURN_VALUE);
        Asm mod = new Asm(m).line(1).smallInt(0).op(LOAD_CONST_NONE).qop(IMPORT_NAME, "asyncio")
                .qop(STORE_NAME, "asyncio").op(MAKE_FUNCTION, 0).qop(STORE_NAME, "t").op(MAKE_FUNCTION, 1)
                .qop(STORE_NAME, "main").line(6).qop(LOAD_NAME, "asyncio").qop(LOAD_METHOD, "run")
                .qop(LOAD_NAME, "main").op(CALL_FUNCTION, 0).op(CALL_METHOD, 1).op(POP_TOP)
                .op(LOAD_CONST_NONE).op(RETURN_VALUE);
        mod.children.add(t.build("t", 6, 0, ScopeFlags.GENERATOR, 2, "name", "ms"));
        mod.children.add(main.build("main", 8, 0, ScopeFlags.GENERATOR, 0));
        VM vm = new VM(Path.of("."));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        vm.setStdout(out);
        vm.setStderr(err);
        int status = vm.runMain(m.file(mod.build("<module>", 4, 0, 0, 0)));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("fast\nslow\n");
    }

    /** import asyncio */
    private static dev.mpt.bytecode.MpyFile importAsyncio() {
        Asm.Module m = new Asm.Module("imp.py");
        Asm mod = new Asm(m).line(1).smallInt(0).op(LOAD_CONST_NONE).qop(IMPORT_NAME, "asyncio")
                .qop(STORE_NAME, "asyncio").op(LOAD_CONST_NONE).op(RETURN_VALUE);
        return m.file(mod.build("<module>", 3, 0, 0, 0));
    }

    @Test
    @org.junit.jupiter.api.Timeout(20)
    void anEventWakesItsOwnVmsTaskWhenAnotherVmHasAsyncioToo() {
        // import asyncio; E = asyncio.Event()
        // async def w(e): await e.wait(); print('woke')
        // async def main(): t = asyncio.create_task(w(E)); await asyncio.sleep_ms(1); E.set(); await t
        // asyncio.run(main())
        Asm.Module m = new Asm.Module("ev.py");
        Asm w = new Asm(m).line(2).op(LOAD_FAST_MULTI).qop(LOAD_METHOD, "wait").op(CALL_METHOD, 0).op(GET_ITER)
                .op(LOAD_CONST_NONE).op(YIELD_FROM).op(POP_TOP)
                .line(3).qop(LOAD_GLOBAL, "print").qop(LOAD_CONST_STRING, "woke").op(CALL_FUNCTION, 1).op(POP_TOP)
                .op(LOAD_CONST_NONE).op(RETURN_VALUE);
        Asm main = new Asm(m).line(5).qop(LOAD_GLOBAL, "asyncio").qop(LOAD_METHOD, "create_task")
                .qop(LOAD_GLOBAL, "w").qop(LOAD_GLOBAL, "E").op(CALL_FUNCTION, 1).op(CALL_METHOD, 1)
                .op(STORE_FAST_MULTI)
                .line(6).qop(LOAD_GLOBAL, "asyncio").qop(LOAD_METHOD, "sleep_ms").smallInt(1).op(CALL_METHOD, 1)
                .op(GET_ITER).op(LOAD_CONST_NONE).op(YIELD_FROM).op(POP_TOP)
                .line(7).qop(LOAD_GLOBAL, "E").qop(LOAD_METHOD, "set").op(CALL_METHOD, 0).op(POP_TOP)
                .line(8).op(LOAD_FAST_MULTI).op(GET_ITER).op(LOAD_CONST_NONE).op(YIELD_FROM).op(POP_TOP)
                .op(LOAD_CONST_NONE).op(RETURN_VALUE);
        Asm mod = new Asm(m).line(1).smallInt(0).op(LOAD_CONST_NONE).qop(IMPORT_NAME, "asyncio")
                .qop(STORE_NAME, "asyncio").qop(LOAD_NAME, "asyncio").qop(LOAD_METHOD, "Event")
                .op(CALL_METHOD, 0).qop(STORE_NAME, "E").op(MAKE_FUNCTION, 0).qop(STORE_NAME, "w")
                .op(MAKE_FUNCTION, 1).qop(STORE_NAME, "main")
                .line(9).qop(LOAD_NAME, "asyncio").qop(LOAD_METHOD, "run").qop(LOAD_NAME, "main")
                .op(CALL_FUNCTION, 0).op(CALL_METHOD, 1).op(POP_TOP).op(LOAD_CONST_NONE).op(RETURN_VALUE);
        mod.children.add(w.build("w", 6, 0, ScopeFlags.GENERATOR, 1, "e"));
        mod.children.add(main.build("main", 9, 0, ScopeFlags.GENERATOR, 0));
        VM a = new VM(Path.of("."));
        VM b = new VM(Path.of("."));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        a.setStdout(out);
        a.setStderr(err);
        b.setStderr(err);
        // each VM imports asyncio: its Event, Task and loop are its own
        assertThat(a.runMain(importAsyncio())).isZero();
        assertThat(b.runMain(importAsyncio())).isZero();
        int status = a.runMain(m.file(mod.build("<module>", 4, 0, 0, 0)));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("woke\n");
    }
}
