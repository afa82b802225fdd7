package dev.mpt.compiler;

import dev.mpt.compiler.ParseNode.Const;
import dev.mpt.compiler.ParseNode.Id;
import dev.mpt.compiler.ParseNode.SmallInt;
import dev.mpt.compiler.ParseNode.Struct;
import dev.mpt.compiler.inlineasm.AsmNode;
import dev.mpt.compiler.inlineasm.AsmStatement;
import dev.mpt.compiler.inlineasm.InlineAsmFunction;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an inline-assembler function ({@code @micropython.asm_thumb}, {@code asm_xtensa},
 * {@code asm_rv32}) out of the parse tree into the shape the
 * inline assembler works on ({@link InlineAsmFunction}): parameters, return annotation, and one
 * {@link AsmStatement} per statement of the body, with arguments as {@link AsmNode}s. It decides
 * nothing itself; the checks and their messages are the assembler's.
 */
final class InlineAsmReader {
    private InlineAsmReader() {}

    /** The function of a {@code funcdef} node: name, parameters, return annotation, body. */
    static InlineAsmFunction read(Struct funcdef) {
        List<AsmNode> params = new ArrayList<>();
        for (ParseNode p : ParseNode.extractList(funcdef.nodes[1], Rule.typedargslist)) {
            params.add(p instanceof Id id ? AsmNode.id(id.name()) : new AsmNode.Other("parameter"));
        }
        ParseNode ann = funcdef.nodes[2];
        AsmNode annotation = null;
        int annotationLine = 0;
        if (ann != null) {
            annotation = ann instanceof Id id ? AsmNode.id(id.name()) : new AsmNode.Other("annotation");
            annotationLine = lineOf(ann);
        }
        List<AsmStatement> body = new ArrayList<>();
        for (ParseNode st : ParseNode.extractList(funcdef.nodes[3], Rule.suite_block_stmts)) {
            body.add(statement(st));
        }
        return new InlineAsmFunction(funcdef.line, params, annotation, annotationLine, body);
    }

    private static int lineOf(ParseNode pn) {
        if (pn instanceof Const c) {
            return c.line();
        }
        return pn instanceof Struct s ? s.line : 0;
    }

    /** A body statement: {@code pass}, a call {@code name(args)}, or anything else. */
    private static AsmStatement statement(ParseNode pn) {
        int line = lineOf(pn);
        if (ParseNode.isStruct(pn, Rule.pass_stmt)) {
            return new AsmStatement.Pass(line);
        }
        if (!ParseNode.isStruct(pn, Rule.expr_stmt)) {
            return new AsmStatement.NotInstruction(line);
        }
        Struct expr = (Struct) pn;
        if (expr.nodes[1] != null || !ParseNode.isStruct(expr.nodes[0], Rule.atom_expr_normal)) {
            return new AsmStatement.NotInstruction(line);
        }
        Struct call = (Struct) expr.nodes[0];
        if (!(call.nodes[0] instanceof Id op) || !ParseNode.isStruct(call.nodes[1], Rule.trailer_paren)) {
            return new AsmStatement.NotInstruction(line);
        }
        Struct paren = (Struct) call.nodes[1];
        List<AsmNode> args = new ArrayList<>();
        for (ParseNode a : ParseNode.extractList(paren.nodes[0], Rule.arglist)) {
            args.add(node(a));
        }
        return new AsmStatement.Call(line, paren.line, op.name(), args);
    }

    /** One argument, in the few shapes the assembler distinguishes. */
    private static AsmNode node(ParseNode pn) {
        if (pn instanceof Id id) {
            return AsmNode.id(id.name());
        }
        if (pn instanceof SmallInt si) {
            return new AsmNode.Int(BigInteger.valueOf(si.value()), true);
        }
        if (pn instanceof Const c && c.value() instanceof BigInteger v) {
            return new AsmNode.Int(v, false);
        }
        if (pn instanceof Struct s && s.rule == Rule.atom_bracket) {
            return bracket(s.nodes[0]);
        }
        if (pn instanceof Struct s && s.rule == Rule.atom_brace) {
            return brace(s.nodes[0]);
        }
        if (pn instanceof Struct s && s.rule == Rule.atom_expr_normal) {
            ParseNode trailer = s.nodes[1];
            AsmNode inner = trailer instanceof Struct t && t.nodes.length > 0 && t.rule != Rule.atom_expr_trailers
                ? node(t.nodes[0]) : new AsmNode.Other("trailers");
            return new AsmNode.Applied(node(s.nodes[0]), inner);
        }
        if (pn instanceof Struct s && s.rule == Rule.factor_2 && s.nodes[0] instanceof ParseNode.Tok op
                && (op.kind() == TokenKind.OP_MINUS || op.kind() == TokenKind.OP_PLUS)) {
            return new AsmNode.Signed(op.kind() == TokenKind.OP_MINUS, node(s.nodes[1]));
        }
        return new AsmNode.Other(pn == null ? "null" : pn.getClass().getSimpleName());
    }

    /** {@code [...]}: the elements of its {@code testlist_comp}, or its one element, or none. */
    private static AsmNode bracket(ParseNode inner) {
        List<AsmNode> items = new ArrayList<>();
        if (inner instanceof Struct s && s.rule == Rule.testlist_comp) {
            for (ParseNode n : s.nodes) {
                items.add(node(n));
            }
        } else if (inner != null) {
            items.add(node(inner));
        }
        return new AsmNode.Bracket(items);
    }

    /** <code>{...}</code>: a set display of names (a register list), or something else. */
    private static AsmNode brace(ParseNode inner) {
        if (inner instanceof Id id) {
            return new AsmNode.Brace(List.of(AsmNode.id(id.name())));
        }
        if (inner instanceof Struct s && s.rule == Rule.dictorsetmaker
                && s.nodes[1] instanceof Struct tail && tail.rule == Rule.dictorsetmaker_list) {
            List<AsmNode> items = new ArrayList<>();
            items.add(node(s.nodes[0]));
            for (ParseNode n : ParseNode.extractList(tail.nodes[0], Rule.dictorsetmaker_list2)) {
                items.add(node(n));
            }
            if (items.size() == 1 && !(items.get(0) instanceof AsmNode.Id)) {
                // {x,}: MicroPython reads x as a register (unlike {x}); a second copy makes the
                // assembler do the same and report "expects a register"
                items.add(items.get(0));
            }
            return new AsmNode.Brace(items);
        }
        return new AsmNode.Other("brace");
    }
}
