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
}
