package org.seq2seq.decoder.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;
import org.seq2seq.nn.RowSoftmax;

/** Greedy search with a scorer that finds each row's largest log-probability itself. */
class GreedySearchTest {
    private static final int V = 20;
    private static final int[] LENGTHS = {3, 1, 7, 4, 2, 9, 5, 6};

    /** Random distributions over 20 tokens, fixed per (sentence, prefix); END grows likelier with length. */
    private static final TableScorer.Table RANDOM = (sentence, prefix) -> {
        Random r = new Random(31L * sentence + prefix.hashCode());
        double[] p = new double[V];
        double sum = 0;
        for (int v = 3; v < V; v++) {
            p[v] = v == TableScorer.END ? 0.4 * prefix.size() * r.nextDouble() : r.nextDouble();
            sum += p[v];
        }
        for (int v = 0; v < V; v++) {
            p[v] /= sum;
        }
        return p;
    };

    /** The table's scorer, handing each row's {@code best(row)} along with it. */
    private static StepScorer<List<TableScorer.Row>> withBest(ToIntFunction<float[]> best) {
        TableScorer table = new TableScorer(RANDOM);
        return new StepScorer<>() {
            @Override
            public Step<List<TableScorer.Row>> step(int[] previous, List<TableScorer.Row> states) {
                Step<List<TableScorer.Row>> step = table.step(previous, states);
                int[] largest = new int[previous.length];
                for (int r = 0; r < largest.length; r++) {
                    largest[r] = best.applyAsInt(step.logProbabilities()[r]);
                }
                return new Step<>(step.logProbabilities(), step.states(), largest);
            }

            @Override
            public List<TableScorer.Row> select(List<TableScorer.Row> states, int[] rows) {
                return table.select(states, rows);
            }
        };
    }

    private static List<List<Hypothesis>> greedy(SearchOptions options, StepScorer<List<TableScorer.Row>> scorer) {
        return new GreedySearch(options).search(scorer, TableScorer.initial(LENGTHS.length), LENGTHS);
    }

    @Test
    void theScorersLargestGivesTheSameOutputsAsTheSearchsOwn() {
        SearchOptions o = SearchOptions.builder().maxLength(1.5, 2).build();
        assertEquals(greedy(o, new TableScorer(RANDOM)), greedy(o, withBest(RowSoftmax::indexOfLargest)));
    }

    @Test
    void takesTheScorersLargestWithoutSearchingTheRowUnlessRepeatedNgramsAreBlocked() {
        ToIntFunction<float[]> secondLargest = row -> {      // not the largest: shows whose index is taken
            int first = RowSoftmax.indexOfLargest(row);
            int second = first == 4 ? 5 : 4;
            for (int v = 4; v < row.length; v++) {
                second = v != first && row[v] > row[second] ? v : second;
            }
            return second;
        };
        SearchOptions plain = SearchOptions.builder().maxLength(1.5, 2).build();
        assertNotEquals(greedy(plain, new TableScorer(RANDOM)), greedy(plain, withBest(secondLargest)));

        SearchOptions blocking = SearchOptions.builder().maxLength(1.5, 2).noRepeatNgram(1).build();
        assertEquals(greedy(blocking, new TableScorer(RANDOM)), greedy(blocking, withBest(secondLargest)));
    }

    @Test
    void aStepRefusesBestTokensForAnotherNumberOfRows() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new StepScorer.Step<>(new float[2][3], List.of(), new int[3]));
        assertEquals("3 best tokens for 2 rows", e.getMessage());
    }
}
