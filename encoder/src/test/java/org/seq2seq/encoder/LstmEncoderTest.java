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

    @Test
    void configIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> new EncoderConfig(4, 8, 8, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new EncoderConfig(10, 8, 8, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new EncoderConfig(10, 8, 8, 1, 1.0));
    }
}
