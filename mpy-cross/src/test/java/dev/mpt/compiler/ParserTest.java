package dev.mpt.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParserTest {

    private static String tree(String src) {
        return Parser.parse(src).toString();
    }

    @Test
    void integerExpressionsFoldAtParseTime() {
        assertThat(tree("x = 1 + 2 * 3 - (4 << 2)\n")).isEqualTo("expr_stmt(Id[name=x], SmallInt[value=-9])");
    }

    @Test
    void foldingFollowsPythonDivisionRules() {
        assertThat(tree("x = -7 // 2\n")).contains("SmallInt[value=-4]");
        assertThat(tree("x = -7 % 3\n")).contains("SmallInt[value=2]");
        assertThat(tree("x = 7 / 2\n")).contains("Const[value=3.5");
        assertThat(tree("x = 1 // 0\n")).contains("term(");
    }

    @Test
    void bigIntsAndShiftsBecomeConstObjects() {
        assertThat(tree("x = 1 << 40\n")).contains("Const[value=1099511627776");
        assertThat(tree("x = 1 << 20\n")).contains("SmallInt[value=1048576]");
    }

    @Test
    void logicalOperatorsFoldOnConstants() {
        assertThat(tree("x = 0 or y\n")).isEqualTo("expr_stmt(Id[name=x], Id[name=y])");
        assertThat(tree("x = not 0\n")).contains("Tok[kind=KW_TRUE]");
        assertThat(tree("x = 1 and y and 0 and z\n")).contains("and_test(Id[name=y], SmallInt[value=0])");
    }

    @Test
    void constDefinitionsAreSubstitutedAndPrivateOnesRemoved() {
        String t = tree("_A = const(2)\nB = const(_A * 3)\nprint(_A, B)\n");
        assertThat(t).startsWith("file_input_2(pass_stmt(), expr_stmt(Id[name=B], SmallInt[value=6])");
        assertThat(t).contains("arglist(SmallInt[value=2], SmallInt[value=6])");
    }

    @Test
    void constRequiresAConstant() {
        assertThatThrownBy(() -> Parser.parse("X = const(y)\n")).isInstanceOf(CompileError.class)
            .hasMessage("not a constant");
    }

    @Test
    void mathConstantsFold() {
        assertThat(tree("x = math.pi * 2\n")).contains("Const[value=6.283185307179586");
    }

    @Test
    void constantTuplesAreBuilt() {
        assertThat(tree("x = (1, 'a', None)\n")).contains("Const[value=[1, a, NONE]");
        assertThat(tree("x = 1, 2\n")).contains("Const[value=[1, 2]");
        assertThat(tree("x = [1, 2]\n")).contains("atom_bracket(testlist_comp(");
    }

    @Test
    void lonelyConstantsAndDocStringsBecomePass() {
        assertThat(tree("'doc'\n1\nx\n")).isEqualTo("file_input_2(pass_stmt(), pass_stmt(), expr_stmt(Id[name=x], null))");
    }

    @Test
    void parenthesesAroundOneExpressionVanish() {
        assertThat(tree("x = (y)\n")).isEqualTo("expr_stmt(Id[name=x], Id[name=y])");
    }

    @Test
    void syntaxErrorsCarryTheLine() {
        assertThatThrownBy(() -> Parser.parse("x = 1\ny = (\n")).isInstanceOf(CompileError.class)
            .hasMessage("invalid syntax")
            .satisfies(e -> assertThat(((CompileError) e).line()).isEqualTo(3));
        assertThatThrownBy(() -> Parser.parse("x\n  y\n")).isInstanceOf(CompileError.class)
            .hasMessage("unexpected indent");
    }

    @Test
    void ruleTableNamesMatchMicroPython() {
        assertThat(Rule.valueOf("testlist_comp_3c").act).isEqualTo(Rule.Act.LIST_WITH_END);
        assertThat(Rule.funcdef.act).isEqualTo(Rule.Act.AND_BLANK);
    }
}
