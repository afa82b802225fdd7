package dev.mpt.devicefs;

import dev.mpt.protocol.BoardException;
import java.util.Optional;

/**
 * SHA-256 of files on the board, computed there with {@code hashlib} so only the digest
 * crosses the link ({@code mpt sha256sum}, and {@code mip} to skip files already in place).
 */
public final class BoardHash {
    private final RemoteCode code;

    public BoardHash(RemoteCode code) {
        this.code = code;
    }

    /** The SHA-256 of a file on the board, as 64 lowercase hex digits. */
    public String sha256(String path) throws RemoteFsException, BoardException {
        if (!code.has("hashlib")) {
            throw new RemoteFsException("the board's firmware has no hashlib module");
        }
        String out = code.run(path, "import hashlib\n"
                + "_mpt_h=hashlib.sha256()\n"
                + "with open(" + PyLiteral.str(path) + ",'rb') as _mpt_f:\n"
                + " while 1:\n"
                + "  _mpt_b=_mpt_f.read(1024)\n"
                + "  if not _mpt_b:break\n"
                + "  _mpt_h.update(_mpt_b)\n"
                + "print(repr(_mpt_h.digest()))\n"
                + "del _mpt_h,_mpt_f,_mpt_b\n");
        byte[] digest = RemoteFs.decoded(path, () -> (byte[]) PyLiteral.parse(out.strip()));
        StringBuilder hex = new StringBuilder(64);
        for (byte b : digest) {
            hex.append(String.format("%02x", b & 0xff));
        }
        return hex.toString();
    }

    /** The SHA-256 of a file, or empty when there is no such file. */
    public Optional<String> sha256IfExists(String path) throws RemoteFsException, BoardException {
        try {
            return Optional.of(sha256(path));
        } catch (RemoteFsException e) {
            if ("ENOENT".equals(e.errnoName())) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
