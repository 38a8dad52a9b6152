package org.seq2seq.decoder.gru;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.seq2seq.corpora.DoublePrecision;

@ExtendWith(DoublePrecision.class)
class GruDecoderLayerTest {
    private static final int B = 3;
    private static final int T = 5;

    @ParameterizedTest(name = "feed context to every step: {0}, masks: {1}")
    @CsvSource({"false, false", "false, true", "true, false", "true, true"})
    void gradientCheck(boolean feedContext, boolean masked) {
        ComputationGraph graph = GruGraphs.graph(feedContext, 0, new NoOp(), 12345);
        Nd4j.getRandom().setSeed(42);
        assertGradientsCheck(graph, masked);
    }

    /** Random inputs and targets for the graph, step-input masks or none, and the gradient check in double. */
    private static void assertGradientsCheck(ComputationGraph graph, boolean masked) {
        INDArray x = Nd4j.rand(DataType.DOUBLE, B, GruGraphs.E, T).subi(0.5).muli(2);
        INDArray c = Nd4j.rand(DataType.DOUBLE, B, GruGraphs.C).subi(0.5).muli(2);
        INDArray y = Nd4j.rand(DataType.DOUBLE, B, GruGraphs.OUT, T);
        INDArray mask = masked ? GruGraphs.mask(T, 5, 3, 1) : null;

        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(graph)
                .inputs(new INDArray[] {x, c}).labels(new INDArray[] {y})
                .inputMask(masked ? new INDArray[] {mask, null} : null)
                .labelMask(masked ? new INDArray[] {mask} : null)
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(true));
        assertTrue(ok, "gradient check failed (" + graph.getLayer("gru").conf().getLayer() + ", masked=" + masked
                + ")");
    }

    /**
     * With recurrent dropout the gradient check scores the network in training mode, where the
     * layer draws the same mask for the same input and iteration, so the check sees the mask the
     * backward pass used.
     */
    @ParameterizedTest(name = "feed context to every step: {0}, masks: {1}")
    @CsvSource({"false, true", "true, false"})
    void gradientCheckWithRecurrentDropout(boolean feedContext, boolean masked) {
        ComputationGraph graph = GruGraphs.graph(feedContext, 0, 0.4, new NoOp(), 12345);
        Nd4j.getRandom().setSeed(42);
        assertGradientsCheck(graph, masked);
    }

    /** Gains drawn away from 1, so that their gradients and the normalization's are all exercised. */
    @ParameterizedTest(name = "feed context to every step: {0}, masks: {1}")
    @CsvSource({"false, true", "true, false"})
    void gradientCheckWithLayerNormalization(boolean feedContext, boolean masked) {
        ComputationGraph graph = GruGraphs.graph(feedContext, 0, 0, true, new NoOp(), 12345);
        Nd4j.getRandom().setSeed(43);
        var params = graph.getLayer("gru").paramTable();
        params.get(GruDecoderParamInitializer.INPUT_GAIN).addi(Nd4j.randn(DataType.DOUBLE, 1, 3L * GruGraphs.H).muli(0.3));
        params.get(GruDecoderParamInitializer.RECURRENT_GAIN).addi(Nd4j.randn(DataType.DOUBLE, 1, 3L * GruGraphs.H)
                .muli(0.3));
        assertGradientsCheck(graph, masked);
    }

    @Test
    void recurrentDropoutActsOnlyWhileTrainingWithOneMaskPerInput() {
        ComputationGraph graph = GruGraphs.graph(true, 0, 0.5, new Sgd(0.1), 5);
        INDArray x = Nd4j.rand(DataType.DOUBLE, B, GruGraphs.E, T);
        INDArray c = Nd4j.rand(DataType.DOUBLE, B, GruGraphs.C);
        INDArray inference = graph.feedForward(new INDArray[] {x, c}, false, false).get("gru");
        INDArray training1 = graph.feedForward(new INDArray[] {x, c}, true, false).get("gru");
        INDArray training2 = graph.feedForward(new INDArray[] {x, c}, true, false).get("gru");
        assertNotEquals(inference, training1);
        assertEquals(training1, training2, "the same input and iteration draw the same mask");
        assertEquals(inference, GruGraphs.graph(true, 0, 0, new Sgd(0.1), 5)
                .feedForward(new INDArray[] {x, c}, false, false).get("gru"), "inference is as without dropout");
        graph.fit(new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {x, c},
                new INDArray[] {Nd4j.rand(DataType.DOUBLE, B, GruGraphs.OUT, T)}));
        assertTrue(Double.isFinite(graph.score()));
        INDArray nextIteration = graph.feedForward(new INDArray[] {x, c}, true, false).get("gru");
        INDArray nextInference = graph.feedForward(new INDArray[] {x, c}, false, false).get("gru");
        assertNotEquals(nextInference, nextIteration);
    }

    @Test
    void maskedStepsOutputZeroAndDoNotChangeTheRealOnes() {
        ComputationGraph graph = GruGraphs.graph(true, 0, new NoOp(), 1);
        INDArray x = Nd4j.rand(DataType.DOUBLE, B, GruGraphs.E, T);
        INDArray c = Nd4j.rand(DataType.DOUBLE, B, GruGraphs.C);
        INDArray full = graph.output(false, new INDArray[] {x, c}, null)[0];
        INDArray mask = GruGraphs.mask(T, 5, 3, 1);
        INDArray gru = graph.feedForward(new INDArray[] {x, c}, false, false).get("gru");
        graph.setLayerMaskArrays(new INDArray[] {mask, null}, null);
        INDArray maskedGru = graph.feedForward(new INDArray[] {x, c}, false, false).get("gru");
        graph.clearLayerMaskArrays();
        assertEquals(gru.get(all(), all(), interval(0, 1)), maskedGru.get(all(), all(), interval(0, 1)));   // all real
        assertEquals(gru.get(point(0), all(), all()), maskedGru.get(point(0), all(), all()));             // row 0 all real
        assertEquals(gru.get(point(1), all(), point(2)), maskedGru.get(point(1), all(), point(2)));       // real step
        assertEquals(0.0, maskedGru.get(point(1), all(), point(3)).amaxNumber().doubleValue(), 0);   // masked step
        assertEquals(0.0, maskedGru.get(point(2), all(), point(1)).amaxNumber().doubleValue(), 0);
        assertArrayEquals(new long[] {B, GruGraphs.OUT, T}, full.shape());
    }

    @ParameterizedTest(name = "feed context to every step: {0}, layer normalization: {1}")
    @CsvSource({"false, false", "true, false", "false, true", "true, true"})
    void theStepFunctionComputesWhatTheLayerComputes(boolean feedContext, boolean layerNorm) {
        ComputationGraph graph = GruGraphs.graph(feedContext, 0, 0, layerNorm, new NoOp(), 7);
        if (layerNorm) {
            graph.getLayer("gru").paramTable().get(GruDecoderParamInitializer.RECURRENT_GAIN).muli(1.5);
        }
        INDArray x = Nd4j.rand(DataType.DOUBLE, B, GruGraphs.E, T);
        INDArray c = Nd4j.rand(DataType.DOUBLE, B, GruGraphs.C);
        INDArray layerOut = graph.feedForward(new INDArray[] {x, c}, false, false).get("gru");   // [B, H, T]

        GruDecoderLayer conf = (GruDecoderLayer) graph.getLayer("gru").conf().getLayer();
        GruDecoderStep step = GruDecoderStep.of(conf, graph.getLayer("gru").paramTable());
        INDArray h = step.initialState(c);
        INDArray gates = step.contextGates(c);
        assertEquals(feedContext, gates != null);
        for (int t = 0; t < T; t++) {
            h = step.next(x.get(all(), all(), point(t)).dup(), h, gates);
            INDArray expected = layerOut.get(all(), all(), point(t));
            assertTrue(expected.equalsWithEps(h, 1e-12), "step " + t + ": " + h + " vs " + expected);
        }
    }

    @ParameterizedTest(name = "feed context to every step: {0}, layer normalization: {1}")
    @CsvSource({"false, false", "true, false", "false, true", "true, true"})
    void aStepFromTheInputProjectionTableEqualsAStepFromTheEmbeddings(boolean feedContext, boolean layerNorm) {
        ComputationGraph graph = GruGraphs.graph(feedContext, 0, 0, layerNorm, new NoOp(), 11);
        java.util.Map<String, INDArray> params = new java.util.HashMap<>();
        graph.getLayer("gru").paramTable().forEach((k, v) -> params.put(k, v.castTo(DataType.FLOAT)));
        params.computeIfPresent(GruDecoderParamInitializer.RECURRENT_GAIN, (k, v) -> v.mul(1.5));
        GruDecoderStep step = GruDecoderStep.of((GruDecoderLayer) graph.getLayer("gru").conf().getLayer(), params);
        int vocabulary = 9;
        INDArray embeddings = Nd4j.rand(DataType.FLOAT, vocabulary, GruGraphs.E).subi(0.5).muli(4);   // [V, E]
        InputProjections table = step.inputProjections(embeddings);
        assertEquals(vocabulary, table.vocabularySize());
        INDArray c = Nd4j.rand(DataType.FLOAT, B, GruGraphs.C);
        INDArray gates = step.contextGates(c);
        INDArray fromEmbeddings = step.initialState(c);
        INDArray fromTable = fromEmbeddings;
        int[][] tokens = {{0, 8, 3}, {8, 8, 1}, {5, 2, 7}, {4, 0, 6}};
        for (int[] previous : tokens) {
            fromEmbeddings = step.next(Nd4j.pullRows(embeddings, 1, previous), fromEmbeddings, gates);
            fromTable = step.next(table, previous, fromTable, gates);
            assertTrue(fromEmbeddings.equalsWithEps(fromTable, 1e-6), fromTable + " vs " + fromEmbeddings);
        }
        INDArray state = fromTable;
        assertThrows(IndexOutOfBoundsException.class, () -> step.next(table, new int[] {0, 9, 1}, state, gates));
        assertThrows(IllegalArgumentException.class, () -> step.next(table, new int[] {0, 1}, state, gates));
        assertThrows(IllegalArgumentException.class, () -> step.inputProjections(embeddings.castTo(DataType.DOUBLE)));
    }

    @Test
    void rnnTimeStepContinuesFromItsState() {
        ComputationGraph graph = GruGraphs.graph(false, 0, new NoOp(), 3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, B, GruGraphs.E, T);
        INDArray c = Nd4j.rand(DataType.DOUBLE, B, GruGraphs.C);
        INDArray whole = graph.feedForward(new INDArray[] {x, c}, false, false).get("gru");
        BaseRecurrentLayer<?> gru = (BaseRecurrentLayer<?>) graph.getLayer("gru");
        INDArray merged = graph.feedForward(new INDArray[] {x, c}, false, false).get("merged");
        gru.rnnClearPreviousState();
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        INDArray first = gru.rnnTimeStep(merged.get(all(), all(), interval(0, 2)).dup(), noWorkspaces);
        INDArray rest = gru.rnnTimeStep(merged.get(all(), all(), interval(2, T)).dup(), noWorkspaces);
        assertTrue(whole.get(all(), all(), interval(0, 2)).equalsWithEps(first, 1e-12));
        assertTrue(whole.get(all(), all(), interval(2, T)).equalsWithEps(rest, 1e-12));
    }

    @Test
    void inputDropoutActsOnlyWhileTraining() {
        ComputationGraph graph = GruGraphs.graph(false, 0.5, new Sgd(0.1), 5);
        INDArray x = Nd4j.rand(DataType.DOUBLE, B, GruGraphs.E, T);
        INDArray c = Nd4j.rand(DataType.DOUBLE, B, GruGraphs.C);
        INDArray inference1 = graph.feedForward(new INDArray[] {x, c}, false, false).get("gru");
        INDArray inference2 = graph.feedForward(new INDArray[] {x, c}, false, false).get("gru");
        INDArray training = graph.feedForward(new INDArray[] {x, c}, true, false).get("gru");
        assertEquals(inference1, inference2);
        assertNotEquals(inference1, training);
        // and a training step runs through its backward pass
        graph.fit(new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {x, c},
                new INDArray[] {Nd4j.rand(DataType.DOUBLE, B, GruGraphs.OUT, T)}));
        assertTrue(Double.isFinite(graph.score()));
    }

    @Test
    void theConfigurationSurvivesJson() {
        ComputationGraph graph = GruGraphs.graph(true, 0.25, 0.15, new NoOp(), 1);
        String json = graph.getConfiguration().toJson();
        assertTrue(json.contains("GruDecoderLayer"), json);
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(json);
        assertEquals(graph.getConfiguration(), back);
        LayerVertex vertex = (LayerVertex) back.getVertices().get("gru");
        GruDecoderLayer layer = (GruDecoderLayer) vertex.getLayerConf().getLayer();
        assertEquals(GruGraphs.C, layer.getContextSize());
        assertTrue(layer.isFeedContext());
        assertEquals(0.25, layer.getInputDropout());
        assertEquals(0.15, layer.getRecurrentDropout());
        assertEquals(GruGraphs.E + GruGraphs.C, layer.getNIn());
    }

    @Test
    void builderRejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> GruDecoderLayer.builder().nOut(4).build());
        assertThrows(IllegalArgumentException.class,
                () -> GruDecoderLayer.builder().nOut(4).contextSize(2).inputDropout(1.0).build());
        assertThrows(IllegalArgumentException.class,
                () -> GruDecoderLayer.builder().nOut(4).contextSize(2).recurrentDropout(-0.1).build());
    }
}
