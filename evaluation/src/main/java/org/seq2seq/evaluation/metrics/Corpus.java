package org.seq2seq.evaluation.metrics;

import java.util.List;

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
}
