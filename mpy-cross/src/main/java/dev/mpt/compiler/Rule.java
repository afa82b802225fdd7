package dev.mpt.compiler;

/**
 * MicroPython's grammar as a table: one constant per rule, named as in MicroPython, with its
 * kind and arguments. Arguments are written {@code t:TOKEN} (match a token), {@code r:rule}
 * (a mandatory rule) or {@code o:rule} (an optional rule). The parser is driven entirely by
 * this table.
 */
public enum Rule {
    generic_colon_test(false, Act.AND_IDENT, "t:DEL_COLON", "r:test"),
    generic_equal_test(false, Act.AND_IDENT, "t:DEL_EQUAL", "r:test"),
    single_input(false, Act.OR, "t:NEWLINE", "r:simple_stmt", "r:compound_stmt"),
    file_input(true, Act.AND_IDENT, "o:file_input_2"),
    file_input_2(true, Act.ONE_OR_MORE, "r:file_input_3"),
    file_input_3(false, Act.OR, "t:NEWLINE", "r:stmt"),
    eval_input(false, Act.AND_IDENT, "r:testlist", "o:eval_input_2"),
    eval_input_2(false, Act.AND, "t:NEWLINE"),
    decorator(false, Act.AND, "t:OP_AT", "r:dotted_name", "o:trailer_paren", "t:NEWLINE"),
    decorators(false, Act.ONE_OR_MORE, "r:decorator"),
    decorated(true, Act.AND_IDENT, "r:decorators", "r:decorated_body"),
    decorated_body(false, Act.OR, "r:classdef", "r:funcdef", "r:async_funcdef"),
    async_funcdef(false, Act.AND, "t:KW_ASYNC", "r:funcdef"),
    funcdef(true, Act.AND_BLANK, "t:KW_DEF", "t:NAME", "t:DEL_PAREN_OPEN", "o:typedargslist", "t:DEL_PAREN_CLOSE", "o:funcdefrettype", "t:DEL_COLON", "r:suite"),
    funcdefrettype(false, Act.AND_IDENT, "t:DEL_MINUS_MORE", "r:test"),
    typedargslist(false, Act.LIST_WITH_END, "r:typedargslist_item", "t:DEL_COMMA"),
    typedargslist_item(false, Act.OR, "r:typedargslist_name", "r:typedargslist_star", "r:typedargslist_dbl_star"),
    typedargslist_name(false, Act.AND_IDENT, "t:NAME", "o:generic_colon_test", "o:generic_equal_test"),
    typedargslist_star(false, Act.AND, "t:OP_STAR", "o:tfpdef"),
    typedargslist_dbl_star(false, Act.AND, "t:OP_DBL_STAR", "t:NAME", "o:generic_colon_test"),
    tfpdef(false, Act.AND, "t:NAME", "o:generic_colon_test"),
    varargslist(false, Act.LIST_WITH_END, "r:varargslist_item", "t:DEL_COMMA"),
    varargslist_item(false, Act.OR, "r:varargslist_name", "r:varargslist_star", "r:varargslist_dbl_star"),
    varargslist_name(false, Act.AND_IDENT, "t:NAME", "o:generic_equal_test"),
    varargslist_star(false, Act.AND, "t:OP_STAR", "o:vfpdef"),
    varargslist_dbl_star(false, Act.AND, "t:OP_DBL_STAR", "t:NAME"),
    vfpdef(false, Act.AND_IDENT, "t:NAME"),
    stmt(false, Act.OR, "r:compound_stmt", "r:simple_stmt"),
    simple_stmt(false, Act.AND_IDENT, "r:simple_stmt_2", "t:NEWLINE"),
    simple_stmt_2(true, Act.LIST_WITH_END, "r:small_stmt", "t:DEL_SEMICOLON"),
    small_stmt(false, Act.OR, "r:del_stmt", "r:pass_stmt", "r:flow_stmt", "r:import_stmt", "r:global_stmt", "r:nonlocal_stmt", "r:assert_stmt", "r:expr_stmt"),
    expr_stmt(true, Act.AND, "r:testlist_star_expr", "o:expr_stmt_2"),
    expr_stmt_2(false, Act.OR, "r:annassign", "r:expr_stmt_augassign", "r:expr_stmt_assign_list"),
    expr_stmt_augassign(false, Act.AND_IDENT, "r:augassign", "r:expr_stmt_6"),
    expr_stmt_assign_list(false, Act.ONE_OR_MORE, "r:expr_stmt_assign"),
    expr_stmt_assign(false, Act.AND_IDENT, "t:DEL_EQUAL", "r:expr_stmt_6"),
    expr_stmt_6(false, Act.OR, "r:yield_expr", "r:testlist_star_expr"),
    testlist_star_expr(true, Act.LIST_WITH_END, "r:testlist_star_expr_2", "t:DEL_COMMA"),
    testlist_star_expr_2(false, Act.OR, "r:star_expr", "r:test"),
    annassign(false, Act.AND, "t:DEL_COLON", "r:test", "o:expr_stmt_assign"),
    augassign(false, Act.OR, "t:DEL_PLUS_EQUAL", "t:DEL_MINUS_EQUAL", "t:DEL_STAR_EQUAL", "t:DEL_AT_EQUAL", "t:DEL_SLASH_EQUAL", "t:DEL_PERCENT_EQUAL", "t:DEL_AMPERSAND_EQUAL", "t:DEL_PIPE_EQUAL", "t:DEL_CARET_EQUAL", "t:DEL_DBL_LESS_EQUAL", "t:DEL_DBL_MORE_EQUAL", "t:DEL_DBL_STAR_EQUAL", "t:DEL_DBL_SLASH_EQUAL"),
    del_stmt(true, Act.AND, "t:KW_DEL", "r:exprlist"),
    pass_stmt(true, Act.AND, "t:KW_PASS"),
    flow_stmt(false, Act.OR, "r:break_stmt", "r:continue_stmt", "r:return_stmt", "r:raise_stmt", "r:yield_stmt"),
    break_stmt(true, Act.AND, "t:KW_BREAK"),
    continue_stmt(true, Act.AND, "t:KW_CONTINUE"),
    return_stmt(true, Act.AND, "t:KW_RETURN", "o:testlist"),
    yield_stmt(true, Act.AND, "r:yield_expr"),
    raise_stmt(true, Act.AND, "t:KW_RAISE", "o:raise_stmt_arg"),
    raise_stmt_arg(false, Act.AND_IDENT, "r:test", "o:raise_stmt_from"),
    raise_stmt_from(false, Act.AND_IDENT, "t:KW_FROM", "r:test"),
    import_stmt(false, Act.OR, "r:import_name", "r:import_from"),
    import_name(true, Act.AND, "t:KW_IMPORT", "r:dotted_as_names"),
    import_from(true, Act.AND, "t:KW_FROM", "r:import_from_2", "t:KW_IMPORT", "r:import_from_3"),
    import_from_2(false, Act.OR, "r:dotted_name", "r:import_from_2b"),
    import_from_2b(false, Act.AND_IDENT, "r:one_or_more_period_or_ellipsis", "o:dotted_name"),
    import_from_3(false, Act.OR, "t:OP_STAR", "r:import_as_names_paren", "r:import_as_names"),
    import_as_names_paren(false, Act.AND_IDENT, "t:DEL_PAREN_OPEN", "r:import_as_names", "t:DEL_PAREN_CLOSE"),
    one_or_more_period_or_ellipsis(false, Act.ONE_OR_MORE, "r:period_or_ellipsis"),
    period_or_ellipsis(false, Act.OR, "t:DEL_PERIOD", "t:ELLIPSIS"),
    import_as_name(false, Act.AND, "t:NAME", "o:as_name"),
    dotted_as_name(false, Act.AND_IDENT, "r:dotted_name", "o:as_name"),
    as_name(false, Act.AND_IDENT, "t:KW_AS", "t:NAME"),
    import_as_names(false, Act.LIST_WITH_END, "r:import_as_name", "t:DEL_COMMA"),
    dotted_as_names(false, Act.LIST, "r:dotted_as_name", "t:DEL_COMMA"),
    dotted_name(false, Act.LIST, "t:NAME", "t:DEL_PERIOD"),
    global_stmt(true, Act.AND, "t:KW_GLOBAL", "r:name_list"),
    nonlocal_stmt(true, Act.AND, "t:KW_NONLOCAL", "r:name_list"),
    name_list(false, Act.LIST, "t:NAME", "t:DEL_COMMA"),
    assert_stmt(true, Act.AND, "t:KW_ASSERT", "r:test", "o:assert_stmt_extra"),
    assert_stmt_extra(false, Act.AND_IDENT, "t:DEL_COMMA", "r:test"),
    compound_stmt(false, Act.OR, "r:if_stmt", "r:while_stmt", "r:for_stmt", "r:try_stmt", "r:with_stmt", "r:funcdef", "r:classdef", "r:decorated", "r:async_stmt"),
    async_stmt(true, Act.AND, "t:KW_ASYNC", "r:async_stmt_2"),
    async_stmt_2(false, Act.OR, "r:funcdef", "r:with_stmt", "r:for_stmt"),
    if_stmt(true, Act.AND, "t:KW_IF", "r:namedexpr_test", "t:DEL_COLON", "r:suite", "o:if_stmt_elif_list", "o:else_stmt"),
    if_stmt_elif_list(false, Act.ONE_OR_MORE, "r:if_stmt_elif"),
    if_stmt_elif(false, Act.AND, "t:KW_ELIF", "r:namedexpr_test", "t:DEL_COLON", "r:suite"),
    while_stmt(true, Act.AND, "t:KW_WHILE", "r:namedexpr_test", "t:DEL_COLON", "r:suite", "o:else_stmt"),
    for_stmt(true, Act.AND, "t:KW_FOR", "r:exprlist", "t:KW_IN", "r:testlist", "t:DEL_COLON", "r:suite", "o:else_stmt"),
    try_stmt(true, Act.AND, "t:KW_TRY", "t:DEL_COLON", "r:suite", "r:try_stmt_2"),
    try_stmt_2(false, Act.OR, "r:try_stmt_except_and_more", "r:try_stmt_finally"),
    try_stmt_except_and_more(false, Act.AND_IDENT, "r:try_stmt_except_list", "o:else_stmt", "o:try_stmt_finally"),
    try_stmt_except(false, Act.AND, "t:KW_EXCEPT", "o:try_stmt_as_name", "t:DEL_COLON", "r:suite"),
    try_stmt_as_name(false, Act.AND_IDENT, "r:test", "o:as_name"),
    try_stmt_except_list(false, Act.ONE_OR_MORE, "r:try_stmt_except"),
    try_stmt_finally(false, Act.AND, "t:KW_FINALLY", "t:DEL_COLON", "r:suite"),
    else_stmt(false, Act.AND_IDENT, "t:KW_ELSE", "t:DEL_COLON", "r:suite"),
    with_stmt(true, Act.AND, "t:KW_WITH", "r:with_stmt_list", "t:DEL_COLON", "r:suite"),
    with_stmt_list(false, Act.LIST, "r:with_item", "t:DEL_COMMA"),
    with_item(false, Act.AND_IDENT, "r:test", "o:with_item_as"),
    with_item_as(false, Act.AND_IDENT, "t:KW_AS", "r:expr"),
    suite(false, Act.OR, "r:suite_block", "r:simple_stmt"),
    suite_block(false, Act.AND_IDENT, "t:NEWLINE", "t:INDENT", "r:suite_block_stmts", "t:DEDENT"),
    suite_block_stmts(true, Act.ONE_OR_MORE, "r:stmt"),
    namedexpr_test(true, Act.AND_IDENT, "r:test", "o:namedexpr_test_2"),
    namedexpr_test_2(false, Act.AND_IDENT, "t:OP_ASSIGN", "r:test"),
    test(false, Act.OR, "r:lambdef", "r:test_if_expr"),
    test_if_expr(true, Act.AND_IDENT, "r:or_test", "o:test_if_else"),
    test_if_else(false, Act.AND, "t:KW_IF", "r:or_test", "t:KW_ELSE", "r:test"),
    test_nocond(false, Act.OR, "r:lambdef_nocond", "r:or_test"),
    lambdef(true, Act.AND_BLANK, "t:KW_LAMBDA", "o:varargslist", "t:DEL_COLON", "r:test"),
    lambdef_nocond(true, Act.AND_BLANK, "t:KW_LAMBDA", "o:varargslist", "t:DEL_COLON", "r:test_nocond"),
    or_test(true, Act.LIST, "r:and_test", "t:KW_OR"),
    and_test(true, Act.LIST, "r:not_test", "t:KW_AND"),
    not_test(false, Act.OR, "r:not_test_2", "r:comparison"),
    not_test_2(true, Act.AND, "t:KW_NOT", "r:not_test"),
    comparison(true, Act.LIST, "r:expr", "r:comp_op"),
    comp_op(false, Act.OR, "t:OP_LESS", "t:OP_MORE", "t:OP_DBL_EQUAL", "t:OP_LESS_EQUAL", "t:OP_MORE_EQUAL", "t:OP_NOT_EQUAL", "t:KW_IN", "r:comp_op_not_in", "r:comp_op_is"),
    comp_op_not_in(false, Act.AND, "t:KW_NOT", "t:KW_IN"),
    comp_op_is(false, Act.AND, "t:KW_IS", "o:comp_op_is_not"),
    comp_op_is_not(false, Act.AND, "t:KW_NOT"),
    star_expr(true, Act.AND, "t:OP_STAR", "r:expr"),
    expr(true, Act.LIST, "r:xor_expr", "t:OP_PIPE"),
    xor_expr(true, Act.LIST, "r:and_expr", "t:OP_CARET"),
    and_expr(true, Act.LIST, "r:shift_expr", "t:OP_AMPERSAND"),
    shift_expr(true, Act.LIST, "r:arith_expr", "r:shift_op"),
    shift_op(false, Act.OR, "t:OP_DBL_LESS", "t:OP_DBL_MORE"),
    arith_expr(true, Act.LIST, "r:term", "r:arith_op"),
    arith_op(false, Act.OR, "t:OP_PLUS", "t:OP_MINUS"),
    term(true, Act.LIST, "r:factor", "r:term_op"),
    term_op(false, Act.OR, "t:OP_STAR", "t:OP_AT", "t:OP_SLASH", "t:OP_PERCENT", "t:OP_DBL_SLASH"),
    factor(false, Act.OR, "r:factor_2", "r:power"),
    factor_2(true, Act.AND_IDENT, "r:factor_op", "r:factor"),
    factor_op(false, Act.OR, "t:OP_PLUS", "t:OP_MINUS", "t:OP_TILDE"),
    power(true, Act.AND_IDENT, "r:atom_expr", "o:power_dbl_star"),
    atom_expr(false, Act.OR, "r:atom_expr_await", "r:atom_expr_normal"),
    atom_expr_await(true, Act.AND, "t:KW_AWAIT", "r:atom", "o:atom_expr_trailers"),
    atom_expr_normal(true, Act.AND_IDENT, "r:atom", "o:atom_expr_trailers"),
    atom_expr_trailers(false, Act.ONE_OR_MORE, "r:trailer"),
    power_dbl_star(false, Act.AND_IDENT, "t:OP_DBL_STAR", "r:factor"),
    atom(false, Act.OR, "t:NAME", "t:INTEGER", "t:FLOAT_OR_IMAG", "t:STRING", "t:BYTES", "t:ELLIPSIS", "t:KW_NONE", "t:KW_TRUE", "t:KW_FALSE", "r:atom_paren", "r:atom_bracket", "r:atom_brace"),
    atom_paren(true, Act.AND, "t:DEL_PAREN_OPEN", "o:atom_2b", "t:DEL_PAREN_CLOSE"),
    atom_2b(false, Act.OR, "r:yield_expr", "r:testlist_comp"),
    atom_bracket(true, Act.AND, "t:DEL_BRACKET_OPEN", "o:testlist_comp", "t:DEL_BRACKET_CLOSE"),
    atom_brace(true, Act.AND, "t:DEL_BRACE_OPEN", "o:dictorsetmaker", "t:DEL_BRACE_CLOSE"),
    testlist_comp(false, Act.AND_IDENT, "r:testlist_comp_2", "o:testlist_comp_3"),
    testlist_comp_2(false, Act.OR, "r:star_expr", "r:namedexpr_test"),
    testlist_comp_3(false, Act.OR, "r:comp_for", "r:testlist_comp_3b"),
    testlist_comp_3b(false, Act.AND_IDENT, "t:DEL_COMMA", "o:testlist_comp_3c"),
    testlist_comp_3c(false, Act.LIST_WITH_END, "r:testlist_comp_2", "t:DEL_COMMA"),
    trailer(false, Act.OR, "r:trailer_paren", "r:trailer_bracket", "r:trailer_period"),
    trailer_paren(true, Act.AND, "t:DEL_PAREN_OPEN", "o:arglist", "t:DEL_PAREN_CLOSE"),
    trailer_bracket(true, Act.AND, "t:DEL_BRACKET_OPEN", "r:subscriptlist", "t:DEL_BRACKET_CLOSE"),
    trailer_period(true, Act.AND, "t:DEL_PERIOD", "t:NAME"),
    subscriptlist(true, Act.LIST_WITH_END, "r:subscript", "t:DEL_COMMA"),
    subscript(false, Act.OR, "r:subscript_3", "r:subscript_2"),
    subscript_2(true, Act.AND_IDENT, "r:test", "o:subscript_3"),
    subscript_3(true, Act.AND, "t:DEL_COLON", "o:subscript_3b"),
    subscript_3b(false, Act.OR, "r:subscript_3c", "r:subscript_3d"),
    subscript_3c(false, Act.AND, "t:DEL_COLON", "o:test"),
    subscript_3d(false, Act.AND_IDENT, "r:test", "o:sliceop"),
    sliceop(false, Act.AND, "t:DEL_COLON", "o:test"),
    exprlist(false, Act.LIST_WITH_END, "r:exprlist_2", "t:DEL_COMMA"),
    exprlist_2(false, Act.OR, "r:star_expr", "r:expr"),
    testlist(true, Act.LIST_WITH_END, "r:test", "t:DEL_COMMA"),
    dictorsetmaker(false, Act.AND_IDENT, "r:dictorsetmaker_item", "o:dictorsetmaker_tail"),
    dictorsetmaker_item(true, Act.AND_IDENT, "r:test", "o:generic_colon_test"),
    dictorsetmaker_tail(false, Act.OR, "r:comp_for", "r:dictorsetmaker_list"),
    dictorsetmaker_list(false, Act.AND, "t:DEL_COMMA", "o:dictorsetmaker_list2"),
    dictorsetmaker_list2(false, Act.LIST_WITH_END, "r:dictorsetmaker_item", "t:DEL_COMMA"),
    classdef(true, Act.AND_BLANK, "t:KW_CLASS", "t:NAME", "o:classdef_2", "t:DEL_COLON", "r:suite"),
    classdef_2(false, Act.AND_IDENT, "t:DEL_PAREN_OPEN", "o:arglist", "t:DEL_PAREN_CLOSE"),
    arglist(false, Act.LIST_WITH_END, "r:arglist_2", "t:DEL_COMMA"),
    arglist_2(false, Act.OR, "r:arglist_star", "r:arglist_dbl_star", "r:argument"),
    arglist_star(false, Act.AND, "t:OP_STAR", "r:test"),
    arglist_dbl_star(false, Act.AND, "t:OP_DBL_STAR", "r:test"),
    argument(false, Act.AND_IDENT, "r:test", "o:argument_2"),
    argument_2(false, Act.OR, "r:comp_for", "r:generic_equal_test", "r:argument_3"),
    argument_3(false, Act.AND, "t:OP_ASSIGN", "r:test"),
    comp_iter(false, Act.OR, "r:comp_for", "r:comp_if"),
    comp_for(false, Act.AND_BLANK, "t:KW_FOR", "r:exprlist", "t:KW_IN", "r:or_test", "o:comp_iter"),
    comp_if(false, Act.AND, "t:KW_IF", "r:test_nocond", "o:comp_iter"),
    yield_expr(true, Act.AND, "t:KW_YIELD", "o:yield_arg"),
    yield_arg(false, Act.OR, "r:yield_arg_from", "r:testlist"),
    yield_arg_from(false, Act.AND, "t:KW_FROM", "r:test"),
    /** A folded constant object (int too big for a small int, float, str, bytes, tuple). */
    const_object(false, Act.AND);

    /** How a rule matches its arguments. */
    enum Act {
        /** The first argument that matches. */
        OR,
        /** All arguments in order. */
        AND,
        /** All arguments; collapses to its single non-null result. */
        AND_IDENT,
        /** All arguments, plus a blank node the compiler uses for its scope. */
        AND_BLANK,
        /** {@code item item*}. */
        ONE_OR_MORE,
        /** {@code item (sep item)*}. */
        LIST,
        /** {@code item (sep item)* [sep]}. */
        LIST_WITH_END
    }

    /** Whether MicroPython has a compile function for this rule (DEF_RULE rather than DEF_RULE_NC). */
    final boolean compiled;
    final Act act;
    private final String[] spec;
    private int[] kinds;
    private Object[] targets;

    Rule(boolean compiled, Act act, String... spec) {
        this.compiled = compiled;
        this.act = act;
        this.spec = spec;
    }

    static final int ARG_TOK = 1;
    static final int ARG_RULE = 2;
    static final int ARG_OPT_RULE = 3;

    static {
        for (Rule r : values()) {
            r.resolve();
        }
    }

    private void resolve() {
        int[] k = new int[spec.length];
        Object[] t = new Object[spec.length];
        for (int i = 0; i < spec.length; i++) {
            String s = spec[i];
            String what = s.substring(2);
            switch (s.charAt(0)) {
                case 't' -> {
                    k[i] = ARG_TOK;
                    t[i] = TokenKind.valueOf(what);
                }
                case 'r' -> {
                    k[i] = ARG_RULE;
                    t[i] = Rule.valueOf(what);
                }
                default -> {
                    k[i] = ARG_OPT_RULE;
                    t[i] = Rule.valueOf(what);
                }
            }
        }
        targets = t;
        kinds = k;
    }

    int argCount() {
        return spec.length;
    }

    int argKind(int i) {
        return kinds[i];
    }

    TokenKind argToken(int i) {
        return (TokenKind) targets[i];
    }

    Rule argRule(int i) {
        return (Rule) targets[i];
    }

    /** The n of MicroPython's list rules: 1 list, 2 one_or_more, 3 list_with_end. */
    int listN() {
        return switch (act) {
            case LIST -> 1;
            case ONE_OR_MORE -> 2;
            case LIST_WITH_END -> 3;
            default -> spec.length;
        };
    }
}
