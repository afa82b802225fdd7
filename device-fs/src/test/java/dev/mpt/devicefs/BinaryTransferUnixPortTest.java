package dev.mpt.devicefs;

import org.junit.jupiter.api.Assumptions;

/**
 * {@link BinaryTransferTest} against MicroPython's unix port on a raw pty, when
 * {@code MPT_TEST_MICROPYTHON} names its binary: what the virtual board does must be what
 * firmware does.
 */
class BinaryTransferUnixPortTest extends BinaryTransferTest {
    @Override
    String unixPort() {
        String mp = System.getenv("MPT_TEST_MICROPYTHON");
        Assumptions.assumeTrue(mp != null && !mp.isBlank(), "MPT_TEST_MICROPYTHON not set");
        return mp;
    }
}
