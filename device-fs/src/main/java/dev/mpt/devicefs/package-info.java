/**
 * Working with a running board over its raw REPL, in layers that each know less than the
 * one above:
 *
 * <ul>
 *   <li>workflows that commands call and tests drive: {@link dev.mpt.devicefs.Copy} (cp's
 *       rules), {@link dev.mpt.devicefs.Sync} (plan, then apply; what to leave out by
 *       {@link dev.mpt.devicefs.IgnoreRules}, .mpy for the board by
 *       {@link dev.mpt.devicefs.BoardMpy}, each saved change by
 *       {@link dev.mpt.devicefs.SyncWatch}),
 *       {@link dev.mpt.devicefs.Backup} (backup and restore as .tar.gz) and
 *       {@link dev.mpt.devicefs.BoardRun} (exec, eval, run of a file, .mpy, -c or -m, resets);
 *       they own the progress phases ({@link dev.mpt.console.Progress});</li>
 *   <li>{@link dev.mpt.devicefs.BoardConnection}: one connection, opened on first use with
 *       the first soft reset, closed back to the friendly REPL;</li>
 *   <li>{@link dev.mpt.devicefs.RemoteFs}: the file operations, writes made atomic by a
 *       temporary file renamed into place;</li>
 *   <li>{@link dev.mpt.devicefs.FileTransfer}: how file content crosses the link, the one
 *       way every byte of every copy goes: {@link dev.mpt.devicefs.BinaryTransfer} (raw
 *       bytes in CRC-checked blocks, through a helper on the board) where the firmware runs
 *       it, else {@link dev.mpt.devicefs.ExecTransfer} (base64 through exec calls), chosen by
 *       {@link dev.mpt.devicefs.AutoTransfer}; {@code RemoteFs} verifies every copy by SHA-256
 *       before the rename that makes it visible, and {@code writeAll} sends many files in
 *       one stream where the transfer can ({@code sendVerified}: the helper hashes and renames
 *       each on the board);</li>
 *   <li>{@link dev.mpt.devicefs.RemoteCode}: short snippets run on the board, their
 *       exceptions turned into one-line {@link dev.mpt.devicefs.RemoteFsException}s, and
 *       which modules the firmware has;</li>
 *   <li>small syntax: {@link dev.mpt.devicefs.BoardPath} (':' paths),
 *       {@link dev.mpt.devicefs.PyLiteral} (literals to and from the board),
 *       {@link dev.mpt.devicefs.HostFile} (all-or-nothing files on the host).</li>
 * </ul>
 *
 * <p>The picocli commands in {@code dev.mpt.devicefs.cli} hold options, one call into these
 * classes, and printing; {@code Session} there is the connection a chain of commands shares.
 */
package dev.mpt.devicefs;
