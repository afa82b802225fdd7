package dev.mpt.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Whole-pipeline checks: source in, .mpy bytes out, compared with bytes checked by hand
 * against the disassembly (source name "t.py", default options).
 */
class CompilerTest {

    static String mpy(String src) {
        byte[] out = CrossCompiler.compileToBytes(src.getBytes(StandardCharsets.UTF_8), "t.py",
            CrossCompiler.Options.defaults());
        return HexFormat.of().formatHex(out);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        assign | x = 1\\n | 4d06001f030008742e7079000f027800400002018116025163
        func | def f(a, b=2):\\n    return a + b\\n | 4d06001f050008742e7079000f0266000261000262006c080201822a015333001602516301589a010802030420b0b1f263
        ifelse | if x:\\n    y = 1\\nelse:\\n    y = 2\\n | 4d06001f040008742e7079000f027800027900811800060124451102444581160342438216035163
        loop | for i in range(3):\\n    print(i)\\n | 4d06001f040008742e7079000f026900817781581004012680424c5716021103110234015981e55783d7432f595163
        cls | class A(B):\\n    def m(self):\\n        return super().m()\\n | 4d06001f0b0008742e7079000f024100026d000242002f2d350b8213823581041802015432001002110434031602516301812c08050228001105160610021607b02000011603b063018100220803080940120a2500b11503360063
        closure | def f():\\n    x = 1\\n    def g():\\n        return x\\n    return g\\n | 4d06001f050008742e7079000f0266000267000b4c00020132001602516301810c10090220234501812701b1200001c0b06301400906030460250063
        fstr | print(f"{x!r:>4} {y}")\\n | 4d06001f070008742e7079000f147b21723a3e347d207b7d008129817702780002790081202002011104100214031105110636023401595163
        consts | from micropython import const\\n_A = const(3)\\nB = const(_A * 2)\\nprint(_A, B, 2**100, 1.5, b"ab", (1, "two"))\\n | 4d06001f060408742e7079000f811181670242008177071f313236373635303630303232383232393430313439363730333230353337360803312e3506026162000a02070131050374776f0082283006014c238010022a011b031c021602598616041105838623002301230223033406595163
        trywith | try:\\n    with open(f) as g:\\n        pass\\nexcept OSError as e:\\n    raise ValueError from e\\nfinally:\\n    del x\\n | 4d06001f090008742e7079000f816d026600026700610265006f0278008348ac020a01242a4f4f492a480f11021103340147031604515c5d4a18571105df445116064905110711066651160619065d4a015d5119085d5163
        gen | def g():\\n    yield from h()\\n    x = [i * 2 for i in range(5) if i]\\n | 4d06001f070008742e7079000f026700143c6c697374636f6d703e0002680081790b4c000201320016025163018154984006022028120434005e516859320012058534013401c0516301813841060306402b00b05f4b0bc1b1443ab182f42f14423363
        star | a, *b = c\\nf(*a, **b)\\nlambda *a, k=1, **kw: 0\\n | 4d06001f080008742e7079000f026b00103c6c616d6264613e00026300026100026200026600822c200601282c1104310116051606110711055311068135820159532c0081100262330059516301589888c0c040060302408063
        asyncf | async def f():\\n    async with a as b:\\n        await b\\n    async for x in y:\\n        pass\\n | 4d06001f0c0008742e7079000f026600145f5f61656e7465725f5f0043125f5f61657869745f5f0015125f5f61697465725f5f00125f5f616e6578745f5f002453746f704173796e63497465726174696f6e000261000279004c000201320016025163018660c4400c02202d1f353d120a57140336005e5168c04909b05e516859515a425f571204df4457575b5a14055b5b5713065a5136035e516844515951424d5b5b140551575736035e5168595d120b14073600480b57140836005e5168c14a0a571209df4443594a035d4227595163
        walrus | if (n := len(a)) > 10:\\n    print(n)\\n | 4d06001f060008742e7079000f8157026100026e00817781500804012d1102110334015716048ad84447110511043401595163
        slices | x = a[1:2], a[::3], a[:], a[i, j]\\na[1:] = b\\n | 4d06001f070008742e7079000f026100026900026a0002780002620083182806011f24110281822e025511025151832e0355110251512e02551102110311042a02552a0416051106110281512e02565163
        chaincmp | r = a < b <= c != d\\ns = x not in y is not z\\n | 4d06001f0b0008742e7079000f026100026200026300026400027200027800027900027a0002730083181004013911021103575bd7460c1104575bda46051105dc42425a59160611071108575bddd346061109ded342425a59160a5163
        ternary | def f(a):\\n    return a if a else -a\\n | 4d06001f040008742e7079000f0266000261004c00020132001602516301680906020320b04442b063b0d163
        comps | d = {k: v for k, v in x}\\ns = {i for i in y}\\ng = sum(i for i in z)\\n | 4d06001f0d0008742e7079000f143c64696374636f6d703e00123c736574636f6d703e00123c67656e657870723e000278000264000279000273008233027a000267000b822410060128283200110534011606320111073401160811093202110a5e34013401160b51630381284904020c2c00b05f4b0a3002c1c2b2b12f1942346381103906030c202d00b05f4b06c1b12f164238638120b14006040c4053b053534b06c1b1675942385163
        assertdel | assert x, "m"\\ndel a, b.c, d[0]\\n | 4d06001f090008742e7079000f3f026d0002630002780002610002620002640081781004012b110543471202100334016519061107535a1804110880535b565163
        imports | import a.b.c\\nimport d.e as f\\nfrom .g import h as i, j\\nfrom .. import k\\nfrom l import *\\n | 4d06001f0f0008742e7079000f0a612e622e630006642e6500026500026800026a00026700026b00030b026c000261000266000269008368100a012628322c80511b02160c80511b031304160d81100510062a021b071c05160e1c061606598210082a011b091c0816085980100a2a011b0b695163
        globnl | g = 0\\ndef f():\\n    global g\\n    g = 1\\n    x = 2\\n    def h():\\n        nonlocal x\\n        x = 3\\n    return h\\n | 4d06001f060008742e7079000f0266000268000267000b6c00040123801704320016025163018134100d02402023236501811704822701b1200001c0b0630160090a03056060208327005163
        annot | x: int = 1\\ny: str\\ndef f(a: int) -> str:\\n    z: int\\n    return a\\n | 4d06001f050008742e7079000f0266000278000261007400060123208116033200160251630140110802046020b063
        debug | if __debug__:\\n    print(1)\\n | 4d06001f030008742e7079000f817760080401201102813401595163
        deccls | @dec(1)\\nclass A(B, metaclass=M):\\n    pass\\n | 4d06001f0a0008742e7079000f024100126d657461636c617373000664656300024200024d002f2d3581643002011104813401543200100211051003110634820334011602516301700004024811071608100216095163
        unwind | for i in x:\\n    try:\\n        break\\n    finally:\\n        continue\\nwhile y:\\n    pass\\nelse:\\n    z = 1\\n | 4d06001f060008742e7079000f027800026900027900027a008218340e0127224323224411025f4b0a1603490340448140350142401104433c8116055163
        rangeneg | for i in range(10, 0, -2):\\n    print(i)\\nfor j in range(n):\\n    pass\\n | 4d06001f060008742e7079000f0269008177026e00026a008270180801262f288a424c571602110311023401597ee55780d8432f59110480424557160581e5585ad7433659595163
        kwonly | def f(a, *, b, c=3, **kw):\\n    return f(a, b=b, **kw)\\n | 4d06001f060008742e7079000f0263000266000262000261008104180201532c0083100262330016035163018140d180c880400a03050402201203b01004b153b38035840163
        """)
    void compilesLikeTheOfficialTool(String what, String escapedSource, String expectedHex) {
        String src = escapedSource.replace("\\n", "\n");
        assertThat(mpy(src)).as(what).isEqualTo(expectedHex);
    }

    @Test
    void errorsNameTheLineAndTheScope() {
        assertThatThrownBy(() -> mpy("def f():\n    return 1\nbreak\n"))
            .isInstanceOfSatisfying(CompileError.class, e -> assertThat(e.traceback("e.py")).isEqualTo(
                "Traceback (most recent call last):\n  File \"e.py\", line 3, in <module>\n"
                    + "SyntaxError: 'break'/'continue' outside loop\n"));
    }

    @Test
    void parseErrorsHaveNoScope() {
        assertThatThrownBy(() -> mpy("x = (1\n"))
            .isInstanceOfSatisfying(CompileError.class, e -> assertThat(e.traceback("e.py")).isEqualTo(
                "Traceback (most recent call last):\n  File \"e.py\", line 2\nSyntaxError: invalid syntax\n"));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
        def f():\\n    nonlocal x\\n | no binding for nonlocal found
        x = 1\\nglobal x\\n | identifier redefined as global
        f(x=1, 2)\\n | positional arg after keyword arg
        1 = x\\n | can't assign to expression
        del f()\\n | can't delete expression
        def f(a, a):\\n    pass\\n | argument name reused
        def f(a=1, b):\\n    pass\\n | non-default argument follows default argument
        return 1\\n | 'return' outside function
        yield 1\\n | 'yield' outside function
        a, *b, *c = d\\n | multiple *x in assignment
        *a\\n | *x must be assignment target
        @micropython.native\\ndef f():\\n    pass\\n | invalid arch
        """)
    void semanticErrors(String escapedSource, String message) {
        String src = escapedSource.replace("\\n", "\n");
        assertThatThrownBy(() -> mpy(src)).isInstanceOf(CompileError.class).hasMessage(message);
    }

    @Test
    void optimisationLevelDropsAssertsAndLineNumbers() {
        byte[] src = "assert x\ny = 1\n".getBytes(StandardCharsets.UTF_8);
        byte[] o0 = CrossCompiler.compileToBytes(src, "t.py", new CrossCompiler.Options(0, 31));
        byte[] o1 = CrossCompiler.compileToBytes(src, "t.py", new CrossCompiler.Options(1, 31));
        byte[] o3 = CrossCompiler.compileToBytes(src, "t.py", new CrossCompiler.Options(3, 31));
        assertThat(o1.length).isLessThan(o0.length);
        assertThat(o3.length).isLessThan(o1.length);
    }

    @Test
    void smallIntBitsDecideWhatIsAConstantObject() {
        byte[] src = "x = 1 << 40\n".getBytes(StandardCharsets.UTF_8);
        String narrow = HexFormat.of().formatHex(CrossCompiler.compileToBytes(src, "t.py", new CrossCompiler.Options(0, 31)));
        String wide = HexFormat.of().formatHex(CrossCompiler.compileToBytes(src, "t.py", new CrossCompiler.Options(0, 63)));
        assertThat(narrow).startsWith("4d06001f").contains(HexFormat.of().formatHex("1099511627776".getBytes()));
        assertThat(wide).startsWith("4d06003f").doesNotContain(HexFormat.of().formatHex("1099511627776".getBytes()));
    }
}
