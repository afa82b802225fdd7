package dev.mpt.flasher;

import dev.mpt.console.Progress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Carries out a {@link FlashPlan} over a DfuSe session: optional read-back of the touched
 * sectors to skip the unchanged ones (incremental flashing), erase, write, verify.
 */
public final class Flasher {
    /** How to flash. */
    public record Options(boolean verify, boolean incremental) {}

    /**
     * What was done.
     *
     * @param sectorsErased sectors erased
     * @param sectorsUnchanged touched sectors left alone because they already held the image
     * @param sectorsBlank sectors written without an erase because they were erased already
     * @param bytesWritten bytes programmed
     * @param bytesVerified bytes read back and compared
     */
    public record Result(int sectorsErased, int sectorsUnchanged, int sectorsBlank, long bytesWritten,
            long bytesVerified) {
        /** Nothing done. */
        public static final Result NONE = new Result(0, 0, 0, 0, 0);

        /** Both together (one alternate setting's work added to another's). */
        public Result plus(Result o) {
            return new Result(sectorsErased + o.sectorsErased, sectorsUnchanged + o.sectorsUnchanged,
                    sectorsBlank + o.sectorsBlank, bytesWritten + o.bytesWritten, bytesVerified + o.bytesVerified);
        }
    }

    private final DfuSession session;
    private final Progress progress;

    public Flasher(DfuSession session, Progress progress) {
        this.session = session;
        this.progress = progress;
    }

    /** Flashes the plan; the device must be in dfuIDLE with the right alternate setting. */
    public Result flash(FlashPlan plan, Options options) {
        List<Sector> work = new ArrayList<>(plan.touched());
        List<Sector> blank = new ArrayList<>();
        int unchanged = 0;
        if (options.incremental() && plan.touched().stream().allMatch(Sector::readable)) {
            long total = plan.touched().stream().mapToLong(Sector::size).sum();
            progress.begin("compare", total);
            work.clear();
            for (Sector s : plan.touched()) {
                byte[] now = session.read(s.start(), (int) s.size(), progress);
                if (sameInSector(plan, s, now)) {
                    unchanged++;
                } else {
                    work.add(s);
                    if (isBlank(now)) {
                        blank.add(s);
                    }
                }
            }
            progress.end();
        }
        List<Sector> erase = work.stream().filter(s -> s.erasable() && !blank.contains(s)).toList();
        if (!erase.isEmpty()) {
            progress.begin("erase", erase.stream().mapToLong(Sector::size).sum());
            if (!(FlashPlan.massErases(plan.layout(), erase) && massErase(erase))) {
                for (Sector s : erase) {
                    session.eraseSector(s.start());
                    progress.advance(s.size());
                }
            }
            progress.end();
        }
        List<Element> writes = plan.writesWithin(work);
        long bytes = writes.stream().mapToLong(Element::size).sum();
        if (bytes > 0) {
            progress.begin("write", bytes);
            for (Element e : writes) {
                session.write(e.address(), e.data(), progress);
            }
            progress.end();
        }
        long verified = 0;
        if (options.verify() && bytes > 0) {
            progress.begin("verify", bytes);
            for (Element e : writes) {
                byte[] back = session.read(e.address(), e.size(), progress);
                checkSame(e, back);
                verified += back.length;
            }
            progress.end();
        }
        return new Result(erase.size(), unchanged, (int) blank.stream().filter(Sector::erasable).count(), bytes,
                verified);
    }

    /**
     * One DfuSe mass erase for all the sectors; false (device back in dfuIDLE, nothing
     * erased that a sector erase would not have) if the device refuses it, as bootloaders
     * without the command do with an error status or a stall.
     */
    private boolean massErase(List<Sector> sectors) {
        try {
            session.massErase();
        } catch (DfuDeviceException e) {
            session.recover();
            return false;
        } catch (TransportException e) {
            if (e.kind() != TransportException.Kind.STALL) {
                throw e;
            }
            session.recover();
            return false;
        }
        progress.advance(sectors.stream().mapToLong(Sector::size).sum());
        return true;
    }

    private static boolean isBlank(byte[] sector) {
        for (byte b : sector) {
            if (b != (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameInSector(FlashPlan plan, Sector s, byte[] now) {
        if (now.length != s.size()) {
            return false;
        }
        if (s.erasable()) {
            return Arrays.equals(now, plan.expected(s));
        }
        for (Element e : plan.elements()) {
            long from = Math.max(s.start(), e.address());
            long to = Math.min(s.end(), e.end());
            for (long a = from; a < to; a++) {
                if ((now[(int) (a - s.start())] & 0xFF) != e.byteAt(a)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Compares a read-back with what was written, naming the first difference. */
    public static void checkSame(Element written, byte[] back) {
        byte[] want = written.data();
        if (back.length < want.length) {
            throw new FlasherException(String.format(
                    "verify failed: the device returned %d bytes at 0x%08x, %d were written",
                    back.length, written.address(), want.length));
        }
        int i = Arrays.mismatch(want, Arrays.copyOf(back, want.length));
        if (i >= 0) {
            throw new FlasherException(String.format(
                    "verify failed at 0x%08x: wrote 0x%02x, read back 0x%02x", written.address() + i,
                    want[i] & 0xFF, back[i] & 0xFF));
        }
    }
}
