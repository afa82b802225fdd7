package dev.mpt.devicefs.cli;

import dev.mpt.devicefs.BoardConnection;
import dev.mpt.protocol.Link;
import java.util.function.Supplier;

/**
 * The connection that the board commands of one {@code mpt} call share: {@code mpt exec A
 * + ls + soft-reset} opens the device once (see {@link BoardConnection}). The umbrella
 * command makes it current for the chain it runs; each command finds it here.
 */
public final class Session extends BoardConnection {
    private static final ThreadLocal<Session> CURRENT = new ThreadLocal<>();
    private boolean replAtEnd;

    /** @param virtualBoard makes an in-process virtual board link (for {@code virtual}/{@code auto}) */
    public Session(Supplier<Link> virtualBoard) {
        super(virtualBoard);
    }

    /** The session of the command chain running on this thread. */
    public static Session current() {
        Session s = CURRENT.get();
        if (s == null) {
            throw new IllegalStateException("board command run outside a session");
        }
        return s;
    }

    /** Makes {@code s} the current session for the duration of a chain. */
    public static void setCurrent(Session s) {
        if (s == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(s);
        }
    }

    /** Whether the chain should end in {@code mpt repl} (its last command was {@code mount}). */
    public boolean replAtEnd() {
        return replAtEnd;
    }

    /** Set by a command that wants the terminal after it when it ends the chain; cleared before each command. */
    public void setReplAtEnd(boolean on) {
        replAtEnd = on;
    }
}
