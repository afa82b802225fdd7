package dev.mpt.flasher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransferLogTest {
    private static String line(String type, String request, int length, String result, String note) {
        return "dev=1-1 bmRequestType=0x" + type + " bRequest=0x" + request + " wValue=0x0000 wIndex=0x0000 wLength="
                + length + " data=- result=" + result + " actual=0 | " + note + "\n";
    }

    @Test
    void aWellBehavedExchangePasses() {
        String log = "# dev=1-1 claim interface 0\n"
                + line("01", "0b", 0, "ok", "SET_INTERFACE 0 alt 0")
                + line("21", "01", 5, "ok", "DFU_DNLOAD erase 0x08000000 -> dfuDNLOAD-SYNC")
                + line("a1", "03", 6, "ok", "DFU_GETSTATUS -> dfuDNBUSY poll=250ms [erase]")
                + line("a1", "03", 6, "ok", "DFU_GETSTATUS -> dfuDNLOAD-IDLE OK")
                + line("21", "06", 0, "ok", "DFU_ABORT -> dfuIDLE");
        assertThat(TransferLog.violations(log)).isEmpty();
    }

    @Test
    void aRequestTheStateDoesNotAllowAndAnEarlyPollAreCaught() {
        String log = line("21", "01", 5, "ok", "DFU_DNLOAD setaddr 0x08000000 -> dfuDNLOAD-SYNC")
                + line("21", "01", 5, "stall", "DFU_DNLOAD setaddr 0x08000000 -> dfuERROR")
                + line("a1", "03", 6, "ok", "DFU_GETSTATUS -> dfuERROR errSTALLEDPKT")
                + line("21", "04", 0, "ok", "DFU_CLRSTATUS -> dfuIDLE")
                + line("21", "01", 5, "ok", "DFU_DNLOAD erase 0x08000000 -> dfuDNLOAD-SYNC")
                + line("a1", "03", 6, "ok", "DFU_GETSTATUS -> dfuDNBUSY poll=250ms")
                + line("a1", "03", 6, "ok", "DFU_GETSTATUS -> dfuDNLOAD-IDLE OK early(waited 3ms of 250ms)");
        assertThat(TransferLog.violations(log)).hasSize(2)
                .anySatisfy(v -> assertThat(v).startsWith("in dfuDNLOAD-SYNC: ").contains("result=stall"))
                .anySatisfy(v -> assertThat(v).startsWith("polled too early: "));
    }
}
