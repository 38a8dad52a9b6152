package org.seq2seq.decoder.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;
import org.seq2seq.corpora.DoublePrecision;
import org.seq2seq.nn.InputDropout;

/** The fused output layer against DL4J's RnnOutputLayer + LossSparseMCXENT, and by finite differences. */
@ExtendWith(DoublePrecision.class)
class SoftmaxOutputLayerTest {
    private static final int B = 3;
    private static final int H = 4;
    private static final int V = 6;
    private static final int T = 5;

    private static ComputationGraph graph(Layer output) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(7).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .miniBatch(false)
                .graphBuilder()
                .addInputs("x")
                .addLayer("out", output, "x")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    private static ComputationGraph dl4jGraph() {
        return graph(new RnnOutputLayer.Builder(new LossSparseMCXENT()).activation(Activation.SOFTMAX)
                .nIn(H).nOut(V).dataFormat(RNNFormat.NCW).build());
    }

    private static MultiDataSet data(boolean masked) {
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.randn(DataType.DOUBLE, B, H, T);                       // [B, H, T]
        INDArray labels = Nd4j.create(DataType.DOUBLE, B, 1, T);                 // [B, 1, T] ids
        INDArray mask = Nd4j.create(DataType.DOUBLE, B, T);                      // [B, T]
        int[] lengths = masked ? new int[] {5, 3, 1} : new int[] {T, T, T};
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                labels.putScalar(b, 0, t, (b * 7 + t * 3) % V);
                mask.putScalar(b, t, t < lengths[b] ? 1 : 0);
            }
        }
        return new MultiDataSet(new INDArray[] {x}, new INDArray[] {labels}, null, new INDArray[] {mask});
    }

    private static double scoreAndGradient(ComputationGraph graph, MultiDataSet data) {
        graph.setInputs(data.getFeatures());
        graph.setLabels(data.getLabels());
        graph.setLayerMaskArrays(null, data.getLabelsMaskArrays());
        graph.computeGradientAndScore();
        graph.clearLayerMaskArrays();
        return graph.score();
    }

    @ParameterizedTest(name = "masked={0}")
    @ValueSource(booleans = {true, false})
    void sameScoreGradientsAndOutputAsDl4jsLayer(boolean masked) {
        ComputationGraph ours = graph(SoftmaxOutputLayer.of(H, V));
        ComputationGraph theirs = dl4jGraph();
        theirs.setParams(ours.params());
        MultiDataSet data = data(masked);

        double score = scoreAndGradient(ours, data);
        assertEquals(scoreAndGradient(theirs, data), score, 1e-12);
        assertTrue(score > 1, "a real loss, got " + score);
        INDArray gradient = ours.getFlattenedGradients().dup();
        assertEquals(0, gradient.distance2(theirs.getFlattenedGradients()), 1e-12);
        assertTrue(gradient.norm2Number().doubleValue() > 0.1);

        assertEquals(theirs.score(data, false), ours.score(data, false), 1e-12);     // scoring without backprop
        assertEquals(score, ours.score(data, true), 1e-12);
        assertEquals(0, theirs.outputSingle(data.getFeatures(0)).distance2(ours.outputSingle(data.getFeatures(0))), 1e-12);
    }

    @Test
    void gradientCheckWithALabelMask() {
        ComputationGraph graph = graph(SoftmaxOutputLayer.of(H, V));
        MultiDataSet data = data(true);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(graph)
                .inputs(data.getFeatures()).labels(data.getLabels()).labelMask(data.getLabelsMaskArrays())
                .epsilon(1e-6).maxRelError(1e-6).minAbsoluteError(1e-10)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(true));
        assertTrue(ok, "gradient check failed");
    }

    @Test
    void gradientCheckWithLabelSmoothingAndALabelMask() {
        ComputationGraph graph = graph(SoftmaxOutputLayer.of(H, V).withLabelSmoothing(0.1));
        MultiDataSet data = data(true);
        // the smoothed loss (about 20) leaves central differences about 1e-9 of rounding noise per
        // parameter: gradients that small are compared absolutely
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(graph)
                .inputs(data.getFeatures()).labels(data.getLabels()).labelMask(data.getLabelsMaskArrays())
                .epsilon(1e-6).maxRelError(1e-6).minAbsoluteError(1e-8)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(true));
        assertTrue(ok, "gradient check failed");
    }

    @Test
    void labelSmoothingTrainsAgainstTheSmoothedTargetsAndScoresWithoutIt() {
        double epsilon = 0.2;
        ComputationGraph smoothed = graph(SoftmaxOutputLayer.of(H, V).withLabelSmoothing(epsilon));
        ComputationGraph plain = graph(SoftmaxOutputLayer.of(H, V));
        plain.setParams(smoothed.params());
        MultiDataSet data = data(true);
        INDArray p = plain.outputSingle(data.getFeatures(0));                      // [B, V, T]
        INDArray labels = data.getLabels(0);
        INDArray mask = data.getLabelsMaskArray(0);
        double expected = 0;
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                if (mask.getDouble(b, t) == 0) {
                    continue;
                }
                int y = labels.getInt(b, 0, t);
                for (int k = 0; k < V; k++) {                                       // PAD (0) gets no share of ε
                    double q = (k == y ? 1 - epsilon : 0) + (k == 0 ? 0 : epsilon / (V - 1));
                    expected -= q * Math.log(p.getDouble(b, k, t));
                }
            }
        }
        assertEquals(expected, scoreAndGradient(smoothed, data), 1e-10);
        assertEquals(expected, smoothed.score(data, true), 1e-10);
        assertEquals(plain.score(data, false), smoothed.score(data, false), 1e-12);  // validation: plain cross-entropy
        assertTrue(Math.abs(expected - plain.score(data, false)) > 0.1, "smoothing changes the training loss");
    }

    /**
     * Training with input dropout is training without it on the input times the mask (the same
     * draw made again on an input of ones), and the input's gradient goes back through that mask;
     * scoring without training reads the input whole.
     */
    @Test
    void inputDropoutTrainsOnTheMaskedInputAndSendsTheGradientBackThroughIt() {
        double p = 0.4;
        ComputationGraph dropped = graph(SoftmaxOutputLayer.of(H, V).withInputDropout(p));
        ComputationGraph plain = graph(SoftmaxOutputLayer.of(H, V));
        plain.setParams(dropped.params());
        MultiDataSet data = data(true);
        INDArray x = data.getFeatures(0);                                            // [B, H, T]

        Nd4j.getRandom().setSeed(5);
        INDArray[] withDropout = backprop(dropped, x, data);
        Nd4j.getRandom().setSeed(5);
        INDArray mask = new InputDropout(p, dropped.getLayer("out").getIndex()).apply(Nd4j.ones(DataType.DOUBLE, B, H, T),
                true, 0, LayerWorkspaceMgr.noWorkspaces(), ArrayType.INPUT);             // 0 or 1/(1-p)
        long zeros = mask.eq(0).castTo(DataType.INT32).sumNumber().longValue();
        assertTrue(zeros > 0.2 * mask.length() && zeros < 0.6 * mask.length(), zeros + " of " + mask.length());

        INDArray[] onMasked = backprop(plain, x.mul(mask), data);
        assertEquals(0, withDropout[0].distance2(onMasked[0]), 1e-12, "W");
        assertEquals(0, withDropout[1].distance2(onMasked[1]), 1e-12, "b");
        assertEquals(0, withDropout[2].distance2(onMasked[2].mul(mask)), 1e-12, "the input's gradient");
        assertTrue(withDropout[2].norm2Number().doubleValue() > 0.01);
        assertTrue(backprop(plain, x, data)[0].distance2(withDropout[0]) > 1e-3, "dropout changed nothing");
        assertEquals(plain.score(data, false), dropped.score(data, false), 1e-12);   // validation: the whole input
        assertEquals(0, plain.outputSingle(x).distance2(dropped.outputSingle(x)), 1e-12);
    }

    /** The output layer's gradients for W and b and its input's gradient, copied. */
    private static INDArray[] backprop(ComputationGraph graph, INDArray x, MultiDataSet data) {
        if (graph.getFlattenedGradients() == null) {
            graph.initGradientsView();
        }
        SoftmaxOutputLayerImpl layer = (SoftmaxOutputLayerImpl) graph.getLayer("out");
        layer.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        layer.setLabels(data.getLabels(0));
        layer.setMaskArray(data.getLabelsMaskArray(0));
        Pair<Gradient, INDArray> result = layer.backpropGradient(null, LayerWorkspaceMgr.noWorkspaces());
        return new INDArray[] {result.getFirst().getGradientFor("W").dup(), result.getFirst().getGradientFor("b").dup(),
                result.getSecond().dup()};
    }

    /** The output layer of the graph's configuration written to JSON and read back, the whole configuration equal. */
    private static SoftmaxOutputLayer throughJson(SoftmaxOutputLayer output) {
        ComputationGraph graph = graph(output);
        ComputationGraphConfiguration read = ComputationGraphConfiguration.fromJson(graph.getConfiguration().toJson());
        assertEquals(graph.getConfiguration(), read);
        return (SoftmaxOutputLayer) ((LayerVertex) read.getVertices().get("out")).getLayerConf().getLayer();
    }

    @Test
    void inputDropoutSurvivesTheGraphsJson() {
        assertEquals(0.3, throughJson(SoftmaxOutputLayer.of(H, V).withInputDropout(0.3)).getInputDropout());
        assertThrows(IllegalArgumentException.class, () -> SoftmaxOutputLayer.of(H, V).withInputDropout(1));
    }

    @Test
    void labelSmoothingSurvivesTheGraphsJson() {
        assertEquals(0.1, throughJson(SoftmaxOutputLayer.of(H, V).withLabelSmoothing(0.1)).getLabelSmoothing());
        assertThrows(IllegalArgumentException.class, () -> SoftmaxOutputLayer.of(H, V).withLabelSmoothing(1));
    }

    @Test
    void survivesTheGraphsJson() {
        ComputationGraph graph = graph(SoftmaxOutputLayer.of(H, V));
        ComputationGraphConfiguration read = ComputationGraphConfiguration.fromJson(graph.getConfiguration().toJson());
        Layer layer = ((LayerVertex) read.getVertices().get("out")).getLayerConf().getLayer();
        assertInstanceOf(SoftmaxOutputLayer.class, layer);
        assertEquals(graph.getConfiguration(), read);
    }

    @Test
    void refusesAnotherLoss() {
        SoftmaxOutputLayer layer = SoftmaxOutputLayer.of(H, V);
        layer.setLossFn(new LossMCXENT());
        var e = assertThrows(IllegalStateException.class, () -> graph(layer));
        assertEquals("SoftmaxOutputLayer 'out': its loss must be LossSparseMCXENT", e.getMessage());
    }
}
