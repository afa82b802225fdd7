package dev.mpt.vm;

import dev.mpt.bytecode.MpyFile;
import dev.mpt.bytecode.RawCode;

/**
 * A code object, MicroPython's {@code code} type at its basic level: what {@code compile()}
 * returns and {@code f.__code__} gives — a raw code together with the qstr and constant
 * tables of the module it was compiled in, kept as an {@link MpyFile} whose root is that raw
 * code. {@code exec}/{@code eval} run it, {@code function(code, globals)} makes a function
 * of it, and {@code marshal} turns it to bytes and back.
 */
public final class PyCode implements PyObject, Slots.Print {
    public final MpyFile file;
    /** The VM whose functions the code makes. */
    final VM vm;

    public PyCode(MpyFile file, VM vm) {
        this.file = file;
        this.vm = vm;
    }

    @Override
    public PyType type() {
        return Types.CODE;
    }

    @Override
    public void print(StringBuilder sb) {
        sb.append("<code>");
    }

    /** function(code, globals): a function over the code's raw code, with globals as its module's namespace. */
    PyFunction function(PyDict globals) {
        if (!(file.root() instanceof RawCode.Bytecode b)) {
            throw Ops.valueError("function must be bytecode");
        }
        PyModule m = new PyModule("__main__", new VM.DictBackedMap(globals));
        ModuleContext ctx = new ModuleContext(vm, file, m);
        return new PyFunction(new PyFunction.CodeUnit(b, ctx), ctx, new Object[0], null, new Object[0]);
    }
}
