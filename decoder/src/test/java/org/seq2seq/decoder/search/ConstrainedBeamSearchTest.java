package org.seq2seq.decoder.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seq2seq.decoder.search.TableScorer.END;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConstrainedBeamSearchTest {
    private static final int V = 12;
    private static final int A = 4;
    private static final int B = 5;
    private static final int C = 6;
    private static final int D = 7;
    /** A subword that joins the next token into one word ({@code dog@@}). */
    private static final int J = 8;

    /** Random distributions over V tokens, fixed per (sentence, prefix); END likelier with length; C and D rare. */
    private static final TableScorer.Table RANDOM = (sentence, prefix) -> {
        Random r = new Random(31L * sentence + prefix.hashCode());
        double[] p = new double[V];
        double sum = 0;
        for (int v = 3; v < V; v++) {
            p[v] = v == END ? 0.3 * prefix.size() * r.nextDouble() : v == C || v == D ? 0.01 * r.nextDouble()
                    : r.nextDouble();
            sum += p[v];
        }
        for (int v = 0; v < V; v++) {
            p[v] /= sum;
        }
        return p;
    };

    private static SearchOptions options(int beam) {
        return SearchOptions.builder().beamSize(beam).maxLength(1.5, 4).lengthPenalty(LengthPenalty.none()).build();
    }

    private static List<List<Hypothesis>> search(int beam, TableScorer.Table table, int[] lengths,
                                                 List<Constraints> constraints) {
        return new ConstrainedBeamSearch(options(beam)).search(new TableScorer(table),
                TableScorer.initial(lengths.length), lengths, constraints);
    }

    private static boolean contains(List<Integer> tokens, int... phrase) {
        List<Integer> p = new ArrayList<>();
        for (int t : phrase) {
            p.add(t);
        }
        return Collections.indexOfSubList(tokens, p) >= 0;
    }

    @Test
    void withoutPhrasesItIsBeamSearch() {
        int[] lengths = {3, 1, 7, 4, 2, 9};
        List<Constraints> none = Collections.nCopies(lengths.length, Constraints.none());
        for (int beam : new int[] {2, 5}) {
            List<List<Hypothesis>> plain = new BeamSearch(options(beam)).search(new TableScorer(RANDOM),
                    TableScorer.initial(lengths.length), lengths);
            assertEquals(plain, search(beam, RANDOM, lengths, none), "beam " + beam);
        }
    }

    @Test
    void rarePhrasesAppearAndSentencesWithoutPhrasesAreSearchedAsBeforeInTheSameBatch() {
        int[] lengths = {5, 6, 4};
        List<List<Hypothesis>> plain = new BeamSearch(options(5)).search(new TableScorer(RANDOM),
                TableScorer.initial(3), lengths);
        assertFalse(contains(plain.get(0).get(0).tokens(), C, D) || contains(plain.get(2).get(0).tokens(), D),
                "the model would not write them");
        List<List<Hypothesis>> found = search(5, RANDOM, lengths, List.of(Constraints.of(new int[] {C, D}),
                Constraints.none(), Constraints.of(new int[] {D}, new int[] {A, B})));
        Hypothesis first = found.get(0).get(0);
        assertTrue(contains(first.tokens(), C, D), first.tokens().toString());
        assertTrue(first.finished());
        Hypothesis third = found.get(2).get(0);
        assertTrue(contains(third.tokens(), D) && contains(third.tokens(), A, B), third.tokens().toString());
        assertEquals(plain.get(1), found.get(1), "the unconstrained sentence of the batch");
        assertEquals(logProbability(0, first), first.logProbability(), 1e-4, "the model's own probability");
    }

    /** Phrases that share a first token, and ones that overlap: each must still appear. */
    @Test
    void phrasesThatShareTokensAreAllMet() {
        List<List<Hypothesis>> found = search(6, RANDOM, new int[] {6, 6}, List.of(
                Constraints.of(new int[] {C, A}, new int[] {C, B}), Constraints.of(new int[] {A, C}, new int[] {C, D})));
        List<Integer> shared = found.get(0).get(0).tokens();
        assertTrue(contains(shared, C, A) && contains(shared, C, B), shared.toString());
        List<Integer> overlapping = found.get(1).get(0).tokens();
        assertTrue(contains(overlapping, A, C) && contains(overlapping, C, D), overlapping.toString());
    }

    /** A hypothesis that has met only part of its phrases cannot end, however likely END is. */
    @Test
    void endWaitsForEveryPhrase() {
        TableScorer.Table endsSoon = (sentence, prefix) -> TableScorer.probabilities(V, END, 0.97, A, 0.01, B, 0.01,
                C, 0.01);
        Hypothesis h = search(3, endsSoon, new int[] {4}, List.of(Constraints.of(new int[] {C}, new int[] {B})))
                .get(0).get(0);
        assertTrue(h.finished() && contains(h.tokens(), C) && contains(h.tokens(), B), h.tokens().toString());
        assertEquals(2, h.tokens().size(), "and ends as soon as it may");
    }

    /** A phrase of subwords starts where a word does: not after a subword that joins the next one. */
    @Test
    void aPhraseStartsOnlyWhereAWordStarts() {
        // J (a joining subword) is likely first, then A; the phrase is A B
        TableScorer.Table table = (sentence, prefix) -> prefix.isEmpty() ? TableScorer.probabilities(V, J, 0.9, A, 0.05,
                C, 0.05) : TableScorer.probabilities(V, A, 0.5, B, 0.2, END, 0.2, C, 0.1);
        Constraints words = Constraints.of(t -> t == J, new int[] {A, B});
        List<Integer> tokens = search(4, table, new int[] {4}, List.of(words)).get(0).get(0).tokens();
        int at = Collections.indexOfSubList(tokens, List.of(A, B));
        assertTrue(at == 0 || at > 0 && tokens.get(at - 1) != J, tokens.toString());

        ConstraintTracker joined = words.start().advance(new int[0], J).advance(new int[] {J}, A)
                .advance(new int[] {J, A}, B);
        assertFalse(joined.allMet(), "J A B is the word JA and then B");
        ConstraintTracker apart = words.start().advance(new int[0], C).advance(new int[] {C}, A)
                .advance(new int[] {C, A}, B);
        assertTrue(apart.allMet());
    }

    @Test
    void aTrackerFindsAPhraseAfterAFalseStart() {
        Constraints c = Constraints.of(new int[] {A, A, B});
        int[] written = {A, A, A, B};
        ConstraintTracker tracker = c.start();
        for (int i = 0; i < written.length; i++) {
            assertFalse(tracker.allMet());
            tracker = tracker.advance(java.util.Arrays.copyOf(written, i), written[i]);
        }
        assertTrue(tracker.allMet(), "A A A B holds A A B");
        assertEquals(3, tracker.progress());
        assertArrayEquals(new int[0], tracker.wanted(written));
    }

    @Test
    void theBeamIsSharedBetweenBanksAsSockeyeSharesIt() {
        assertArrayEquals(new int[] {1, 1, 3}, ConstrainedBeamSearch.allocate(5, new int[] {10, 10, 10}));
        assertArrayEquals(new int[] {5, 0, 0}, ConstrainedBeamSearch.allocate(5, new int[] {10, 0, 0}));
        assertArrayEquals(new int[] {0, 3, 2}, ConstrainedBeamSearch.allocate(5, new int[] {0, 10, 1}));
        assertArrayEquals(new int[] {0, 0, 0, 0, 2, 0, 0}, ConstrainedBeamSearch.allocate(2, new int[] {0, 0, 0, 4, 4,
            0, 0}), "more banks than places: the highest bank with candidates takes them");
    }

    @Test
    void phrasesLongerThanTheTranslationMayBeAndGreedySearchAreRefused() {
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> search(3, RANDOM,
                new int[] {2, 1}, List.of(Constraints.none(), Constraints.of(new int[] {A, B, C, D, A, B}))));
        assertEquals("sentence 2: its constraints have 6 tokens, and its translation may have at most 5 before END",
                tooLong.getMessage());
        IllegalArgumentException greedy = assertThrows(IllegalArgumentException.class,
                () -> new ConstrainedBeamSearch(options(1)));
        assertTrue(greedy.getMessage().startsWith("constraints need beam search"), greedy.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Constraints.of(new int[0]));
    }

    /** The sum of the table's log-probabilities of a hypothesis's tokens and its END. */
    private static double logProbability(int sentence, Hypothesis h) {
        double sum = 0;
        List<Integer> prefix = new ArrayList<>();
        for (int t : h.tokens()) {
            sum += Math.log(RANDOM.next(sentence, prefix)[t]);
            prefix.add(t);
        }
        return sum + (h.finished() ? Math.log(RANDOM.next(sentence, prefix)[END]) : 0);
    }
}
