/**
 * Byte-pair encoding (Sennrich, Haddow and Birch 2016), learned and applied exactly as the
 * reference implementation, subword-nmt, does, and with its file format.
 *
 * <p>{@link org.seq2seq.corpora.bpe.BpeLearner} learns {@link org.seq2seq.corpora.bpe.BpeCodes}
 * (the ordered merges, a {@code #version: 0.2} codes file) from word counts;
 * {@link org.seq2seq.corpora.bpe.BpeSegmenter} splits words into subwords with those codes,
 * marking every piece but a word's last with {@link org.seq2seq.corpora.bpe.Subwords#SEPARATOR};
 * {@link org.seq2seq.corpora.bpe.Subwords#join} puts words back together.
 * {@code org.seq2seq.corpora.text.BpeTokenizer} does both around a word tokenizer, so the rest of
 * the framework sees subwords as tokens and people see plain text.
 *
 * <p>Text is handled as Python handles it: a word is a sequence of code points (not UTF-16
 * units), and symbols compare by code point when counts tie.
 */
package org.seq2seq.corpora.bpe;
