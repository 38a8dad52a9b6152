/**
 * Tokenization: text to tokens and back.
 *
 * <p>{@link org.seq2seq.corpora.text.Tokenizer} is the interface the rest of the framework uses;
 * {@link org.seq2seq.corpora.text.WordTokenizer} splits words from punctuation in any script and
 * {@link org.seq2seq.corpora.text.CharacterTokenizer} splits text into characters. Both treat
 * every kind of space alike (see {@link org.seq2seq.corpora.text.Whitespace}), so that no token
 * ever holds a space: that keeps vocabulary files one token per line.
 */
package org.seq2seq.corpora.text;
