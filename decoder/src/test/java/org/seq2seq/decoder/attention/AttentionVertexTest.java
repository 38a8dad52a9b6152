package org.seq2seq.decoder.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.seq2seq.corpora.DoublePrecision;
import org.seq2seq.decoder.output.SoftmaxOutputLayer;

/**
 * The attention vertex in a small graph: an LSTM over "dec" {@code [B, 3, T]} gives the decoder
 * outputs, an LSTM over "mem" {@code [B, 2, S]} the encoder outputs, so that the gradients the
 * vertex passes back to both inputs are checked through those layers' parameters too.
 */
@ExtendWith(DoublePrecision.class)
class AttentionVertexTest {
    private static final int H = 4;
    private static final int V = 5;

    private static ComputationGraph graph(Attention attention, int memorySize) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(7).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("dec", "mem")
                .addLayer("dec_lstm", new LSTM.Builder().nIn(3).nOut(H).activation(Activation.TANH)
                        .dataFormat(RNNFormat.NCW).build(), "dec")
                .addLayer("mem_lstm", new LSTM.Builder().nIn(2).nOut(memorySize).activation(Activation.TANH)
                        .dataFormat(RNNFormat.NCW).build(), "mem")
                .addVertex("attention", new AttentionVertex(attention, H, memorySize, "mem", new NoOp()),
                        "dec_lstm", "mem_lstm")
                .addLayer("out", SoftmaxOutputLayer.of(H, V), "attention")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    private static INDArray mask(int steps, int... lengths) {
        INDArray mask = Nd4j.create(DataType.DOUBLE, lengths.length, steps);
        for (int b = 0; b < lengths.length; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                mask.putScalar(b, t, 1.0);
            }
        }
        return mask;
    }

    @ParameterizedTest
    @EnumSource(value = Attention.class, names = {"DOT", "GENERAL"})
    void gradientCheckWithSourceAndTargetMasks(Attention attention) {
        int memorySize = attention == Attention.DOT ? H : 3;
        ComputationGraph graph = graph(attention, memorySize);
        Nd4j.getRandom().setSeed(11);
        INDArray dec = Nd4j.rand(DataType.DOUBLE, 3, 3, 4).subi(0.5);                // [B, 3, T]
        INDArray mem = Nd4j.rand(DataType.DOUBLE, 3, 2, 5).subi(0.5);                // [B, 2, S]
        INDArray targetMask = mask(4, 4, 2, 1);
        INDArray sourceMask = mask(5, 3, 5, 1);
        INDArray labels = Nd4j.create(new double[] {1, 2, 3, 4, 0, 4, 0, 0, 2, 0, 0, 0}, new long[] {3, 1, 4});
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(graph)
                .inputs(new INDArray[] {dec, mem}).labels(new INDArray[] {labels})
                .inputMask(new INDArray[] {targetMask, sourceMask}).labelMask(new INDArray[] {targetMask})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(true));
        assertTrue(ok, "gradient check of " + attention + " attention failed");
    }

    @Test
    void paddedSourcePositionsGetNoWeightAndRowsSumToOne() {
        LuongAttention.Params params = new LuongAttention.Params(null, Nd4j.rand(DataType.DOUBLE, 2 * H, H));
        INDArray hidden = Nd4j.rand(DataType.DOUBLE, 2, 3, H);                      // [B, T, H]
        INDArray memory = Nd4j.rand(DataType.DOUBLE, 2, 4, H);                      // [B, S, K]
        LuongAttention.Pass pass = LuongAttention.forward(Attention.DOT, params, hidden, memory, mask(4, 2, 4));
        INDArray a = pass.weights();                                                // [B, T, S]
        for (int t = 0; t < 3; t++) {
            assertEquals(0.0, a.getDouble(0, t, 2), 0.0);
            assertEquals(0.0, a.getDouble(0, t, 3), 0.0);
            for (int b = 0; b < 2; b++) {
                double sum = 0;
                for (int s = 0; s < 4; s++) {
                    sum += a.getDouble(b, t, s);
                }
                assertEquals(1.0, sum, 1e-12);
            }
        }
        // by hand for row (1, 0): softmax over s of h·m_s
        double[] e = new double[4];
        double z = 0;
        for (int s = 0; s < 4; s++) {
            e[s] = Math.exp(hidden.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(0)).mul(
                    memory.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1),
                            org.nd4j.linalg.indexing.NDArrayIndex.point(s))).sumNumber().doubleValue());
            z += e[s];
        }
        for (int s = 0; s < 4; s++) {
            assertEquals(e[s] / z, a.getDouble(1, 0, s), 1e-12);
        }
    }

    @Test
    void dotAttentionRefusesMemoryOfAnotherSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AttentionVertex(Attention.DOT, 4, 6, "mem", new NoOp()));
        assertTrue(e.getMessage().contains("general"), e.getMessage());
    }

    @Test
    void configurationSurvivesJson() {
        ComputationGraph graph = graph(Attention.GENERAL, 3);
        String json = graph.getConfiguration().toJson();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(json);
        assertEquals(graph.getConfiguration().getVertices().get("attention"), back.getVertices().get("attention"));
        assertEquals(H * 3 + (3 + H) * H, graph.getVertex("attention").numParams());
    }
}
