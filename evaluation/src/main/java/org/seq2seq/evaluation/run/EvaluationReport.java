package org.seq2seq.evaluation.run;

import org.seq2seq.evaluation.metrics.BleuScore;
import org.seq2seq.evaluation.metrics.ChrF;

/**
 * What an evaluation run measured; written as {@code report.json}.
 *
 * @param corpus            the test corpus
 * @param sentences         sentences translated
 * @param references        reference streams
 * @param bleu              corpus BLEU with its counts and signature
 * @param chrf              corpus chrF
 * @param seconds           time spent translating
 * @param sentencesPerSecond sentences translated per second
 */
public record EvaluationReport(String corpus, int sentences, int references, BleuScore bleu, ChrF.Score chrf,
                               double seconds, double sentencesPerSecond) {
}
