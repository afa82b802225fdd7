package dev.mpt.devicefs.cli;

import dev.mpt.console.Progress;
import dev.mpt.devicefs.BoardPath;
import dev.mpt.devicefs.RemoteFs;
import dev.mpt.protocol.LinkException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The small file commands: ls, cat, mkdir, rmdir, rm, mv, touch, df, tree. */
public final class FsCommands {
    private FsCommands() {}

    /** Every command class here, for registering with the umbrella command. */
    public static final List<Class<?>> ALL = List.of(Ls.class, Cat.class, Mkdir.class, Rmdir.class, Rm.class, Mv.class,
            Touch.class, Df.class, Tree.class);

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List a directory on the board.",
            footer = {"", "Example:", "  mpt ls :lib"})
    static final class Ls extends BoardCommand {
        @Parameters(arity = "0..*", paramLabel = ":DIR", description = "Directories (default: the current one).")
        List<String> dirs = List.of(":");

        @Option(names = "-l", description = "Show sizes.")
        boolean sizes;

        @Override
        public Integer call() throws IOException, LinkException {
            RemoteFs fs = session().fs();
            PrintWriter out = out();
            for (String d : dirs) {
                if (dirs.size() > 1) {
                    out.println(remote(d) + ":");
                }
                for (RemoteFs.Entry e : fs.list(remote(d))) {
                    String name = e.name() + (e.isDir() ? "/" : "");
                    out.println(sizes ? String.format("%10s %s", e.isDir() ? "" : e.size(), name) : name);
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "cat", mixinStandardHelpOptions = true, description = "Print files from the board.",
            footer = {"", "Example:", "  mpt cat :boot.py"})
    static final class Cat extends BoardCommand {
        @Parameters(arity = "1..*", paramLabel = ":FILE")
        List<String> files;

        @Override
        public Integer call() throws IOException, LinkException {
            for (String f : files) {
                byte[] data = session().fs().read(remote(f), Progress.NONE);
                out().flush();
                System.out.write(data);
                System.out.flush();
            }
            return 0;
        }
    }

    @Command(name = "mkdir", mixinStandardHelpOptions = true, description = "Make directories on the board.",
            footer = {"", "Example:", "  mpt mkdir -p :lib/drivers"})
    static final class Mkdir extends BoardCommand {
        @Parameters(arity = "1..*", paramLabel = ":DIR")
        List<String> dirs;

        @Option(names = "-p", description = "Make parents as needed; no error if it exists.")
        boolean parents;

        @Override
        public Integer call() throws IOException, LinkException {
            for (String d : dirs) {
                if (parents) {
                    session().fs().mkdirs(remote(d));
                } else {
                    session().fs().mkdir(remote(d));
                }
            }
            return 0;
        }
    }

    @Command(name = "rmdir", mixinStandardHelpOptions = true, description = "Remove empty directories on the board.",
            footer = {"", "Example:", "  mpt rmdir :old"})
    static final class Rmdir extends BoardCommand {
        @Parameters(arity = "1..*", paramLabel = ":DIR")
        List<String> dirs;

        @Override
        public Integer call() throws IOException, LinkException {
            for (String d : dirs) {
                session().fs().rmdir(remote(d));
            }
            return 0;
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove files (or, with -r, trees) on the board.",
            footer = {"", "Example:", "  mpt rm -r :lib/old"})
    static final class Rm extends BoardCommand {
        @Parameters(arity = "1..*", paramLabel = ":PATH")
        List<String> paths;

        @Option(names = "-r", description = "Remove directories and everything in them.")
        boolean recursive;

        @Override
        public Integer call() throws IOException, LinkException {
            for (String p : paths) {
                if (recursive) {
                    session().fs().removeTree(remote(p));
                } else {
                    session().fs().remove(remote(p));
                }
            }
            return 0;
        }
    }

    @Command(name = "mv", mixinStandardHelpOptions = true, description = "Rename or move a file or directory on the board.",
            footer = {"", "Example:", "  mpt mv :main.py :main_old.py"})
    static final class Mv extends BoardCommand {
        @Parameters(index = "0", paramLabel = ":FROM")
        String from;

        @Parameters(index = "1", paramLabel = ":TO")
        String to;

        @Override
        public Integer call() throws IOException, LinkException {
            session().fs().rename(remote(from), remote(to));
            return 0;
        }
    }

    @Command(name = "touch", mixinStandardHelpOptions = true, description = "Create empty files on the board.",
            footer = {"", "Example:", "  mpt touch :config.json"})
    static final class Touch extends BoardCommand {
        @Parameters(arity = "1..*", paramLabel = ":FILE")
        List<String> files;

        @Override
        public Integer call() throws IOException, LinkException {
            for (String f : files) {
                session().fs().touch(remote(f));
            }
            return 0;
        }
    }

    @Command(name = "df", mixinStandardHelpOptions = true, description = "Show the size and free space of the board's filesystem.",
            footer = {"", "Example:", "  mpt df"})
    static final class Df extends BoardCommand {
        @Parameters(arity = "0..1", paramLabel = ":PATH", description = "A path on the filesystem (default: the current directory).")
        String path = ":";

        @Override
        public Integer call() throws IOException, LinkException {
            RemoteFs.Usage u = session().fs().usage(remote(path));
            out().printf("%-12s %10s %10s %10s %5s%n", "filesystem", "size", "used", "free", "use%");
            long pct = u.total() == 0 ? 0 : Math.round(100.0 * u.used() / u.total());
            out().printf("%-12s %10d %10d %10d %4d%%%n", remote(path), u.total(), u.used(), u.free(), pct);
            out().flush();
            return 0;
        }
    }

    @Command(name = "tree", mixinStandardHelpOptions = true, description = "Show a directory tree on the board with file sizes.",
            footer = {"", "Example:", "  mpt tree :lib"})
    static final class Tree extends BoardCommand {
        @Parameters(arity = "0..1", paramLabel = ":DIR")
        String dir = ":";

        @Override
        public Integer call() throws IOException, LinkException {
            String root = remote(dir);
            List<RemoteFs.Node> nodes = session().fs().walk(root, false);
            out().println(root);
            for (RemoteFs.Node n : nodes.stream().sorted((a, b) -> a.path().compareTo(b.path())).toList()) {
                String rel = BoardPath.relative(root, n.path());
                int depth = (int) rel.chars().filter(c -> c == '/').count();
                String name = rel.substring(rel.lastIndexOf('/') + 1);
                out().println("  ".repeat(depth + 1) + name + (n.isDir() ? "/" : "  (" + n.size() + ")"));
            }
            out().flush();
            return 0;
        }
    }
}
