package dev.mpt.vm;

import dev.mpt.bytecode.Constant;
import dev.mpt.bytecode.MpyFile;
import java.util.List;

/** What the functions of one loaded module share: its qstrs, constants and globals. */
final class ModuleContext {
    final String[] qstrs;
    final Object[] constants;
    final PyModule module;
    final VM vm;
    /** The file the tables came from (its root is the module's code), for code objects. */
    final MpyFile file;

    ModuleContext(VM vm, MpyFile file, PyModule module) {
        // Machine code for a real CPU is for no architecture this VM has (its viper code is
        // its own and never in a file): refused as the unix port refuses a foreign arch.
        if (file.header().arch() != dev.mpt.bytecode.NativeArch.NONE) {
            throw Ops.valueError("incompatible .mpy arch");
        }
        this.vm = vm;
        this.module = module;
        this.file = file;
        List<dev.mpt.bytecode.Qstr> q = file.qstrs();
        vm.noteQstrs(file);
        qstrs = new String[q.size()];
        for (int i = 0; i < qstrs.length; i++) {
            qstrs[i] = q.get(i).text().intern();
        }
        constants = new Object[file.constants().size()];
        for (int i = 0; i < constants.length; i++) {
            constants[i] = convert(file.constants().get(i));
        }
    }

    /** The constant that stands for mp_fun_table (viper code finds the runtime through it). */
    static final class FunTableConstant {
        static final FunTableConstant INSTANCE = new FunTableConstant();
    }

    String qstr(int i) {
        return qstrs[i];
    }

    String sourceFile() {
        return qstrs[0];
    }

    static Object convert(Constant c) {
        if (c instanceof Constant.Str s) {
            return s.value();
        } else if (c instanceof Constant.Bytes b) {
            return new PyBytes(b.value());
        } else if (c instanceof Constant.Int i) {
            return Ops.normalize(i.value());
        } else if (c instanceof Constant.Float f) {
            return f.value();
        } else if (c instanceof Constant.Complex z) {
            double[] v = z.value();
            return new PyComplex(v[0], v[1]);
        } else if (c instanceof Constant.Tuple t) {
            Object[] items = new Object[t.items().size()];
            for (int i = 0; i < items.length; i++) {
                items[i] = convert(t.items().get(i));
            }
            return new PyTuple(items);
        } else if (c instanceof Constant.Bool b) {
            return b.value();
        } else if (c instanceof Constant.Ellipsis) {
            return PyNone.ELLIPSIS;
        } else if (c instanceof Constant.FunTable) {
            return FunTableConstant.INSTANCE;
        } else {
            return PyNone.NONE;
        }
    }
}
