package org.seq2seq.encoder.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Floats take a path in Java, doubles ND4J's (which the whole-graph gradient checks prove): the
 * two give the same context and the same gradient with respect to the encoder's outputs (the
 * vertex's own passes, as the graph runs them), with a
 * source mask of different lengths, for a unidirectional ({@code forwardFeatures = H}) and a
 * bidirectional ({@code H / 2}) encoder.
 */
class EncoderContextVertexTest {
    private static final int B = 3;
    private static final int H = 4;
    private static final int S = 5;

    private static ComputationGraph graph(int forwardFeatures, DataType type) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(type).seed(2).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("outputs")
                .addVertex("context", new EncoderContextVertex("outputs", forwardFeatures), "outputs")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .nIn(H).nOut(2).build(), "context")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    @ParameterizedTest
    @ValueSource(ints = {H, H / 2})
    void floatsInJavaAgreeWithDoublesInNd4j(int forwardFeatures) {
        Nd4j.getRandom().setSeed(4);
        INDArray outputs = Nd4j.rand(DataType.DOUBLE, B, H, S).subi(0.5);
        INDArray mask = Nd4j.create(DataType.DOUBLE, B, S);
        int[] lengths = {5, 2, 3};
        for (int b = 0; b < B; b++) {
            for (int s = 0; s < lengths[b]; s++) {
                mask.putScalar(b, s, 1.0);
            }
        }
        INDArray dContext = Nd4j.rand(DataType.DOUBLE, B, H).subi(0.5);                   // dL/d(context)
        INDArray[] expected = passes(graph(forwardFeatures, DataType.DOUBLE), outputs, mask, dContext);
        INDArray[] actual = passes(graph(forwardFeatures, DataType.FLOAT), outputs.castTo(DataType.FLOAT),
                mask.castTo(DataType.FLOAT), dContext.castTo(DataType.FLOAT));
        assertEquals(DataType.FLOAT, actual[0].dataType());
        assertTrue(expected[0].castTo(DataType.FLOAT).equalsWithEps(actual[0], 1e-7), "context");
        INDArray dActual = actual[1];                                                    // [B, H, S]
        assertTrue(expected[1].castTo(DataType.FLOAT).equalsWithEps(dActual, 1e-7), "dL/d(outputs)");
        // the gradient reaches each sentence's last real step (forward features) and step 0 (backward ones) only
        for (int b = 0; b < B; b++) {
            for (int k = 0; k < H; k++) {
                int at = k < forwardFeatures ? lengths[b] - 1 : 0;
                for (int s = 0; s < S; s++) {
                    assertEquals(s == at ? dContext.getDouble(b, k) : 0.0, dActual.getDouble(b, k, s), 1e-7,
                            "b " + b + ", k " + k + ", s " + s);
                }
            }
        }
    }

    /** The vertex's forward pass on the outputs and its backward pass from dL/d(context). */
    private static INDArray[] passes(ComputationGraph graph, INDArray outputs, INDArray mask, INDArray dContext) {
        graph.setInputs(outputs);
        graph.setLayerMaskArrays(new INDArray[] {mask}, null);
        var vertex = graph.getVertex("context");
        vertex.setInputs(outputs);
        INDArray context = vertex.doForward(false, LayerWorkspaceMgr.noWorkspaces()).dup();
        vertex.setEpsilon(dContext);
        INDArray dOutputs = vertex.doBackward(false, LayerWorkspaceMgr.noWorkspaces()).getSecond()[0].dup();
        return new INDArray[] {context, dOutputs};
    }
}
