package dev.mpt.flasher;

import dev.mpt.flasher.workflow.BoardPorts;
import dev.mpt.flasher.workflow.FlashSummary;
import dev.mpt.protocol.PortInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A board running MicroPython on a serial port, as the flash workflow's first and last steps
 * see it: machine.bootloader() runs what the test says appears (a DFU device, a UF2 drive),
 * and the board answers again once the test's condition holds (its new firmware started).
 */
final class FakeBoard implements BoardPorts {
    static final String BEFORE = "MicroPython v1.27.0 on 2025-12-09; PYBv1.1 with STM32F405RG";
    static final String AFTER = "MicroPython v1.28.0 on 2026-04-02; PYBv1.1 with STM32F405RG";

    final PortInfo port = new PortInfo("/dev/ttyACM0", 0xf055, 0x9800, "206437A1524B", "MicroPython",
            "Pyboard Virtual Comm Port in FS Mode", PortInfo.BoardKind.MICROPYTHON);
    final List<String> log = new ArrayList<>();
    Runnable bootloader = () -> { };
    BooleanSupplier started = () -> true;
    String refusal;
    boolean running;

    @Override
    public PortInfo named(String spec) {
        if (!spec.equals(port.path())) {
            throw new FlasherException("no board on " + spec);
        }
        return port;
    }

    @Override
    public List<PortInfo> micropythonBoards() {
        return running ? List.of(port) : List.of();
    }

    @Override
    public String enterBootloader(PortInfo p) {
        log.add("machine.bootloader() on " + p.path());
        if (refusal != null) {
            throw new FlasherException("the board on " + p.path() + " did not enter its bootloader: " + refusal);
        }
        running = false;
        bootloader.run();
        return BEFORE;
    }

    @Override
    public Optional<FlashSummary.Back> answer(PortInfo before) {
        log.add("look for " + before.serialNumber());
        if (!started.getAsBoolean()) {
            return Optional.empty();
        }
        running = true;
        return Optional.of(new FlashSummary.Back(port.path(), AFTER));
    }
}
