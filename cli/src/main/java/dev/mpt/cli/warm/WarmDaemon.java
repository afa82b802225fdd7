package dev.mpt.cli.warm;

import dev.mpt.vm.VM;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A warm mpt VM: a JVM that stays up between runs of {@code scripts/mpt-micropython} so that
 * a run does not pay for the JVM's start and the JIT's warm-up. The launchers' C client
 * ({@code cli/src/main/c/mpt-warm.c}) starts it, detached, the first time it finds none,
 * and talks to it over a Unix-domain socket in a directory only the user can enter.
 *
 * <pre>
 * java -cp mpt.jar dev.mpt.cli.warm.WarmDaemon DIR/KEY-SLOT.sock
 * </pre>
 *
 * <p>It serves one run at a time, each in a fresh {@link dev.mpt.vm.VM} ({@link WarmRun}):
 * the client's lock on the slot keeps others away, and runs at once use other slots, that
 * is other JVMs, so the heap limit of one run (measured on the JVM's heap) never counts
 * another's objects. It exits by itself after {@code MPT_WARM_IDLE} seconds without a run
 * (default {@link #DEFAULT_IDLE_SECONDS}), as soon as the jar it runs from changes, when its
 * socket is taken away, and after a run it could not end cleanly (the client went away, or
 * Ctrl-C with interrupts turned off, while the program still runs). {@code DIR/KEY-SLOT.vm}
 * is locked while it lives, so that two never serve one slot; it touches
 * {@code DIR/KEY-SLOT.sync} on each run to know that it has read every change to the
 * sources it watches ({@link SourceWatch}: a source newer than the jar sends the run back
 * to the launcher, which builds it).
 */
public final class WarmDaemon implements WarmRun.Host {
    static final long DEFAULT_IDLE_SECONDS = 300;
    private static final long WATCH_MILLIS = 250;
    /**
     * Runs between two measurements of {@link #heapBaseline}, unless the warm VM is idle for
     * {@link #COLLECT_IDLE_MILLIS} first: a full collection of a JVM full of compiled code
     * takes milliseconds, too many to spend on each run as a fresh JVM does. What the JVM
     * comes to hold for good in between (classes a program loaded first) counts against the
     * programs' heap limit, as it would in a fresh JVM.
     */
    private static final int COLLECT_EVERY = 256;
    /** How long the warm VM waits without a run before it warms the JIT up. */
    private static final long WARM_UP_IDLE_MILLIS = 300;
    private static final long COLLECT_IDLE_MILLIS = 1000;

    private final Path socket;
    private final Path jar;
    private final long idleMillis;
    private final Object lock = new Object();
    private boolean busy;
    private boolean closing;
    private long lastUsed = System.nanoTime();
    /** The JVM's used heap after a full collection: what no program holds (see {@link #collect}). */
    private volatile long heapBaseline;
    private volatile int runsSinceCollection;
    private Object socketKey;
    private String jarId;
    /** The file the source watches touch to know they read every event (see {@link SourceWatch}). */
    private final Path sync;
    /** The checkout first asked about (the launchers give one, the jar's own), watched for sources newer than the jar. */
    private SourceWatch checkout;
    private FileTime jarTime;
    /** Reads the client's frames during a run, a run at a time (a thread started once, not for each run). */
    private final ExecutorService reading = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "mpt-warm-client");
        t.setDaemon(true);
        return t;
    });

    private WarmDaemon(Path socket, Path jar, long idleMillis) {
        this.socket = socket;
        this.jar = jar;
        this.idleMillis = idleMillis;
        String name = socket.getFileName().toString();
        this.sync = socket.resolveSibling(name.substring(0, name.length() - ".sock".length()) + ".sync");
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !args[0].endsWith(".sock")) {
            System.err.println("usage: WarmDaemon DIR/KEY-SLOT.sock");
            System.exit(2);
        }
        Path socket = Path.of(args[0]).toAbsolutePath();
        if (!privateDirectory(socket.getParent())) {
            System.err.println("error: " + socket.getParent() + " is not a directory only this user can enter");
            System.exit(1);
        }
        String name = socket.getFileName().toString();
        Path vmLock = socket.resolveSibling(name.substring(0, name.length() - ".sock".length()) + ".vm");
        FileChannel lockFile = FileChannel.open(vmLock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = lockFile.tryLock();
        if (held == null) {
            System.exit(0); // another warm VM serves this slot (or is starting)
        }
        long idle = DEFAULT_IDLE_SECONDS;
        try {
            String v = System.getenv("MPT_WARM_IDLE");
            if (v != null && !v.isBlank()) {
                idle = Long.parseLong(v.strip());
            }
        } catch (NumberFormatException e) {
            // the default
        }
        WarmDaemon daemon = new WarmDaemon(socket, codeSource(), Math.max(1, idle) * 1000);
        daemon.jarId = daemon.jarIdentity();
        daemon.jarTime = Files.getLastModifiedTime(daemon.jar);
        daemon.collect();
        // runs one after another, each VM's code on this one thread, which compiles too: a
        // thread each for those two would take a fifth of a short run's time here
        Throwable[] failed = new Throwable[1];
        Thread carrier = VM.carrierThread(() -> {
            try {
                daemon.serve();
            } catch (Throwable e) {
                failed[0] = e;
            }
        }, "mpt-warm-serve");
        carrier.start();
        carrier.join();
        Objects.requireNonNull(held);
        if (failed[0] != null) {
            failed[0].printStackTrace();
            System.exit(1);
        }
    }

    /** A directory owned by this user that nobody else may enter (as the client makes it). */
    static boolean privateDirectory(Path dir) {
        try {
            PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            Set<PosixFilePermission> p = a.permissions();
            return a.isDirectory() && a.owner().getName().equals(System.getProperty("user.name"))
                    && !p.contains(PosixFilePermission.GROUP_READ) && !p.contains(PosixFilePermission.GROUP_WRITE)
                    && !p.contains(PosixFilePermission.GROUP_EXECUTE) && !p.contains(PosixFilePermission.OTHERS_READ)
                    && !p.contains(PosixFilePermission.OTHERS_WRITE) && !p.contains(PosixFilePermission.OTHERS_EXECUTE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private void serve() throws IOException {
        Files.deleteIfExists(socket); // a stale socket: its warm VM is gone (we hold the slot's lock)
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        socketKey = fileKey(socket);
        Runtime.getRuntime().addShutdownHook(new Thread(this::removeSocket, "mpt-warm-exit")); // on SIGTERM
        Thread watch = new Thread(this::watch, "mpt-warm-watch");
        watch.setDaemon(true);
        watch.start();
        // serve at once; the JIT's warm-up (WarmRun.warmUp) waits until no run has come for a
        // moment: run first, it would keep the first runs (run-tests -j2: 2 to 3 a slot) on
        // fresh JVMs for half a second more, and cost more CPU than it saves them
        server.configureBlocking(false);
        Selector accepting = Selector.open();
        server.register(accepting, SelectionKey.OP_ACCEPT);
        boolean warm = false;
        while (true) {
            if (accepting.select(warm ? 0 : WARM_UP_IDLE_MILLIS) == 0) {
                if (!warm) {
                    warmUpNow();
                    warm = true;
                }
                continue;
            }
            accepting.selectedKeys().clear();
            SocketChannel client = server.accept(); // (blocking, as accepted channels are)
            if (client == null) {
                continue;
            }
            synchronized (lock) {
                if (closing) {
                    client.close(); // the client runs the program in a fresh JVM
                    continue;
                }
                busy = true;
            }
            boolean clean = new WarmRun(client, this, heapBaseline).serve();
            if (!clean) {
                stopVm();
            }
            if (++runsSinceCollection >= COLLECT_EVERY) {
                collect();
            }
            synchronized (lock) {
                busy = false;
                lastUsed = System.nanoTime();
            }
        }
    }

    @Override
    public void reader(Runnable task) {
        reading.execute(task);
    }

    @Override
    public boolean sourcesNewer(Path root) {
        if (checkout == null) {
            checkout = new SourceWatch(root, jarTime, sync);
        }
        // (another checkout: looked through each time, as the client would)
        return checkout.root().equals(root) ? checkout.stale() : SourceWatch.walk(root, jarTime);
    }

    /** The warm-up, once the warm VM has been idle {@link #WARM_UP_IDLE_MILLIS}; a client that comes meanwhile waits. */
    private void warmUpNow() {
        synchronized (lock) {
            if (closing) {
                return;
            }
            busy = true;
        }
        WarmRun.warmUp();
        collect();
        synchronized (lock) {
            busy = false;
        }
    }

    /** Collects the heap and takes what the JVM holds then as the baseline of the next runs' heap limit. */
    private void collect() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        heapBaseline = rt.totalMemory() - rt.freeMemory();
        runsSinceCollection = 0;
    }

    /** Every {@link #WATCH_MILLIS}: exits when idle too long, when the jar changed, when the socket is not ours. */
    private void watch() {
        while (true) {
            try {
                Thread.sleep(WATCH_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            boolean stale = !Objects.equals(jarId, jarIdentity()) || !Objects.equals(socketKey, fileKey(socket));
            synchronized (lock) {
                if (!busy && !stale && runsSinceCollection > 0
                        && System.nanoTime() - lastUsed > COLLECT_IDLE_MILLIS * 1_000_000L) {
                    collect(); // (a client that comes now waits in the accept queue)
                }
                if (busy || !(stale || System.nanoTime() - lastUsed > idleMillis * 1_000_000L)) {
                    continue;
                }
                closing = true;
            }
            stopVm();
        }
    }

    /** Ends this JVM at once (a run still going on in it ends with it); the socket goes first. */
    @Override
    public void stopVm() {
        removeSocket();
        Runtime.getRuntime().halt(0);
    }

    private void removeSocket() {
        try {
            if (Objects.equals(socketKey, fileKey(socket))) {
                Files.deleteIfExists(socket);
                Files.deleteIfExists(sync);
            }
        } catch (IOException e) {
            // the next client finds nobody listening and starts another warm VM
        }
    }

    private String jarIdentity() {
        try {
            BasicFileAttributes a = Files.readAttributes(jar, BasicFileAttributes.class);
            return a.fileKey() + "/" + a.size() + "/" + a.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return "gone";
        }
    }

    private static Object fileKey(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** The jar this JVM runs from: the first entry of its class path (the launcher gives mpt.jar alone). */
    private static Path codeSource() {
        String cp = System.getProperty("java.class.path", "");
        int sep = cp.indexOf(java.io.File.pathSeparatorChar);
        return Path.of(sep < 0 ? cp : cp.substring(0, sep)).toAbsolutePath();
    }
}
