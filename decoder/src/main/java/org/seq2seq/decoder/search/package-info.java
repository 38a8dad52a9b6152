/**
 * Decoding: {@link org.seq2seq.decoder.search.GreedySearch} and
 * {@link org.seq2seq.decoder.search.BeamSearch}, batched over sentences, written against the
 * small {@link org.seq2seq.decoder.search.StepScorer} interface so that they can be tested with
 * hand-set probabilities and no network.
 */
package org.seq2seq.decoder.search;
