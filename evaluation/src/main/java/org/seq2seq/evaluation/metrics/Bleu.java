package org.seq2seq.evaluation.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * BLEU as sacreBLEU 2.6.0 computes it (Papineni et al. 2002; Post 2018): each segment is
 * lowercased (optionally), right-stripped and tokenized; n-grams up to 4 are clipped by their
 * largest count in any reference; the brevity penalty uses each segment's closest reference
 * length (the shorter on a tie); corpus statistics are summed before the score. Immutable.
 *
 * @param tokenizer      13a (default), intl or none
 * @param lowercase      lowercase hypotheses and references first
 * @param smoothing      for orders without matches
 * @param effectiveOrder average only over the orders the hypothesis has n-grams for (sentence BLEU)
 */
public record Bleu(BleuTokenizer tokenizer, boolean lowercase, Smoothing smoothing, boolean effectiveOrder) {
    public static final int MAX_ORDER = 4;
    /** The sacreBLEU version whose results these are, as its signatures state it. */
    public static final String SACREBLEU_VERSION = "2.6.0";

    public Bleu {
        Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(smoothing, "smoothing");
    }

    /** sacreBLEU's corpus defaults: 13a, case-sensitive, exp smoothing. */
    public static Bleu corpusDefaults() {
        return new Bleu(BleuTokenizer.THIRTEEN_A, false, Smoothing.exp(), false);
    }

    /** sacreBLEU's sentence BLEU: the corpus defaults with effective order. */
    public static Bleu sentenceDefaults() {
        return new Bleu(BleuTokenizer.THIRTEEN_A, false, Smoothing.exp(), true);
    }

    /**
     * Corpus BLEU.
     *
     * @param hypotheses       one line per segment
     * @param referenceStreams reference streams: {@code referenceStreams.get(k).get(i)} is the k-th
     *                         reference of segment i; a null entry means segment i has no k-th
     *                         reference (sacreBLEU's variable number of references, {@code nrefs:var});
     *                         an empty one is a reference of no words, as sacreBLEU 2.6.0 scores an
     *                         empty line of a reference file (length 0, no n-grams)
     * @throws IllegalArgumentException for no segments, no references, streams of other lengths or
     *                                  a segment missing (null) in every stream
     */
    public BleuScore corpusScore(List<String> hypotheses, List<List<String>> referenceStreams) {
        Corpus.check(hypotheses, referenceStreams);
        long[] stats = new long[2 + 2 * MAX_ORDER];   // sys_len, ref_len, matches[4], totals[4]
        List<List<String>> references = Corpus.segmentReferences(referenceStreams, hypotheses.size());
        for (int i = 0; i < hypotheses.size(); i++) {
            addSegment(hypotheses.get(i), references.get(i), stats);
        }
        return score(stats, Corpus.referenceCount(references));
    }

    /** BLEU of one hypothesis against its references. */
    public BleuScore sentenceScore(String hypothesis, List<String> references) {
        List<List<String>> streams = new ArrayList<>();
        for (String reference : references) {
            streams.add(java.util.Collections.singletonList(reference));
        }
        return corpusScore(List.of(hypothesis), streams);
    }

    private List<String> tokens(String segment) {
        String s = lowercase ? PythonText.lower(segment) : segment;
        return PythonText.split(tokenizer.tokenize(PythonText.rstrip(s)));
    }

    private void addSegment(String hypothesis, List<String> references, long[] stats) {
        List<String> hyp = tokens(hypothesis);
        Map<List<String>, Integer> referenceMax = new HashMap<>();
        int closest = -1;
        int closestDiff = -1;
        for (String reference : references) {
            List<String> ref = tokens(reference);
            int diff = Math.abs(hyp.size() - ref.size());
            if (closestDiff == -1 || diff < closestDiff || diff == closestDiff && ref.size() < closest) {
                closestDiff = diff;
                closest = ref.size();
            }
            ngrams(ref).forEach((ngram, count) -> referenceMax.merge(ngram, count, Math::max));
        }
        stats[0] += hyp.size();
        stats[1] += closest;
        ngrams(hyp).forEach((ngram, count) ->
                stats[1 + ngram.size()] += Math.min(count, referenceMax.getOrDefault(ngram, 0)));
        for (int n = 1; n <= MAX_ORDER; n++) {
            stats[1 + MAX_ORDER + n] += Math.max(0, hyp.size() - n + 1);
        }
    }

    private static Map<List<String>, Integer> ngrams(List<String> tokens) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int n = 1; n <= MAX_ORDER; n++) {
            for (int i = 0; i + n <= tokens.size(); i++) {
                counts.merge(tokens.subList(i, i + n), 1, Integer::sum);
            }
        }
        return counts;
    }

    private BleuScore score(long[] stats, int referenceCount) {
        long sysLen = stats[0];
        long refLen = stats[1];
        long[] counts = new long[MAX_ORDER];
        long[] totals = new long[MAX_ORDER];
        System.arraycopy(stats, 2, counts, 0, MAX_ORDER);
        System.arraycopy(stats, 2 + MAX_ORDER, totals, 0, MAX_ORDER);

        double brevity = sysLen < refLen ? (sysLen > 0 ? Math.exp(1 - (double) refLen / sysLen) : 0) : 1;
        double[] precisions = new double[MAX_ORDER];
        if (java.util.Arrays.stream(counts).allMatch(c -> c == 0)) {
            // sacreBLEU stops early when nothing matches (its issue #141): BLEU 0, precisions 0
            return new BleuScore(0, counts, totals, precisions, brevity, sysLen, refLen, signature(referenceCount));
        }
        double smoothMteval = 1;
        int order = MAX_ORDER;
        for (int n = 1; n <= MAX_ORDER; n++) {
            double correct = counts[n - 1];
            double total = totals[n - 1];
            if (smoothing.method() == Smoothing.Method.ADD_K && n > 1) {
                correct += smoothing.value();
                total += smoothing.value();
            }
            if (total == 0) {
                break;
            }
            if (effectiveOrder) {
                order = n;
            }
            if (correct == 0) {
                if (smoothing.method() == Smoothing.Method.EXP) {
                    smoothMteval *= 2;
                    precisions[n - 1] = 100.0 / (smoothMteval * total);
                } else if (smoothing.method() == Smoothing.Method.FLOOR) {
                    precisions[n - 1] = 100.0 * smoothing.value() / total;
                }
            } else {
                precisions[n - 1] = 100.0 * correct / total;
            }
        }
        double logSum = 0;
        for (int n = 0; n < order; n++) {
            logSum += precisions[n] == 0 ? -9999999999.0 : Math.log(precisions[n]);
        }
        double score = brevity * Math.exp(logSum / order);
        return new BleuScore(score, counts, totals, precisions, brevity, sysLen, refLen, signature(referenceCount));
    }

    /** sacreBLEU's signature for {@code referenceCount} references a segment (-1: a variable number). */
    public String signature(int referenceCount) {
        return Corpus.nrefs(referenceCount) + "|case:" + (lowercase ? "lc" : "mixed") + "|eff:"
                + (effectiveOrder ? "yes" : "no") + "|tok:" + tokenizer.signatureName() + "|smooth:"
                + smoothing.signature() + "|version:" + SACREBLEU_VERSION;
    }
}
