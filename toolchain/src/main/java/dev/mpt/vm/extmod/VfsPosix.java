package dev.mpt.vm.extmod;

import dev.mpt.vm.BuiltinTypes;
import dev.mpt.vm.Errno;
import dev.mpt.vm.FileAccess;
import dev.mpt.vm.Io;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyBytes;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyInstance;
import dev.mpt.vm.PyIter;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyObject;
import dev.mpt.vm.PyTuple;
import dev.mpt.vm.PyType;
import dev.mpt.vm.Types;
import dev.mpt.vm.VM;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * vfs.VfsPosix: a directory of the host as a filesystem, as MicroPython's extmod/vfs_posix.c.
 * The host here is the VM's root directory (the whole host for the unix-port stand-in, the
 * flash directory for the virtual board): host paths starting with {@code /} are taken from
 * it, others from the VM's working directory, and nothing reaches outside it. A VfsPosix made
 * with a root puts that root before the absolute paths it is given; relative paths go to the
 * working directory unchanged, as in MicroPython (so the working directory belongs inside the
 * root when one is mounted). chdir moves the VM's one working directory.
 */
final class VfsPosix implements PyObject {
    final PyType type;
    final VM vm;
    /** The root as a host path ending in "/", or "" for none. */
    final String root;
    boolean readonly;

    VfsPosix(PyType type, VM vm, String root) {
        this.type = type;
        this.vm = vm;
        this.root = root;
    }

    @Override
    public PyType type() {
        return type;
    }

    // ---- host paths ---------------------------------------------------------------------------

    /** The host's working directory as a path string ("/" for the VM's root). */
    static String hostCwd(VM vm) {
        if (!Files.isDirectory(vm.cwd)) {
            throw Errno.oserror(2);
        }
        String rel = vm.root().relativize(vm.cwd).toString().replace('\\', '/');
        return "/" + rel;
    }

    /** The host path a path given to this filesystem names. */
    private String hostPath(String path) {
        if (root.isEmpty() || !path.startsWith("/")) {
            return path;
        }
        return root.substring(0, root.length() - 1) + path;
    }

    private Path file(Object pathIn) {
        String p = hostPath(Vfs.pathText(pathIn));
        Path f = vm.resolve(p.isEmpty() ? "." : p);
        if (f == null) {
            throw Errno.oserror(2);
        }
        return f;
    }

    private void requireWritable() {
        if (readonly) {
            throw Errno.oserror(30); // EROFS
        }
    }

    /** The OSError a failed host call becomes. */
    static PyError error(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return Errno.oserror(2);
        } else if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return Errno.oserror(17);
        } else if (e instanceof java.nio.file.DirectoryNotEmptyException) {
            return Errno.oserror(39);
        } else if (e instanceof java.nio.file.NotDirectoryException) {
            return Errno.oserror(20);
        } else if (e instanceof java.nio.file.AccessDeniedException) {
            return Errno.oserror(13);
        }
        return Errno.oserror(5);
    }

    FileAccess.Kind importStat(String path) {
        String p = root.isEmpty() ? path : root + (path.startsWith("/") ? path.substring(1) : path);
        Path f = vm.resolve(p.isEmpty() ? "." : p);
        if (f == null) {
            return FileAccess.Kind.NONE;
        }
        return Files.isDirectory(f) ? FileAccess.Kind.DIR
                : Files.isRegularFile(f) ? FileAccess.Kind.FILE : FileAccess.Kind.NONE;
    }

    // ---- the VFS methods ----------------------------------------------------------------------

    Object open(Object path, String mode) {
        if (readonly && (mode.contains("w") || mode.contains("a") || mode.contains("+"))) {
            throw Errno.oserror(30);
        }
        if (path instanceof Long fd) {
            return Io.openFd(vm, fd, mode);
        }
        return Io.openFile(vm, file(path), mode);
    }

    Object chdir(Object path) {
        Path d = file(path);
        if (!Files.exists(d)) {
            throw Errno.oserror(2);
        }
        if (!Files.isDirectory(d)) {
            throw Errno.oserror(20);
        }
        vm.cwd = d;
        return PyNone.NONE;
    }

    Object getcwd() {
        String cwd = hostCwd(vm);
        if (!root.isEmpty()) {
            // the host path with the root (less its final '/') taken off
            String r = root.substring(0, root.length() - 1);
            cwd = cwd.startsWith(r) ? cwd.substring(r.length()) : cwd;
        }
        return cwd;
    }

    Object ilistdir(Object path) {
        Path d = file(path);
        if (!Files.exists(d)) {
            throw Errno.oserror(2);
        }
        if (!Files.isDirectory(d)) {
            throw Errno.oserror(20);
        }
        boolean bytes = path instanceof PyBytes;
        List<Path> entries;
        try (var st = Files.list(d)) {
            // the host's directory order, as readdir gives it; a board lists by name, the same
            // on every host (as littlefs keeps its directories)
            entries = vm.board ? st.sorted().toList() : st.toList();
        } catch (IOException e) {
            throw error(e);
        }
        java.util.Iterator<Path> it = entries.iterator();
        return new PyIter() {
            @Override
            public Object next() {
                if (!it.hasNext()) {
                    return null;
                }
                Path e = it.next();
                String name = e.getFileName().toString();
                Object n = bytes ? new PyBytes(name.getBytes(StandardCharsets.UTF_8)) : name;
                return PyTuple.of(n, typeBits(e), inode(e));
            }
        };
    }

    private static long typeBits(Path e) {
        if (Files.isSymbolicLink(e)) {
            return 0xA000L;
        }
        return Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS) ? Vfs.S_IFDIR
                : Files.isRegularFile(e, LinkOption.NOFOLLOW_LINKS) ? Vfs.S_IFREG : 0L;
    }

    private long inode(Path e) {
        if (vm.board) {
            return 0L;
        }
        try {
            return ((Number) Files.getAttribute(e, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException x) {
            return 0L;
        }
    }

    Object mkdir(Object path) {
        requireWritable();
        Path d = file(path);
        if (Files.exists(d, LinkOption.NOFOLLOW_LINKS)) {
            throw Errno.oserror(17);
        }
        try {
            Files.createDirectory(d);
        } catch (IOException e) {
            throw error(e);
        }
        return PyNone.NONE;
    }

    Object remove(Object path) {
        requireWritable();
        Path f = file(path);
        if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
            throw Errno.oserror(2);
        }
        if (Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) {
            throw Errno.oserror(21); // EISDIR, as unlink() on Linux
        }
        try {
            Files.delete(f);
        } catch (IOException e) {
            throw error(e);
        }
        return PyNone.NONE;
    }

    Object rmdir(Object path) {
        requireWritable();
        Path d = file(path);
        if (!Files.exists(d, LinkOption.NOFOLLOW_LINKS)) {
            throw Errno.oserror(2);
        }
        if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
            throw Errno.oserror(20);
        }
        if (d.equals(vm.root())) {
            throw Errno.oserror(16); // EBUSY
        }
        try {
            Files.delete(d);
        } catch (IOException e) {
            throw error(e);
        }
        return PyNone.NONE;
    }

    Object rename(Object from, Object to) {
        requireWritable();
        Path a = file(from);
        Path b = file(to);
        if (!Files.exists(a, LinkOption.NOFOLLOW_LINKS)) {
            throw Errno.oserror(2);
        }
        try {
            if (Files.isDirectory(b, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(a, LinkOption.NOFOLLOW_LINKS)) {
                throw Errno.oserror(21);
            }
            Files.move(a, b, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw error(e);
        }
        return PyNone.NONE;
    }

    Object stat(Object path) {
        Path f = file(path);
        if (!Files.exists(f)) {
            throw Errno.oserror(2);
        }
        boolean dir = Files.isDirectory(f);
        long size = 0;
        long atime = 0;
        long mtime = 0;
        long ctime = 0;
        try {
            java.nio.file.attribute.BasicFileAttributes at = Files.readAttributes(f,
                    java.nio.file.attribute.BasicFileAttributes.class);
            size = dir ? (vm.board ? 0 : at.size()) : at.size();
            mtime = at.lastModifiedTime().toMillis() / 1000;
            atime = vm.board ? mtime : at.lastAccessTime().toMillis() / 1000;
            ctime = mtime;
        } catch (IOException e) {
            throw error(e);
        }
        if (vm.board) {
            // as a board's own filesystem answers: the type bits, the size and one time
            return PyTuple.of((long) (dir ? Vfs.S_IFDIR : Vfs.S_IFREG), 0L, 0L, 0L, 0L, 0L, size, mtime, mtime, mtime);
        }
        try {
            java.util.Map<String, Object> attrs = Files.readAttributes(f, "unix:mode,ino,dev,nlink,uid,gid,ctime");
            ctime = ((java.nio.file.attribute.FileTime) attrs.get("ctime")).toMillis() / 1000;
            return PyTuple.of(num(attrs.get("mode")), num(attrs.get("ino")), num(attrs.get("dev")),
                    num(attrs.get("nlink")), num(attrs.get("uid")), num(attrs.get("gid")), size, atime, mtime, ctime);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return PyTuple.of((long) (dir ? Vfs.S_IFDIR : Vfs.S_IFREG), 0L, 0L, 0L, 0L, 0L, size, atime, mtime, ctime);
        }
    }

    private static long num(Object o) {
        return ((Number) o).longValue();
    }

    Object statvfs(Object path) {
        Path f = file(path);
        if (!Files.exists(f)) {
            throw Errno.oserror(2);
        }
        if (vm.diskLimit >= 0) {
            long total = vm.diskLimit / VM.DISK_BLOCK;
            long free = Math.max(0, total - vm.diskUsed() / VM.DISK_BLOCK);
            return PyTuple.of((long) VM.DISK_BLOCK, (long) VM.DISK_BLOCK, total, free, free, 0L, 0L, 0L, 0L, 255L);
        }
        try {
            java.nio.file.FileStore store = Files.getFileStore(f);
            long block = Math.max(1, store.getBlockSize());
            return PyTuple.of(block, block, store.getTotalSpace() / block, store.getUnallocatedSpace() / block,
                    store.getUsableSpace() / block, 0L, 0L, 0L, 0L, 255L);
        } catch (IOException | UnsupportedOperationException e) {
            throw Errno.oserror(5);
        }
    }

    // ---- the type -----------------------------------------------------------------------------

    private static VfsPosix self(Object o) {
        if (o instanceof PyInstance pi && pi.base instanceof VfsPosix v) {
            return v;
        }
        if (o instanceof VfsPosix v) {
            return v;
        }
        throw Ops.typeError("VfsPosix required");
    }

    /** The VfsPosix type of one VM (its constructor makes filesystems over that VM's files). */
    static PyType newType(VM vm) {
        PyType type = new PyType("VfsPosix", new PyType[] {Types.OBJECT}, true);
        type.maker = (cls, a, kw) -> {
            if (a.length > 1) {
                throw Ops.typeError("function expected at most 1 arguments, got " + a.length);
            }
            String root = "";
            if (a.length == 1) {
                String r = Ops.str(a[0]);
                StringBuilder sb = new StringBuilder();
                if (!r.isEmpty() && !r.startsWith("/")) {
                    sb.append(hostCwd(vm));
                    if (sb.length() > 1) {
                        sb.append('/');
                    }
                }
                sb.append(r);
                if (sb.length() == 0 || sb.charAt(sb.length() - 1) != '/') {
                    sb.append('/');
                }
                root = sb.toString();
            }
            return new VfsPosix(type, vm, root);
        };
        methods(type);
        return type;
    }

    private static void methods(PyType t) {
        BuiltinTypes.method(t, "mount", (a, kw) -> {
            VfsPosix v = self(a[0]);
            if (Ops.truthy(a[1])) {
                v.readonly = true;
            }
            if (a.length > 2 && Ops.truthy(a[2])) {
                throw Errno.oserror(1);
            }
            return PyNone.NONE;
        });
        BuiltinTypes.method(t, "umount", (a, kw) -> PyNone.NONE);
        BuiltinTypes.method(t, "open", (a, kw) -> self(a[0]).open(a[1], Ops.str(a[2])));
        BuiltinTypes.method(t, "chdir", (a, kw) -> self(a[0]).chdir(a[1]));
        BuiltinTypes.method(t, "getcwd", (a, kw) -> self(a[0]).getcwd());
        BuiltinTypes.method(t, "ilistdir", (a, kw) -> self(a[0]).ilistdir(a[1]));
        BuiltinTypes.method(t, "mkdir", (a, kw) -> self(a[0]).mkdir(a[1]));
        BuiltinTypes.method(t, "remove", (a, kw) -> self(a[0]).remove(a[1]));
        BuiltinTypes.method(t, "rename", (a, kw) -> self(a[0]).rename(a[1], a[2]));
        BuiltinTypes.method(t, "rmdir", (a, kw) -> self(a[0]).rmdir(a[1]));
        BuiltinTypes.method(t, "stat", (a, kw) -> self(a[0]).stat(a[1]));
        BuiltinTypes.method(t, "statvfs", (a, kw) -> self(a[0]).statvfs(a[1]));
    }
}
