/**
 * Translation metrics computed exactly as sacreBLEU 2.6.0 computes them: corpus and sentence
 * {@link org.seq2seq.evaluation.metrics.Bleu} (tokenizers 13a, intl, zh, none; smoothing exp, floor,
 * add-k, none; several references) and {@link org.seq2seq.evaluation.metrics.ChrF} (chrF2).
 * Pure functions of strings: no model, no files.
 */
package org.seq2seq.evaluation.metrics;
