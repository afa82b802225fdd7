package dev.mpt.devicefs;

import dev.mpt.console.Progress;
import dev.mpt.protocol.LinkException;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * {@code mpt sync --watch}: after a sync, stays running and syncs each change to the local
 * tree as it is saved. Editors save in bursts (a temporary file, a rename, a backup), so a
 * change is synced once the tree has been quiet for a moment. Each change is planned against
 * what the last sync left on the board (no walk of the board's tree), so only the changed
 * files cross the link, verified as every copy is. When the board stops answering (a reset,
 * a cable pulled), the next change reconnects and plans against a fresh walk.
 */
public final class SyncWatch {
    /** Where the file operations come from, and how to start over after the board went away. */
    public interface Board {
        RemoteFs fs() throws IOException;

        /** Drops the connection; the next {@link #fs} opens a new one. */
        void reconnect();
    }

    /** The pause before a sync that failed because the board went away is tried again. */
    private static final Duration RETRY = Duration.ofSeconds(2);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Board board;
    private final Path localDir;
    private final String remoteDir;
    private final Sync.Options options;
    private final Consumer<String> log;
    private final Duration quiet;
    private List<RemoteFs.Node> onBoard;

    /**
     * @param onBoard what the sync just made left on the board ({@link Sync#apply}'s
     *                answer), which the first change is planned against (null: a walk of
     *                the board)
     * @param log   receives one line per file synced or deleted, and each error
     * @param quiet how long the tree must stay unchanged before a change is synced
     */
    public SyncWatch(Board board, Path localDir, String remoteDir, Sync.Options options,
            List<RemoteFs.Node> onBoard, Consumer<String> log, Duration quiet) {
        this.board = board;
        this.localDir = localDir;
        this.remoteDir = remoteDir;
        this.options = options;
        this.log = log;
        this.quiet = quiet;
        this.onBoard = onBoard;
    }

    /** Watches until {@code stop} says so (checked at least every 100 ms); returns normally then. */
    public void run(BooleanSupplier stop) throws IOException {
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            Map<WatchKey, Path> keys = new HashMap<>();
            register(watcher, keys);
            boolean pending = onBoard == null;
            long lastEvent = System.nanoTime();
            while (!stop.getAsBoolean()) {
                WatchKey key;
                try {
                    key = watcher.poll(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (ClosedWatchServiceException e) {
                    return;
                }
                if (key != null) {
                    key.pollEvents();
                    if (!key.reset()) {
                        keys.remove(key);
                    }
                    pending = true;
                    lastEvent = System.nanoTime();
                    continue;
                }
                if (pending && System.nanoTime() - lastEvent >= quiet.toNanos()) {
                    pending = !syncOnce();
                    // after a failure, try again once the board had time to come back
                    lastEvent = System.nanoTime() + (pending ? RETRY.toNanos() : 0);
                    register(watcher, keys); // directories made since
                }
            }
        }
    }

    /** Syncs what changed; false when it failed (and is to be tried again after a pause). */
    private boolean syncOnce() {
        try {
            RemoteFs fs = board.fs();
            Sync.Plan plan;
            if (onBoard == null) {
                plan = Sync.plan(fs, localDir, remoteDir, options);
            } else {
                plan = Sync.plan(localDir, remoteDir, onBoard,
                        IgnoreRules.forDirectory(localDir, Sync.DEFAULT_EXCLUDES, options.excludes()),
                        options.delete(), options.compileFor());
            }
            onBoard = null; // unknown until this sync is through
            List<RemoteFs.Node> after = plan.isEmpty() ? plan.after(Map.of()) : Sync.apply(plan, fs, Progress.NONE);
            String now = LocalTime.now().format(CLOCK);
            for (String d : plan.deletes()) {
                log.accept(now + " delete :" + d);
            }
            for (Sync.Copy c : plan.copies()) {
                log.accept(now + " copy   " + localDir.relativize(c.local()) + " -> :" + c.remote() + " ("
                        + c.size() + " bytes)");
            }
            onBoard = after;
            return true;
        } catch (IllegalArgumentException e) {
            log.accept("error: " + e.getMessage()); // a file that does not compile: wait for the next save
            return true;
        } catch (LinkException e) {
            log.accept("error: " + e.getMessage() + "; trying again");
            board.reconnect();
            return false;
        } catch (IOException e) {
            log.accept("error: " + e.getMessage()); // what the board said (a full disk): wait for the next change
            return true;
        }
    }

    /** Watches every directory of the tree that is not left out and not yet watched. */
    private void register(WatchService watcher, Map<WatchKey, Path> keys) throws IOException {
        IgnoreRules ignore = IgnoreRules.forDirectory(localDir, Sync.DEFAULT_EXCLUDES, options.excludes());
        java.util.Set<Path> watched = new java.util.HashSet<>(keys.values());
        Files.walkFileTree(localDir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(localDir)
                        && ignore.ignored(localDir.relativize(dir).toString().replace('\\', '/'), true)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (!watched.contains(dir)) {
                    keys.put(dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY), dir);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
