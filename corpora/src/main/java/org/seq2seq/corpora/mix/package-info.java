/**
 * Several parallel corpora written as one training corpus: each repeated a given number of times
 * (oversampling a small in-domain corpus beside a large general one) and interleaved evenly, so
 * that every stretch of the result, and so every shuffle pool of a pass over it, holds the parts
 * in their overall proportions. {@link org.seq2seq.corpora.mix.CorpusMix} streams the files: memory
 * does not grow with them.
 */
package org.seq2seq.corpora.mix;
