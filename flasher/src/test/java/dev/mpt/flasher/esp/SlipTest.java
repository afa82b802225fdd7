package dev.mpt.flasher.esp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpt.protocol.LinkTimeoutException;
import dev.mpt.protocol.MemoryLink;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SlipTest {
    static final Duration WAIT = Duration.ofSeconds(1);

    @Test
    void framesSurviveTheRoundTripWhateverBytesTheyHold() throws Exception {
        MemoryLink.Pair p = MemoryLink.pair("slip");
        Slip.Reader reader = new Slip.Reader(p.host());
        Random r = new Random(3);
        for (int i = 0; i < 200; i++) {
            byte[] payload = new byte[r.nextInt(300)];
            r.nextBytes(payload);
            if (payload.length > 2) {
                payload[0] = (byte) 0xC0;
                payload[1] = (byte) 0xDB;
            }
            if (payload.length == 0) {
                continue; // an empty frame is two delimiters in a row, which the reader takes as one
            }
            p.board().write(Slip.encode(payload));
            assertThat(reader.next(WAIT)).isEqualTo(payload);
        }
    }

    @Test
    void bootMessagesBetweenFramesAreSkipped() throws Exception {
        MemoryLink.Pair p = MemoryLink.pair("slip");
        Slip.Reader reader = new Slip.Reader(p.host());
        p.board().write("ets Jun  8 2016 00:22:57\r\nwaiting for download\r\n".getBytes());
        p.board().write(Slip.encode(new byte[] {1, 8, 4, 0}));
        assertThat(reader.next(WAIT)).containsExactly(1, 8, 4, 0);
    }

    @Test
    void aBadEscapeIsReportedAsADamagedAnswerAndTheNextFrameStillArrives() throws Exception {
        MemoryLink.Pair p = MemoryLink.pair("slip");
        Slip.Reader reader = new Slip.Reader(p.host());
        p.board().write(new byte[] {(byte) 0xC0, 1, (byte) 0xDB, 0x00, 2, (byte) 0xC0});
        p.board().write(Slip.encode(new byte[] {5}));
        assertThatThrownBy(() -> reader.next(WAIT)).isInstanceOf(Slip.GarbledFrameException.class);
        assertThat(reader.next(WAIT)).containsExactly(5);
    }

    @Test
    void aFrameThatDoesNotEndTimesOut() throws Exception {
        MemoryLink.Pair p = MemoryLink.pair("slip");
        Slip.Reader reader = new Slip.Reader(p.host());
        p.board().write(new byte[] {(byte) 0xC0, 1, 2, 3});
        long t = System.nanoTime();
        assertThatThrownBy(() -> reader.next(Duration.ofMillis(100))).isInstanceOf(LinkTimeoutException.class);
        assertThat((System.nanoTime() - t) / 1e9).isLessThan(1.0);
    }
}
