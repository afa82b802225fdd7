package dev.mpt.cli;

import dev.mpt.compiler.cli.MpyCrossCommand;
import dev.mpt.devicefs.MptConfig;
import dev.mpt.devicefs.cli.BackupCommands;
import dev.mpt.devicefs.cli.BoardCommands;
import dev.mpt.devicefs.cli.BoardServeCommand;
import dev.mpt.devicefs.cli.ConfigCommand;
import dev.mpt.devicefs.cli.CpCommand;
import dev.mpt.devicefs.cli.DevsCommand;
import dev.mpt.devicefs.cli.EditCommand;
import dev.mpt.devicefs.cli.FsCommands;
import dev.mpt.devicefs.cli.MipCommand;
import dev.mpt.devicefs.cli.MountCommands;
import dev.mpt.devicefs.cli.ReplCommand;
import dev.mpt.devicefs.cli.RomfsCommand;
import dev.mpt.devicefs.cli.Session;
import dev.mpt.devicefs.cli.Sha256sumCommand;
import dev.mpt.devicefs.cli.SleepCommand;
import dev.mpt.devicefs.cli.SyncCommand;
import dev.mpt.flasher.cli.DfuCommand;
import dev.mpt.flasher.cli.EspCommand;
import dev.mpt.flasher.cli.FlashCommand;
import dev.mpt.protocol.Devices;
import dev.mpt.protocol.SerialSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The umbrella {@code mpt} command. Each tool contributes its subcommands; this class wires
 * them together, holds the options every board command shares, and runs chains of
 * commands joined by {@code +} over one connection.
 */
@Command(
        name = "mpt",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {"Host-side toolchain for MicroPython boards: flash, compile, run and sync.", "",
            "Board commands can be chained with '+' and then share one connection, e.g.",
            "  mpt exec \"x = 6\" + eval \"x * 7\" + soft-reset"},
        footer = {"", "Examples:", "  mpt mpy dis build/main.mpy", "  mpt -d /dev/ttyACM0 cp main.py : + reset"})
public final class Main implements Runnable {

    @Option(names = "--debug", description = "Show Java stack traces on errors.", scope = CommandLine.ScopeType.INHERIT)
    boolean debug;

    @Option(names = {"-d", "--device"}, paramLabel = "DEVICE",
            description = {"The board: a serial port (/dev/ttyACM0, COM3, or a0/u0/c0 for ttyACM0/ttyUSB0/COM0), "
                + "id:SERIAL, socket://HOST:PORT, exec:COMMAND, pty:COMMAND, virtual, or auto (default: "
                + "$MPT_DEVICE, else the one board attached, else the virtual board)."})
    String device;

    @Option(names = "--no-soft-reset", description = "Keep the board's state: do not soft-reset it before the first "
            + "command (mpremote's 'resume').")
    boolean noSoftReset;

    @Option(names = "--baud", paramLabel = "BAUD", description = "Serial speed for UART boards (default 115200).")
    int baud = 115200;

    @Option(names = "--dtr-rts", paramLabel = "assert|clear", description = {"DTR and RTS when the port opens: "
            + "assert (default; USB boards need it) or clear (an ESP32/ESP8266 on a USB-UART bridge is then not "
            + "reset by opening the port)."})
    SerialSettings.ControlLines controlLines = SerialSettings.ControlLines.ASSERT;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options for opening the device, from the global options. */
    Devices.OpenOptions openOptions() {
        return Devices.OpenOptions.defaults().withSerial(
                SerialSettings.of("unset").withBaud(baud).withControlLines(controlLines));
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs {@code mpt} with the given arguments and returns its exit status. Arguments split
     * at each lone {@code +} into commands that run in turn over one board connection; the
     * first that fails ends the chain with its status.
     */
    public static int run(String... args) {
        MptConfig config;
        try {
            config = MptConfig.forThisProcess();
        } catch (java.io.IOException e) {
            System.err.println("error: " + Errors.message(e));
            return 1;
        }
        return run(config, args);
    }

    /** Runs {@code mpt} with a given configuration (default device, shortcuts). */
    static int run(MptConfig config, String... args) {
        List<List<String>> segments = split(expandShortcuts(split(args), config).toArray(new String[0]));
        String env = System.getenv(dev.mpt.protocol.DeviceSpec.ENV_VAR);
        String configDevice = config.device() != null && (env == null || env.isBlank()) ? config.device().value()
                : null;
        try (Session session = new Session(VirtualBoardLink::open)) {
            Session.setCurrent(session);
            MptConfig.setCurrent(config);
            int status = 0;
            for (int i = 0; i < segments.size() && status == 0; i++) {
                boolean first = i == 0;
                CommandLine cl = commandLine(segments.get(i));
                if (first) {
                    cl.setExecutionStrategy(parseResult -> {
                        Main m = cl.getCommand();
                        session.configure(m.device != null ? m.device : configDevice, m.openOptions(),
                                !m.noSoftReset);
                        return new CommandLine.RunLast().execute(parseResult);
                    });
                }
                session.setReplAtEnd(false);
                status = cl.execute(segments.get(i).toArray(new String[0]));
            }
            if (status == 0 && session.replAtEnd()) {
                // "mpt mount DIR" alone: the mounted directory is used from the terminal
                status = commandLine(List.of("repl")).execute("repl");
            }
            return status;
        } finally {
            Session.setCurrent(null);
            MptConfig.setCurrent(null);
        }
    }

    /**
     * Each segment whose command word is a shortcut from the configuration (and not a
     * command of mpt's own) with that word replaced by the shortcut's arguments, the
     * segments joined again by {@code +} (a shortcut may itself be a chain). One level: a
     * shortcut's words are not expanded again.
     */
    static List<String> expandShortcuts(List<List<String>> segments, MptConfig config) {
        List<String> out = new ArrayList<>();
        for (int s = 0; s < segments.size(); s++) {
            if (s > 0) {
                out.add("+");
            }
            List<String> seg = segments.get(s);
            String word = commandWord(seg);
            MptConfig.Setting<List<String>> shortcut = word == null ? null : config.shortcuts().get(word);
            if (shortcut == null || named(word) != null) {
                out.addAll(seg);
                continue;
            }
            int at = commandIndex(seg);
            out.addAll(seg.subList(0, at));
            out.addAll(shortcut.value());
            out.addAll(seg.subList(at + 1, seg.size()));
        }
        return out;
    }

    /** Every subcommand, in the order {@code mpt --help} lists them. */
    static final List<Class<?>> COMMANDS = commands();

    private static List<Class<?>> commands() {
        List<Class<?>> all = new ArrayList<>(List.of(
                MpyCommand.class, MpyCrossCommand.class, DfuCommand.class, FlashCommand.class, EspCommand.class));
        all.addAll(BoardCommands.ALL);
        all.addAll(FsCommands.ALL);
        all.addAll(List.of(CpCommand.class, SyncCommand.class, DevsCommand.class, ReplCommand.class,
                BoardServeCommand.class));
        all.addAll(BackupCommands.ALL);
        all.addAll(List.of(MipCommand.class, Sha256sumCommand.class, EditCommand.class, SleepCommand.class,
                RomfsCommand.class, ConfigCommand.class));
        all.addAll(MountCommands.ALL);
        all.add(dev.mpt.devicefs.cli.RtcCommand.class);
        return List.copyOf(all);
    }

    /** Global options that take a value in the next argument (unless written {@code --opt=value}). */
    private static final Set<String> VALUE_OPTIONS = Set.of("-d", "--device", "--baud", "--dtr-rts");

    /**
     * The command line for one segment of arguments. Building picocli's model of a command
     * costs start-up time (its classes cannot go into the class-data archive), so when the
     * arguments name a subcommand only that one is added; help, a missing or a mistyped
     * command get the whole tree, with picocli's suggestions; {@code --version} alone gets
     * none. Null arguments: the whole tree.
     */
    static CommandLine commandLine(List<String> args) {
        CommandLine cl = new CommandLine(new Main());
        Class<?> only = args == null ? null : named(commandWord(args));
        // "mpt --version" names no command and needs none of them
        boolean versionOnly = args != null && only == null && commandWord(args) == null
                && (args.contains("--version") || args.contains("-V"))
                && !args.contains("--help") && !args.contains("-h");
        for (Class<?> c : versionOnly ? List.<Class<?>>of() : COMMANDS) {
            if (only == null || c == only) {
                cl.addSubcommand(c);
            }
        }
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return Errors.install(cl);
    }

    /** The first argument that is not a global option or an option's value, or null. */
    static String commandWord(List<String> args) {
        int i = commandIndex(args);
        return i < 0 ? null : args.get(i);
    }

    /** Where {@link #commandWord} is in {@code args}, or -1. */
    static int commandIndex(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                return i + 1 < args.size() ? i + 1 : -1;
            }
            if (!a.startsWith("-") || a.equals("-")) {
                return i;
            }
            if (VALUE_OPTIONS.contains(a)) {
                i++;
            }
        }
        return -1;
    }

    /** The subcommand class whose name or alias is {@code word}, or null. */
    static Class<?> named(String word) {
        if (word == null) {
            return null;
        }
        for (Class<?> c : COMMANDS) {
            Command command = c.getAnnotation(Command.class);
            if (command == null) {
                continue;
            }
            if (command.name().equals(word) || List.of(command.aliases()).contains(word)) {
                return c;
            }
        }
        return null;
    }

    static List<List<String>> split(String[] args) {
        List<List<String>> out = new ArrayList<>();
        List<String> cur = new ArrayList<>();
        for (String a : args) {
            if (a.equals("+")) {
                out.add(cur);
                cur = new ArrayList<>();
            } else {
                cur.add(a);
            }
        }
        out.add(cur);
        return out;
    }
}
