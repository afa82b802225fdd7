package dev.mpt.flasher.esp;

/** Test images for tests in other packages. */
public final class EspImageAccess {
    private EspImageAccess() {}

    /** A valid one-segment image (see {@link EspImageTest#image}). */
    public static byte[] image(int chipId, boolean sha, int mode, int sizeFreq) throws Exception {
        return EspImageTest.image(chipId, sha, mode, sizeFreq);
    }
}
