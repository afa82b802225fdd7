package dev.mpt.devicefs;

import java.util.List;
import java.util.Random;

/** What the seeded fault-injection transfer tests share: their file contents, outcomes and error check. */
final class FaultRuns {
    private FaultRuns() {}

    /** What one seeded run ended in. */
    enum Outcome { COPIED, FAILED_CLEANLY }

    /** n bytes for a file: random, or Python source text (half of the time each). */
    static byte[] randomData(Random r, int n) {
        byte[] b = new byte[n];
        if (r.nextBoolean()) {
            r.nextBytes(b);
        } else {
            for (int i = 0; i < n; i++) {
                b[i] = (byte) "import machine\nfor i in range(10):\n    print(i)\n".charAt((i * 7 + n) % 47);
            }
        }
        return b;
    }

    /** A failure must say what went wrong in one line. */
    static void checkMessage(Exception e, String what, List<String> problems) {
        String m = e.getMessage();
        if (m == null || m.isBlank() || m.contains("\n")) {
            problems.add(what + ": unclear error: " + e);
        }
    }
}
