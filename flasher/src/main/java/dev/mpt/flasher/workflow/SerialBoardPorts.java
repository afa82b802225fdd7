package dev.mpt.flasher.workflow;

import dev.mpt.flasher.FlasherException;
import dev.mpt.flasher.ReplBootloader;
import dev.mpt.protocol.DeviceSpec;
import dev.mpt.protocol.Devices;
import dev.mpt.protocol.Link;
import dev.mpt.protocol.PortInfo;
import dev.mpt.protocol.RawRepl;
import dev.mpt.protocol.SerialPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Boards on the serial ports of this machine, reached through their raw REPL. */
public final class SerialBoardPorts implements BoardPorts {
    @Override
    public PortInfo named(String given) {
        DeviceSpec spec = DeviceSpec.parse(given);
        if (spec instanceof DeviceSpec.Serial s) {
            return SerialPorts.list().stream().filter(p -> p.path().equals(s.path())).findFirst()
                    .orElse(new PortInfo(s.path(), -1, -1, "", "", "", PortInfo.BoardKind.OTHER));
        }
        if (spec instanceof DeviceSpec.SerialById s) {
            return SerialPorts.bySerialNumber(SerialPorts.list(), s.serialNumber())
                    .orElseThrow(() -> new FlasherException("no serial port has serial number " + s.serialNumber()));
        }
        throw new FlasherException("-d wants the serial port of a board running MicroPython "
                + "(/dev/ttyACM0, a0, COM3 or id:SERIAL), not \"" + given + "\"");
    }

    @Override
    public List<PortInfo> micropythonBoards() {
        return SerialPorts.list().stream().filter(p -> p.kind() == PortInfo.BoardKind.MICROPYTHON).toList();
    }

    @Override
    public String enterBootloader(PortInfo port) {
        try (Link link = Devices.open(new DeviceSpec.Serial(port.path()), Devices.OpenOptions.defaults(), null)) {
            return ReplBootloader.enter(link, RawRepl.Timeouts.defaults());
        } catch (IOException e) {
            throw new FlasherException("cannot put the board on " + port.path() + " into its bootloader: "
                    + e.getMessage());
        }
    }

    @Override
    public Optional<FlashSummary.Back> answer(PortInfo before) {
        Optional<String> back = SerialPorts.list().stream()
                .filter(p -> before.serialNumber().isEmpty() ? p.path().equals(before.path())
                        : p.serialNumber().equals(before.serialNumber()))
                .map(PortInfo::path)
                .findFirst();
        if (back.isEmpty() && before.serialNumber().isEmpty() && Files.exists(Path.of(before.path()))) {
            back = Optional.of(before.path()); // a port the enumeration does not show (a pty, a symlink)
        }
        if (back.isEmpty()) {
            return Optional.empty();
        }
        try (Link link = Devices.open(new DeviceSpec.Serial(back.get()), Devices.OpenOptions.defaults(), null)) {
            RawRepl repl = new RawRepl(link);
            repl.setRawPasteAllowed(false);
            repl.enter(false);
            String version = ReplBootloader.version(repl);
            repl.exit();
            return Optional.of(new FlashSummary.Back(back.get(), version));
        } catch (IOException e) {
            return Optional.empty(); // still booting
        }
    }
}
