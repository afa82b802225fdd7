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
 * This package is the core, as MicroPython's {@code py/}: {@code Interp} is the bytecode loop
 * (vm.c: MicroPython's exception-stack and unwinding rules), {@code NativeMachine} runs viper
 * functions, compiled by the native emitter for the VM's own architecture ({@code VmNativeCode}:
 * machine words, pointers into {@code Memory}, mp_fun_table calls), {@code Bc} binds a call's
 * arguments (bc.c), {@code Frame} a running function, {@code Ops}/{@code Numeric}/{@code Seqs}/
 * {@code Classes} the object protocol, {@code Repr}/{@code Fmt} printing, {@code BuiltinTypes}
 * the built-in types' constructors and methods with {@code ObjInt}, {@code ObjList},
 * {@code ObjDict}, {@code ObjSet}, {@code Strs}; {@code ArgCheck} and {@code ParseNum};
 * {@code ModBuiltins} the builtins module; {@code Sys}, {@code MicroPythonModule}, {@code Gc},
 * {@code MathModule}, {@code Collections}, {@code Struct}, {@code ArrayType}, {@code Io} and
 * {@code Errno} the core modules; {@code Importer} imports.
 *
 * <h2>Threads</h2>
 * A VM runs its code on a thread with a big stack (a VM thread, started for each
 * {@code runMain}, {@code runIn}...); a host that runs many programs in a row (the warm VM)
 * gives them one {@link dev.mpt.vm.VM#carrierThread} instead, on which each VM's code runs
 * in turn as on a thread of its own.
 * {@code ModThread} is {@code _thread}. Each thread has a {@code ThreadState} (call depth,
 * current frame, the exception being handled, heap-lock depth); {@code VM.ts} is the state of
 * the thread holding the VM's global interpreter lock, the only one that runs Python code.
 * Running code calls {@link dev.mpt.vm.VM#handlePending} at each backward jump (one volatile
 * read): there Ctrl-C is raised on the main thread, scheduled callbacks run, the lock goes to
 * a thread that asked for it, and a thread whose program ended stops. The lock ({@code Gil})
 * goes to its waiters in the order they came: a thread back from a blocking call asks for it
 * at once, one that gave it up to others asks for it back 2 ms later, so that busy threads
 * take turns of that length.
 * A blocking call gives the lock up between {@link dev.mpt.vm.VM#blockingStart} and
 * {@link dev.mpt.vm.VM#blockingEnd} (or waits with {@link dev.mpt.vm.VM#pauseNanos}) and
 * touches no Python object meanwhile. {@link dev.mpt.vm.VM#stopThreads} (the end of
 * {@code runMain}, a soft reset) ends a program's threads, as the unix port does at exit.
 *
 * <h2>Writing a native module</h2>
 * The core names no library module. A module is a {@link dev.mpt.vm.BuiltinModules.Factory}
 * registered under a name with {@link dev.mpt.vm.BuiltinModules#register} (library modules do
 * it from a {@link dev.mpt.vm.BuiltinModules.Library} listed in {@code META-INF/services}, as
 * {@code dev.mpt.vm.extmod} does); the factory builds a {@link dev.mpt.vm.PyModule} with
 * {@link dev.mpt.vm.PyModule#fn} and {@link dev.mpt.vm.PyType}s whose methods
 * {@link dev.mpt.vm.BuiltinTypes#method} adds. Objects plug into the object protocol through
 * {@link dev.mpt.vm.Slots}; arguments are read with {@link dev.mpt.vm.Ops} ({@code toLong},
 * {@code str}, {@code bytesOf}) and errors raised with {@code Ops.typeError},
 * {@code Ops.valueError} or {@code Ops.error(Types.X, msg)}. State a module keeps lives in
 * {@link dev.mpt.vm.VM#moduleState}, never in static fields: two VMs in one JVM share nothing.
 */
package dev.mpt.vm;
