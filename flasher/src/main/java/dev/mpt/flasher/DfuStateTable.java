package dev.mpt.flasher;

import static dev.mpt.flasher.DfuRequest.ABORT;
import static dev.mpt.flasher.DfuRequest.CLRSTATUS;
import static dev.mpt.flasher.DfuRequest.DETACH;
import static dev.mpt.flasher.DfuRequest.DNLOAD;
import static dev.mpt.flasher.DfuRequest.GETSTATE;
import static dev.mpt.flasher.DfuRequest.GETSTATUS;
import static dev.mpt.flasher.DfuRequest.UPLOAD;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which requests DFU 1.1 (appendix A, the state transition summary) lets a host send in each
 * state; anything else the device answers with STALL and enters dfuERROR. DfuSe keeps the same
 * table and carries its commands in DNLOAD/UPLOAD. In dfuDNBUSY and dfuMANIFEST the host may
 * only ask for status, and only once bwPollTimeout has passed.
 */
public final class DfuStateTable {
    private static final Map<DfuState, Set<DfuRequest>> ALLOWED = new EnumMap<>(DfuState.class);

    static {
        allow(DfuState.APP_IDLE, DETACH, GETSTATUS, GETSTATE);
        allow(DfuState.APP_DETACH, GETSTATUS, GETSTATE);
        allow(DfuState.DFU_IDLE, DNLOAD, UPLOAD, ABORT, GETSTATUS, GETSTATE);
        allow(DfuState.DFU_DNLOAD_SYNC, GETSTATUS, GETSTATE);
        allow(DfuState.DFU_DNBUSY, GETSTATUS);
        allow(DfuState.DFU_DNLOAD_IDLE, DNLOAD, ABORT, GETSTATUS, GETSTATE);
        allow(DfuState.DFU_MANIFEST_SYNC, GETSTATUS, GETSTATE);
        allow(DfuState.DFU_MANIFEST, GETSTATUS);
        allow(DfuState.DFU_MANIFEST_WAIT_RESET);
        allow(DfuState.DFU_UPLOAD_IDLE, UPLOAD, ABORT, GETSTATUS, GETSTATE);
        allow(DfuState.DFU_ERROR, GETSTATUS, GETSTATE, CLRSTATUS);
    }

    private DfuStateTable() {}

    private static void allow(DfuState state, DfuRequest... requests) {
        Set<DfuRequest> set = EnumSet.noneOf(DfuRequest.class);
        set.addAll(java.util.List.of(requests));
        ALLOWED.put(state, set);
    }

    /** Whether the host may send a request in a state (a zero-length DNLOAD only in dfuDNLOAD-IDLE). */
    public static boolean allows(DfuState state, DfuRequest request, int length) {
        if (request == DNLOAD && length == 0) {
            return state == DfuState.DFU_DNLOAD_IDLE;
        }
        return ALLOWED.get(state).contains(request);
    }

    /** The requests allowed in a state. */
    public static Set<DfuRequest> allowed(DfuState state) {
        return Set.copyOf(ALLOWED.get(state));
    }
}
