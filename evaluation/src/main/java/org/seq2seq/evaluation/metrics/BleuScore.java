package org.seq2seq.evaluation.metrics;

/**
 * A BLEU result with everything sacreBLEU reports.
 *
 * @param score      BLEU on the 0 to 100 scale, unrounded
 * @param counts     clipped n-gram matches for n = 1 to 4, before smoothing
 * @param totals     hypothesis n-grams for n = 1 to 4, before smoothing
 * @param precisions n-gram precisions in percent, after smoothing
 * @param brevityPenalty the brevity penalty, in (0, 1]
 * @param systemLength   hypothesis tokens
 * @param referenceLength sum over segments of the closest reference length (the shorter on a tie)
 * @param signature  sacreBLEU-style signature, e.g. {@code nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0}
 */
public record BleuScore(double score, long[] counts, long[] totals, double[] precisions, double brevityPenalty,
                        long systemLength, long referenceLength, String signature) {

    /** {@code BLEU = 32.12 62.3/38.1/25.9/17.8 (BP = 1.000 ratio = 1.012 hyp_len = 402 ref_len = 398)}, as sacreBLEU prints it
     *  (rounded as Python rounds, see {@link PythonFloat}). */
    public String format() {
        return "BLEU = " + PythonFloat.fixed(score, 2) + " " + PythonFloat.fixed(precisions[0], 1) + "/"
                + PythonFloat.fixed(precisions[1], 1) + "/" + PythonFloat.fixed(precisions[2], 1) + "/"
                + PythonFloat.fixed(precisions[3], 1) + " (BP = " + PythonFloat.fixed(brevityPenalty, 3) + " ratio = "
                + PythonFloat.fixed(referenceLength == 0 ? 0.0 : (double) systemLength / referenceLength, 3)
                + " hyp_len = " + systemLength + " ref_len = " + referenceLength + ")";
    }
}
