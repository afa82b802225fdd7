package dev.mpt.devicefs;

import dev.mpt.protocol.BoardException;
import dev.mpt.protocol.DeviceSpec;
import dev.mpt.protocol.Devices;
import dev.mpt.protocol.Link;
import dev.mpt.protocol.LinkException;
import dev.mpt.protocol.RawRepl;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One connection to a board, opened on first use: the device named by {@code -d}, else
 * {@code MPT_DEVICE}, else {@code auto}. Unless told to keep the board's state, it
 * soft-resets the board as it enters the raw REPL the first time (as mpremote does), so
 * the work starts from a clean interpreter. Closing leaves the board in its friendly REPL.
 */
public class BoardConnection implements AutoCloseable {
    private final Supplier<Link> virtualBoard;
    private String device;
    private Devices.OpenOptions options = Devices.OpenOptions.defaults();
    private boolean softReset = true;
    private Link link;
    private RawRepl repl;
    private RemoteFs fs;
    private boolean entered;
    private boolean enteredBefore;
    private final List<Runnable> beforeClose = new ArrayList<>();

    /** @param virtualBoard makes an in-process virtual board link (for {@code virtual}/{@code auto}) */
    public BoardConnection(Supplier<Link> virtualBoard) {
        this.virtualBoard = virtualBoard;
    }

    /**
     * Sets how to connect; only before the first connection.
     *
     * @param device    what {@code -d} said, or null to use {@code MPT_DEVICE} or {@code auto}
     * @param softReset soft-reset the board on the first entry to the raw REPL
     */
    public void configure(String device, Devices.OpenOptions options, boolean softReset) {
        if (link != null) {
            throw new IllegalStateException("already connected");
        }
        this.device = device;
        this.options = options;
        this.softReset = softReset;
    }

    /** The options links are opened with (serial speed, DTR/RTS, connect timeout). */
    public Devices.OpenOptions openOptions() {
        return options;
    }

    /** Sets the serial speed for the link about to be opened ({@code mpt repl --baud}). */
    public void setBaud(int baud) {
        if (link != null) {
            throw new IllegalStateException("already connected");
        }
        options = options.withSerial(options.serial().withBaud(baud));
    }

    /** The device name to open: {@code -d}, else {@code MPT_DEVICE}, else {@code auto}. */
    public String deviceText() {
        if (device != null && !device.isBlank()) {
            return device;
        }
        String env = System.getenv(DeviceSpec.ENV_VAR);
        return env != null && !env.isBlank() ? env : "auto";
    }

    /** The open link, opening it first if needed. */
    public Link link() throws LinkException {
        if (link == null) {
            DeviceSpec spec;
            try {
                spec = DeviceSpec.parse(deviceText());
            } catch (IllegalArgumentException e) {
                throw new BoardException(BoardException.Kind.DISCONNECTED, e.getMessage());
            }
            link = Devices.open(spec, options, virtualBoard);
        }
        return link;
    }

    /** The raw REPL, entered (with the first-use soft reset) and ready for code. */
    public RawRepl repl() throws LinkException {
        if (repl == null) {
            repl = new RawRepl(link());
        }
        if (!entered) {
            repl.enter(softReset && !enteredBefore);
            entered = true;
            enteredBefore = true;
        }
        return repl;
    }

    /**
     * Keeps the board's state: no soft reset on the first entry to the raw REPL (mpremote's
     * {@code resume} as a step of a chain). Without effect once the raw REPL was entered.
     */
    public void keepState() {
        softReset = false;
    }

    /**
     * Puts a link between the commands and the board ({@code mpt mount} answers the board's
     * requests in it). The raw REPL is used through the new link from now on; its state
     * carries over (the board is where it was).
     */
    public void interpose(UnaryOperator<Link> wrap) throws LinkException {
        Link wrapped = wrap.apply(link());
        if (wrapped == link) {
            return;
        }
        link = wrapped;
        boolean was = entered;
        repl = new RawRepl(link);
        entered = was;
        fs = null;
    }

    /** Runs {@code action} (best effort) before the connection closes, e.g. to unmount. */
    public void beforeClose(Runnable action) {
        beforeClose.add(action);
    }

    /** Whether the raw REPL has been used on this connection (so the board may be in it). */
    public boolean hasRepl() {
        return repl != null && entered;
    }

    /**
     * File operations over this connection's raw REPL, their content moved by the
     * {@link BinaryTransfer} where the board runs it, else by {@link ExecTransfer}
     * ({@code MPT_TRANSFER=exec} always picks the latter).
     */
    public RemoteFs fs() throws LinkException {
        if (fs == null) {
            RemoteCode code = new RemoteCode(repl());
            fs = new RemoteFs(code, new AutoTransfer(code, 4096, !"exec".equals(System.getenv("MPT_TRANSFER"))));
        }
        return fs;
    }

    /** Whether a link has been opened (commands such as {@code devs} never open one). */
    public boolean isOpen() {
        return link != null;
    }

    /** Leaves the raw REPL for the friendly one and closes the link. */
    @Override
    public void close() {
        List<Runnable> actions = List.copyOf(beforeClose);
        beforeClose.clear();
        for (Runnable r : actions) {
            try {
                r.run();
            } catch (RuntimeException ignored) {
                // closing anyway
            }
        }
        if (repl != null) {
            try {
                if (repl.inRawRepl()) {
                    repl.exit();
                }
            } catch (BoardException ignored) {
                // closing anyway
            }
        }
        if (link != null) {
            link.close();
        }
        link = null;
        repl = null;
        fs = null;
        entered = false;
    }
}
