package org.seq2seq.evaluation.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * chrF as sacreBLEU 2.6.0 computes it with its defaults (Popović 2015): character n-grams of
 * orders 1 to 6 over the text with whitespace removed, F-score with β = 2 from the precision and
 * recall averaged over the orders both sides have; case-sensitive; for several references, each
 * segment keeps the statistics of its best-scoring reference; corpus statistics are summed.
 * Characters are Unicode code points, as in Python.
 */
public final class ChrF {
    public static final int CHAR_ORDER = 6;
    public static final double BETA = 2;

    private ChrF() {
    }

    /**
     * @param score     chrF on the 0 to 100 scale
     * @param signature sacreBLEU-style signature
     */
    public record Score(double score, String signature) {
    }

    /** Corpus chrF; the reference layout of {@link Bleu#corpusScore}. */
    public static Score corpusScore(List<String> hypotheses, List<List<String>> referenceStreams) {
        Corpus.check(hypotheses, referenceStreams);
        long[] total = new long[3 * CHAR_ORDER];
        List<List<String>> references = Corpus.segmentReferences(referenceStreams, hypotheses.size());
        for (int i = 0; i < hypotheses.size(); i++) {
            List<Map<String, Integer>> hyp = ngrams(hypotheses.get(i));
            long[] best = null;
            double bestScore = -1;
            for (String reference : references.get(i)) {
                long[] stats = statistics(hyp, ngrams(reference));
                double f = fScore(stats);
                if (f > bestScore) {
                    bestScore = f;
                    best = stats;
                }
            }
            for (int j = 0; j < total.length; j++) {
                total[j] += best[j];
            }
        }
        return new Score(fScore(total), signature(Corpus.referenceCount(references)));
    }

    /** chrF of one hypothesis against its references. */
    public static Score sentenceScore(String hypothesis, List<String> references) {
        List<List<String>> streams = new ArrayList<>();
        for (String reference : references) {
            streams.add(java.util.Collections.singletonList(reference));
        }
        return corpusScore(List.of(hypothesis), streams);
    }

    /** sacreBLEU's signature for {@code referenceCount} references a segment (-1: a variable number). */
    public static String signature(int referenceCount) {
        return Corpus.nrefs(referenceCount) + "|case:mixed|eff:yes|nc:" + CHAR_ORDER + "|nw:0|space:no|version:"
                + Bleu.SACREBLEU_VERSION;
    }

    /** Counts of the character n-grams of orders 1 to 6, whitespace removed. */
    private static List<Map<String, Integer>> ngrams(String text) {
        int[] chars = String.join("", PythonText.split(text)).codePoints().toArray();
        List<Map<String, Integer>> out = new ArrayList<>();
        for (int n = 1; n <= CHAR_ORDER; n++) {
            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i + n <= chars.length; i++) {
                counts.merge(new String(chars, i, n), 1, Integer::sum);
            }
            out.add(counts);
        }
        return out;
    }

    /** [hypothesis n-grams, reference n-grams, matches] for each order. */
    private static long[] statistics(List<Map<String, Integer>> hyp, List<Map<String, Integer>> ref) {
        long[] stats = new long[3 * CHAR_ORDER];
        for (int n = 0; n < CHAR_ORDER; n++) {
            long hypCount = 0;
            long matches = 0;
            for (Map.Entry<String, Integer> e : hyp.get(n).entrySet()) {
                hypCount += e.getValue();
                matches += Math.min(e.getValue(), ref.get(n).getOrDefault(e.getKey(), 0));
            }
            long refCount = 0;
            for (int c : ref.get(n).values()) {
                refCount += c;
            }
            // sacreBLEU counts no hypothesis n-grams of an order the reference has none of (a reference
            // too short for it): they would lower the corpus precision for n-grams nobody could match
            stats[3 * n] = ref.get(n).isEmpty() ? 0 : hypCount;
            stats[3 * n + 1] = refCount;
            stats[3 * n + 2] = matches;
        }
        return stats;
    }

    /** sacreBLEU's {@code _compute_f_score} without eps smoothing. */
    private static double fScore(long[] stats) {
        double eps = 1e-16;
        double factor = BETA * BETA;
        double averagePrecision = 0;
        double averageRecall = 0;
        int effectiveOrder = 0;
        for (int n = 0; n < CHAR_ORDER; n++) {
            long hyp = stats[3 * n];
            long ref = stats[3 * n + 1];
            long match = stats[3 * n + 2];
            double precision = hyp > 0 ? (double) match / hyp : eps;
            double recall = ref > 0 ? (double) match / ref : eps;
            if (hyp > 0 && ref > 0) {
                averagePrecision += precision;
                averageRecall += recall;
                effectiveOrder++;
            }
        }
        if (effectiveOrder == 0) {
            return 0;
        }
        averagePrecision /= effectiveOrder;
        averageRecall /= effectiveOrder;
        if (averagePrecision + averageRecall == 0) {
            return 0;
        }
        return 100 * (1 + factor) * averagePrecision * averageRecall / (factor * averagePrecision + averageRecall);
    }
}
