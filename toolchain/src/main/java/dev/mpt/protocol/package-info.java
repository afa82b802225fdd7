/**
 * Talking to a MicroPython board: byte-stream links and the raw REPL protocol.
 *
 * <p>Opening a device and running code, as a command does it:
 * <pre>{@code
 * DeviceSpec spec = DeviceSpec.choose(deviceOption, System.getenv());   // -d, MPT_DEVICE, or auto
 * try (RawRepl repl = new RawRepl(Devices.open(spec, Devices.OpenOptions.defaults(), virtualBoard))) {
 *     repl.enter(true);                                   // Ctrl-C, Ctrl-A, soft reset
 *     repl.exec("print('hi')", RawRepl.NO_DEADLINE, (b, off, len) -> System.out.write(b, off, len));
 *     String v = repl.eval("6 * 7");                      // "42"
 * } catch (ExecException e) {                              // the code raised: e.traceback(), exit status 1
 * } catch (BoardException e) {                             // one clear line: e.getMessage(), e.kind()
 * }
 * }</pre>
 *
 * <p>Links: {@link dev.mpt.protocol.SerialLink} (jSerialComm, with
 * {@link dev.mpt.protocol.SerialSettings.ControlLines} for DTR/RTS),
 * {@link dev.mpt.protocol.SocketLink}, {@link dev.mpt.protocol.ProcessLink} (exec: and pty:),
 * {@link dev.mpt.protocol.MemoryLink} and, for tests, {@link dev.mpt.protocol.FaultyLink}.
 * Ports are listed by {@link dev.mpt.protocol.SerialPorts}.
 */
package dev.mpt.protocol;
