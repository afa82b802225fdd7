package dev.mpt.compiler;

/**
 * One token. {@code text} holds the token's bytes, one Java char per byte (ISO-8859-1), so
 * UTF-8 source passes through unchanged: names, the decoded contents of string and bytes
 * literals, and the digits of numbers.
 */
public record Token(TokenKind kind, String text, int line, int column) {}
