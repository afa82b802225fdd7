package dev.mpt.vm;

import java.util.Map;

/**
 * Where the VM's own file access goes: {@code open()} and the stat and read that import does
 * (MicroPython's {@code mp_vfs_open}, {@code mp_import_stat} and {@code mp_reader_new_file}).
 * A library that keeps a mount table (the {@code vfs} module) installs one with
 * {@link VM#setFileAccess}; without one, files are the VM's root directory, as if a
 * {@code VfsPosix} were mounted at {@code /}.
 */
public interface FileAccess {
    /** What import finds at a path. */
    enum Kind { NONE, DIR, FILE }

    /** {@code open(file, mode='r', buffering=-1, encoding=None)}. */
    Object open(Object[] args, Map<String, Object> kw);

    /** Whether a path names a directory, a file, or nothing (an error counts as nothing). */
    Kind importStat(String path);

    /** {owner, start} when the file's bytes lie in place in a buffer (a ROM filesystem), else null. */
    default Object[] mapping(String path) {
        return null;
    }

    /** The bytes of a file import loads: opened {@code "rb"}, read to the end, closed. */
    byte[] read(String path);

    /** The VM's root directory alone: what a VM has until a mount table is installed. */
    static FileAccess root(VM vm) {
        return new FileAccess() {
            @Override
            public Object open(Object[] args, Map<String, Object> kw) {
                return Io.open(vm, args, kw);
            }

            @Override
            public Kind importStat(String path) {
                java.nio.file.Path p = vm.resolve(path);
                if (p == null) {
                    return Kind.NONE;
                }
                return java.nio.file.Files.isDirectory(p) ? Kind.DIR
                        : java.nio.file.Files.isRegularFile(p) ? Kind.FILE : Kind.NONE;
            }

            @Override
            public byte[] read(String path) {
                java.nio.file.Path p = vm.resolve(path);
                try {
                    if (p == null) {
                        throw Errno.oserror(2);
                    }
                    return java.nio.file.Files.readAllBytes(p);
                } catch (java.io.IOException e) {
                    throw Errno.oserror(2);
                }
            }
        };
    }
}
