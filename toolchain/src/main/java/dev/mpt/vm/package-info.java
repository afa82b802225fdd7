/**
 * The reference VM: runs MicroPython bytecode ({@link dev.mpt.bytecode.RawCode} trees from
 * {@link dev.mpt.bytecode.MpyReader} or, later, from the compiler) with MicroPython's semantics.
 *
 * <h2>Running code</h2>
 * <pre>{@code
 * VM vm = new VM(rootDir);            // open(), os and imports stay inside rootDir
 * vm.setStdout(out);                  // print() and uncaught tracebacks (setStderr) go here
 * int status = vm.runMain(MpyReader.read(bytes));   // as __main__; 0, or 1 after a traceback
 * PyModule m = vm.run(mpyFile, "name");             // exceptions propagate as PyError
 * vm.runIn(mpyFile, m);                             // a REPL line in an existing module
 * vm.interrupt();                     // from any thread: KeyboardInterrupt at the next backward
 *                                     // jump, or the next step of a builtin's loop (sum, sorted, ...)
 * vm.setHeapLimit(8 << 20);           // a board's fixed heap: past it, MemoryError (see Heap)
 * vm.softReset();                     // fresh builtins, sys.modules, sys.path
 * vm.setCompiler(sourceCompiler);     // enables .py imports, exec, eval, compile
 * }</pre>
 *
 * <h2>Values</h2>
 * None is {@link dev.mpt.vm.PyNone#NONE}; bool, int, float and str are {@link Boolean},
 * {@link Long} (or {@link java.math.BigInteger} beyond 64 bits), {@link Double} and
 * {@link String}; everything else implements {@link dev.mpt.vm.PyObject}. Dicts and sets keep
 * MicroPython's hash-table layout so they iterate in the same order as on a board.
 *
 * <h2>Layout</h2>
 * {@code Interp} is the bytecode loop (MicroPython's exception-stack and unwinding rules),
 * {@code Frame} a running function, {@code Ops}/{@code Numeric}/{@code Seqs}/{@code Classes}
 * the object protocol, {@code Repr}/{@code Fmt} printing, {@code Builtins} the builtin types
 * and functions, {@code Modules} and friends the built-in modules, {@code Importer} imports.
 */
package dev.mpt.vm;
