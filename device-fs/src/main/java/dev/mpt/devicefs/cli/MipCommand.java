package dev.mpt.devicefs.cli;

import dev.mpt.console.Progress;
import dev.mpt.devicefs.RemoteCode;
import dev.mpt.devicefs.mip.Fetcher;
import dev.mpt.devicefs.mip.MipInstall;
import dev.mpt.devicefs.mip.MipResolver;
import dev.mpt.devicefs.mip.MipSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mpt mip install}: packages from micropython-lib's index, GitHub, GitLab or URLs. */
@Command(name = "mip", mixinStandardHelpOptions = true, subcommands = MipCommand.Install.class,
        description = "Install packages on the board, as MicroPython's mip does.",
        footer = {"", "Example:", "  mpt mip install aioble"})
public final class MipCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "mip: name a command (install)");
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = {"Install packages (and what they depend on) into the board's lib directory.",
                "PKG is a name in the index, github:ORG/REPO[/PATH], gitlab:ORG/REPO[/PATH], a URL of a "
                        + "package.json, .py or .mpy, or a package.json on the host; @VERSION picks a version "
                        + "(a branch or tag for github:/gitlab:).",
                "Everything is downloaded and its hashes checked before anything is written to the board."},
            footer = {"", "Examples:", "  mpt mip install aioble", "  mpt mip install --no-mpy umqtt.simple@1.3.4",
                "  mpt mip install github:org/repo/mypkg@v1.2 --target :lib/vendor"})
    static final class Install extends BoardCommand {
        @Parameters(arity = "1..*", paramLabel = "PKG[@VERSION]")
        List<String> packages;

        @Option(names = "--index", paramLabel = "URL",
                description = "The package index (default: " + MipSource.DEFAULT_INDEX + ").")
        String index = MipSource.DEFAULT_INDEX;

        @Option(names = "--target", paramLabel = ":DIR",
                description = "Install into this directory (default: the first lib directory on the board's sys.path).")
        String target;

        @Option(names = "--no-mpy", description = "Install source (.py) rather than .mpy builds.")
        boolean noMpy;

        @Option(names = "--github-raw", paramLabel = "URL",
                description = "Where github: files are fetched from (default: " + MipSource.GITHUB_RAW + ").")
        String githubRaw = MipSource.GITHUB_RAW;

        @Option(names = "--gitlab", paramLabel = "URL",
                description = "Where gitlab: files are fetched from (default: " + MipSource.GITLAB + ").")
        String gitlab = MipSource.GITLAB;

        @Option(names = "--timeout", paramLabel = "SECONDS", description = "Network timeout (default 30).")
        long timeoutSeconds = 30;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = out();
            MipInstall install = new MipInstall(new RemoteCode(session().repl()), session().fs(), line -> {
                out.println(line);
                out.flush();
            });
            MipResolver.Sources sources = new MipResolver.Sources(index, githubRaw, gitlab).withIndex(index);
            install.install(packages, Fetcher.standard(Duration.ofSeconds(timeoutSeconds)), sources, target, !noMpy,
                    Progress.NONE);
            return 0;
        }
    }
}
