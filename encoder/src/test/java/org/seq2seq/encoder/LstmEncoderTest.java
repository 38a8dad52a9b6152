package org.seq2seq.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class LstmEncoderTest {
    private static final EncoderConfig CONFIG = new EncoderConfig(10, 4, 5, 2, 0);

    private static ComputationGraph graph() {
        GraphBuilder g = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(3).graphBuilder()
                .addInputs("source");   // no input types: they would override the embedding's nIn
        String context = LstmEncoder.addTo(g, "source", CONFIG);
        g.addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                .nIn(CONFIG.hiddenSize()).nOut(1).build(), context).setOutputs("out");
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
    }

    @Test
    void theContextIsTheTopStateAtEachSentencesTrueLength() {
        ComputationGraph graph = graph();
        // row 0: 4 real tokens; row 1: 2 real tokens, then padding
        INDArray ids = Nd4j.create(new double[][] {{5, 6, 7, 8}, {9, 4, 0, 0}}).reshape(2, 1, 4);
        INDArray mask = Nd4j.create(new double[][] {{1, 1, 1, 1}, {1, 1, 0, 0}});
        graph.setLayerMaskArrays(new INDArray[] {mask}, null);
        Map<String, INDArray> acts = graph.feedForward(new INDArray[] {ids}, false, false);
        graph.clearLayerMaskArrays();
        INDArray top = acts.get(LstmEncoder.lstm(1));                    // [B, H, S]
        INDArray context = acts.get(LstmEncoder.CONTEXT);                  // [B, H]
        assertEquals(2, context.rank());
        assertEquals(CONFIG.hiddenSize(), context.size(1));
        assertTrue(context.getRow(0).equalsWithEps(top.get(point(0), all(), point(3)), 0));
        assertTrue(context.getRow(1).equalsWithEps(top.get(point(1), all(), point(1)), 0));

        // what stands in the padding does not reach the context
        INDArray otherPadding = ids.dup();
        otherPadding.putScalar(1, 0, 2, 3);
        otherPadding.putScalar(1, 0, 3, 7);
        graph.setLayerMaskArrays(new INDArray[] {mask}, null);
        INDArray context2 = graph.feedForward(new INDArray[] {otherPadding}, false, false).get(LstmEncoder.CONTEXT);
        graph.clearLayerMaskArrays();
        assertEquals(context, context2);
    }

    /** The encoder with its context and per-step outputs read by a trivial output layer each. */
    private static ComputationGraph bidirectionalGraph(int layers) {
        EncoderConfig config = new EncoderConfig(10, 4, 6, layers, 0, true);
        GraphBuilder g = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(5).graphBuilder()
                .addInputs("source");
        EncoderOutputs outputs = LstmEncoder.add(g, "source", config, true);
        g.setOutputs(outputs.context(), outputs.memory());
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
    }

    @Test
    void bidirectionalEncodingOfASentenceDoesNotDependOnThePaddingAfterIt() {
        ComputationGraph graph = bidirectionalGraph(2);
        // the sentence 9 4 7 alone, and as row 1 of a batch padded to 5 with other ids in the padding
        INDArray alone = Nd4j.create(new double[] {9, 4, 7}, new long[] {1, 1, 3});
        INDArray[] single = graph.output(false, new INDArray[] {alone}, new INDArray[] {Nd4j.ones(DataType.DOUBLE, 1, 3)});
        INDArray batch = Nd4j.create(new double[][] {{5, 6, 7, 8, 5}, {9, 4, 7, 3, 8}}).reshape(2, 1, 5);
        INDArray mask = Nd4j.create(new double[][] {{1, 1, 1, 1, 1}, {1, 1, 1, 0, 0}});
        INDArray[] padded = graph.output(false, new INDArray[] {batch}, new INDArray[] {mask});

        assertEquals(6, single[0].size(1));                                          // [1, H]: both halves of H/2
        assertTrue(single[0].getRow(0).equalsWithEps(padded[0].getRow(1), 1e-12), "context");
        for (int s = 0; s < 3; s++) {
            assertTrue(single[1].get(point(0), all(), point(s)).equalsWithEps(padded[1].get(point(1), all(), point(s)),
                    1e-12), "output at position " + s);
        }
        // the backward half of the context read the first token last: it changes when only that token does
        INDArray firstChanged = Nd4j.create(new double[] {5, 4, 7}, new long[] {1, 1, 3});
        INDArray[] changed = graph.output(false, new INDArray[] {firstChanged}, new INDArray[] {Nd4j.ones(DataType.DOUBLE, 1, 3)});
        double backwardChange = single[0].get(point(0), NDArrayIndex.interval(3, 6))
                .distance2(changed[0].get(point(0), NDArrayIndex.interval(3, 6)));
        assertTrue(backwardChange > 1e-6, "the backward half should see the first token, changed by " + backwardChange);
    }

    @Test
    void configIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> new EncoderConfig(10, 8, 7, 1, 0, true));   // odd H
        assertThrows(IllegalArgumentException.class, () -> new EncoderConfig(4, 8, 8, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new EncoderConfig(10, 8, 8, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new EncoderConfig(10, 8, 8, 1, 1.0));
    }
}
