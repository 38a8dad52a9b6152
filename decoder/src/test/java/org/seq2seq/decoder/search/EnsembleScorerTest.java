package org.seq2seq.decoder.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class EnsembleScorerTest {
    private static final int V = 6;

    /** Model A prefers token 4 then END; model B prefers token 5 then END; both agree on END after either. */
    private static TableScorer model(int favourite) {
        return new TableScorer((sentence, prefix) -> prefix.isEmpty()
                ? TableScorer.probabilities(V, favourite, 0.6, 9 - favourite, 0.3, TableScorer.END, 0.1)
                : TableScorer.probabilities(V, TableScorer.END, 0.9, 4, 0.05, 5, 0.05));
    }

    @Test
    void theNextTokensLogProbabilityIsTheMeanOfTheModels() {
        TableScorer a = model(4);
        TableScorer b = model(5);
        EnsembleScorer<List<TableScorer.Row>> ensemble = new EnsembleScorer<>(List.of(a, b));
        StepScorer.Step<List<List<TableScorer.Row>>> step = ensemble.step(new int[] {TableScorer.START},
                List.of(TableScorer.initial(1), TableScorer.initial(1)));
        float[] logP = step.logProbabilities()[0];
        assertEquals((float) ((Math.log(0.6) + Math.log(0.3)) / 2), logP[4], 1e-6);
        assertEquals((float) ((Math.log(0.3) + Math.log(0.6)) / 2), logP[5], 1e-6);
        assertEquals((float) Math.log(0.1), logP[TableScorer.END], 1e-6);
        assertEquals(2, step.states().size());
        // select reorders every model's states alike
        List<List<TableScorer.Row>> two = ensemble.select(step.states(), new int[] {0, 0});
        assertEquals(2, two.get(0).size());
        assertEquals(2, two.get(1).size());
    }

    @Test
    void anEnsembleOfOneModelSearchesAsTheModelAndTwoAgreeOnTheirCompromise() {
        SearchOptions beam = SearchOptions.builder().beamSize(3).nBest(2).build();
        List<List<Hypothesis>> alone = Search.of(beam).search(model(4), TableScorer.initial(1), new int[] {3});
        List<List<Hypothesis>> ofOne = Search.of(beam).search(new EnsembleScorer<>(List.of(model(4))),
                List.of(TableScorer.initial(1)), new int[] {3});
        assertEquals(alone.get(0).get(0).tokens(), ofOne.get(0).get(0).tokens());
        assertEquals(alone.get(0).get(0).score(), ofOne.get(0).get(0).score(), 0);

        // A's first choice is 4, B's is END; 5 is both models' second: the ensemble's first
        TableScorer a = new TableScorer((sentence, prefix) -> prefix.isEmpty()
                ? TableScorer.probabilities(V, 4, 0.5, 5, 0.4, TableScorer.END, 0.1)
                : TableScorer.probabilities(V, TableScorer.END, 1.0));
        TableScorer b = new TableScorer((sentence, prefix) -> prefix.isEmpty()
                ? TableScorer.probabilities(V, TableScorer.END, 0.5, 5, 0.4, 4, 0.1)
                : TableScorer.probabilities(V, TableScorer.END, 1.0));
        SearchOptions greedy = SearchOptions.builder().beamSize(1).build();
        assertEquals(List.of(4), Search.of(greedy).search(a, TableScorer.initial(1), new int[] {3}).get(0).get(0)
                .tokens());
        assertEquals(List.of(), Search.of(greedy).search(b, TableScorer.initial(1), new int[] {3}).get(0).get(0)
                .tokens());
        List<List<Hypothesis>> both = Search.of(greedy).search(new EnsembleScorer<>(List.of(a, b)),
                List.of(TableScorer.initial(1), TableScorer.initial(1)), new int[] {3});
        assertEquals(List.of(5), both.get(0).get(0).tokens());
        assertEquals(Math.log(0.4), both.get(0).get(0).logProbability(), 1e-6);
    }

    @Test
    void theEnsemblesAttentionIsTheMeanOfTheModelsAndNoneWhenOneHasNone() {
        TableScorer.Table any = (sentence, prefix) -> TableScorer.probabilities(V, TableScorer.END, 1.0);
        TableScorer a = new TableScorer(any, (sentence, prefix) -> new double[] {0.8, 0.2});
        TableScorer b = new TableScorer(any, (sentence, prefix) -> new double[] {0.4, 0.6});
        EnsembleScorer<List<TableScorer.Row>> ensemble = new EnsembleScorer<>(List.of(a, b));
        var step = ensemble.step(new int[] {TableScorer.START, TableScorer.START},
                List.of(TableScorer.initial(2), TableScorer.initial(2)));
        float[][] weights = ensemble.attention(step.states());
        assertEquals(2, weights.length);
        assertEquals(0.6f, weights[1][0], 1e-6);
        assertEquals(0.4f, weights[1][1], 1e-6);
        EnsembleScorer<List<TableScorer.Row>> withoutAttention = new EnsembleScorer<>(List.of(a, new TableScorer(any)));
        assertNull(withoutAttention.attention(withoutAttention.step(new int[] {TableScorer.START},
                List.of(TableScorer.initial(1), TableScorer.initial(1))).states()));
    }
}
