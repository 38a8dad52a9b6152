package org.seq2seq.evaluation.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
     * sacreBLEU 2.6.0 leaves out a missing (None) reference of a segment but keeps an empty one
     * ({@code _cache_references}: {@code x is not None}): an empty line of a reference file is a
     * reference of no words, length 0 and no n-grams. Hypotheses "the cat sat on the mat" (6
     * tokens; 17 characters without spaces) and "dog"; every value below is worked out from
     * sacreBLEU's code, and sacreBLEU 2.6.0 printed the same.
     */
    @Test
    void anEmptyReferenceIsAReferenceOfNoWordsAndAMissingOneIsLeftOut() {
        List<String> hypotheses = List.of("the cat sat on the mat", "dog");

        // One stream with an empty line: "dog" is measured against length 0 and matches nothing.
        // sys_len 7 > ref_len 6 + 0, so BP = 1; matches 6/7, 5/5, 4/4, 3/3: BLEU = 100 (6/7)^(1/4).
        // chrF counts no hypothesis n-grams where the reference has none: only segment 1, identical.
        List<List<String>> oneStream = List.of(List.of("the cat sat on the mat", ""));
        BleuScore single = BLEU.corpusScore(hypotheses, oneStream);
        assertEquals(7, single.systemLength());
        assertEquals(6, single.referenceLength());
        assertArrayEquals(new long[] {6, 5, 4, 3}, single.counts());
        assertEquals(100 * Math.pow(6.0 / 7, 0.25), single.score(), 1e-9);        // 96.2195...
        assertEquals("nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0", single.signature());
        assertEquals(100, ChrF.corpusScore(hypotheses, oneStream).score(), 1e-9);

        // Two streams, segment 2's second reference empty: its references have 4 and 0 words, the
        // closest to "dog" (1 word) is 0, and "dog" matches the first: ref_len 6 + 0, every n-gram
        // matched, BLEU 100. Both references count: nrefs:2.
        List<List<String>> withEmpty = List.of(List.of("the cat sat on the mat", "a dog barks loudly"),
                List.of("a cat sat on the mat", ""));
        BleuScore empty = BLEU.corpusScore(hypotheses, withEmpty);
        assertEquals(6, empty.referenceLength());
        assertEquals(100, empty.score(), 1e-9);
        assertEquals("nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0", empty.signature());
        // chrF keeps each segment's best reference ("a dog barks loudly", F > 0 beats the empty one's 0).
        // Summed: hypothesis n-grams 20, 18, 16, 14, 13, 12 all matched (precision 1), reference
        // n-grams 17 + 15, 16 + 14, ...: recall 20/32, 18/30, 16/28, 14/26, 13/24, 12/22;
        // chrF2 = 100 · 5PR / (4P + R) with the averages P = 1 and R.
        double recall = (20.0 / 32 + 18.0 / 30 + 16.0 / 28 + 14.0 / 26 + 13.0 / 24 + 12.0 / 22) / 6;
        assertEquals(100 * 5 * recall / (4 + recall), ChrF.corpusScore(hypotheses, withEmpty).score(), 1e-9);   // 62.395...
        assertEquals("nrefs:2|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0",
                ChrF.corpusScore(hypotheses, withEmpty).signature());

        // The same reference missing (null) instead: segment 2 has one reference of 4 words,
        // ref_len 6 + 4 = 10 > 7, BP = exp(1 - 10/7); one reference here, two there: nrefs:var.
        List<List<String>> withNull = List.of(List.of("the cat sat on the mat", "a dog barks loudly"),
                java.util.Arrays.asList("a cat sat on the mat", null));
        BleuScore missing = BLEU.corpusScore(hypotheses, withNull);
        assertEquals(10, missing.referenceLength());
        assertEquals(100 * Math.exp(1 - 10.0 / 7), missing.score(), 1e-9);        // 65.1439...
        assertEquals("nrefs:var|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0", missing.signature());
        assertEquals(100 * 5 * recall / (4 + recall), ChrF.corpusScore(hypotheses, withNull).score(), 1e-9);
    }

    /**
     * Every reference of segment 2 empty: sacreBLEU 2.6.0 scores it against length 0 (its
     * references are kept, both of them). Segment 1's closest reference has 2 words; matches
     * "the" (clipped to 1) and "cat", and "the cat": counts 2, 1, 0, 0 of 7, 5, 4, 3. Exp smoothing
     * gives the n-th zero-match order 1 / (2^k · total): 1/8 and 1/12. BLEU = 100 (2/7 · 1/5 · 1/8 ·
     * 1/12)^(1/4) with BP 1 (7 > 2). chrF: segment 2 adds nothing; segment 1's best reference is
     * "the cat": its 6, 5, 4, 3, 2, 1 n-grams are all in the hypothesis (recall 1), of the
     * hypothesis' 17, 16, 15, 14, 13, 12.
     */
    @Test
    void aSegmentWhoseReferencesAreAllEmptyIsScoredAgainstNothing() {
        List<String> hypotheses = List.of("the cat sat on the mat", "dog");
        List<List<String>> allEmpty = List.of(List.of("the cat", ""), List.of("a cat", ""));
        BleuScore score = BLEU.corpusScore(hypotheses, allEmpty);
        assertEquals(2, score.referenceLength());
        assertArrayEquals(new long[] {2, 1, 0, 0}, score.counts());
        assertEquals(100 * Math.pow(2.0 / 7 * 1.0 / 5 * 1.0 / 8 * 1.0 / 12, 0.25), score.score(), 1e-9);   // 15.6197...
        assertEquals("nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0", score.signature());
        double precision = (6.0 / 17 + 5.0 / 16 + 4.0 / 15 + 3.0 / 14 + 2.0 / 13 + 1.0 / 12) / 6;
        assertEquals(100 * 5 * precision / (4 * precision + 1), ChrF.corpusScore(hypotheses, allEmpty).score(),
                1e-9);                                                              // 59.9765...
    }

    /**
     * A segment missing (null) in every stream has nothing to be scored against: sacreBLEU 2.6.0
     * fails on it (a TypeError in BLEU, an IndexError in chrF); here it is a clear error.
     */
    @Test
    void aSegmentMissingFromEveryStreamIsAClearError() {
        List<List<String>> none = List.of(java.util.Arrays.asList("the cat", null), java.util.Arrays.asList("a cat", null));
        IllegalArgumentException bleu = assertThrows(IllegalArgumentException.class,
                () -> BLEU.corpusScore(List.of("the cat sat on the mat", "dog"), none));
        assertEquals("segment 2 has no reference (missing in every reference stream)", bleu.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ChrF.corpusScore(List.of("the cat", "dog"), none));
    }

    /**
     * Lowercased BLEU on Greek: Python's {@code str.lower()} makes a capital sigma before a hyphen
     * or a dash final (ς), Java's {@code toLowerCase} does not (σ); 13a leaves "νεας-υορκης" and
     * "τους—ολοι" whole, so the sigma decides whether the token matches. With the references written
     * as Python lowercases the hypotheses, every n-gram matches: BLEU 100. With "τουσ—ολοι" in the
     * reference, segment 2 matches 3 of 4 words, 1 of 3 bigrams and nothing longer: 7/8, 4/6, 2/4,
     * 1/2 in all (sacreBLEU 2.6.0: 61.80 87.5/66.7/50.0/50.0).
     */
    @Test
    void lowercasedBleuMakesASigmaBeforeAHyphenOrDashFinalAsPythonDoes() {
        Bleu lowercased = new Bleu(BleuTokenizer.THIRTEEN_A, true, Smoothing.exp(), false);
        List<String> hypotheses = List.of("ΤΑ ΝΕΑ ΤΗΣ ΝΕΑΣ-ΥΟΡΚΗΣ", "ΟΙ ΦΙΛΟΙ ΤΟΥΣ—ΟΛΟΙ ΜΑΖΙ");
        BleuScore asPython = lowercased.corpusScore(hypotheses,
                List.of(List.of("τα νεα της νεας-υορκης", "οι φιλοι τους—ολοι μαζι")));
        assertEquals(100, asPython.score(), 1e-9);
        assertEquals(8, asPython.systemLength());
        BleuScore medial = lowercased.corpusScore(hypotheses,
                List.of(List.of("τα νεα της νεας-υορκης", "οι φιλοι τουσ—ολοι μαζι")));
        assertArrayEquals(new long[] {7, 4, 2, 1}, medial.counts());
        assertEquals(100 * Math.pow(7.0 / 8 * 4.0 / 6 * 2.0 / 4 * 1.0 / 2, 0.25), medial.score(), 1e-9);
    }
}
