/**
 * Small text syntaxes every tool shares: sizes written on command lines ({@link
 * dev.mpt.text.ByteSize}) and Python string and bytes literals ({@link dev.mpt.text.PyQuote}).
 */
package dev.mpt.text;
