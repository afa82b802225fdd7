package dev.mpt.vm;

import dev.mpt.bytecode.MpyFile;
import dev.mpt.bytecode.RawCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One MicroPython interpreter: builtins, loaded modules, standard streams, a root directory
 * for files, and the limits. Code runs on a thread of its own with a large stack; the
 * public run methods block until it finishes.
 *
 * <pre>{@code
 * VM vm = new VM(Path.of("."));
 * vm.setStdout(out);
 * int status = vm.runMain(MpyReader.read(bytes));   // 0, or 1 after printing a traceback
 * }</pre>
 *
 * <p>{@link #interrupt()} (from any thread) raises KeyboardInterrupt in the main thread's code at
 * the next backward jump or step of a builtin's loop; {@link #setHeapLimit} gives the program
 * a board's fixed heap (MemoryError past it); {@link #softReset()} forgets every module and
 * global.
 */
public final class VM {
    private final Path root;
    private PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private PrintStream stderr = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    /** Standard input as bytes: sys.stdin.buffer reads them as they are, the text stream decodes UTF-8. */
    private InputStream stdin = System.in;
    SourceCompiler compiler;
    final Importer importer = new Importer(this);
    Map<String, Object> builtins;
    /** sys.modules: as MicroPython's, the modules imported from files (built-ins are not in it). */
    PyDict sysModules;
    /** The module the main program runs in, which `import __main__` gives. */
    PyModule mainModule;
    /** The sys module's globals (sys.tracebacklimit is read from here). */
    java.util.Map<String, Object> sysGlobals;
    PyList sysPath;
    PyList argv = new PyList();
    int maxDepth = 4000;
    /** Calls plus loop back-edges after which a function runs compiled (JitRuntime); MAX_VALUE: never. */
    int jitThreshold = JitRuntime.defaultThreshold();
    /** Filesystem block size for the disk limit and os.statvfs. */
    public static final int DISK_BLOCK = 4096;
    public long diskLimit = -1;
    /** Whether this VM runs a board (the virtual board): machine then has reset, bootloader, Pin, … */
    public boolean board;
    /** What machine.reset_cause() answers: 1 power-on, 2 hard reset, 4 deep-sleep wake (as the esp32 port numbers them). */
    public long resetCause = 1;
    /** The stack of a VM thread: deep Python recursion (up to maxDepth) needs a big one. */
    static final long STACK_SIZE = 1L << 30;
    long stackSize = STACK_SIZE;
    /**
     * Set when the running code must stop at its next check (backward jump, builtin loop):
     * for Ctrl-C ({@link #keyboardInterrupt}) or for callbacks micropython.schedule() queued.
     */
    volatile boolean interrupted;
    /** Ctrl-C arrived: the next check raises KeyboardInterrupt. */
    private volatile boolean keyboardInterrupt;
    /** Callbacks (function, argument) queued by micropython.schedule(), guarded by itself. */
    private final java.util.ArrayDeque<Object[]> scheduled = new java.util.ArrayDeque<>();
    /** MicroPython's scheduler queue depth: one more schedule() call raises RuntimeError. */
    static final int SCHEDULE_DEPTH = 8;
    /** True while scheduled callbacks run: they do not interrupt each other. */
    private boolean inScheduled;
    /** The -O level exec/eval/compile and imports compile with (micropython.opt_level()). */
    int optLevel;
    /** MicroPython's heap: the limit set by {@link #setHeapLimit} and micropython.heap_lock(). */
    final Heap heap = new Heap();
    /** io.IOBase, the base class for streams written in Python: a class Python code may change, so each VM has its own. */
    public final PyType ioBase = new PyType("IOBase", new PyType[] {Types.OBJECT}, false);
    /** The address space uctypes and struct place objects in (made on first use). */
    private Memory memory;

    synchronized Memory memory() {
        if (memory == null) {
            memory = new Memory();
        }
        return memory;
    }
    boolean debug;
    public Path cwd;
    public final long startNanos = System.nanoTime();
    /** What built-in modules keep for this VM (see {@link #moduleState}). */
    private final Map<Class<?>, Object> moduleStates = new java.util.HashMap<>();

    /**
     * The state a built-in module keeps in this VM, made by {@code make} on first use and kept
     * until the next soft reset: module objects and types are made per VM, so two VMs in one
     * JVM never share them. {@code key} is the state's own class.
     */
    public <T> T moduleState(Class<T> key, java.util.function.Function<VM, T> make) {
        synchronized (moduleStates) {
            Object s = moduleStates.get(key);
            if (s == null) {
                s = make.apply(this);
                moduleStates.put(key, s);
            }
            return key.cast(s);
        }
    }

    /**
     * Run by gc.collect() after its collection, told whether that was a full collection of the
     * JVM's heap: library modules' finalisers (files dropped unclosed).
     */
    private final java.util.List<java.util.function.Consumer<Boolean>> collectHooks =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Adds a finaliser pass to gc.collect() (see {@link #collectHooks}). */
    public void onCollect(java.util.function.Consumer<Boolean> hook) {
        collectHooks.add(hook);
    }

    void runCollectHooks(boolean fullCollection) {
        for (java.util.function.Consumer<Boolean> h : collectHooks) {
            h.accept(fullCollection);
        }
    }

    /** The VM whose code runs on this thread, or null outside VM code. */
    public static VM current() {
        return Heap.currentVm();
    }

    public VM() {
        this(Path.of("."));
    }

    /** A VM whose files (open, os, imports) live under root. */
    public VM(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.cwd = this.root;
        softReset();
    }

    public void setStdout(OutputStream out) {
        this.stdout = out instanceof PrintStream p ? p : new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    public void setStderr(OutputStream err) {
        this.stderr = err instanceof PrintStream p ? p : new PrintStream(err, true, StandardCharsets.UTF_8);
    }

    /** Where the program's print() goes (os.system's child writes there too). */
    public OutputStream stdoutStream() {
        return stdout;
    }

    public OutputStream stderrStream() {
        return stderr;
    }

    public void setStdin(InputStream in) {
        this.stdin = in;
    }

    public void setCompiler(SourceCompiler compiler) {
        this.compiler = compiler;
    }

    /** Calls deeper than this raise RuntimeError: maximum recursion depth exceeded. */
    /**
     * Limits the bytes files may take under the root, as a board's flash is limited: a
     * write that would pass it fails with OSError ENOSPC, and os.statvfs reports it.
     * Negative means no limit (the default).
     */
    public void setDiskLimit(long bytes) {
        this.diskLimit = bytes;
    }

    /** Bytes the files under the root take, counted in whole {@link #DISK_BLOCK}s as a filesystem does. */
    public long diskUsed() {
        long[] used = {0};
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(root)) {
            files.filter(java.nio.file.Files::isRegularFile).forEach(f -> {
                try {
                    used[0] += blocks(java.nio.file.Files.size(f)) * DISK_BLOCK;
                } catch (java.io.IOException e) {
                    // a file that vanished while counting takes no room
                }
            });
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            // an unreadable tree counts as what was read of it
        }
        return used[0];
    }

    static long blocks(long bytes) {
        return (bytes + DISK_BLOCK - 1) / DISK_BLOCK;
    }

    /**
     * Limits the memory the running program may hold, as a board's fixed heap does (the unix
     * port's {@code -X heapsize=N}): past it allocations raise MemoryError ("memory
     * allocation failed, allocating N bytes") instead of growing the JVM's heap. The limit
     * counts what the JVM holds beyond what it held when code next starts running; negative
     * means no limit (the default: then only a real OutOfMemoryError becomes MemoryError).
     * The JVM should be able to give about three times the limit (JVM objects are bigger).
     */
    public void setHeapLimit(long bytes) {
        heap.setLimit(bytes);
    }

    /**
     * {@link #setHeapLimit(long)} with the JVM's used heap that is not the program's given
     * (bytes, measured by the caller after a full collection) instead of measured by a full
     * collection as code starts: a JVM kept running between programs (the warm VM) holds
     * compiled code that makes each collection cost milliseconds.
     */
    public void setHeapLimit(long bytes, long baseline) {
        heap.setLimit(bytes, baseline);
    }

    /** The limit set by {@link #setHeapLimit}, or -1 for none. */
    public long heapLimit() {
        return heap.limit();
    }

    /**
     * Makes this VM a board's: {@code machine} gains reset, bootloader, freq, unique_id, Pin
     * and the rest, and {@code machine.reset()}/{@code bootloader()} end the running code with
     * {@link MachineReset}, which the caller of {@link #run}/{@link #runIn} acts on.
     */
    public void setBoard(boolean board) {
        this.board = board;
    }

    /**
     * Gives programs the host's network ({@code socket}, {@code ssl}, asyncio's streams): off
     * by default, so that code sent to a virtual board reaches no network unless whoever
     * serves the board asks for it; the unix-port stand-in turns it on.
     */
    public void setHostNetwork(boolean on) {
        this.hostNetwork = on;
    }

    /** Whether {@link #setHostNetwork} gave this VM the host's network. */
    public boolean hostNetwork() {
        return hostNetwork;
    }

    private volatile boolean hostNetwork;

    /**
     * Makes {@code time} a host's, as on the unix port: localtime() and mktime() in the local
     * time zone ({@code TZ} from this VM's environment, which os.putenv changes; else the
     * host's), and 9-item time tuples ending with isdst. Off, as on a board: UTC, 8 items.
     */
    public void setHostTime(boolean on) {
        this.hostTime = on;
    }

    /** Whether {@link #setHostTime} made time the host's. */
    public boolean hostTime() {
        return hostTime;
    }

    private volatile boolean hostTime;

    /** What {@code machine.reset_cause()} answers from now on: the machine module's *_RESET values (1 to 5). */
    public void setResetCause(long cause) {
        this.resetCause = cause;
    }

    public void setMaxDepth(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    public void setDebug(boolean debug) {
        this.debug = debug;
    }

    /** sys.path itself (a live list: changes show in sys.path). */
    public List<Object> path() {
        return importPath() instanceof PyList l ? l.items : sysPath.items;
    }

    /** What import searches: sys.path as it is now (a program may assign a new list to it). */
    Object importPath() {
        Object p = sysGlobals == null ? null : sysGlobals.get("path");
        return p != null ? p : sysPath;
    }

    /** sys.path (default: "", ".frozen"). */
    public void setPath(List<String> path) {
        sysPath.items.clear();
        sysPath.items.addAll(path);
    }

    /**
     * The environment variables programs see through {@code os.getenv} (and change with
     * {@code os.putenv}/{@code unsetenv}). Empty unless the embedder hands one over: the
     * unix-port stand-in gives the process's own, a virtual board none (the host's is not
     * shown to code sent to a board).
     */
    public void setEnvironment(Map<String, String> variables) {
        environment.clear();
        environment.putAll(variables);
        // MPT_JIT of the program's environment (a warm JVM's own may differ)
        jitThreshold = JitRuntime.threshold(variables.get("MPT_JIT"), jitThreshold);
    }

    /** This VM's environment variables (mutable). */
    public Map<String, String> environment() {
        return environment;
    }

    private final Map<String, String> environment = new java.util.HashMap<>();

    /** The directory relative paths start from (inside the root). */
    public void setWorkingDirectory(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        if (!d.startsWith(root)) {
            throw new IllegalArgumentException("working directory outside the VM root: " + dir);
        }
        cwd = d;
    }

    public void setArgv(List<String> args) {
        argv.items.clear();
        argv.items.addAll(args);
    }

    /** Asks the running code to stop with KeyboardInterrupt; safe from any thread. */
    public void interrupt() {
        keyboardInterrupt = true;
        interrupted = true;
    }

    /** Strings the loaded code interned that are not static qstrs, in order (micropython.qstr_info()). */
    private final java.util.LinkedHashSet<String> dynamicQstrs = new java.util.LinkedHashSet<>();

    void noteQstrs(MpyFile file) {
        if (compiler != null) {
            // the order the compiler interned them in (source order), then the file's table
            for (String s : compiler.internedNames(file)) {
                if (dev.mpt.bytecode.StaticQstrs.index(s).isEmpty()) {
                    dynamicQstrs.add(s);
                }
            }
        }
        for (dev.mpt.bytecode.Qstr q : file.qstrs()) {
            if (dev.mpt.bytecode.StaticQstrs.index(q.text()).isEmpty()) {
                dynamicQstrs.add(q.text());
            }
        }
    }

    List<String> dynamicQstrs() {
        return new java.util.ArrayList<>(dynamicQstrs);
    }

    /** The optimisation level source is compiled with (the unix port's -O): 0 to 3. */
    public void setOptimizationLevel(int level) {
        optLevel = level;
    }

    /** The character that interrupts (micropython.kbd_intr(); 3 is Ctrl-C, -1 none). */
    public int interruptChar() {
        return interruptChar;
    }

    volatile int interruptChar = 3;

    public int optimizationLevel() {
        return optLevel;
    }

    /**
     * Runs fn(arg) with the heap locked, as MicroPython runs a hard interrupt handler (library
     * modules: machine.Timer(hard=True)).
     */
    public Object callHeapLocked(Object fn, Object arg) {
        heap.lock();
        try {
            return Ops.call(fn, arg);
        } finally {
            heap.unlock();
        }
    }

    /** micropython.schedule(f, arg): f(arg) runs at the next check, from any thread. */
    public void schedule(Object fn, Object arg) {
        synchronized (scheduled) {
            if (scheduled.size() >= SCHEDULE_DEPTH) {
                throw Ops.error(Types.RUNTIME_ERROR, "schedule queue full");
            }
            scheduled.add(new Object[] {fn, arg});
        }
        interrupted = true;
    }

    /** Forgets all modules and globals: the state after a board's soft reset. */
    public void softReset() {
        builtins = ModBuiltins.module(this);
        FunTypes.apply("builtins", builtins);
        builtinsOverride = null;
        PyType.EPOCH.incrementAndGet(); // (LOAD_GLOBAL sites keep the builtin they found)
        sysModules = new PyDict(3); // MICROPY_LOADED_MODULES_DICT_SIZE
        mainModule = null;
        importer.reset();
        sysPath = new PyList();
        sysPath.items.add("");
        sysPath.items.add(".frozen");
        sysPath.items.add("lib");
        stopThreads();
        mainState.depth = 0;
        mainState.currentFrame = null;
        mainState.caught = null;
        mainState.heapLock = 0;
        interrupted = false;
        gilWanted = false;
        keyboardInterrupt = false;
        synchronized (scheduled) {
            scheduled.clear();
        }
        inScheduled = false;
        atexit = PyNone.NONE;
        heap.resetLock();
        synchronized (moduleStates) {
            // a module's state that holds resources (open sockets) lets them go, as a reset board does
            for (Object state : moduleStates.values()) {
                if (state instanceof AutoCloseable c) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        // a resource that fails to close is gone all the same
                    }
                }
            }
            moduleStates.clear();
            collectHooks.clear();
        }
        fileAccess = null;
        sysGlobals = null; // the next sys module made is this boot's
        interruptChar = 3; // a soft reset gives Ctrl-C back, as firmware does
        cwd = root;
    }

    // ---- running ------------------------------------------------------------------------------

    /**
     * Runs a compiled module as {@code __main__}. An uncaught exception is printed to stderr
     * as MicroPython prints it, and the result is 1 (SystemExit: its code); otherwise 0.
     */
    public int runMain(MpyFile file) {
        return onVmThread(() -> {
            int status;
            try {
                PyModule m = new PyModule("__main__");
                m.globals.put("__file__", file.sourceFile());
                mainModule = m;
                execModule(file, m);
                status = 0;
            } catch (PyError e) {
                status = report(e.exc);
            } catch (OutOfMemoryError e) {
                status = report(new PyException(Types.MEMORY_ERROR, "memory allocation failed"));
            }
            runAtexit();
            stopThreads();
            return status;
        });
    }

    /**
     * Runs MODULE as the unix port's -m does: imported from sys.path (its packages first),
     * the module itself as __main__ (a package: its __main__ submodule). Returns the exit
     * status as {@link #runMain} does.
     */
    public int runModuleAsMain(String module) {
        return onVmThread(() -> {
            int status;
            try {
                importer.importMain(module);
                status = 0;
            } catch (PyError e) {
                status = report(e.exc);
            } catch (OutOfMemoryError e) {
                status = report(new PyException(Types.MEMORY_ERROR, "memory allocation failed"));
            }
            runAtexit();
            stopThreads();
            return status;
        });
    }

    /** The function sys.atexit() registered, or None. */
    Object atexit = PyNone.NONE;

    /** Calls the sys.atexit() function once, as the unix port does when the main program ends. */
    private void runAtexit() {
        Object fn = atexit;
        atexit = PyNone.NONE;
        if (fn != PyNone.NONE) {
            try {
                Ops.call(fn);
            } catch (PyError e) {
                report(e.exc);
            }
        }
    }

    /**
     * Runs a .mpy file (or a .py file, with a compiler set) as {@code __main__}; sets
     * {@code sys.argv[0]} when argv is empty. Returns the exit status as {@link #runMain} does.
     */
    public int runMainFile(Path file) throws java.io.IOException {
        if (argv.items.isEmpty()) {
            argv.items.add(file.toString());
        }
        byte[] data = java.nio.file.Files.readAllBytes(file);
        MpyFile mf;
        if (file.toString().endsWith(".py")) {
            try {
                mf = onVmThread(() -> compile(new String(data, StandardCharsets.UTF_8), file.toString(),
                        SourceCompiler.Mode.FILE));
            } catch (PyError e) {
                return report(e.exc);
            }
        } else {
            try {
                mf = dev.mpt.bytecode.MpyReader.read(data);
            } catch (dev.mpt.bytecode.MpyFormatException e) {
                return report(new PyException(Types.VALUE_ERROR, "incompatible .mpy file"));
            }
        }
        return runMain(mf);
    }

    /** Runs a compiled module under the given name and returns it; exceptions propagate as PyError. */
    public PyModule run(MpyFile file, String moduleName) {
        return onVmThread(() -> {
            PyModule m = new PyModule(moduleName);
            if (moduleName.equals("__main__")) {
                mainModule = m;
            } else {
                sysModules.put(moduleName, m);
            }
            execModule(file, m);
            return m;
        });
    }

    /**
     * Runs task on a VM thread (this VM's stack size), as runMain and runIn run code: a caller
     * that runs many small pieces of code in a row (a REPL) makes one thread for all of them.
     */
    public void runOnVmThread(Runnable task) {
        onVmThread(() -> {
            task.run();
            return null;
        });
    }

    /** Whether this is a VM thread: its stack is this VM's (1 GB), so deep code can run on it. */
    public static boolean isVmThread() {
        return Thread.currentThread() instanceof Heap.VmThread;
    }

    /**
     * A thread with a VM thread's stack, on which VMs run their code in turn, each as on a
     * thread of its own (runMain, runIn... run on it directly): a host that runs many
     * programs one after the other (a warm VM) spares the start of a thread for each, and
     * compiles on it too (see {@link #isVmThread}). One VM's code at a time: a VM whose
     * code already runs on another thread starts a thread of its own as before.
     */
    public static Thread carrierThread(Runnable task, String name) {
        return new Heap.VmThread(task, name, STACK_SIZE);
    }

    /** Runs code in an existing module's globals (a REPL line, a raw-REPL paste). */
    public void runIn(MpyFile file, PyModule module) {
        onVmThread(() -> {
            execModule(file, module);
            return null;
        });
    }

    /** The exit status for an uncaught exception, after printing it (SystemExit prints nothing). */
    int report(PyException exc) {
        if (exc.isInstance(Types.SYSTEM_EXIT)) {
            Object code = exc.value();
            if (code == PyNone.NONE) {
                return 0;
            }
            if (Ops.isInt(code)) {
                return (int) Ops.toLong(code);
            }
            stderr.print(Ops.str(code) + "\n");
            stderr.flush();
            return 1;
        }
        stdout.flush();
        stderr.print(formatException(exc));
        stderr.flush();
        return 1;
    }

    /** The traceback and message MicroPython prints for an uncaught exception. */
    public static String formatException(PyException exc) {
        StringBuilder sb = new StringBuilder();
        if (!exc.traceback.isEmpty()) {
            sb.append("Traceback (most recent call last):\n");
            for (int i = exc.traceback.size() - 1; i >= 0; i--) {
                PyException.TracebackEntry e = exc.traceback.get(i);
                sb.append("  File \"").append(e.file()).append("\", line ").append(e.line());
                if (e.block() != null) {
                    sb.append(", in ").append(e.block());
                }
                sb.append('\n');
            }
        }
        sb.append(exceptionLine(exc)).append('\n');
        return sb.toString();
    }

    static String exceptionLine(PyException exc) {
        String msg;
        try {
            msg = Ops.str(exc);
        } catch (PyError e) {
            msg = "";
        }
        return exc.type().name + ": " + msg;
    }

    @FunctionalInterface
    interface VmTask<T> {
        T run();
    }

    private <T> T onVmThread(VmTask<T> task) {
        if (Thread.currentThread() instanceof Heap.VmThread vt) {
            if (vt.vm == null && stackSize == STACK_SIZE) { // (a carrier between two VMs' code)
                return onCarrier(vt, task);
            }
            return task.run();
        }
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        heap.startRun();
        Thread t = new Heap.VmThread(this, mainState, () -> {
            try {
                result.set(holdingGil(task));
            } catch (Throwable x) {
                failure.set(x);
            }
        }, stackSize);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            interrupt();
            Thread.currentThread().interrupt();
            try {
                t.join();
            } catch (InterruptedException ignored) {
                // already interrupting
            }
        }
        Throwable x = failure.get();
        if (x instanceof RuntimeException r) {
            throw r;
        } else if (x instanceof Error err) {
            throw err;
        }
        stdout.flush();
        return result.get();
    }

    /** The task with the interpreter lock, as the main thread holds it. */
    private <T> T holdingGil(VmTask<T> task) {
        gilEnter(mainState);
        try {
            return task.run();
        } finally {
            gilExit();
        }
    }

    /** onVmThread on a carrier thread that runs no VM's code now: as on a thread of this VM's own. */
    private <T> T onCarrier(Heap.VmThread vt, VmTask<T> task) {
        heap.startRun();
        vt.vm = this;
        T result;
        try {
            result = holdingGil(task);
        } finally {
            vt.vm = null;
            // nothing of this VM's code reaches the next's: an interrupt, what the thread kept
            Thread.interrupted();
            Repr.forgetThread();
            Ops.LAST_STOP.remove();
        }
        stdout.flush();
        return result;
    }

    void execModule(MpyFile file, PyModule m) {
        execModule(file, m, null);
    }

    /** As above; constants (may be null) is given the module's constant objects before it runs. */
    void execModule(MpyFile file, PyModule m, java.util.function.Consumer<Object[]> constants) {
        ModuleContext ctx = new ModuleContext(this, file, m);
        if (constants != null) {
            constants.accept(ctx.constants);
        }
        if (!(file.root() instanceof RawCode.Bytecode b)) {
            throw Ops.valueError("incompatible .mpy file");
        }
        PyFunction.CodeUnit cu = new PyFunction.CodeUnit(b, ctx);
        PyFunction fn = new PyFunction(cu, ctx, new Object[0], null, new Object[0]);
        Frame fr = new Frame(fn, m.globals, m.globals);
        ThreadState t = ts;
        if (++t.depth > maxDepth) {
            t.depth--;
            throw Ops.error(Types.RUNTIME_ERROR, "maximum recursion depth exceeded");
        }
        try {
            Interp.execute(fr, null);
        } finally {
            t.depth--;
        }
    }

    /** Evaluates compiled code with the given globals and locals; returns the code's result. */
    Object execCode(MpyFile file, Map<String, Object> globals, Map<String, Object> locals) {
        Object name = globals.getOrDefault("__name__", "__main__");
        PyModule m = new PyModule(Ops.str(name), globals);
        ModuleContext ctx = new ModuleContext(this, file, m);
        PyFunction.CodeUnit cu = new PyFunction.CodeUnit((RawCode.Bytecode) file.root(), ctx);
        PyFunction fn = new PyFunction(cu, ctx, new Object[0], null, new Object[0]);
        Frame fr = new Frame(fn, globals, locals);
        Interp.execute(fr, null);
        return fr.result;
    }

    MpyFile compile(String src, String file, SourceCompiler.Mode mode) {
        if (compiler == null) {
            throw Ops.error(Types.NOT_IMPLEMENTED_ERROR, "compiler not available");
        }
        try {
            return optLevel == 0 ? compiler.compile(src, file, mode) : compiler.compile(src, file, mode, optLevel);
        } catch (SourceCompiler.CompileError e) {
            PyType t = Types.EXCEPTIONS.getOrDefault(e.kind, Types.SYNTAX_ERROR);
            PyError error = Ops.error(t, e.getMessage());
            // the compiler's own line comes innermost, below the frames the error passes through
            if (e.line >= 0) {
                error.exc.traceback.add(new PyException.TracebackEntry(e.file, e.line, e.block));
            }
            throw error;
        }
    }

    /** exec(src, globals, locals) and eval(...). */
    Object execSource(Object[] a, boolean eval) {
        Object code = a[0];
        Map<String, Object> globals = currentGlobals();
        Map<String, Object> locals = null;
        if (a.length > 1 && a[1] instanceof PyDict g) {
            globals = new DictBackedMap(g);
        } else if (a.length > 1 && a[1] != PyNone.NONE) {
            throw Ops.typeError("globals must be a dict");
        }
        if (a.length > 2 && a[2] instanceof PyDict l) {
            locals = new DictBackedMap(l);
        } else if (a.length > 2 && a[2] != PyNone.NONE) {
            throw Ops.typeError("locals must be a dict");
        }
        MpyFile mf;
        if (code instanceof PyCode cc) {
            mf = cc.file;
        } else {
            String src = code instanceof String s ? s : Strs.fromLatin1(Ops.bytesOf(code));
            mf = compile(src, "<string>", eval ? SourceCompiler.Mode.EVAL : SourceCompiler.Mode.FILE);
        }
        Object r = execCode(mf, globals, locals == null ? globals : locals);
        return eval ? r : PyNone.NONE;
    }

    Object compileSource(Object[] a) {
        String src = Ops.str(a[0]);
        String file = Ops.str(a[1]);
        String mode = Ops.str(a[2]);
        if (!mode.equals("eval") && !mode.equals("single") && !mode.equals("exec")) {
            throw Ops.valueError("bad compile mode");
        }
        SourceCompiler.Mode m = mode.equals("eval") ? SourceCompiler.Mode.EVAL
                : mode.equals("single") ? SourceCompiler.Mode.SINGLE : SourceCompiler.Mode.FILE;
        return new PyCode(compile(src, file, m), this);
    }

    // ---- threads ------------------------------------------------------------------------------

    /** The main thread's state, for the VM's life. */
    final ThreadState mainState = new ThreadState(true, ModThread.newIdent(), 0);
    /** The state of the thread that holds {@link #gil} (the main thread's until another runs). */
    ThreadState ts = mainState;
    /** The global interpreter lock: only its holder runs Python code or touches the VM's objects. */
    final Gil gil = new Gil();
    /** Set by a thread waiting for the lock: the holder gives it up at its next check. */
    volatile boolean gilWanted;
    /** A busy thread's turn: how long a thread that gave the lock up waits before it asks for it back (and how often a waiter asks again). */
    static final long GIL_SWITCH_NANOS = 2_000_000L;
    /** Which program's threads may run: bumped when a program ends or the VM is reset, which stops the older threads. */
    volatile int threadGeneration;
    /** The threads _thread started that have not ended. */
    final java.util.Set<Heap.VmThread> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Takes the global interpreter lock for a thread (MP_THREAD_GIL_ENTER). A thread whose
     * program has ended ({@link #stopThreads}) gets {@link ThreadStop} instead.
     */
    void gilEnter(ThreadState s) {
        gilEnter(s, 0);
    }

    /**
     * {@link #gilEnter(ThreadState)}, asking the holder for the lock once this thread has
     * waited {@code patienceNanos}, and again each {@link #GIL_SWITCH_NANOS} after that.
     */
    private void gilEnter(ThreadState s, long patienceNanos) {
        if (!gil.tryEnter()) {
            gil.enter(patienceNanos, GIL_SWITCH_NANOS, () -> {
                if (!s.main && s.generation != threadGeneration) {
                    throw new ThreadStop();
                }
                gilWanted = true;
                interrupted = true;
            });
        }
        ts = s;
        heap.switchLockDepth(s.heapLock);
        if (!s.main && s.generation != threadGeneration) {
            gilExit();
            throw new ThreadStop();
        }
    }

    /** Gives the global interpreter lock up (MP_THREAD_GIL_EXIT); the caller holds it. */
    void gilExit() {
        ts.heapLock = heap.lockDepth();
        gil.exit();
    }

    /** Lets the threads waiting for the global interpreter lock run, then takes it back (a sleep of no time). */
    public void yieldToThreads() {
        yieldGil();
    }

    /**
     * Lets the threads waiting for the global interpreter lock run (it goes to them in turn),
     * then takes it back: a thread coming back from a blocking call asks for the lock at once,
     * one that gave it up here waits its turn for {@link #GIL_SWITCH_NANOS} first, so that two
     * busy threads take turns of that length.
     */
    private void yieldGil() {
        if (gil.isHeldByCurrentThread() && gil.hasWaiters()) {
            ThreadState me = ts;
            gilExit();
            gilEnter(me, GIL_SWITCH_NANOS);
        }
    }

    /**
     * Gives the global interpreter lock up around a blocking call (a sleep, a wait for a lock,
     * for input, a socket or a poll), so that other threads run meanwhile: call
     * {@link #blockingEnd} with what this returns when the call is over, in a finally block.
     * Python objects must not be touched in between. Returns null (and does nothing) on a
     * thread that does not hold the lock.
     */
    public Object blockingStart() {
        if (!gil.isHeldByCurrentThread()) {
            return null;
        }
        ThreadState me = ts;
        gilExit();
        return me;
    }

    /** Takes the global interpreter lock back after {@link #blockingStart}. */
    public void blockingEnd(Object token) {
        if (token instanceof ThreadState me) {
            gilEnter(me);
        }
    }

    /**
     * Ends the threads of the program that ran so far, as the unix port cancels them when its
     * main program ends and a board's soft reset does: a thread stops at its next check or
     * when it next takes the global interpreter lock, and one in a sleep or a wait is woken
     * for it. Waits a little for them to go.
     */
    public void stopThreads() {
        if (threads.isEmpty()) {
            return;
        }
        threadGeneration++;
        interrupted = true;
        for (Thread t : threads) {
            t.interrupt();
        }
        // (a stopping thread leaves without the lock, so the caller may hold it meanwhile)
        long deadline = System.nanoTime() + 500_000_000L;
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                t.join(Math.max(1, left / 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    /**
     * Waits about this long with the global interpreter lock given up, for the polling loops of
     * blocking calls (select, poll, asyncio's wait): an interrupt of the main thread's JVM
     * thread becomes Ctrl-C; another thread's (a stop) is left to its next check.
     */
    public void pauseNanos(long nanos) {
        Object gil = blockingStart();
        boolean woken;
        try {
            java.util.concurrent.locks.LockSupport.parkNanos(nanos);
            woken = Thread.interrupted();
        } finally {
            blockingEnd(gil);
        }
        if (woken && ts.main) {
            interrupt();
        }
    }

    /** Whether the calling thread (holding the global interpreter lock) is the VM's main thread. */
    public boolean isMainThread() {
        return ts.main;
    }

    /** Thrown on a thread whose program has ended: unwinds it without running Python handlers. */
    static final class ThreadStop extends Error {
        ThreadStop() {
            super("thread stopped", null, false, false);
        }
    }

    // ---- state used by builtins ---------------------------------------------------------------

    /**
     * What Python code stores into the builtins module (MicroPython's
     * MICROPY_CAN_OVERRIDE_BUILTINS override dict): a name is looked up here before the
     * built-in table, which stays as it is (builtins.len, dir(builtins) and
     * builtins.__dict__ show the built-in ones); null until the first store or delete.
     */
    PyDict builtinsOverride;

    /** The errno of the last OSError the VM raised (the unix port's os.errno()). */
    public int errno;

    /** The __import__ Python code put in builtins, or null (import statements then call it). */
    Object importOverride() {
        return builtinsOverride == null ? null : builtinsOverride.get("__import__");
    }

    Object builtin(String name) {
        if (builtinsOverride != null) {
            Object o = builtinsOverride.get(name);
            if (o != null) {
                return o;
            }
        }
        Object v = builtins.get(name);
        if (v == null) {
            throw Interp.nameError(name);
        }
        return v;
    }

    Map<String, Object> currentGlobals() {
        Frame f = ts.currentFrame;
        if (f == null) {
            return mainModule != null ? mainModule.globals : new java.util.LinkedHashMap<>();
        }
        return f.globals;
    }

    Object globalsDict() {
        Map<String, Object> g = currentGlobals();
        return g instanceof DictBackedMap m ? m.dict : ObjDict.dictOf(g);
    }

    /** The exception being handled in the innermost frame that handles one, for sys.exc_info(). */
    PyException currentException() {
        return ts.caught;
    }

    /**
     * The check running code makes at every backward jump (the interpreter's, and any tier
     * that compiles bytecode): after Ctrl-C it raises KeyboardInterrupt (on the main thread),
     * runs a callback micropython.schedule() queued, gives the global interpreter lock to a
     * thread that has waited for it (MicroPython's MICROPY_PY_THREAD_GIL_VM_DIVISOR yield) and
     * ends a thread whose program has ended. One volatile read when there is nothing to do.
     */
    public static void handlePending(VM vm) {
        if (vm.interrupted) {
            vm.attention();
        }
    }

    /**
     * The JVM-bytecode tier for this VM: functions run compiled after this many calls plus
     * loop back-edges (0: from their first call); negative turns the tier off. The default
     * comes from env MPT_JIT or property mpt.jit (0/off, force, or a number).
     */
    public void setJitThreshold(int threshold) {
        jitThreshold = threshold < 0 ? Integer.MAX_VALUE : threshold;
    }

    /** How many functions this VM has run compiled so far. */
    public int jitCompiled() {
        return jitCompiled;
    }

    int jitCompiled;

    /** {@link #handlePending} for the loops of library modules (sleeps, polls, waits). */
    public void checkInterrupt() {
        if (interrupted) {
            attention();
        }
    }

    /**
     * For the loops inside builtins: raises KeyboardInterrupt after Ctrl-C, while scheduled
     * callbacks wait for the bytecode loop (they run between bytecodes, as in MicroPython).
     */
    void checkKeyboardInterrupt() {
        if (keyboardInterrupt && ts.main) {
            keyboardInterrupt = false;
            interrupted = hasScheduled();
            throw new PyError(new PyException(Types.KEYBOARD_INTERRUPT, PyTuple.EMPTY));
        }
    }

    private void attention() {
        interrupted = false;
        if (gilWanted) {
            gilWanted = false;
            yieldGil();
        }
        ThreadState me = ts;
        if (!me.main && me.generation != threadGeneration) {
            throw new ThreadStop();
        }
        checkKeyboardInterrupt();
        if (inScheduled || !hasScheduled()) {
            if (keyboardInterrupt) {
                interrupted = true; // for the main thread, when it runs next
            }
            return;
        }
        inScheduled = true;
        try {
            // at most one callback per check, as MicroPython's scheduler runs them: a callback
            // that schedules itself again then runs at the next check, not in a loop here
            Object[] call;
            synchronized (scheduled) {
                call = scheduled.poll();
            }
            if (call != null) {
                Ops.call(call[0], call[1]);
            }
        } finally {
            inScheduled = false;
            if (hasScheduled() || keyboardInterrupt || gilWanted) {
                interrupted = true;
            }
        }
    }

    /**
     * Whether something waits for the bytecode loop's next check: a scheduled callback, or
     * Ctrl-C. Safe to call without the interpreter lock (a blocking call's wait does).
     */
    public boolean hasPendingWork() {
        return keyboardInterrupt || hasScheduled();
    }

    private boolean hasScheduled() {
        synchronized (scheduled) {
            return !scheduled.isEmpty();
        }
    }

    public void write(String s) {
        stdout.print(s);
    }

    public void writeErr(String s) {
        stderr.print(s);
        stderr.flush();
    }

    public void flush() {
        stdout.flush();
    }

    /** A line of stdin without its '\n' (decoded as UTF-8), or null at the end of input. */
    String readLine() {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        while (true) {
            int b = readByte();
            if (b < 0) {
                if (line.size() == 0) {
                    return null;
                }
                break;
            }
            if (b == '\n') {
                break;
            }
            line.write(b);
        }
        return new String(line.toByteArray(), StandardCharsets.UTF_8);
    }

    /** Whether input is waiting on stdin (what select.poll reports as POLLIN). */
    public boolean stdinReady() {
        try {
            return stdin.available() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** One byte of stdin (after flushing stdout, as a prompt must show first), or -1 at its end. */
    int readByte() {
        try {
            stdout.flush();
            Object gil = blockingStart();
            try {
                return stdin.read();
            } finally {
                blockingEnd(gil);
            }
        } catch (IOException e) {
            return -1;
        }
    }

    /** One character of stdin (a code point, decoded from UTF-8), or -1 at its end. */
    int readChar() {
        int b = readByte();
        if (b < 0x80) {
            return b;
        }
        int more = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : 0;
        int cp = b & (0x3f >> more);
        for (int i = 0; i < more; i++) {
            int c = readByte();
            if (c < 0) {
                break;
            }
            cp = (cp << 6) | (c & 0x3f);
        }
        return more == 0 ? 0xfffd : cp;
    }

    /** Bytes to stdout as they are (sys.stdout.buffer). */
    void writeBytes(byte[] b) {
        stdout.write(b, 0, b.length);
        stdout.flush();
    }

    /** Where sys.stdout.buffer writes when not to stdout; null for stdout. */
    private OutputStream stdoutBuffer;

    /**
     * Gives sys.stdout.buffer a stream of its own: firmware sends print() and sys.stdout
     * output cooked ("\n" as "\r\n") but the buffer's bytes as they are, so a board's
     * console passes its raw path here. Null (the default) writes them to stdout.
     */
    public void setStdoutBuffer(OutputStream out) {
        this.stdoutBuffer = out;
    }

    /** Bytes written to sys.stdout.buffer. */
    void writeBuffer(byte[] b) {
        if (stdoutBuffer == null) {
            writeBytes(b);
            return;
        }
        stdout.flush();
        try {
            stdoutBuffer.write(b, 0, b.length);
            stdoutBuffer.flush();
        } catch (IOException e) {
            throw Errno.oserror(5);
        }
    }

    void warning(String msg) {
        stderr.print("Warning: " + msg + "\n");
        stderr.flush();
    }

    // ---- files --------------------------------------------------------------------------------

    /**
     * The file a path names, inside the root: {@code ..} stops at the root, as it does at a
     * filesystem's top, and a path through a symbolic link that leads out of the root gives
     * null (the part of the path that exists is followed).
     */
    public Path resolve(String p) {
        java.util.ArrayList<String> parts = new java.util.ArrayList<>();
        if (!p.startsWith("/")) {
            for (Path part : root.relativize(cwd)) {
                if (!part.toString().isEmpty()) {
                    parts.add(part.toString());
                }
            }
        }
        for (String part : p.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(part);
            }
        }
        Path r = root;
        for (String part : parts) {
            r = r.resolve(part);
        }
        r = r.normalize();
        if (!r.startsWith(root)) {
            return null;
        }
        if (root.getParent() == null) {
            return r; // the whole host filesystem is the root: nothing to escape to
        }
        try {
            Path realRoot = root.toRealPath();
            Path existing = r;
            while (existing != null && !java.nio.file.Files.exists(existing, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                return null;
            }
            // a dangling link counts as leading out
            if (!java.nio.file.Files.exists(existing)) {
                return null;
            }
            return existing.toRealPath().startsWith(realRoot) ? r : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Where open() and import go (see {@link FileAccess}); the root directory until a mount table is installed. */
    public FileAccess fileAccess() {
        FileAccess f = fileAccess;
        return f != null ? f : FileAccess.root(this);
    }

    /** Installs the mount table open() and import go through, until the next soft reset. */
    public void setFileAccess(FileAccess access) {
        this.fileAccess = access;
    }

    private volatile FileAccess fileAccess;

    /** The files open in this VM, by descriptor. */
    final Io.Files files = new Io.Files();

    /** The board's hardware the embedder attaches (see {@link #hardware}). */
    private final Map<Class<?>, Object> hardware = new java.util.HashMap<>();

    /**
     * A piece of the board's hardware (a ROM partition, the real-time clock), made by
     * {@code make} on first use: unlike {@link #moduleState} it keeps its state across soft
     * resets, as hardware does.
     */
    public <T> T hardware(Class<T> key, java.util.function.Function<VM, T> make) {
        synchronized (hardware) {
            Object h = hardware.get(key);
            if (h == null) {
                h = make.apply(this);
                hardware.put(key, h);
            }
            return key.cast(h);
        }
    }

    /** How a path inside the root is shown to Python code (relative to the root, or absolute from it). */
    String display(Path p) {
        Path rel = cwd.relativize(p.normalize());
        String s = rel.toString();
        return s.isEmpty() ? "." : s;
    }

    public Path root() {
        return root;
    }

    /** A Map view onto a PyDict, for exec/eval with explicit globals. */
    static final class DictBackedMap extends java.util.AbstractMap<String, Object> {
        final PyDict dict;

        DictBackedMap(PyDict dict) {
            this.dict = dict;
        }

        @Override
        public Object get(Object key) {
            return dict.get(key);
        }

        @Override
        public Object put(String key, Object value) {
            Object old = dict.get(key);
            dict.put(key, value);
            return old;
        }

        @Override
        public Object remove(Object key) {
            return dict.remove(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return dict.get(key) != null;
        }

        @Override
        public Object getOrDefault(Object key, Object dflt) {
            Object v = dict.get(key);
            return v == null ? dflt : v;
        }

        @Override
        public Object putIfAbsent(String key, Object value) {
            Object v = dict.get(key);
            if (v == null) {
                dict.put(key, value);
            }
            return v;
        }

        @Override
        public int size() {
            return dict.size();
        }

        @Override
        public java.util.Set<Entry<String, Object>> entrySet() {
            java.util.Set<Entry<String, Object>> s = new java.util.LinkedHashSet<>();
            for (Object k : dict.keys()) {
                s.add(new java.util.AbstractMap.SimpleEntry<>(Ops.str(k), dict.get(k)));
            }
            return s;
        }
    }

}
