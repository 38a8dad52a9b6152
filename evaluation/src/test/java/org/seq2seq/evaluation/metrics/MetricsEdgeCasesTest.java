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

    /**
     * A reference too short for the higher orders ("a dog": 4 characters without spaces, so no
     * 5- or 6-grams): sacreBLEU 2.6.0 records no hypothesis n-grams for those orders
     * ({@code hyp_count if ref_ngrams else 0} in {@code CHRF._get_match_statistics}), so the
     * hypothesis' unmatched 5- and 6-grams do not lower the corpus precision. Expected value
     * derived by hand from that code (84.59 when they are counted).
     */
    @Test
    void chrfLeavesOutHypothesisNgramsOfOrdersTheReferenceIsTooShortFor() {
        double chrf = ChrF.corpusScore(List.of("the cat sat", "a dog ran home"),
                List.of(List.of("the cat sat", "a dog"))).score();
        assertEquals(92.80348199379918, chrf, 1e-9);
    }

    /**
     * sacreBLEU drops empty and missing references of a segment ({@code _cache_references}:
     * {@code x is not None and x != ""}) and writes {@code nrefs:var} when segments are left with
     * different numbers of references.
     */
    @Test
    void emptyReferencesAreLeftOutAndAVariableNumberIsNrefsVar() {
        List<String> hypotheses = List.of("the cat sat on the mat", "dog");
        List<List<String>> withEmpty = List.of(List.of("the cat sat on the mat", "a dog barks loudly"),
                List.of("a cat sat on the mat", ""));
        List<List<String>> withNull = List.of(List.of("the cat sat on the mat", "a dog barks loudly"),
                java.util.Arrays.asList("a cat sat on the mat", null));
        BleuScore empty = Bleu.corpusDefaults().corpusScore(hypotheses, withEmpty);
        BleuScore missing = Bleu.corpusDefaults().corpusScore(hypotheses, withNull);
        assertEquals(missing.score(), empty.score(), 0.0);
        assertEquals(10, empty.referenceLength(), "the empty reference is no reference of length 0");
        assertEquals("nrefs:var|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0", empty.signature());
        assertEquals("nrefs:var|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0",
                ChrF.corpusScore(hypotheses, withEmpty).signature());
        assertEquals(ChrF.corpusScore(hypotheses, withNull).score(), ChrF.corpusScore(hypotheses, withEmpty).score(), 0.0);

        // the same number for every segment, however many streams: that number
        List<List<String>> oneEach = List.of(List.of("the cat sat on the mat", ""),
                List.of("", "a dog barks loudly"));
        assertEquals("nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0",
                Bleu.corpusDefaults().corpusScore(hypotheses, oneEach).signature());

        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> Bleu.corpusDefaults()
                .corpusScore(hypotheses, List.of(List.of("the cat", ""), List.of("a cat", ""))));
        assertEquals("segment 2 has no reference (empty or missing in every reference stream)", none.getMessage());
    }
}
