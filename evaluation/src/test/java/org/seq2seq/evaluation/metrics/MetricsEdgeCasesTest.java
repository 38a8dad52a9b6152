package org.seq2seq.evaluation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsEdgeCasesTest {
    private static final Bleu BLEU = Bleu.corpusDefaults();

    @Test
    void anEmptyCorpusIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BLEU.corpusScore(List.of(), List.of(List.of())));
        assertEquals("the corpus is empty: no hypotheses to score", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ChrF.corpusScore(List.of(), List.of(List.of())));
    }

    @Test
    void hypothesisAndReferenceCountsMustAgree() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BLEU.corpusScore(List.of("a b", "c d"), List.of(List.of("a b", "c d"), List.of("a b"))));
        assertEquals("2 hypotheses but 1 lines in reference 2", e.getMessage());
    }

    @Test
    void emptyHypothesisLinesCountAsNothing() {
        BleuScore score = BLEU.corpusScore(List.of("", "the cat sat on the mat"),
                List.of(List.of("a dog", "the cat sat on the mat")));
        assertEquals(6, score.systemLength());
        assertEquals(8, score.referenceLength());
        assertEquals(6, score.counts()[0]);
        assertEquals(Math.exp(1 - 8.0 / 6), score.brevityPenalty(), 1e-12);
        assertEquals(100 * Math.exp(1 - 8.0 / 6), score.score(), 1e-9);
        assertEquals(0, BLEU.corpusScore(List.of(""), List.of(List.of("a dog"))).score());
        assertEquals(0, ChrF.sentenceScore("", List.of("a dog")).score());
    }

    @Test
    void thirteenASplitsAsciiPunctuationOnly() {
        assertEquals("Hello , world ! It costs $ 3.50 , or 3 - 4 euros .",
                BleuTokenizer.THIRTEEN_A.tokenize("Hello, world! It costs $3.50, or 3-4 euros."));
        assertEquals("A & B \" quoted \"", BleuTokenizer.THIRTEEN_A.tokenize("A &amp; B &quot;quoted&quot;"));
        // Unicode punctuation stays attached under 13a; CJK text is not split
        assertEquals("„Hallo“ , sagte er…", BleuTokenizer.THIRTEEN_A.tokenize("„Hallo“, sagte er…"));
        assertEquals("我喜欢猫。猫很可爱 !", BleuTokenizer.THIRTEEN_A.tokenize("我喜欢猫。猫很可爱!"));
    }

    @Test
    void intlSplitsUnicodePunctuationAndSymbols() {
        assertEquals("„ Hallo “ , sagte er …", BleuTokenizer.INTL.tokenize("„Hallo“, sagte er…"));
        assertEquals("我喜欢猫 。 猫很可爱 !", BleuTokenizer.INTL.tokenize("我喜欢猫。猫很可爱!"));
        assertEquals("3.50 € and 1,000 ° C", BleuTokenizer.INTL.tokenize("3.50€ and 1,000°C"));
        assertEquals("a b", BleuTokenizer.NONE.tokenize("a b"));
    }

    @Test
    void noBreakSpacesSeparateTokensAsInPython() {
        BleuScore score = BLEU.corpusScore(List.of("a\u00a0b\u202fc"), List.of(List.of("a b c")));
        assertEquals(3, score.systemLength());
        assertEquals(3, score.counts()[0]);
    }
}
