package dev.mpt.compiler;

import dev.mpt.bytecode.MpyFile;
import dev.mpt.bytecode.Utf8;
import dev.mpt.vm.SourceCompiler;

/**
 * Our compiler as the VM's {@link SourceCompiler}: what {@code import} of a .py file,
 * {@code exec}, {@code eval} and {@code compile} use, and what the virtual board runs code
 * it is sent with. Code is compiled exactly as mpy-cross would compile it, except that
 * {@code @micropython.native} functions become bytecode, {@code viper} functions are emitted
 * for the VM's own small machine (the VM runs no real CPU's machine code), and the inline
 * assemblers are an invalid decorator, as on the unix port.
 */
public final class VmCompiler implements SourceCompiler {
    private final CrossCompiler.Options options;

    public VmCompiler(CrossCompiler.Options options) {
        this.options = options.withForVm();
    }

    public VmCompiler() {
        this(CrossCompiler.Options.defaults());
    }

    @Override
    public MpyFile compile(String source, String fileName, Mode mode) throws SourceCompiler.CompileError {
        return compile(source, fileName, mode, options);
    }

    @Override
    public MpyFile compile(String source, String fileName, Mode mode, int optLevel)
            throws SourceCompiler.CompileError {
        if (optLevel == options.optimise()) {
            return compile(source, fileName, mode, options);
        }
        return compile(source, fileName, mode, new CrossCompiler.Options(optLevel, options.smallIntBits(),
                options.nativeArch(), options.archFlags(), options.heapSize(), options.forVm()));
    }

    /** What each file this compiler made interned, while the file is in use. */
    private final java.util.Map<MpyFile, java.util.List<String>> interned =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    @Override
    public java.util.List<String> internedNames(MpyFile file) {
        java.util.List<String> names = interned.get(file);
        return names == null ? java.util.List.of() : names;
    }

    private MpyFile compile(String source, String fileName, Mode mode, CrossCompiler.Options options)
            throws SourceCompiler.CompileError {
        Parser.InputKind kind;
        if (mode == Mode.EVAL) {
            kind = Parser.InputKind.EVAL;
        } else if (mode == Mode.SINGLE) {
            kind = Parser.InputKind.SINGLE;
        } else {
            kind = Parser.InputKind.FILE;
        }
        try {
            java.util.List<String> names = new java.util.ArrayList<>();
            MpyFile file = CrossCompiler.compile(Utf8.encode(source), fileName, options, kind, names);
            interned.put(file, names);
            return file;
        } catch (dev.mpt.compiler.CompileError e) {
            throw new SourceCompiler.CompileError(e.type(), e.getMessage(), fileName, e.line(), e.block());
        }
    }
}
