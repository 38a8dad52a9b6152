package org.seq2seq.decoder.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seq2seq.decoder.search.TableScorer.END;
import static org.seq2seq.decoder.search.TableScorer.probabilities;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RepeatedNgramsTest {
    private static final int A = 4;
    private static final int B = 5;
    private static final int C = 6;
    private static final int V = 7;
    private static final float NO = Float.NEGATIVE_INFINITY;

    private static float[] blocked(int n, int... tokens) {
        float[] logP = new float[V];
        RepeatedNgrams.block(n, tokens, tokens.length, logP, null);
        return logP;
    }

    @Test
    void blocksTheTokensThatFollowedTheLastNMinusOneTokensBefore() {
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, NO, 0}, blocked(2, A, B, A), "A B again");
        assertArrayEquals(new float[V], blocked(3, A, B, A), "B A has not occurred before");
        assertArrayEquals(new float[] {0, 0, 0, 0, NO, 0, NO}, blocked(3, A, B, A, B, C, A, B), "A B A and A B C");
        assertArrayEquals(new float[] {0, 0, 0, 0, NO, NO, 0}, blocked(1, A, B, A), "n = 1: every written token");
        assertArrayEquals(new float[V], blocked(0, A, A, A), "n = 0 blocks nothing");
        assertArrayEquals(new float[V], blocked(4, A, A, A), "shorter than n");
        float[] logP = new float[V];
        RepeatedNgrams.block(2, new int[] {A, B, A, C, C}, 3, logP, null);
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, NO, 0}, logP, "only the first 3 tokens are read");
    }

    /** From START: A; after A: B 0.6, C 0.3, END 0.1; after B: A 0.6, C 0.1, END 0.3; after C: END. */
    private static final TableScorer.Table LOOP = (sentence, prefix) -> {
        if (prefix.isEmpty()) {
            return probabilities(V, A, 1.0);
        }
        return switch (prefix.get(prefix.size() - 1)) {
            case A -> probabilities(V, B, 0.6, C, 0.3, END, 0.1);
            case B -> probabilities(V, A, 0.6, C, 0.1, END, 0.3);
            default -> probabilities(V, END, 1.0);
        };
    };

    private static Hypothesis greedy(int n) {
        return new GreedySearch(SearchOptions.builder().noRepeatNgram(n).build())
                .search(new TableScorer(LOOP), TableScorer.initial(1), new int[] {3}).get(0).get(0);
    }

    @Test
    void greedySearchLeavesALoopItWouldRunToTheLengthLimit() {
        Hypothesis free = greedy(0);
        assertEquals(16, free.tokens().size(), "2 x 3 + 10 tokens of A B A B …");
        assertFalse(free.finished());
        assertEquals(List.of(A, B, A, C), greedy(2).tokens(), "B after A B A would repeat A B");
        assertTrue(greedy(2).finished());
        assertEquals(List.of(A, B, A, B), greedy(3).tokens(), "A after A B A B would repeat A B A");
        assertEquals(Math.log(0.6 * 0.6 * 0.6 * 0.3), greedy(3).logProbability(), 1e-6,
                "the log-probability is the model's, not renormalized");
    }

    /** Random distributions over four word tokens, fixed per (sentence, prefix); END likelier with length. */
    private static final TableScorer.Table FOUR_WORDS = (sentence, prefix) -> {
        Random r = new Random(31L * sentence + prefix.hashCode());
        double[] p = new double[8];
        double sum = 0;
        for (int v = 4; v < 8; v++) {
            p[v] = r.nextDouble();
            sum += p[v];
        }
        p[END] = 0.05 * prefix.size() * sum;
        sum += p[END];
        for (int v = 0; v < p.length; v++) {
            p[v] /= sum;
        }
        return p;
    };

    private static List<List<Hypothesis>> search(Search search, int sentences) {
        int[] lengths = new int[sentences];
        Arrays.fill(lengths, 6);
        return search.search(new TableScorer(FOUR_WORDS), TableScorer.initial(sentences), lengths);
    }

    private static boolean repeats(List<Integer> tokens, int n) {
        Set<List<Integer>> seen = new HashSet<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            if (!seen.add(tokens.subList(i, i + n))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void noHypothesisOfBeamSearchRepeatsAnNgramWhenBlocked() {
        SearchOptions.Builder beam = SearchOptions.builder().beamSize(3).nBest(3);
        List<Hypothesis> free = new ArrayList<>();
        search(new BeamSearch(beam.build()), 10).forEach(free::addAll);
        assertTrue(free.stream().anyMatch(h -> repeats(h.tokens(), 2)), "the model alone repeats bigrams");
        for (int n : new int[] {2, 3}) {
            List<List<Hypothesis>> blocked = search(new BeamSearch(beam.noRepeatNgram(n).build()), 10);
            for (List<Hypothesis> nBest : blocked) {
                assertEquals(3, nBest.size());
                for (Hypothesis h : nBest) {
                    assertFalse(repeats(h.tokens(), n), n + ": " + h.tokens());
                }
            }
        }
    }

    @Test
    void beamSizeOneBlocksAsGreedySearchDoes() {
        SearchOptions options = SearchOptions.builder().beamSize(1).noRepeatNgram(2).build();
        List<List<Hypothesis>> beam = search(new BeamSearch(options), 10);
        List<List<Hypothesis>> greedy = search(new GreedySearch(options), 10);
        for (int s = 0; s < 10; s++) {
            assertEquals(greedy.get(s).get(0).tokens(), beam.get(s).get(0).tokens());
            assertEquals(greedy.get(s).get(0).logProbability(), beam.get(s).get(0).logProbability(), 1e-9);
        }
    }

    @Test
    void refusesANegativeN() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SearchOptions.builder().noRepeatNgram(-1).build());
        assertEquals("the n of repeated n-gram blocking must be 0 or more, got -1", e.getMessage());
    }
}
