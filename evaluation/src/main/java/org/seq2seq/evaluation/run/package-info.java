/**
 * Evaluation runs: translate a test corpus with any translator function, score it with BLEU and
 * chrF, and write the hypotheses, a JSON report and a per-sentence table.
 */
package org.seq2seq.evaluation.run;
