package dev.mpt.cli;

import dev.mpt.board.VmBoard;
import dev.mpt.protocol.Link;

/**
 * The in-process virtual board that {@code -d virtual}, and {@code auto} with no board
 * attached, talk to (see {@link VmBoard}).
 */
final class VirtualBoardLink {
    private VirtualBoardLink() {}

    static Link open() {
        return VmBoard.create(VmBoard.defaultFlash()).start().connect();
    }
}
