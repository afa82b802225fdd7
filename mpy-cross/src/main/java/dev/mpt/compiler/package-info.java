/**
 * The Python-to-.mpy compiler, stage by stage as in MicroPython's {@code py/}:
 * {@link dev.mpt.compiler.Lexer} (tokens, indentation, f-/t-strings rewritten into calls),
 * {@link dev.mpt.compiler.Parser} driven by the grammar table {@link dev.mpt.compiler.Rule}
 * (parse tree of rule nodes, constant folding, {@code const()}), {@link dev.mpt.compiler.Scope}
 * (identifier kinds and numbering), {@link dev.mpt.compiler.Compiler} (one walk of the tree per
 * pass and scope) and {@link dev.mpt.compiler.Emitter} (bytecode, prelude and line table);
 * {@link dev.mpt.compiler.CrossCompiler} runs them all and builds the {@code dev.mpt.bytecode}
 * model that {@code MpyWriter} writes. Inline-assembler functions ({@code @micropython.asm_thumb},
 * {@code asm_xtensa}, {@code asm_rv32}) are read out of the parse tree by {@code InlineAsmReader}
 * and assembled by the {@link dev.mpt.compiler.inlineasm.InlineAssembler} of the target. The output is byte-identical with the official
 * mpy-cross v1.28.0 for the same source and options.
 */
package dev.mpt.compiler;
