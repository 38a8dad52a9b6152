package org.seq2seq.decoder.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.seq2seq.decoder.search.TableScorer.END;
import static org.seq2seq.decoder.search.TableScorer.probabilities;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seq2seq.corpora.vocab.SpecialToken;

class BeamSearchTest {
    private static final int A = 4;
    private static final int B = 5;
    private static final int V = 6;

    private static List<Hypothesis> one(Search search, TableScorer.Table table, int sourceLength) {
        return search.search(new TableScorer(table), TableScorer.initial(1), new int[] {sourceLength}).get(0);
    }

    private static SearchOptions.Builder options() {
        return SearchOptions.builder().lengthPenalty(LengthPenalty.none());
    }

    /** Greedy takes A (0.6) and then must end (0.4): 0.24. B (0.4) then END (0.9) is 0.36. */
    private static final TableScorer.Table GARDEN_PATH = (sentence, prefix) -> {
        if (prefix.isEmpty()) {
            return probabilities(V, A, 0.6, B, 0.4);
        }
        if (prefix.equals(List.of(A))) {
            return probabilities(V, END, 0.4, A, 0.3, B, 0.3);
        }
        if (prefix.equals(List.of(B))) {
            return probabilities(V, END, 0.9, A, 0.05, B, 0.05);
        }
        return probabilities(V, END, 1.0);
    };

    @Test
    void beamSearchFindsTheMoreProbableSequenceThatGreedySearchMisses() {
        Hypothesis greedy = one(new GreedySearch(options().build()), GARDEN_PATH, 3).get(0);
        Hypothesis beam = one(new BeamSearch(options().beamSize(2).build()), GARDEN_PATH, 3).get(0);

        assertEquals(List.of(A), greedy.tokens());
        assertEquals(Math.log(0.24), greedy.logProbability(), 1e-6);
        assertEquals(List.of(B), beam.tokens());
        assertEquals(Math.log(0.36), beam.logProbability(), 1e-6);
        assertTrue(greedy.finished() && beam.finished());
    }

    @Test
    void beamSizeOneIsGreedySearchOnManySentencesAtOnce() {
        // Random distributions over 20 tokens, fixed per (sentence, prefix); END grows likelier with length.
        TableScorer.Table random = (sentence, prefix) -> {
            Random r = new Random(31L * sentence + prefix.hashCode());
            double[] p = new double[20];
            double sum = 0;
            for (int v = 3; v < 20; v++) {
                p[v] = v == END ? 0.4 * prefix.size() * r.nextDouble() : r.nextDouble();
                sum += p[v];
            }
            for (int v = 0; v < 20; v++) {
                p[v] /= sum;
            }
            return p;
        };
        int[] lengths = {3, 1, 7, 4, 2, 9, 5, 6};
        SearchOptions o = SearchOptions.builder().beamSize(1).maxLength(1.5, 2).build();
        List<List<Hypothesis>> greedy = new GreedySearch(o).search(new TableScorer(random),
                TableScorer.initial(lengths.length), lengths);
        List<List<Hypothesis>> beam = new BeamSearch(o).search(new TableScorer(random),
                TableScorer.initial(lengths.length), lengths);
        assertEquals(greedy, beam);
        assertTrue(greedy.stream().anyMatch(h -> h.get(0).finished()), "some should end with END");
        assertTrue(greedy.stream().anyMatch(h -> !h.get(0).finished()), "some should hit the length limit");
    }

    @Test
    void aBatchGivesWhatEachSentenceGivesAlone() {
        // sentence s prefers token 4 + (s + length) % 3 and ends after s + 2 tokens
        TableScorer.Table table = (sentence, prefix) -> prefix.size() >= sentence + 2
                ? probabilities(8, END, 0.7, 4, 0.1, 5, 0.1, 6, 0.1)
                : probabilities(8, 4 + (sentence + prefix.size()) % 3, 0.5, 7, 0.3, END, 0.2);
        SearchOptions o = SearchOptions.builder().beamSize(3).nBest(3).build();
        int[] lengths = {5, 5, 5, 5};
        List<List<Hypothesis>> batch = new BeamSearch(o).search(new TableScorer(table), TableScorer.initial(4),
                lengths);
        for (int s = 0; s < 4; s++) {
            int sentence = s;
            List<Hypothesis> alone = new BeamSearch(o).search(new TableScorer((x, prefix) -> table.next(sentence,
                    prefix)), TableScorer.initial(1), new int[] {5}).get(0);
            assertEquals(alone, batch.get(s), "sentence " + s);
        }
        assertEquals(List.of(5, 6, 4), batch.get(1).get(0).tokens());
    }

    @Test
    void endFinishesAHypothesisAndTheLengthLimitStopsTheRest() {
        TableScorer.Table endsAtOnce = (s, prefix) -> probabilities(V, END, 0.9, A, 0.1);
        Hypothesis empty = one(new BeamSearch(options().beamSize(3).build()), endsAtOnce, 4).get(0);
        assertEquals(List.of(), empty.tokens());
        assertTrue(empty.finished());
        assertEquals(Math.log(0.9), empty.logProbability(), 1e-6);

        TableScorer.Table neverEnds = (s, prefix) -> probabilities(V, A, 0.7, B, 0.3);
        SearchOptions limited = options().beamSize(3).maxLength(0.5, 2).build();   // ceil(0.5 * 4) + 2 = 4 tokens
        TableScorer scorer = new TableScorer(neverEnds);
        Hypothesis cut = new BeamSearch(limited).search(scorer, TableScorer.initial(1), new int[] {4}).get(0).get(0);
        assertEquals(List.of(A, A, A, A), cut.tokens());
        assertFalse(cut.finished());
        assertEquals(4, scorer.steps);
        Hypothesis greedyCut = one(new GreedySearch(limited), neverEnds, 4).get(0);
        assertEquals(List.of(A, A, A, A), greedyCut.tokens());
        assertFalse(greedyCut.finished());
    }

    @Test
    void padAndStartAreNeverWrittenEvenWhenTheModelPrefersThem() {
        int pad = SpecialToken.PAD.id();
        int start = SpecialToken.START.id();
        int unk = SpecialToken.UNK.id();
        // PAD and START take most of the mass; the rest says UNK, A, END in turn
        TableScorer.Table specials = (s, prefix) -> prefix.size() < 2
                ? probabilities(V, pad, 0.4, start, 0.3, prefix.isEmpty() ? unk : A, 0.29, END, 0.01)
                : probabilities(V, pad, 0.3, start, 0.1, END, 0.6);
        for (Search search : List.<Search>of(new GreedySearch(options().build()),
                new BeamSearch(options().beamSize(3).nBest(3).build()))) {
            List<Hypothesis> found = one(search, specials, 5);
            for (Hypothesis h : found) {
                assertFalse(h.tokens().contains(pad) || h.tokens().contains(start), search + ": " + h.tokens());
            }
            assertEquals(List.of(unk, A), found.get(0).tokens(), search.toString());
            assertTrue(found.get(0).finished());
        }
    }

    @Test
    void unknownIsNotWrittenWhenTheOptionsBanIt() {
        int unk = SpecialToken.UNK.id();
        // UNK is the most probable first token; A is next
        TableScorer.Table likesUnknown = (s, prefix) -> prefix.isEmpty()
                ? probabilities(V, unk, 0.7, A, 0.2, B, 0.1)
                : probabilities(V, END, 0.9, unk, 0.1);
        for (boolean greedy : new boolean[] {true, false}) {
            SearchOptions allowed = options().beamSize(greedy ? 1 : 3).build();
            SearchOptions banned = allowed.toBuilder().writeUnknown(false).build();
            Search withUnknown = greedy ? new GreedySearch(allowed) : new BeamSearch(allowed);
            Search without = greedy ? new GreedySearch(banned) : new BeamSearch(banned);
            assertEquals(List.of(unk), one(withUnknown, likesUnknown, 5).get(0).tokens());
            Hypothesis best = one(without, likesUnknown, 5).get(0);
            assertEquals(List.of(A), best.tokens(), "greedy " + greedy);
            assertTrue(best.finished());
        }
    }

    @Test
    void minimumLengthHoldsEndBack() {
        TableScorer.Table endsAtOnce = (s, prefix) -> probabilities(V, END, 0.9, A, 0.06, B, 0.04);
        SearchOptions o = options().beamSize(2).minLength(2).build();
        Hypothesis beam = one(new BeamSearch(o), endsAtOnce, 4).get(0);
        assertEquals(List.of(A, A), beam.tokens());
        assertTrue(beam.finished());
        assertEquals(Math.log(0.06 * 0.06 * 0.9), beam.logProbability(), 1e-6);
        assertEquals(List.of(A, A), one(new GreedySearch(o), endsAtOnce, 4).get(0).tokens());
    }

    /** "END" at once: 0.4 (log -0.92). "A A END": 0.6 × 0.6 × 0.9 = 0.324 (log -1.13, per token -0.38). */
    private static final TableScorer.Table SHORT_OR_LONG = (sentence, prefix) -> {
        if (prefix.isEmpty()) {
            return probabilities(V, A, 0.6, END, 0.4);
        }
        if (prefix.size() == 1) {
            return probabilities(V, A, 0.6, B, 0.3, END, 0.1);
        }
        return probabilities(V, END, 0.9, A, 0.05, B, 0.05);
    };

    @Test
    void lengthNormalizationChangesTheWinner() {
        Hypothesis raw = one(new BeamSearch(options().beamSize(2).build()), SHORT_OR_LONG, 5).get(0);
        assertEquals(List.of(), raw.tokens());
        assertEquals(Math.log(0.4), raw.score(), 1e-6);

        SearchOptions perToken = options().beamSize(2).lengthPenalty(LengthPenalty.power(1)).build();
        Hypothesis normalized = one(new BeamSearch(perToken), SHORT_OR_LONG, 5).get(0);
        assertEquals(List.of(A, A), normalized.tokens());
        assertEquals(Math.log(0.324), normalized.logProbability(), 1e-6);
        assertEquals(Math.log(0.324) / 3, normalized.score(), 1e-6);

        SearchOptions gnmt = options().beamSize(2).lengthPenalty(LengthPenalty.gnmt(1)).build();
        Hypothesis g = one(new BeamSearch(gnmt), SHORT_OR_LONG, 5).get(0);
        assertEquals(List.of(A, A), g.tokens());
        assertEquals(Math.log(0.324) / ((5.0 + 3) / 6), g.score(), 1e-6);
    }

    @Test
    void overALargeVocabularyTheNBestAreTheBestExtensionsOfTheBeam() {
        assertTheNBestAreTheBestExtensionsOfTheBeam((sentence, prefix) -> {
            Random r = new Random(1000L * sentence + prefix.hashCode());
            double[] weights = new double[400];
            for (int v = 0; v < weights.length; v++) {
                weights[v] = Math.exp(r.nextGaussian());
            }
            return weights;
        });
    }

    @Test
    void candidatesAFewUlpsApartAreRankedExactly() {
        // The last 24 tokens are far likelier than the rest and rise by 5e-7 each (a few float ulps),
        // so the best candidates lie within a few 1e-5 of each other: a rejection test that let
        // through only those beating the last candidate by 3e-5 fails here (tried).
        assertTheNBestAreTheBestExtensionsOfTheBeam((sentence, prefix) -> {
            Random r = new Random(1000L * sentence + prefix.hashCode());
            double[] weights = new double[400];
            for (int v = 0; v < weights.length; v++) {
                weights[v] = v < 376 ? Math.exp(0.1 * r.nextGaussian())
                        : Math.exp(5 + 5e-7 * (v - 376) * (1 + prefix.size() + sentence));
            }
            return weights;
        });
    }

    /**
     * Two steps over a vocabulary: END is impossible first and possible second. The beam keeps the
     * top 8 first tokens; at the length limit the 8-best must be the 8 best of all their
     * extensions, in order, whatever the search rejected without the exact comparison.
     *
     * @param weights unnormalized next-token probabilities for each sentence and prefix
     */
    private static void assertTheNBestAreTheBestExtensionsOfTheBeam(TableScorer.Table weights) {
        int k = 8;
        TableScorer.Table table = (sentence, prefix) -> {
            double[] p = weights.next(sentence, prefix);
            if (prefix.isEmpty()) {
                p[END] = 0;
            }
            double sum = 0;
            for (double w : p) {
                sum += w;
            }
            for (int v = 0; v < p.length; v++) {
                p[v] /= sum;
            }
            return p;
        };
        SearchOptions o = options().beamSize(k).nBest(k).maxLength(0, 2).build();
        List<List<Hypothesis>> found = new BeamSearch(o).search(new TableScorer(table), TableScorer.initial(3),
                new int[] {4, 4, 4});

        for (int sentence = 0; sentence < 3; sentence++) {
            float[] first = logOf(table.next(sentence, List.of()));
            List<Integer> beam = new ArrayList<>();
            for (int v = 0; v < first.length; v++) {
                if (o.mayWrite(v)) {
                    beam.add(v);
                }
            }
            beam.sort((x, y) -> Float.compare(first[y], first[x]));
            List<double[]> extensions = new ArrayList<>();              // {score, first token, second token}
            for (int a : beam.subList(0, k)) {
                float[] second = logOf(table.next(sentence, List.of(a)));
                for (int b = 0; b < second.length; b++) {
                    if (o.mayWrite(b) || b == END) {
                        extensions.add(new double[] {(double) first[a] + second[b], a, b});
                    }
                }
            }
            extensions.sort((x, y) -> Double.compare(y[0], x[0]));
            List<Hypothesis> nBest = found.get(sentence);
            assertEquals(k, nBest.size());
            for (int i = 0; i < k; i++) {
                double[] e = extensions.get(i);
                List<Integer> tokens = e[2] == END ? List.of((int) e[1]) : List.of((int) e[1], (int) e[2]);
                assertEquals(tokens, nBest.get(i).tokens(), "sentence " + sentence + ", rank " + i);
                assertEquals(e[0], nBest.get(i).logProbability(), 1e-12, "sentence " + sentence + ", rank " + i);
            }
        }
    }

    private static float[] logOf(double[] p) {
        float[] out = new float[p.length];
        for (int v = 0; v < p.length; v++) {
            out[v] = (float) Math.log(p[v]);
        }
        return out;
    }

    @Test
    void nBestListsComeInDescendingScoreOrder() {
        SearchOptions o = options().beamSize(3).nBest(3).lengthPenalty(LengthPenalty.power(1)).build();
        List<Hypothesis> best = one(new BeamSearch(o), SHORT_OR_LONG, 5);
        assertEquals(3, best.size());
        List<List<Integer>> tokens = new ArrayList<>();
        for (int i = 0; i < best.size(); i++) {
            tokens.add(best.get(i).tokens());
            if (i > 0) {
                assertTrue(best.get(i - 1).score() >= best.get(i).score(), "order at " + i + ": " + best);
            }
        }
        // per token: A A END -0.376, A B END ln(0.162)/3 = -0.607, END -0.916
        assertEquals(List.of(List.of(A, A), List.of(A, B), List.of()), tokens);
    }

    /**
     * A (0.55) and B (0.45), then END. Writing A the model attends to source word 1 twice and leaves
     * word 2 at 0.5 coverage; writing B it covers word 1 with 0.7 and word 2 fully.
     */
    private static final TableScorer.Table A_OR_B = (sentence, prefix) -> prefix.isEmpty()
            ? probabilities(V, A, 0.55, B, 0.45) : probabilities(V, END, 1.0);
    private static final TableScorer.AttentionTable READS = (sentence, prefix) -> {
        if (prefix.isEmpty()) {
            return new double[] {0.5, 0.5, 0};          // position 3 is padding: this sentence has 2 words
        }
        return prefix.equals(List.of(A)) ? new double[] {1, 0, 0} : new double[] {0.2, 0.8, 0};
    };

    @Test
    void theCoveragePenaltyRanksTheTranslationThatReadsEverySourceWordFirst() {
        SearchOptions.Builder beam = options().beamSize(2).nBest(2);
        List<Hypothesis> plain = new BeamSearch(beam.build()).search(new TableScorer(A_OR_B, READS),
                TableScorer.initial(1), new int[] {2}).get(0);
        assertEquals(List.of(A), plain.get(0).tokens());
        assertEquals(Math.log(0.55), plain.get(0).score(), 1e-6);

        List<Hypothesis> covered = new BeamSearch(beam.coveragePenalty(1).build()).search(
                new TableScorer(A_OR_B, READS), TableScorer.initial(1), new int[] {2}).get(0);
        assertEquals(List.of(B), covered.get(0).tokens(), "B covers word 1 with 0.7, A word 2 with only 0.5");
        assertEquals(Math.log(0.45) + Math.log(0.7) + Math.log(1), covered.get(0).score(), 1e-6);
        assertEquals(Math.log(0.55) + Math.log(1) + Math.log(0.5), covered.get(1).score(), 1e-6);
        assertEquals(Math.log(0.45), covered.get(0).logProbability(), 1e-6, "the log-probability is not penalized");

        List<Hypothesis> half = new BeamSearch(beam.coveragePenalty(0.5).build()).search(
                new TableScorer(A_OR_B, READS), TableScorer.initial(1), new int[] {2}).get(0);
        assertEquals(List.of(A), half.get(0).tokens(), "at 0.5 the penalty no longer outweighs A's probability");
        assertEquals(Math.log(0.55) + 0.5 * Math.log(0.5), half.get(0).score(), 1e-6);
    }

    @Test
    void theCoveragePenaltyNeedsAModelWithAttentionAndAWeightOfZeroOrMore() {
        BeamSearch search = new BeamSearch(options().beamSize(2).coveragePenalty(0.2).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> search.search(new TableScorer(A_OR_B), TableScorer.initial(1), new int[] {2}));
        assertEquals("the coverage penalty needs a model with attention", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> options().coveragePenalty(-0.1).build());
        assertEquals("the coverage penalty must be 0 or more, got -0.1", e.getMessage());
        assertEquals(0, BeamSearch.coveragePenalty(0.3, new double[] {1, 2.5}), 0, "full coverage costs nothing");
        assertEquals(0.3 * Math.log(BeamSearch.COVERAGE_FLOOR), BeamSearch.coveragePenalty(0.3, new double[] {0, 1}),
                1e-12, "an unread word costs the floor's logarithm, not infinity");
    }
}
