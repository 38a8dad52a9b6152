package org.seq2seq.encoder.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.seq2seq.corpora.DoublePrecision;

/** The encoder LSTM layer inside a DL4J graph: masking, dropout, gradients, JSON. */
@ExtendWith(DoublePrecision.class)
class LstmEncoderLayerTest {
    private static final int E = 3;
    private static final int H = 4;
    private static final int B = 3;
    private static final int T = 5;

    /** x [B, E, T] → LSTM layer [B, H, T] → linear output with squared error [B, 2, T]. */
    private static ComputationGraph graph(boolean bidirectional, double dropout, long seed) {
        return graph(bidirectional, dropout, 0, seed);
    }

    private static ComputationGraph graph(boolean bidirectional, double dropout, double recurrentDropout, long seed) {
        return graph(bidirectional, dropout, recurrentDropout, false, seed);
    }

    private static ComputationGraph graph(boolean bidirectional, double dropout, double recurrentDropout,
                                          boolean layerNorm, long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(seed).updater(dropout > 0 ? new Sgd(0.1) : new NoOp())
                .weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("x")
                .addLayer("lstm", LstmEncoderLayer.builder().nIn(E).nOut(H).bidirectional(bidirectional)
                        .inputDropout(dropout).recurrentDropout(recurrentDropout).layerNorm(layerNorm).build(), "x")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).nIn(H).nOut(2).dataFormat(RNNFormat.NCW).build(), "lstm")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    private static INDArray mask(int... lengths) {
        INDArray mask = Nd4j.create(DataType.DOUBLE, lengths.length, T);
        for (int b = 0; b < lengths.length; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                mask.putScalar(b, t, 1.0);
            }
        }
        return mask;
    }

    /** Random inputs and targets, sentences of 5, 3 and 1 steps, and the gradient check in double. */
    private static void assertGradientsCheckWithPadding(ComputationGraph graph) {
        INDArray mask = mask(5, 3, 1);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(graph)
                .inputs(new INDArray[] {Nd4j.rand(DataType.DOUBLE, B, E, T)})
                .labels(new INDArray[] {Nd4j.rand(DataType.DOUBLE, B, 2, T)})
                .inputMask(new INDArray[] {mask}).labelMask(new INDArray[] {mask})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(true));
        assertTrue(ok, "gradient check failed: " + graph.getLayer("lstm").conf().getLayer());
    }

    @ParameterizedTest(name = "bidirectional {0}")
    @ValueSource(booleans = {false, true})
    void gradientCheckWithPadding(boolean bidirectional) {
        ComputationGraph graph = graph(bidirectional, 0, 7);
        assertGradientsCheckWithPadding(graph);
    }

    /** In training mode, where the layer draws the same recurrent mask for the same input and iteration. */
    @ParameterizedTest(name = "bidirectional {0}")
    @ValueSource(booleans = {false, true})
    void gradientCheckWithRecurrentDropoutAndPadding(boolean bidirectional) {
        ComputationGraph graph = graph(bidirectional, 0, 0.4, 7);
        assertGradientsCheckWithPadding(graph);
    }

    /** The gains drawn away from 1, so that their gradients and the normalization's are all exercised. */
    @ParameterizedTest(name = "bidirectional {0}")
    @ValueSource(booleans = {false, true})
    void gradientCheckWithLayerNormalizationAndPadding(boolean bidirectional) {
        ComputationGraph graph = graph(bidirectional, 0, 0, true, 7);
        Nd4j.getRandom().setSeed(8);
        for (int d = 0; d < (bidirectional ? 2 : 1); d++) {
            for (String gain : LstmEncoderParamInitializer.gainKeys(d)) {
                INDArray g = graph.getLayer("lstm").paramTable().get(gain);
                g.addi(Nd4j.randn(DataType.DOUBLE, g.shape()).muli(0.3));
            }
        }
        assertGradientsCheckWithPadding(graph);
    }

    @Test
    void recurrentDropoutActsOnlyWhileTrainingWithOneMaskPerInput() {
        ComputationGraph graph = graph(true, 0, 0.5, 5);
        INDArray x = Nd4j.rand(DataType.DOUBLE, B, E, T);
        INDArray inference = graph.feedForward(new INDArray[] {x}, false, false).get("lstm");
        INDArray training1 = graph.feedForward(new INDArray[] {x}, true, false).get("lstm");
        INDArray training2 = graph.feedForward(new INDArray[] {x}, true, false).get("lstm");
        assertNotEquals(inference, training1);
        assertEquals(training1, training2, "the same input and iteration draw the same mask");
        assertEquals(inference, graph(true, 0, 0, 5).feedForward(new INDArray[] {x}, false, false).get("lstm"),
                "inference is as without dropout");
        // step 0 of the forward half has read no state yet: the mask cannot change it
        assertEquals(inference.get(all(), interval(0, H / 2), point(0)), training1.get(all(), interval(0, H / 2),
                point(0)));
    }

    @Test
    void aPaddedSentenceReadsAsItDoesAloneAndItsPaddingIsZero() {
        ComputationGraph graph = graph(true, 0, 3);
        INDArray batch = Nd4j.rand(DataType.DOUBLE, B, E, T);
        INDArray alone = batch.get(interval(1, 2), all(), interval(0, 3)).dup();       // row 1, its 3 real steps
        graph.setLayerMaskArrays(new INDArray[] {mask(5, 3, 1)}, null);
        INDArray padded = graph.feedForward(new INDArray[] {batch}, false, false).get("lstm");
        graph.clearLayerMaskArrays();
        INDArray single = graph.feedForward(new INDArray[] {alone}, false, false).get("lstm");
        assertTrue(single.get(point(0), all(), all()).equalsWithEps(padded.get(point(1), all(), interval(0, 3)), 1e-12),
                "forward and backward halves of the real steps");
        assertEquals(0.0, padded.get(point(1), all(), interval(3, T)).amaxNumber().doubleValue(), 0.0);
        assertEquals(0.0, padded.get(point(2), all(), interval(1, T)).amaxNumber().doubleValue(), 0.0);
        // the backward half at step 0 has read the whole sentence: it changes with the last real token
        INDArray lastChanged = alone.dup();
        lastChanged.get(point(0), all(), point(2)).addi(1.0);
        INDArray changed = graph.feedForward(new INDArray[] {lastChanged}, false, false).get("lstm");
        assertTrue(changed.get(point(0), interval(H / 2, H), point(0))
                .distance2(single.get(point(0), interval(H / 2, H), point(0))) > 1e-6);
        assertEquals(changed.get(point(0), interval(0, H / 2), point(0)),
                single.get(point(0), interval(0, H / 2), point(0)));   // the forward half has not read it yet
    }

    @Test
    void inputDropoutActsOnlyWhileTrainingAndATrainingStepRuns() {
        ComputationGraph graph = graph(true, 0.5, 5);
        INDArray x = Nd4j.rand(DataType.DOUBLE, B, E, T);
        INDArray inference1 = graph.feedForward(new INDArray[] {x}, false, false).get("lstm");
        INDArray inference2 = graph.feedForward(new INDArray[] {x}, false, false).get("lstm");
        INDArray training = graph.feedForward(new INDArray[] {x}, true, false).get("lstm");
        assertEquals(inference1, inference2);
        assertNotEquals(inference1, training);
        INDArray before = graph.params().dup();
        graph.fit(new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {x},
                new INDArray[] {Nd4j.rand(DataType.DOUBLE, B, 2, T)}));
        assertTrue(Double.isFinite(graph.score()));
        assertNotEquals(before, graph.params());
    }

    @Test
    void theConfigurationSurvivesJson() {
        ComputationGraphConfiguration conf = graph(true, 0.25, 0.15, 1).getConfiguration();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        LstmEncoderLayer layer = (LstmEncoderLayer) ((org.deeplearning4j.nn.conf.graph.LayerVertex)
                back.getVertices().get("lstm")).getLayerConf().getLayer();
        assertTrue(layer.isBidirectional());
        assertEquals(0.25, layer.getInputDropout());
        assertEquals(0.15, layer.getRecurrentDropout());
    }
}
