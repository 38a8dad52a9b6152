package org.seq2seq.decoder.gru;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.DuplicateToTimeSeriesVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The vertex gives the same outputs and gradients, to the bit, as DL4J's
 * {@code DuplicateToTimeSeriesVertex} and {@code MergeVertex} it replaces, in the wiring of the
 * model: an embedding layer's output (a permuted view) with the context appended feeds a GRU
 * decoder layer, whose output (a dense array) with the context appended feeds a second one.
 */
class AppendContextVertexTest {
    private static final int VOCABULARY = 7;
    private static final int E = 3;
    private static final int C = 2;
    private static final int H = 4;
    private static final int B = 3;
    private static final int T = 5;

    private static ComputationGraph graph(boolean appendVertex, DataType type) {
        GraphBuilder g = new NeuralNetConfiguration.Builder()
                .dataType(type).seed(11).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("ids", "c")
                .addLayer("emb", new EmbeddingSequenceLayer.Builder().nIn(VOCABULARY).nOut(E)
                        .outputDataFormat(RNNFormat.NCW).build(), "ids");
        if (appendVertex) {
            g.addVertex("in1", new AppendContextVertex(), "emb", "c")
                    .addVertex("in2", new AppendContextVertex(), "gru1", "c");
        } else {
            g.addVertex("c_seq", new DuplicateToTimeSeriesVertex("ids"), "c")
                    .addVertex("in1", new MergeVertex(), "emb", "c_seq")
                    .addVertex("in2", new MergeVertex(), "gru1", "c_seq");
        }
        ComputationGraphConfiguration conf = g
                .addLayer("gru1", GruDecoderLayer.builder().nIn(E + C).nOut(H).contextSize(C).feedContext(true)
                        .build(), "in1")
                .addLayer("gru2", GruDecoderLayer.builder().nIn(H + C).nOut(H).contextSize(C).feedContext(true)
                        .build(), "in2")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).nIn(H).nOut(2).dataFormat(RNNFormat.NCW).build(), "gru2")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    private static MultiDataSet batch(DataType type) {
        Nd4j.getRandom().setSeed(3);
        INDArray ids = Nd4j.create(DataType.FLOAT, B, 1, T);
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                ids.putScalar(new int[] {b, 0, t}, (b * 3 + t * 5) % VOCABULARY);
            }
        }
        INDArray context = Nd4j.rand(type, B, C).subi(0.5);
        INDArray labels = Nd4j.rand(type, B, 2, T);
        INDArray mask = Nd4j.create(DataType.FLOAT, B, T);
        int[] lengths = {5, 3, 1};
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                mask.putScalar(b, t, 1.0);
            }
        }
        return new MultiDataSet(new INDArray[] {ids, context}, new INDArray[] {labels},
                new INDArray[] {mask, null}, new INDArray[] {mask});
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void sameOutputsAndGradientsAsRepeatingAndMerging(DataType type) {
        ComputationGraph merged = graph(false, type);
        ComputationGraph appended = graph(true, type);
        appended.setParams(merged.params().dup());
        MultiDataSet data = batch(type);

        merged.setInputs(data.getFeatures());
        merged.setLayerMaskArrays(data.getFeaturesMaskArrays(), data.getLabelsMaskArrays());
        appended.setInputs(data.getFeatures());
        appended.setLayerMaskArrays(data.getFeaturesMaskArrays(), data.getLabelsMaskArrays());
        assertEquals(merged.outputSingle(false, data.getFeatures()), appended.outputSingle(false, data.getFeatures()));

        merged.setLabels(data.getLabels());
        appended.setLabels(data.getLabels());
        merged.computeGradientAndScore();
        appended.computeGradientAndScore();
        assertEquals(merged.score(), appended.score(), 0.0);
        Map<String, INDArray> expected = merged.gradient().gradientForVariable();
        Map<String, INDArray> actual = appended.gradient().gradientForVariable();
        assertEquals(expected.keySet(), actual.keySet());
        for (String key : expected.keySet()) {
            assertEquals(expected.get(key), actual.get(key), key);
        }
    }

    @Test
    void theConfigurationSurvivesJson() {
        ComputationGraph graph = graph(true, DataType.FLOAT);
        String json = graph.getConfiguration().toJson();
        assertEquals(graph.getConfiguration(), ComputationGraphConfiguration.fromJson(json));
    }

    @Test
    void hasNoLayerAndNoParameters() {
        var vertex = graph(true, DataType.FLOAT).getVertex("in1");
        assertEquals(false, vertex.hasLayer());
        assertEquals(null, vertex.getLayer());
        vertex.setBackpropGradientsViewArray(null);
        var e = assertThrows(IllegalStateException.class,
                () -> vertex.setBackpropGradientsViewArray(Nd4j.zeros(DataType.FLOAT, 1, 3)));
        assertEquals("append-context vertex 'in1' has no parameters", e.getMessage());
    }

    @Test
    void theOutputTypeIsTheSequenceWiderByTheContext() {
        InputType out = new AppendContextVertex().getOutputType(0, InputType.recurrent(E, T), InputType.feedForward(C));
        assertEquals(InputType.recurrent(E + C, T), out);
        assertThrows(IllegalArgumentException.class, () -> new AppendContextVertex()
                .getOutputType(0, InputType.feedForward(C), InputType.recurrent(E, T)));
    }
}
