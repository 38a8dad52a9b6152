/**
 * Vocabularies: the mapping between tokens and the integer ids the network sees.
 *
 * <p>The special tokens have fixed ids ({@link org.seq2seq.corpora.vocab.SpecialToken}: PAD 0,
 * UNK 1, START 2, END 3). A {@link org.seq2seq.corpora.vocab.Vocabulary} is built from
 * {@link org.seq2seq.corpora.vocab.TokenCounts} with a minimum frequency and a maximum size, is
 * immutable, and is saved as a UTF-8 text file with one token per line, the line number (from 0)
 * being the id.
 */
package org.seq2seq.corpora.vocab;
