package dev.mpt.flasher;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Writes UF2 files for tests: 256-byte payloads, as the common UF2 tools make them. */
public final class Uf2Builder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Appends blocks for data at address, with the family ID (Uf2File.NO_FAMILY for none) and flags. */
    public Uf2Builder add(long address, byte[] data, long family, int extraFlags) {
        int blocks = (data.length + 255) / 256;
        for (int i = 0; i < blocks; i++) {
            ByteBuffer b = ByteBuffer.allocate(Uf2File.BLOCK).order(ByteOrder.LITTLE_ENDIAN);
            int n = Math.min(256, data.length - i * 256);
            b.putInt(Uf2File.MAGIC_START0).putInt(Uf2File.MAGIC_START1)
                    .putInt(extraFlags | (family == Uf2File.NO_FAMILY ? 0 : Uf2File.FLAG_FAMILY_ID))
                    .putInt((int) (address + i * 256L)).putInt(256).putInt(i).putInt(blocks)
                    .putInt(family == Uf2File.NO_FAMILY ? 0 : (int) family);
            b.put(data, i * 256, n);
            b.putInt(Uf2File.BLOCK - 4, Uf2File.MAGIC_END);
            out.writeBytes(b.array());
        }
        return this;
    }

    public Uf2Builder add(long address, byte[] data, long family) {
        return add(address, data, family, 0);
    }

    public byte[] bytes() {
        return out.toByteArray();
    }
}
