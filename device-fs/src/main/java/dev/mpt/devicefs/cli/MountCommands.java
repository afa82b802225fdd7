package dev.mpt.devicefs.cli;

import dev.mpt.devicefs.RemoteFsException;
import dev.mpt.devicefs.mount.Mount;
import dev.mpt.devicefs.mount.MountAgent;
import dev.mpt.devicefs.mount.MountLink;
import dev.mpt.protocol.ExecException;
import dev.mpt.protocol.LinkException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A host directory on the board ({@code mount}, {@code umount}) and the chain steps {@code disconnect} and {@code resume}. */
public final class MountCommands {
    private MountCommands() {}

    /** Every command class here, for registering with the umbrella command. */
    public static final List<Class<?>> ALL = List.of(MountDir.class, Umount.class, Disconnect.class, Resume.class);

    @Command(name = "mount", mixinStandardHelpOptions = true,
            description = {"Mount a host directory on the board at /remote and change into it there: the board "
                    + "imports and opens its files over the link, so code runs from the host without copying.",
                "The mount lasts as long as mpt is connected, is made again after each soft reset, and works "
                    + "from the REPL terminal; as the last command of a chain it opens 'mpt repl'. Symbolic links "
                    + "that lead out of DIR are not followed unless --unsafe-links."},
            footer = {"", "Examples:", "  mpt mount .                       (then, at the board's prompt: import app)",
                "  mpt mount src + run -m app.main", "  mpt mount . + exec \"import tests\" + umount"})
    static final class MountDir extends BoardCommand {
        @Parameters(index = "0", paramLabel = "DIR")
        Path dir;

        @Option(names = {"-l", "--unsafe-links"}, description = "Follow symbolic links that lead out of DIR.")
        boolean unsafeLinks;

        @Override
        public Integer call() throws IOException {
            if (!Files.isDirectory(dir)) {
                throw new RemoteFsException(dir + ": not a directory on the host");
            }
            Mount.attach(session(), dir, unsafeLinks);
            err().println("mounted " + dir + " at :" + MountAgent.MOUNT_POINT);
            err().flush();
            session().setReplAtEnd(true);
            return 0;
        }
    }

    @Command(name = "umount", mixinStandardHelpOptions = true,
            description = "Unmount the host directory mounted at /remote (and leave it, if it is the board's current "
                    + "directory).",
            footer = {"", "Example:", "  mpt mount . + exec \"import selftest\" + umount + ls"})
    static final class Umount extends BoardCommand {
        @Override
        public Integer call() throws IOException {
            MountLink link = Mount.current(session());
            try {
                session().repl().exec(MountAgent.UMOUNT);
            } catch (ExecException e) {
                throw new RemoteFsException("cannot unmount " + MountAgent.MOUNT_POINT + ": " + e.getMessage());
            } finally {
                if (link != null) {
                    link.deactivate();
                    link.directory().close();
                }
            }
            return 0;
        }
    }

    @Command(name = "disconnect", mixinStandardHelpOptions = true,
            description = {"Close the connection to the board (a mounted directory is unmounted first); a later "
                    + "command in the chain connects again, without a soft reset."},
            footer = {"", "Example:", "  mpt exec \"import machine; machine.reset()\" + disconnect + sleep 3 + ls"})
    static final class Disconnect extends BoardCommand {
        @Override
        public Integer call() {
            session().close();
            return 0;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Keep the board's state: no soft reset when the chain first uses the board (as the global "
                    + "--no-soft-reset).",
            footer = {"", "Example:", "  mpt resume + exec \"print(x)\""})
    static final class Resume extends BoardCommand {
        @Override
        public Integer call() throws LinkException {
            session().keepState();
            return 0;
        }
    }
}
