package dev.mpt.cli.warm;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Whether a checkout holds a source newer than the jar: the launcher's "build when the
 * sources changed", asked on every run. The client ({@code mpt-warm.c}, {@code stale_under})
 * answered it with a walk of the whole checkout, about 570 stat calls a run, a third of a
 * short warm run's time. A warm VM walks it once, watches the directories it walked (inotify,
 * through {@link WatchService}) and walks again only after something in them changed.
 *
 * <p>The sources, as the client counts them: {@code *.java}, {@code pom.xml} and every file
 * under a {@code main/resources} directory, not looking into {@code .git} at the top, any
 * {@code target}, or any {@code src/test}; symbolic links are not followed.
 *
 * <p>A source touched just before a run must be seen by that run. The JDK reads the
 * kernel's events on a thread of its own, which may not have read the last ones when the
 * request comes. So each question first touches a file of this warm VM's own in a watched
 * directory and waits for its event: the kernel queues one watcher's events in order, so
 * by then every change made before the question has been read. Without inotify, or when it
 * fails (too many watches, a lost event), each question walks the checkout as the client did.
 */
final class SourceWatch {
    /** How long the event of the touched file may take before the watch is given up for walks. */
    private static final long SYNC_MILLIS = 1000;

    /** A watched directory: where it is, and whether every file in it counts. */
    private record Dir(Path path, boolean top, boolean resources) {
    }

    private final Path root;
    private final FileTime jarTime;
    private final Path sync;
    private WatchService watcher;
    private WatchKey syncKey;
    private Map<WatchKey, Dir> dirs = new HashMap<>();
    /** Something changed since the last walk (or none was made yet). */
    private boolean dirty = true;
    private boolean stale;

    /**
     * root: the checkout; jarTime: the jar's modification time; sync: a file this warm VM
     * may touch, in a directory nobody else writes much to.
     */
    SourceWatch(Path root, FileTime jarTime, Path sync) {
        this.root = root;
        this.jarTime = jarTime;
        this.sync = sync;
        try {
            watcher = root.getFileSystem().newWatchService();
            syncKey = sync.getParent().register(watcher, ENTRY_CREATE, ENTRY_MODIFY);
        } catch (IOException | UnsupportedOperationException e) {
            giveUp();
        }
    }

    /** Whether a source under the root is newer than the jar now. */
    synchronized boolean stale() {
        if (watcher != null) {
            try {
                if (sync()) {
                    if (dirty) {
                        dirty = false;
                        stale = walkAndWatch();
                    }
                    return stale;
                }
            } catch (IOException | ClosedWatchServiceException e) {
                // as without a watch
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            giveUp();
        }
        return walk(root, true, false, null);
    }

    Path root() {
        return root;
    }

    /** Whether a source under root is newer than the jar, looked for once, without a watch. */
    static boolean walk(Path root, FileTime jarTime) {
        return new SourceWatch(root, jarTime).walk(root, true, false, null);
    }

    private SourceWatch(Path root, FileTime jarTime) {
        this.root = root;
        this.jarTime = jarTime;
        this.sync = null;
    }

    private void giveUp() {
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException e) {
                // closed as far as it goes
            }
        }
        watcher = null;
        dirs = Map.of();
    }

    /**
     * Touches the sync file and reads events until its own comes; false when it does not
     * come in time. Marks the walk's answer dirty when an event may change it.
     */
    private boolean sync() throws IOException, InterruptedException {
        try {
            Files.setLastModifiedTime(sync, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (NoSuchFileException e) {
            Files.write(sync, new byte[0]); // (removed by someone: its creation is the event)
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SYNC_MILLIS);
        while (true) {
            WatchKey key = watcher.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (key == null) {
                return false;
            }
            boolean synced = false;
            for (WatchEvent<?> e : key.pollEvents()) {
                if (e.kind() == OVERFLOW) {
                    return false; // events were lost, maybe the sync file's own
                }
                if (key == syncKey) {
                    synced |= sync.getFileName().equals(e.context());
                } else {
                    changed(key, e);
                }
            }
            if (!key.reset()) {
                if (key == syncKey) {
                    return false;
                }
                dirty = true; // a watched directory is gone
            }
            if (synced) {
                return true;
            }
        }
    }

    /** Whether an event in a watched directory may change the answer. */
    private void changed(WatchKey key, WatchEvent<?> e) {
        Dir d = dirs.get(key);
        if (d == null || !(e.context() instanceof Path name)) {
            return; // a directory no longer watched
        }
        String n = name.toString();
        if (skipped(d.path(), d.top(), n)) {
            return;
        }
        if (d.resources() || source(n)) {
            dirty = true;
        } else if (e.kind() == ENTRY_CREATE) {
            dirty |= Files.isDirectory(d.path().resolve(name), LinkOption.NOFOLLOW_LINKS); // new, to watch
        } else if (e.kind() == ENTRY_DELETE) {
            Path gone = d.path().resolve(name);
            dirty |= dirs.values().stream().anyMatch(w -> w.path().equals(gone)); // a watched directory moved away
        }
    }

    /** Walks the checkout, watching every directory it enters (and no other); whether a source is newer. */
    private boolean walkAndWatch() throws IOException {
        Map<WatchKey, Dir> now = new HashMap<>();
        boolean found;
        try {
            found = walk(root, true, false, now);
        } catch (WatchFailed e) {
            throw (IOException) e.getCause();
        }
        for (WatchKey k : dirs.keySet()) {
            if (!now.containsKey(k)) {
                k.cancel();
            }
        }
        dirs = now;
        return found;
    }

    /**
     * Whether a source under dir is newer than the jar. With register (a walk that watches)
     * it goes through the whole tree, watching each directory before it reads it, so that
     * what comes in meanwhile has an event; without, it stops at the first.
     */
    private boolean walk(Path dir, boolean top, boolean resources, Map<WatchKey, Dir> register) {
        try {
            if (!Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isDirectory()) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        if (register != null) {
            try {
                register.put(dir.register(watcher, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY),
                        new Dir(dir, top, resources));
            } catch (IOException e) {
                throw new WatchFailed(e); // (the limit of watches, most likely): walks from now on
            }
        }
        boolean found = false;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (found && register == null) {
                    break;
                }
                String n = p.getFileName().toString();
                if (skipped(dir, top, n)) {
                    continue;
                }
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    continue;
                }
                if (a.isDirectory()) {
                    // (main/resources: a little wider than the launcher's src/main/resources, never narrower)
                    boolean res = resources || (!top && n.equals("resources") && name(dir).equals("main"));
                    found |= walk(p, false, res, register);
                } else if (a.isRegularFile() && (resources || source(n))) {
                    found |= a.lastModifiedTime().compareTo(jarTime) > 0;
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // as the client: what cannot be read does not count
        }
        return found;
    }

    private static boolean skipped(Path dir, boolean top, String n) {
        return n.equals("target") || (top && n.equals(".git")) || (!top && n.equals("test") && name(dir).equals("src"));
    }

    private static boolean source(String n) {
        return n.equals("pom.xml") || (n.length() > 5 && n.endsWith(".java"));
    }

    private static String name(Path p) {
        Path f = p.getFileName();
        return f == null ? "" : f.toString();
    }

    /** Watching a directory failed: the walks go on without a watch. */
    private static final class WatchFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WatchFailed(IOException cause) {
            super(cause);
        }
    }
}
