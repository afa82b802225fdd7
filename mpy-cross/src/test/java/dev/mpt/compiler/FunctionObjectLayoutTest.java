package dev.mpt.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Python function's id() is an address where uctypes reads MicroPython's function object
 * (as micropython-lib's inspect.signature reads it), for as long as the function lives, however
 * many other functions were placed and collected meanwhile.
 */
class FunctionObjectLayoutTest {
    @TempDir
    Path root;

    private String run(String source) throws Exception {
        return VmCompilerTest.run(root, source);
    }

    /** Python that prints the positional-argument count in f's prelude, read at id(f). */
    private static final String READ_ARGS = """
            import gc, uctypes
            def nargs(f):
                words = uctypes.struct(id(f), (uctypes.ARRAY | 0, uctypes.UINT64 | 4))
                code = uctypes.bytes_at(words[3], 4)
                a, i, n = code[0] & 3, 0, 0
                while code[i] & 0x80:
                    i += 1
                    a |= (code[i] & 4) << n
                    n += 1
                return a
            """;

    @Test
    void aLiveFunctionStaysReadableWhileThousandsOfOthersArePlacedAndCollected() throws Exception {
        String out = run(READ_ARGS + """
                def keep(a, b, c, d, e, f, g):
                    pass
                first = id(keep)
                print(nargs(keep))
                seen = set()
                for round in range(10):
                    for i in range(300):
                        seen.add(id(eval("lambda x, y: x")))
                    gc.collect()
                print(id(keep) == first, nargs(keep), nargs(lambda: 0), first in seen)
                """);
        assertThat(out).isEqualTo("7\nTrue 7 0 False\n");
    }

    @Test
    void liveFunctionsHaveDistinctStableIds() throws Exception {
        String out = run("""
                fs = [lambda x=i: x for i in range(3000)]
                ids = [id(f) for f in fs]
                print(len(set(ids)), ids == [id(f) for f in fs], len(set(i % 16 for i in ids)))
                print(id(fs[0]) != id(print), id(fs[0]) != id(type(fs[0])), id(7) == 15)
                """);
        assertThat(out).isEqualTo("3000 True 1\nTrue True True\n");
    }
}
