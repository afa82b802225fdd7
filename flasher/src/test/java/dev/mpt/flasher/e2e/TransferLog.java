package dev.mpt.flasher.e2e;

import dev.mpt.flasher.DfuRequest;
import dev.mpt.flasher.DfuState;
import dev.mpt.flasher.DfuStateTable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays a usbfs-emu transfer log against {@link DfuStateTable}: every DFU request must be
 * one the specification allows in the state the device was in at that moment, and no
 * GETSTATUS may come before the poll timeout the device asked for.
 */
final class TransferLog {
    private static final Pattern LINE = Pattern.compile(
            "bmRequestType=0x(\\p{XDigit}{2}) bRequest=0x(\\p{XDigit}{2}) wValue=0x\\p{XDigit}{4} wIndex=0x\\p{XDigit}{4} "
                    + "wLength=(\\d+) .* result=(\\w+) .*\\| (.*)");
    private static final Pattern NEW_STATE = Pattern.compile("-> (\\S+)");

    private TransferLog() {}

    /** The log lines that break the rules, each with the state it was sent in; empty when all is well. */
    static List<String> violations(String log) {
        List<String> bad = new ArrayList<>();
        DfuState state = DfuState.DFU_IDLE;
        for (String line : log.split("\n")) {
            if (line.startsWith("#")) {
                if (line.contains("plugged") || line.contains("reset")) {
                    state = DfuState.DFU_IDLE;
                }
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            int type = Integer.parseInt(m.group(1), 16);
            if (type != 0x21 && type != 0xA1) {
                continue; // standard requests (descriptors, SET_INTERFACE) are not DFU's business
            }
            DfuRequest request = DfuRequest.of(Integer.parseInt(m.group(2), 16));
            int length = Integer.parseInt(m.group(3));
            if (request == null || !DfuStateTable.allows(state, request, length)) {
                bad.add("in " + state.specName() + ": " + line);
            }
            if (line.contains("early(")) {
                bad.add("polled too early: " + line);
            }
            if (m.group(4).equals("stall")) {
                state = DfuState.DFU_ERROR;
                continue;
            }
            Matcher s = NEW_STATE.matcher(m.group(5));
            if (s.find()) {
                state = byName(s.group(1), state);
            }
        }
        return bad;
    }

    private static DfuState byName(String name, DfuState otherwise) {
        for (DfuState s : DfuState.values()) {
            if (s.specName().equals(name)) {
                return s;
            }
        }
        return otherwise;
    }
}
