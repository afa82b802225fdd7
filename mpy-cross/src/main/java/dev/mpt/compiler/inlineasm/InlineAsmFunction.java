package dev.mpt.compiler.inlineasm;

import java.util.List;

/**
 * What the assembler needs to know about one {@code @micropython.asm_thumb} function.
 *
 * @param defLine        source line of the {@code funcdef} node (the {@code def} keyword)
 * @param params         the positional parameters, each an {@link AsmNode.Id} when it is a
 *                       plain name and an {@link AsmNode.Other} otherwise (annotated, defaulted,
 *                       starred...)
 * @param returnAnnotation the node after {@code ->}, or null when there is none: an
 *                       {@link AsmNode.Id} for a plain name, anything else otherwise
 * @param annotationLine the annotation's source line when the parser made a rule node for it
 *                       (an expression), 0 when it is a leaf (a name, a number, None...)
 * @param body           the statements of the body, in order
 */
public record InlineAsmFunction(int defLine, List<AsmNode> params, AsmNode returnAnnotation,
                                int annotationLine, List<AsmStatement> body) {
    public InlineAsmFunction {
        params = List.copyOf(params);
        body = List.copyOf(body);
    }
}
