package dev.mpt.compiler;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the source, compiling either succeeds or ends in a CompileError — never a crash. */
class CompilePropertyTest {

    private static final List<String> ATOMS = List.of("x", "y", "f", "0", "1", "-7", "2**40", "1.5", "3j",
        "'s'", "b'b'", "None", "True", "...", "(1, 2)", "[x]", "{1: 2}", "{x}", "f'{x}'", "t'{y}'", "(x for x in y)",
        "[i for i in x if i]", "lambda a, *b, c=1, **d: a", "x[1:2:3]", "x.y", "f(*x, **y)", "(yield)",
        "await x", "x if y else 0", "not x", "x < y <= 1", "(z := 3)", "math.pi", "const(3)");
    private static final List<String> OPS = List.of("+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|",
        "^", "and", "or", "==", "is not", "not in", "@");

    @Provide
    Arbitrary<String> expr() {
        Arbitrary<String> atom = Arbitraries.of(ATOMS);
        return Combinators.combine(atom, Arbitraries.of(OPS), atom).as((a, op, b) -> a + " " + op + " " + b)
            .injectDuplicates(0.0);
    }

    @Provide
    Arbitrary<String> statement() {
        Arbitrary<String> e = expr();
        return Arbitraries.oneOf(
            e.map(x -> "x = " + x),
            e.map(x -> "x += " + x),
            e.map(x -> "a, *b = " + x),
            e.map(x -> "if " + x + ":\n    pass\nelif y:\n    z = 1\nelse:\n    del x"),
            e.map(x -> "while " + x + ":\n    break\nelse:\n    continue"),
            e.map(x -> "for i in range(" + x + "):\n    print(i)"),
            e.map(x -> "def g(a, b=1, *c, d, **e):\n    nonlocal x\n    global y\n    return " + x),
            e.map(x -> "async def g():\n    async with " + x + " as q:\n        await q\n    async for r in q:\n        yield r"),
            e.map(x -> "class C(B, metaclass=M):\n    def m(self):\n        return super().m(" + x + ")"),
            e.map(x -> "try:\n    raise " + x + " from y\nexcept (E, F) as e:\n    pass\nfinally:\n    return"),
            e.map(x -> "with a as (b, c), d:\n    assert " + x + ", 'msg'"),
            e.map(x -> "from . import (a, b)\nimport m.n as o\nfrom q import *\n" + x),
            e.map(x -> "@dec\n@micropython.bytecode\ndef h():\n    yield from " + x),
            e.map(x -> "_C = const(" + x + ")"));
    }

    @Provide
    Arbitrary<String> program() {
        return statement().list().ofMinSize(1).ofMaxSize(6).map(l -> String.join("\n", l) + "\n");
    }

    @Provide
    Arbitrary<String> tokenSoup() {
        return Arbitraries.of("x", "1", "(", ")", "[", "]", "{", "}", ":", "\n", "    ", "=", "+", "'", "\"", "f'{",
            "}", "def", "class", "if", "else", "lambda", "yield", ",", "*", "**", ".", "\\\n", "#", "0x", "1e",
            "\t", "await", "async", "return", "t'").list().ofMaxSize(30).map(l -> String.join(" ", l));
    }

    private static void compile(String src) {
        try {
            CrossCompiler.compileToBytes(src.getBytes(StandardCharsets.UTF_8), "p.py", CrossCompiler.Options.defaults());
        } catch (CompileError expected) {
            // a user error, reported the MicroPython way
        }
    }

    @Property(tries = 300)
    void generatedProgramsCompileOrFailCleanly(@ForAll("program") String src) {
        compile(src);
    }

    @Property(tries = 300)
    void tokenSoupCompilesOrFailsCleanly(@ForAll("tokenSoup") String src) {
        compile(src);
    }
}
