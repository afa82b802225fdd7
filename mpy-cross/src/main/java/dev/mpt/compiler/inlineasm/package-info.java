/**
 * The inline assemblers: the front end they share ({@link dev.mpt.compiler.inlineasm.InlineAssembler}:
 * passes, labels, directives, error rules, as MicroPython's {@code compile_scope_inline_asm}),
 * the shapes the compiler hands over ({@link dev.mpt.compiler.inlineasm.InlineAsmFunction},
 * {@link dev.mpt.compiler.inlineasm.AsmStatement}, {@link dev.mpt.compiler.inlineasm.AsmNode}),
 * and the Xtensa and RISC-V back ends ({@code emitinlinextensa.c}, {@code emitinlinerv32.c});
 * the Thumb-2 back end is {@link dev.mpt.compiler.thumb.ThumbAssembler}.
 */
package dev.mpt.compiler.inlineasm;
