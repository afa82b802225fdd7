package dev.mpt.cli;

import dev.mpt.protocol.Link;

/** Makes the in-process virtual board for {@code -d virtual} and for no board attached. */
final class VirtualBoardLink {
    private VirtualBoardLink() {}

    static Link open() {
        throw new Errors.UserError("the virtual board is not part of this build yet: pass -d with a real board");
    }
}
