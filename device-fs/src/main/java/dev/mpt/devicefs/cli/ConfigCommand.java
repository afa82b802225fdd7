package dev.mpt.devicefs.cli;

import dev.mpt.devicefs.MptConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mpt config}: the settings in force and the file each came from. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Show the configuration in force: the default device and the shortcuts, each with the file "
                + "it came from.",
            "Files: ~/.config/mpt/config.toml (or $XDG_CONFIG_HOME/mpt/config.toml), then .mpt.toml in the working "
                    + "directory or its nearest parent that has one; the project's settings win.",
            "  device = \"/dev/ttyACM0\"          (used when neither -d nor MPT_DEVICE names a board)",
            "  [shortcuts]",
            "  hello = \"exec \\\"print('hello')\\\"\"",
            "  deploy = [\"sync\", \"src\", \":\", \"+\", \"reset\"]"},
        footer = {"", "Examples:", "  mpt config", "  mpt deploy      (a shortcut from the file)"})
public final class ConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        MptConfig c = MptConfig.current();
        if (c.loaded().isEmpty()) {
            out.println("no configuration file; looked for "
                    + c.searched().stream().map(Path::toString).collect(Collectors.joining(" and "))
                    + (c.searched().size() > 1 ? " (and in the parents of its directory)" : ""));
        } else {
            out.println("files read: " + c.loaded().stream().map(Path::toString).collect(Collectors.joining(", ")));
        }
        if (c.device() != null) {
            out.println("device = " + c.device().value() + "    (" + c.device().from() + ")");
        }
        for (Map.Entry<String, MptConfig.Setting<List<String>>> e : c.shortcuts().entrySet()) {
            out.println("shortcut " + e.getKey() + " = " + String.join(" ", e.getValue().value().stream()
                    .map(ConfigCommand::shellWord).toList()) + "    (" + e.getValue().from() + ")");
        }
        out.flush();
        return 0;
    }

    private static String shellWord(String w) {
        return !w.isEmpty() && w.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || "-_./:+=@,".indexOf(ch) >= 0)
                ? w : "'" + w.replace("'", "'\\''") + "'";
    }
}
