package org.seq2seq.core.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.seq2seq.core.model.ModelConfig;
import org.seq2seq.core.model.Seq2SeqGraph;
import org.seq2seq.core.model.Seq2SeqModel;
import org.seq2seq.corpora.batch.EncodedPair;
import org.seq2seq.corpora.batch.PaddedBatch;
import org.seq2seq.corpora.text.TokenizerSpec;
import org.seq2seq.corpora.vocab.Vocabulary;
import org.seq2seq.decoder.attention.Attention;
import org.seq2seq.decoder.DecoderStack;
import org.seq2seq.decoder.search.StepScorer;

/**
 * The encoder graph and the step-by-step decoder compute what the whole graph computes: fed the
 * gold previous tokens, the scorer's log-probabilities are the log of the graph's softmax output.
 */
class DecoderStackTest {

    @ParameterizedTest(name = "encoder layers {0}, feed context {1}, bidirectional {2}, attention {3}, "
            + "decoder layers {4}, residual {5}, layer normalization {6}")
    @CsvSource({"1, false, false, none, 1, false, false", "2, true, false, none, 1, false, false",
            "1, true, true, none, 1, false, false", "1, false, false, dot, 1, false, false",
            "2, true, true, general, 1, false, false", "1, false, true, dot, 1, false, false",
            "1, false, false, none, 2, false, false", "1, true, true, general, 2, true, false",
            "1, false, true, dot, 3, true, false", "1, true, true, general, 1, false, true",
            "1, false, true, dot, 2, true, true"})
    void stepsReproduceTheTeacherForcedGraph(int layers, boolean feedContext, boolean bidirectional, String attention,
                                             int decoderLayers, boolean residual, boolean layerNorm) {
        Vocabulary source = Vocabulary.ofTokens(List.of("a", "b", "c", "d", "e"));
        Vocabulary target = Vocabulary.ofTokens(List.of("x", "y", "z", "w"));
        ModelConfig config = ModelConfig.builder(source.size(), target.size()).embeddingSize(5).hiddenSize(8)
                .encoderLayers(layers).feedContext(feedContext).bidirectional(bidirectional)
                .attention(Attention.parse(attention)).decoderLayers(decoderLayers).decoderResidual(residual)
                .decoderLayerNorm(layerNorm).encoderLayerNorm(layerNorm).build();
        ComputationGraph graph = Seq2SeqGraph.create(config, new NoOp(), 42, DataType.FLOAT);
        TokenizerSpec words = new TokenizerSpec(TokenizerSpec.Kind.WORD, false);
        Seq2SeqModel model = new Seq2SeqModel(graph, config, source, target, words, words);

        PaddedBatch batch = PaddedBatch.of(List.of(
                new EncodedPair(new int[] {4, 5, 6, 7}, new int[] {4, 5}),
                new EncodedPair(new int[] {8, 4}, new int[] {6, 7, 4, 5}),
                new EncodedPair(new int[] {5}, new int[] {7})));
        MultiDataSet data = batch.toMultiDataSet(DataType.FLOAT);
        INDArray expected = graph.output(false, data.getFeatures(), data.getFeaturesMaskArrays(),
                data.getLabelsMaskArrays())[0];                                        // [B, V, T]

        DecoderStack scorer = DecoderStack.of(model.graph(), model.config().decoder());
        ContextEncoder.Encoded encoded = new ContextEncoder(model).encode(data.getFeatures(0),
                data.getFeaturesMaskArray(0));
        DecoderStack.States states = scorer.initial(encoded.context(), encoded.memory(),
                data.getFeaturesMaskArray(0));
        for (int t = 0; t < batch.targetLength(); t++) {
            int[] previous = new int[batch.size()];
            for (int b = 0; b < batch.size(); b++) {
                previous[b] = batch.decoderInputId(b, t);
            }
            StepScorer.Step<DecoderStack.States> step = scorer.step(previous, states);
            for (int b = 0; b < batch.size(); b++) {
                float[] row = step.logProbabilities()[b];
                int first = 0;
                for (int v = 1; v < row.length; v++) {
                    first = row[v] > row[first] ? v : first;
                }
                assertEquals(first, step.best()[b], "the largest of sentence " + b + " at step " + t);
                if (!batch.isTargetStep(b, t)) {
                    continue;
                }
                for (int v = 0; v < target.size(); v++) {
                    assertEquals(Math.log(expected.getDouble(b, v, t)), step.logProbabilities()[b][v], 1e-5,
                            "sentence " + b + ", step " + t + ", token " + v);
                }
            }
            states = step.states();
        }
    }

    /**
     * With a shortlist, each row's log-probabilities are the full vocabulary's renormalized over
     * its columns: over the batch's union when each sentence has one row (greedy), over each
     * sentence's own candidates when its beam has several rows and the union is much larger.
     */
    @ParameterizedTest(name = "rows per sentence {0}")
    @CsvSource({"1", "2", "3"})
    void aShortlistedStepIsTheFullStepRenormalizedOverItsColumns(int rowsPerSentence) {
        List<String> words = new java.util.ArrayList<>();
        for (int i = 0; i < 56; i++) {
            words.add("t" + i);
        }
        Vocabulary source = Vocabulary.ofTokens(List.of("a", "b", "c", "d", "e"));
        Vocabulary target = Vocabulary.ofTokens(words);
        ModelConfig config = ModelConfig.builder(source.size(), target.size()).embeddingSize(6).hiddenSize(8)
                .bidirectional(true).attention(Attention.parse("general")).feedContext(true).build();
        ComputationGraph graph = Seq2SeqGraph.create(config, new NoOp(), 7, DataType.FLOAT);
        TokenizerSpec tokens = new TokenizerSpec(TokenizerSpec.Kind.WORD, false);
        Seq2SeqModel model = new Seq2SeqModel(graph, config, source, target, tokens, tokens);
        int sentences = 5;
        List<EncodedPair> pairs = new java.util.ArrayList<>();
        int[][] candidates = new int[sentences][];
        for (int b = 0; b < sentences; b++) {
            pairs.add(new EncodedPair(new int[] {4 + b, 5 + b % 3}, new int[] {5}));
            candidates[b] = new int[12];                         // the 4 specials and 8 tokens of its own
            for (int j = 0; j < 4; j++) {
                candidates[b][j] = j;
            }
            for (int j = 0; j < 8; j++) {
                candidates[b][4 + j] = 4 + 10 * b + j;
            }
        }
        MultiDataSet data = PaddedBatch.of(pairs).toMultiDataSet(DataType.FLOAT);
        DecoderStack scorer = DecoderStack.of(model.graph(), model.config().decoder());
        ContextEncoder.Encoded encoded = new ContextEncoder(model).encode(data.getFeatures(0),
                data.getFeaturesMaskArray(0));
        DecoderStack.States full = scorer.initial(encoded.context(), encoded.memory(), data.getFeaturesMaskArray(0));
        DecoderStack.States listed = scorer.initial(encoded.context(), encoded.memory(), data.getFeaturesMaskArray(0),
                candidates);
        int[] rows = new int[sentences * rowsPerSentence];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = r / rowsPerSentence;
        }
        full = scorer.select(full, rows);
        listed = scorer.select(listed, rows);
        int[] previous = new int[rows.length];
        for (int t = 0; t < 3; t++) {
            for (int r = 0; r < rows.length; r++) {
                previous[r] = t == 0 ? 2 : 4 + 10 * rows[r] + (r + t) % 8;     // START, then tokens of its list
            }
            StepScorer.Step<DecoderStack.States> f = scorer.step(previous, full);
            StepScorer.Step<DecoderStack.States> s = scorer.step(previous, listed);
            for (int r = 0; r < rows.length; r++) {
                int[] columns = s.columns()[r];
                int[] expectedColumns = rowsPerSentence == 1 ? java.util.Arrays.stream(candidates)
                        .flatMapToInt(java.util.Arrays::stream).distinct().sorted().toArray() : candidates[rows[r]];
                assertEquals(java.util.Arrays.toString(expectedColumns), java.util.Arrays.toString(columns), "row " + r);
                double norm = 0;
                for (int token : columns) {
                    norm += Math.exp(f.logProbabilities()[r][token]);
                }
                int best = 0;
                for (int c = 0; c < columns.length; c++) {
                    assertEquals(f.logProbabilities()[r][columns[c]] - Math.log(norm), s.logProbabilities()[r][c], 1e-5,
                            "row " + r + ", step " + t + ", token " + columns[c]);
                    best = s.logProbabilities()[r][c] > s.logProbabilities()[r][best] ? c : best;
                }
                assertEquals(best, s.best()[r], "row " + r + ", step " + t);
            }
            full = f.states();
            listed = s.states();
        }
    }
}
