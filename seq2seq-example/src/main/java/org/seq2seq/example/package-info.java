/**
 * A Java program that embeds the library: {@link org.seq2seq.example.TranslateExample} is the
 * README's example, {@link org.seq2seq.example.TranslateSpeed} measures single-sentence calls.
 * It depends on {@code seq2seq-core} plus the backend and log binding it chooses, nothing else.
 */
package org.seq2seq.example;
