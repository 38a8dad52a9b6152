package org.seq2seq.nn.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The layer is DL4J's {@code EmbeddingSequenceLayer} as its builder makes it (the same
 * configuration but for the class, the same initial parameters, outputs and gradients), with
 * repeated ids, a mask and ids in the model's {@code [B, 1, T]} shape.
 */
class TokenEmbeddingLayerTest {
    private static final int V = 11;
    private static final int E = 4;
    private static final int B = 3;
    private static final int T = 6;

    private static ComputationGraph graph(boolean ours, DataType type) {
        var layer = ours ? TokenEmbeddingLayer.of(V, E)
                : new EmbeddingSequenceLayer.Builder().nIn(V).nOut(E).outputDataFormat(RNNFormat.NCW).build();
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(type).seed(5).updater(new Adam(0.01)).weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("ids")
                .addLayer("emb", layer, "ids")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).nIn(E).nOut(2).dataFormat(RNNFormat.NCW).build(), "emb")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    private static INDArray ids() {
        INDArray ids = Nd4j.create(DataType.FLOAT, B, 1, T);
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                ids.putScalar(new int[] {b, 0, t}, (b + t * t) % 5 * 2);        // ids repeat within and across rows
            }
        }
        return ids;
    }

    private static INDArray mask() {
        INDArray mask = Nd4j.create(DataType.FLOAT, B, T);
        int[] lengths = {6, 4, 1};
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                mask.putScalar(b, t, 1.0);
            }
        }
        return mask;
    }

    @Test
    void isConfiguredAsDl4jsBuilderConfiguresItsLayer() {
        String theirs = graph(false, DataType.FLOAT).getConfiguration().toJson();
        ComputationGraphConfiguration conf = graph(true, DataType.FLOAT).getConfiguration();
        assertEquals(theirs, conf.toJson().replace(TokenEmbeddingLayer.class.getName(),
                EmbeddingSequenceLayer.class.getName()));
        var read = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertInstanceOf(TokenEmbeddingLayer.class, ((LayerVertex) read.getVertices().get("emb")).getLayerConf().getLayer());
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void givesDl4jsOutputsAndGradients(DataType type) {
        ComputationGraph theirs = graph(false, type);
        ComputationGraph ours = graph(true, type);
        assertEquals(theirs.params(), ours.params(), "the same initialisation");
        INDArray labels = Nd4j.rand(type, B, 2, T);
        for (ComputationGraph g : new ComputationGraph[] {theirs, ours}) {
            g.setInputs(ids());
            g.setLabels(labels);
            g.setLayerMaskArrays(new INDArray[] {mask()}, null);     // masked steps still get a gradient from above
            g.computeGradientAndScore();
        }
        assertEquals(theirs.score(), ours.score(), 0.0);
        INDArray expected = theirs.gradient().getGradientFor("emb_W");
        INDArray actual = ours.gradient().getGradientFor("emb_W");
        assertTrue(expected.amaxNumber().doubleValue() > 1e-3, "a gradient to compare");
        assertTrue(expected.equalsWithEps(actual, 1e-7), "dW: " + expected + " against " + actual);
        assertEquals(0.0, actual.getRow(V - 1).amaxNumber().doubleValue(), 0.0);   // an id no input has
        assertEquals(theirs.getFlattenedGradients().length(), ours.getFlattenedGradients().length());
    }

    @Test
    void refusesAnIdOutsideTheVocabulary() {
        ComputationGraph g = graph(true, DataType.FLOAT);
        INDArray ids = ids();
        ids.putScalar(new int[] {1, 0, 2}, V);
        g.setInputs(ids);
        g.setLabels(Nd4j.rand(DataType.FLOAT, B, 2, T));
        assertThrows(RuntimeException.class, g::computeGradientAndScore);
        assertThrows(IllegalArgumentException.class, () -> TokenEmbeddingLayer.of(0, 3));
    }
}
