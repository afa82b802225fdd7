package dev.mpt.board;

import java.util.List;
import java.util.Optional;

/**
 * What Tab completion asks of the running system, as {@code py/repl.c} asks the VM: the
 * names an object answers to, in the order MicroPython lists them (its qstr order: the
 * static qstrs of .mpy files, then the other built-in names in ASCII order, then names made
 * at run time in the order they were made).
 */
public interface CompletionSource {

    /**
     * The attribute names of the object reached from {@code __main__} through
     * {@code chain} (empty: the globals of {@code __main__}), or empty when a name in the
     * chain does not resolve.
     */
    Optional<List<String>> names(List<String> chain);

    /** The names of the built-in modules, offered after {@code import }. */
    List<String> builtinModules();

    /** Completes nothing: for engines that cannot look names up. */
    CompletionSource NONE = new CompletionSource() {
        @Override
        public Optional<List<String>> names(List<String> chain) {
            return Optional.empty();
        }

        @Override
        public List<String> builtinModules() {
            return List.of();
        }
    };
}
