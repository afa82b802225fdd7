package dev.mpt.flasher;

import dev.mpt.console.Progress;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The DFU 1.1 protocol and ST's DfuSe extensions (AN3156) over a {@link Transport}: every
 * request the host may send, the wait for the device while it is busy (honouring
 * bwPollTimeout exactly), and recovery from error states.
 */
public final class DfuSession {
    /** Timeout for one control transfer. */
    public static final int TRANSFER_TIMEOUT_MS = 5000;
    /** Upper bound on how long a single operation may keep the device busy. */
    private static final long BUSY_LIMIT_MS = 120_000;

    static final int CMD_GET_COMMANDS = 0x00;
    static final int CMD_SET_ADDRESS = 0x21;
    static final int CMD_ERASE = 0x41;
    static final int CMD_READ_UNPROTECT = 0x92;

    /** How the session waits; tests substitute a virtual clock. */
    @FunctionalInterface
    public interface Pause {
        void pause(long ms);

        /**
         * Real time. A plain sleep: spinning out the last millisecond of each poll timeout
         * gained about 0.2 ms per wait on an idle machine but lost more than that on a busy
         * one, and burnt a core doing it.
         */
        Pause REAL = ms -> {
            if (ms <= 0) {
                return;
            }
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FlasherException("interrupted");
            }
        };
    }

    private final Transport transport;
    private final int transferSize;
    private final Pause pause;
    /**
     * What the host is doing, for messages about transfers that fail: a text, or a format with
     * one address (formatted only when a message needs it, not once per block).
     */
    private String doingText = "talking to the device";
    private long doingAddress = -1;

    public DfuSession(Transport transport, int transferSize, Pause pause) {
        if (transferSize <= 0 || transferSize > 0xFFFF) {
            throw new IllegalArgumentException("transfer size " + transferSize);
        }
        this.transport = transport;
        this.transferSize = transferSize;
        this.pause = pause;
    }

    public int transferSize() {
        return transferSize;
    }

    // ---- DFU 1.1 requests ----

    /** DFU_GETSTATUS. */
    public StatusReport getStatus() {
        try {
            return StatusReport.decode(transport.controlIn(DfuRequest.GETSTATUS.code(), 0, 6, TRANSFER_TIMEOUT_MS));
        } catch (TransportException e) {
            throw inContext(e);
        }
    }

    private void doing(String text) {
        doingText = text;
        doingAddress = -1;
    }

    private void doingAt(String format, long address) {
        doingText = format;
        doingAddress = address;
    }

    private String doing() {
        return doingAddress < 0 ? doingText : String.format(doingText, doingAddress);
    }

    /** Adds what the host was doing to a transfer failure other than a stall. */
    private TransportException inContext(TransportException e) {
        if (e.kind() == TransportException.Kind.STALL || e.getMessage().contains(" while ")) {
            return e;
        }
        String m = e.getMessage();
        String hint = "";
        int semi = m.indexOf("; ");
        if (semi > 0) {
            hint = m.substring(semi);
            m = m.substring(0, semi);
        }
        return new TransportException(e.kind(), m + " while " + doing() + hint);
    }

    /** DFU_GETSTATE. */
    public DfuState getState() {
        byte[] b = transport.controlIn(DfuRequest.GETSTATE.code(), 0, 1, TRANSFER_TIMEOUT_MS);
        if (b.length != 1) {
            throw new DfuProtocolException("GETSTATE answered " + b.length + " bytes instead of 1");
        }
        return DfuState.of(b[0] & 0xFF);
    }

    /** DFU_CLRSTATUS: leaves dfuERROR for dfuIDLE. */
    public void clearStatus() {
        try {
            transport.controlOut(DfuRequest.CLRSTATUS.code(), 0, new byte[0], TRANSFER_TIMEOUT_MS);
        } catch (TransportException e) {
            throw inContext(e);
        }
    }

    /** DFU_ABORT: back to dfuIDLE from an idle download or upload. */
    public void abort() {
        try {
            transport.controlOut(DfuRequest.ABORT.code(), 0, new byte[0], TRANSFER_TIMEOUT_MS);
        } catch (TransportException e) {
            throw inContext(e);
        }
    }

    /** DFU_DETACH (runtime mode): asks the device to enter DFU mode within timeoutMs. */
    public void detach(int timeoutMs) {
        transport.controlOut(DfuRequest.DETACH.code(), timeoutMs, new byte[0], TRANSFER_TIMEOUT_MS);
    }

    /** DFU_DNLOAD of one block; a refusal is explained with the status the device then reports. */
    public void download(int block, byte[] data) {
        try {
            transport.controlOut(DfuRequest.DNLOAD.code(), block, data, TRANSFER_TIMEOUT_MS);
        } catch (TransportException e) {
            throw explainStall(inContext(e), doing());
        }
    }

    /** DFU_UPLOAD of one block; a refusal is explained with the status the device then reports. */
    public byte[] upload(int block, int length) {
        try {
            return transport.controlIn(DfuRequest.UPLOAD.code(), block, length, TRANSFER_TIMEOUT_MS);
        } catch (TransportException e) {
            throw explainStall(inContext(e), doing());
        }
    }

    /**
     * After a STALL the device sits in dfuERROR with a status saying why: read it, clear it so
     * the device stays usable, and report it. Other failures pass through unchanged.
     */
    private RuntimeException explainStall(TransportException e, String doing) {
        if (e.kind() != TransportException.Kind.STALL) {
            return e;
        }
        try {
            StatusReport s = getStatus();
            if (s.state() == DfuState.DFU_ERROR) {
                clearStatus();
                return new DfuDeviceException(doing, s.status());
            }
        } catch (FlasherException ignored) {
            // the original stall is the best we can say
        }
        return e;
    }

    // ---- state handling ----

    /**
     * Brings the device to dfuIDLE from wherever it is: clears dfuERROR, aborts an idle
     * download or upload, waits out a busy state.
     *
     * @return the state found before recovery
     */
    public DfuState recover() {
        doing("asking the device for its state");
        StatusReport first;
        try {
            first = getStatus();
        } catch (TransportException e) {
            if (e.kind() != TransportException.Kind.STALL) {
                throw e;
            }
            // a stalled GETSTATUS leaves the device in dfuERROR on DfuSe parts; retry once
            first = getStatus();
        }
        StatusReport s = first;
        for (int i = 0; i < 8 && s.state() != DfuState.DFU_IDLE; i++) {
            switch (s.state()) {
                case APP_IDLE, APP_DETACH -> throw new FlasherException(
                        "the device is running its application, not in DFU mode (" + s.state() + ")");
                case DFU_MANIFEST_WAIT_RESET -> throw new FlasherException(
                        "the device finished a download and waits for a USB reset; unplug and replug it");
                default -> {
                    if (DfuStateTable.allows(s.state(), DfuRequest.CLRSTATUS, 0)) {
                        clearStatus();
                    } else if (DfuStateTable.allows(s.state(), DfuRequest.ABORT, 0)) {
                        abort();
                    } else {
                        // a busy or syncing state moves on by itself once asked for status
                        pause.pause(s.pollTimeoutMs());
                    }
                }
            }
            s = getStatus();
        }
        if (s.state() != DfuState.DFU_IDLE) {
            throw new DfuProtocolException("device stays in " + s.state() + " (" + s.state().meaning()
                    + ") and does not return to dfuIDLE");
        }
        return first.state();
    }

    /**
     * Asks for status until the device is no longer busy, waiting bwPollTimeout between
     * requests. An error state is cleared (so the device stays usable) and reported.
     *
     * @param doing what the device was asked to do, for the error message
     * @return the final status
     */
    public StatusReport waitWhileBusy(String doing) {
        return waitWhileBusy(-1, doing);
    }

    /** As {@link #waitWhileBusy(String)}, with doing a format of address when address >= 0. */
    private StatusReport waitWhileBusy(long address, String doingFormat) {
        long waited = 0;
        while (true) {
            StatusReport s = getStatus();
            switch (s.state()) {
                case DFU_DNBUSY, DFU_DNLOAD_SYNC -> {
                    if (waited > BUSY_LIMIT_MS) {
                        throw new DfuProtocolException(describe(doingFormat, address) + ": device still busy after "
                                + waited / 1000 + " s");
                    }
                    pause.pause(s.pollTimeoutMs());
                    waited += Math.max(1, s.pollTimeoutMs());
                }
                case DFU_ERROR -> {
                    try {
                        clearStatus();
                    } catch (TransportException ignored) {
                        // the error is what the user needs to see; recover() will retry later
                    }
                    throw new DfuDeviceException(describe(doingFormat, address), s.status());
                }
                default -> {
                    if (s.status() != DfuStatus.OK) {
                        throw new DfuDeviceException(describe(doingFormat, address), s.status());
                    }
                    return s;
                }
            }
        }
    }

        private static String describe(String format, long address) {
        return address < 0 ? format : String.format(format, address);
    }

    // ---- DfuSe commands (AN3156) ----

    private void dfuseCommand(byte[] command, String doing) {
        doing(doing);
        download(0, command);
        StatusReport s = waitWhileBusy(doing);
        if (s.state() != DfuState.DFU_DNLOAD_IDLE) {
            throw new DfuProtocolException(doing + ": device went to " + s.state() + " instead of dfuDNLOAD-IDLE");
        }
    }

    private static byte[] withAddress(int command, long address) {
        return new byte[] {(byte) command, (byte) address, (byte) (address >> 8), (byte) (address >> 16),
            (byte) (address >> 24)};
    }

    /** DfuSe "set address pointer". */
    public void setAddress(long address) {
        dfuseCommand(withAddress(CMD_SET_ADDRESS, address), String.format("setting the address to 0x%08x", address));
    }

    /** DfuSe page/sector erase of the sector holding address. */
    public void eraseSector(long address) {
        dfuseCommand(withAddress(CMD_ERASE, address), String.format("erasing the sector at 0x%08x", address));
    }

    /** DfuSe mass erase. */
    public void massErase() {
        dfuseCommand(new byte[] {CMD_ERASE}, "mass erase");
    }

    /**
     * DfuSe read unprotect: the device mass-erases, removes read protection and resets, so it
     * disappears from the bus. Returns when the device has taken the command.
     */
    public void readUnprotect() {
        doing("removing read protection");
        download(0, new byte[] {(byte) CMD_READ_UNPROTECT});
        try {
            waitWhileBusy("read unprotect");
        } catch (TransportException e) {
            if (e.kind() != TransportException.Kind.NO_DEVICE && e.kind() != TransportException.Kind.IO) {
                throw e;
            }
        }
    }

    /**
     * DfuSe write: sets the address pointer, then sends the data in blocks of the transfer
     * size (block numbers from 2), waiting for each to be programmed. The sectors must have
     * been erased.
     */
    public void write(long address, byte[] data, Progress progress) {
        int blocks = (data.length + transferSize - 1) / transferSize;
        if (blocks + 2 > 0xFFFF) {
            throw new FlasherException("element too large for one DfuSe write: " + data.length + " bytes");
        }
        setAddress(address);
        for (int i = 0; i < blocks; i++) {
            int from = i * transferSize;
            int to = Math.min(data.length, from + transferSize);
            doingAt("writing at 0x%08x", address + from);
            download(2 + i, Arrays.copyOfRange(data, from, to));
            StatusReport s = waitWhileBusy(address + from, "writing at 0x%08x");
            if (s.state() != DfuState.DFU_DNLOAD_IDLE) {
                throw new DfuProtocolException(String.format("writing at 0x%08x: device went to %s",
                        address + from, s.state()));
            }
            progress.advance(to - from);
        }
    }

    /**
     * DfuSe read: sets the address pointer, goes back to dfuIDLE and uploads blocks from 2
     * until length bytes arrived or the device sends a short block (end of its memory).
     */
    public byte[] read(long address, int length, Progress progress) {
        setAddress(address);
        doingAt("reading at 0x%08x", address);
        abort();
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        int block = 2;
        while (out.size() < length) {
            int want = Math.min(transferSize, length - out.size());
            doingAt("reading at 0x%08x", address + out.size());
            byte[] got = upload(block, want);
            out.writeBytes(got);
            progress.advance(got.length);
            if (got.length < want) {
                break;
            }
            block++;
        }
        abort();
        return out.toByteArray();
    }

    /**
     * DfuSe leave: sets the address pointer to where the firmware starts, sends an empty
     * DNLOAD and asks for status; the device then manifests and runs the firmware. A device
     * that vanishes while doing so has done what was asked.
     */
    public void leave(long address) {
        setAddress(address);
        doing("leaving DFU mode");
        try {
            download(0, new byte[0]);
            getStatus();
        } catch (TransportException e) {
            if (e.kind() == TransportException.Kind.STALL || e.kind() == TransportException.Kind.ACCESS) {
                throw e;
            }
            // NO_DEVICE, IO, TIMEOUT: the device reset into the application, as it should
        }
    }

    // ---- plain DFU 1.1 ----

    /**
     * Plain DFU 1.1 download of a whole firmware: blocks from 0, the zero-length block, then
     * manifestation. A device that is not manifestation tolerant resets at the end; that is
     * reported as success.
     */
    public void downloadPlain(byte[] firmware, boolean manifestationTolerant, Progress progress) {
        int blocks = (firmware.length + transferSize - 1) / transferSize;
        int block = 0;
        for (int i = 0; i < blocks; i++) {
            int from = i * transferSize;
            int to = Math.min(firmware.length, from + transferSize);
            download(block, Arrays.copyOfRange(firmware, from, to));
            waitWhileBusy("downloading block " + block);
            progress.advance(to - from);
            block = (block + 1) & 0xFFFF;
        }
        download(block, new byte[0]);
        try {
            for (int i = 0; i < 1000; i++) {
                StatusReport s = getStatus();
                switch (s.state()) {
                    case DFU_MANIFEST_SYNC, DFU_MANIFEST -> pause.pause(s.pollTimeoutMs());
                    case DFU_IDLE, DFU_MANIFEST_WAIT_RESET -> {
                        return;
                    }
                    case DFU_ERROR -> {
                        clearStatus();
                        throw new DfuDeviceException("manifestation", s.status());
                    }
                    default -> throw new DfuProtocolException("manifestation: device went to " + s.state());
                }
            }
            throw new DfuProtocolException("manifestation does not end");
        } catch (TransportException e) {
            if (manifestationTolerant || e.kind() == TransportException.Kind.STALL) {
                throw e;
            }
            // a device that is not manifestation tolerant may reset without a last answer
        }
    }

    /** Plain DFU 1.1 upload: blocks from 0 until a short block. */
    public byte[] uploadPlain(int maxLength, Progress progress) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int block = 0;
        while (out.size() < maxLength) {
            byte[] got = upload(block, transferSize);
            out.writeBytes(got);
            progress.advance(got.length);
            if (got.length < transferSize) {
                break;
            }
            block = (block + 1) & 0xFFFF;
        }
        byte[] all = out.toByteArray();
        if (all.length >= transferSize && all.length % transferSize == 0) {
            abort();
        }
        return all.length > maxLength ? Arrays.copyOf(all, maxLength) : all;
    }
}
