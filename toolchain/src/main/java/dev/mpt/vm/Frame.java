package dev.mpt.vm;

import java.util.Map;

/**
 * The state of one running bytecode function: locals and value stack in one array (locals
 * at the top end, local {@code i} at {@code state[nState - 1 - i]}, the stack growing from
 * index 0), the instruction pointer, and the exception-handler stack.
 */
final class Frame {
    final PyFunction fn;
    final PyFunction.CodeUnit code;
    final ModuleContext ctx;
    final Object[] state;
    final Map<String, Object> globals;
    /** The namespace LOAD_NAME/STORE_NAME use: the globals, or a class body's namespace. */
    Map<String, Object> locals;
    int ip;
    int sp = -1;
    final int[] excHandler;
    final int[] excSp;
    final boolean[] excFinally;
    final PyException[] excPrev;
    int excTop = -1;
    /** Set while a generator's frame runs. */
    boolean running;
    /** The value returned or yielded by the last run. */
    Object result;

    private static final int[] NO_INTS = {};
    private static final boolean[] NO_BOOLEANS = {};
    private static final PyException[] NO_EXCEPTIONS = {};

    Frame(PyFunction fn, Map<String, Object> globals, Map<String, Object> locals) {
        this.fn = fn;
        this.code = fn.code;
        this.ctx = fn.ctx;
        int nState = code.prelude.nState();
        this.state = new Object[nState];
        int nExc = code.prelude.nExcStack();
        if (nExc == 0) {
            // most functions have no try/with: no handler stack to allocate on every call
            excHandler = NO_INTS;
            excSp = NO_INTS;
            excFinally = NO_BOOLEANS;
            excPrev = NO_EXCEPTIONS;
        } else {
            excHandler = new int[nExc];
            excSp = new int[nExc];
            excFinally = new boolean[nExc];
            excPrev = new PyException[nExc];
        }
        this.globals = globals;
        this.locals = locals;
        this.ip = code.prelude.codeStart();
    }

    Object local(int i) {
        return state[state.length - 1 - i];
    }

    void setLocal(int i, Object v) {
        state[state.length - 1 - i] = v;
    }

    int line() {
        return code.lineOf(ip);
    }
}
