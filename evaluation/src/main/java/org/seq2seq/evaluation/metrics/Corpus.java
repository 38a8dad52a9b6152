package org.seq2seq.evaluation.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The checks every corpus metric makes of its input. */
final class Corpus {
    private Corpus() {
    }

    static void check(List<String> hypotheses, List<List<String>> referenceStreams) {
        if (hypotheses.isEmpty()) {
            throw new IllegalArgumentException("the corpus is empty: no hypotheses to score");
        }
        if (referenceStreams.isEmpty()) {
            throw new IllegalArgumentException("no references to score against");
        }
        for (int k = 0; k < referenceStreams.size(); k++) {
            if (referenceStreams.get(k).size() != hypotheses.size()) {
                throw new IllegalArgumentException(String.format("%d hypotheses but %d lines in reference %d",
                        hypotheses.size(), referenceStreams.get(k).size(), k + 1));
            }
        }
        for (int i = 0; i < hypotheses.size(); i++) {
            if (hypotheses.get(i) == null) {
                throw new IllegalArgumentException("hypothesis " + (i + 1) + " is missing (null)");
            }
        }
    }

    /** The number of references a signature shows when segments have different numbers: {@code nrefs:var}. */
    static final int VARIABLE = -1;

    /**
     * Segment {@code i}'s references as sacreBLEU 2.6.0 takes them ({@code _cache_references}:
     * {@code x is not None}): missing (null) ones left out, so that a segment may have fewer
     * references than there are streams; an empty one kept, a reference of no words (length 0,
     * no n-grams), as an empty line of a reference file is.
     *
     * @throws IllegalArgumentException if every stream misses the segment (sacreBLEU fails there
     *                                  too: a {@code TypeError} in BLEU, an {@code IndexError} in chrF)
     */
    private static List<String> references(List<List<String>> referenceStreams, int i) {
        List<String> references = new ArrayList<>(referenceStreams.size());
        for (List<String> stream : referenceStreams) {
            String reference = stream.get(i);
            if (reference != null) {
                references.add(reference);
            }
        }
        if (references.isEmpty()) {
            throw new IllegalArgumentException("segment " + (i + 1) + " has no reference (missing in every "
                    + "reference stream)");
        }
        return references;
    }

    /** Every segment's references ({@link #references}), read once for the scoring and the signature. */
    static List<List<String>> segmentReferences(List<List<String>> referenceStreams, int segments) {
        List<List<String>> out = new ArrayList<>(segments);
        for (int i = 0; i < segments; i++) {
            out.add(references(referenceStreams, i));
        }
        return out;
    }

    /** The references per segment, if all segments have the same number, else {@link #VARIABLE}. */
    static int referenceCount(List<List<String>> segmentReferences) {
        Set<Integer> counts = new HashSet<>();
        for (List<String> references : segmentReferences) {
            counts.add(references.size());
        }
        return counts.size() == 1 ? counts.iterator().next() : VARIABLE;
    }

    /** {@code nrefs:N}, or {@code nrefs:var} as sacreBLEU writes a variable number. */
    static String nrefs(int referenceCount) {
        return "nrefs:" + (referenceCount == VARIABLE ? "var" : String.valueOf(referenceCount));
    }
}
