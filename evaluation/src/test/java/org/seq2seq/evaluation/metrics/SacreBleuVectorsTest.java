package org.seq2seq.evaluation.metrics;

import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.seq2seq.corpora.SharedData;

/**
 * Every case of {@code ../shared/evaluation/bleu-vectors.json} through the library: BLEU score,
 * counts, totals, precisions, brevity penalty, lengths, signature and chrF. Skipped only when the
 * file is absent; a case that disagrees fails.
 */
class SacreBleuVectorsTest {

    @Test
    void theResourceIsACopyOfTheSharedVectors() throws IOException {
        SharedData.assertCopyOf("evaluation/bleu-vectors.json", SacreBleuVectors.class, SacreBleuVectors.RESOURCE);
    }

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesSacreBleu() throws IOException {
        return SacreBleuVectors.cases().stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> {
            if (c.sentence()) {
                var references = c.references().stream().map(r -> r.get(0)).toList();
                SacreBleuVectors.assertMatches(c, c.bleu().sentenceScore(c.hypotheses().get(0), references),
                        ChrF.sentenceScore(c.hypotheses().get(0), references));
            } else {
                SacreBleuVectors.assertMatches(c, c.bleu().corpusScore(c.hypotheses(), c.references()),
                        ChrF.corpusScore(c.hypotheses(), c.references()));
            }
        }));
    }
}
