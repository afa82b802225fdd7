/**
 * The serial monitor behind {@code mpt repl}: a terminal on a board's REPL.
 *
 * <ul>
 *   <li>{@link dev.mpt.monitor.RawTerminal}: the user's terminal with raw input (JLine's
 *       {@code exec} provider: {@code stty}, no native library), restored on every way out;</li>
 *   <li>{@link dev.mpt.monitor.Monitor}: keys to the board, its output to the screen; the
 *       exit keys, the Ctrl-T menu, paste mode, and reconnecting when the board comes back;</li>
 *   <li>{@link dev.mpt.monitor.SameBoard}: how to find the board again (USB serial number,
 *       VID:PID, path; socket address);</li>
 *   <li>{@link dev.mpt.monitor.BoardOutput}: where received bytes go — the log as received,
 *       the screen through {@link dev.mpt.monitor.LineMap} ({@code --map}),
 *       {@link dev.mpt.monitor.LineStamps} ({@code --timestamps}) or
 *       {@link dev.mpt.monitor.HexView} ({@code --hex});</li>
 *   <li>{@link dev.mpt.monitor.Headless}: the same without a terminal, for scripts: input
 *       lines typed at the prompt one by one.</li>
 * </ul>
 */
package dev.mpt.monitor;
