package dev.mpt.vm;

import static dev.mpt.bytecode.Opcode.Code.*;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.bytecode.BinaryOp;
import dev.mpt.bytecode.MpyFile;
import dev.mpt.bytecode.ScopeFlags;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Runs hand-assembled modules and checks what a user would see on stdout and stderr. */
class InterpreterTest {
    private static int binop(BinaryOp op) {
        return BINARY_OP_MULTI + op.ordinal();
    }

    private record Result(int status, String out, String err) {}

    private static Result run(MpyFile file) {
        VM vm = new VM(Path.of("."));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        vm.setStdout(out);
        vm.setStderr(err);
        int status = vm.runMain(file);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsTheSumOfTwoInts() {
        Asm.Module m = new Asm.Module("t.py");
        Asm a = new Asm(m).line(1).qop(LOAD_NAME, "print").smallInt(1).smallInt(2).op(binop(BinaryOp.ADD))
                .op(CALL_FUNCTION, 1).op(POP_TOP).op(LOAD_CONST_NONE).op(RETURN_VALUE);
        Result r = run(m.file(a.build("<module>", 3, 0, 0, 0)));
        assertThat(r.out()).isEqualTo("3\n");
        assertThat(r.status()).isZero();
    }

    @Test
    void uncaughtExceptionPrintsMicroPythonTraceback() {
        Asm.Module m = new Asm.Module("t.py");
        Asm f = new Asm(m).line(2).smallInt(1).smallInt(0).op(binop(BinaryOp.FLOOR_DIVIDE)).op(RETURN_VALUE);
        Asm main = new Asm(m).line(1).op(MAKE_FUNCTION, 0).qop(STORE_NAME, "f")
                .line(3).qop(LOAD_NAME, "f").op(CALL_FUNCTION, 0).op(POP_TOP).op(LOAD_CONST_NONE).op(RETURN_VALUE);
        main.children.add(f.build("f", 2, 0, 0, 0));
        Result r = run(m.file(main.build("<module>", 2, 0, 0, 0)));
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("Traceback (most recent call last):\n"
                + "  File \"t.py\", line 3, in <module>\n"
                + "  File \"t.py\", line 2, in f\n"
                + "ZeroDivisionError: divide by zero\n");
    }

    @Test
    void deepRecursionRaisesRuntimeErrorNotStackOverflow() {
        Asm.Module m = new Asm.Module("r.py");
        Asm f = new Asm(m).line(2).qop(LOAD_GLOBAL, "f").op(CALL_FUNCTION, 0).op(RETURN_VALUE);
        Asm main = new Asm(m).line(1).op(MAKE_FUNCTION, 0).qop(STORE_NAME, "f")
                .line(3).qop(LOAD_NAME, "f").op(CALL_FUNCTION, 0).op(POP_TOP).op(LOAD_CONST_NONE).op(RETURN_VALUE);
        main.children.add(f.build("f", 2, 0, 0, 0));
        Result r = run(m.file(main.build("<module>", 2, 0, 0, 0)));
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).endsWith("RuntimeError: maximum recursion depth exceeded\n");
    }

    @Test
    void exceptClauseCatchesMatchingException() {
        Asm.Module m = new Asm.Module("e.py");
        Asm a = new Asm(m).line(1).jump(SETUP_EXCEPT, "handler")
                .line(2).smallInt(1).smallInt(0).op(binop(BinaryOp.FLOOR_DIVIDE)).op(POP_TOP)
                .jump(POP_EXCEPT_JUMP, "end")
                .label("handler").line(3).op(DUP_TOP).qop(LOAD_NAME, "ZeroDivisionError")
                .op(binop(BinaryOp.EXCEPTION_MATCH)).jump(POP_JUMP_IF_FALSE, "reraise")
                .op(POP_TOP).line(4).qop(LOAD_NAME, "print").qop(LOAD_CONST_STRING, "caught")
                .op(CALL_FUNCTION, 1).op(POP_TOP).jump(POP_EXCEPT_JUMP, "end")
                .label("reraise").op(END_FINALLY)
                .label("end").op(LOAD_CONST_NONE).op(RETURN_VALUE);
        Result r = run(m.file(a.build("<module>", 4, 1, 0, 0)));
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("caught\n");
    }

    @Test
    void finallyRunsWhenTheBodyRaises() {
        Asm.Module m = new Asm.Module("f.py");
        Asm a = new Asm(m).line(1).jump(SETUP_FINALLY, "fin")
                .line(2).qop(LOAD_NAME, "undefined_name").op(POP_TOP)
                .op(LOAD_CONST_NONE)
                .label("fin").line(4).qop(LOAD_NAME, "print").qop(LOAD_CONST_STRING, "cleanup")
                .op(CALL_FUNCTION, 1).op(POP_TOP).op(END_FINALLY)
                .op(LOAD_CONST_NONE).op(RETURN_VALUE);
        Result r = run(m.file(a.build("<module>", 4, 1, 0, 0)));
        assertThat(r.out()).isEqualTo("cleanup\n");
        assertThat(r.err()).isEqualTo("Traceback (most recent call last):\n"
                + "  File \"f.py\", line 2, in <module>\n"
                + "NameError: name 'undefined_name' isn't defined\n");
    }

    @Test
    void generatorYieldsToForLoop() {
        // def g(): for i in range(3): yield i * 10
        // for v in g(): print(v)
        Asm.Module m = new Asm.Module("g.py");
        Asm g = new Asm(m).line(2).qop(LOAD_GLOBAL, "range").smallInt(3).op(CALL_FUNCTION, 1).op(GET_ITER_STACK)
                .label("top").jump(FOR_ITER, "done").op(STORE_FAST_MULTI)
                .line(3).op(LOAD_FAST_MULTI).smallInt(10).op(binop(BinaryOp.MULTIPLY)).op(YIELD_VALUE).op(POP_TOP)
                .jump(JUMP, "top")
                .label("done").op(LOAD_CONST_NONE).op(RETURN_VALUE);
        Asm main = new Asm(m).line(1).op(MAKE_FUNCTION, 0).qop(STORE_NAME, "g")
                .line(4).qop(LOAD_NAME, "g").op(CALL_FUNCTION, 0).op(GET_ITER_STACK)
                .label("top").jump(FOR_ITER, "done").qop(STORE_NAME, "v")
                .line(5).qop(LOAD_NAME, "print").qop(LOAD_NAME, "v").op(CALL_FUNCTION, 1).op(POP_TOP)
                .jump(JUMP, "top")
                .label("done").op(LOAD_CONST_NONE).op(RETURN_VALUE);
        main.children.add(g.build("g", 8, 0, ScopeFlags.GENERATOR, 0));
        Result r = run(m.file(main.build("<module>", 8, 0, 0, 0)));
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("0\n10\n20\n");
    }

    @Test
    void interruptRaisesKeyboardInterruptInARunawayLoop() throws Exception {
        Asm.Module m = new Asm.Module("loop.py");
        Asm a = new Asm(m).line(1).label("top").jump(JUMP, "top");
        MpyFile file = m.file(a.build("<module>", 1, 0, 0, 0));
        VM vm = new VM(Path.of("."));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        vm.setStderr(err);
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            vm.interrupt();
        });
        stopper.start();
        int status = vm.runMain(file);
        stopper.join();
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).endsWith("KeyboardInterrupt: \n");
    }
}
