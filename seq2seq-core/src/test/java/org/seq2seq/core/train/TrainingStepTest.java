package org.seq2seq.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.Sgd;
import org.seq2seq.core.model.ModelConfig;
import org.seq2seq.core.model.Seq2SeqGraph;
import org.seq2seq.corpora.batch.EncodedPair;
import org.seq2seq.corpora.batch.PaddedBatch;

/**
 * One step with plain SGD at learning rate 1, so that the parameters move by exactly the
 * gradient the step produced: the mean over real target tokens, clipped to the global norm.
 */
class TrainingStepTest {

    @ParameterizedTest(name = "clip norm {0}")
    @ValueSource(doubles = {0.01, 1000})
    void movesByTheMeanGradientClippedToTheGlobalNorm(double clipNorm) {
        ModelConfig config = ModelConfig.builder(9, 8).embeddingSize(5).hiddenSize(7).feedContext(true).build();
        ComputationGraph graph = Seq2SeqGraph.create(config, new Sgd(1.0), 3, DataType.DOUBLE);
        MultiDataSet batch = PaddedBatch.of(List.of(
                new EncodedPair(new int[] {4, 5, 6, 7}, new int[] {4, 5}),
                new EncodedPair(new int[] {8, 4}, new int[] {6, 7, 4, 5}))).toMultiDataSet(DataType.DOUBLE);
        long tokens = 3 + 5;                                                           // labels y1 … yn END

        graph.setInputs(batch.getFeatures());
        graph.setLabels(batch.getLabels());
        graph.setLayerMaskArrays(batch.getFeaturesMaskArrays(), batch.getLabelsMaskArrays());
        graph.computeGradientAndScore();
        graph.clearLayerMaskArrays();
        double summedLoss = graph.score();
        double norm = graph.getFlattenedGradients().norm2Number().doubleValue() / tokens;
        INDArray before = graph.params().dup();

        TrainingStep.Result result = new TrainingStep(graph, clipNorm).run(batch);

        assertEquals(tokens, result.tokens());
        assertEquals(summedLoss / tokens, result.loss(), 1e-12);
        assertEquals(norm, result.gradientNorm(), 1e-12);
        assertTrue(norm > 0.01 && norm < 1000, "the gradient norm lies between the two clip norms: " + norm);
        double moved = before.sub(graph.params()).norm2Number().doubleValue();
        assertEquals(Math.min(norm, clipNorm), moved, 1e-9);
    }

    /**
     * Data parallelism's premise: a driver that applies the sum of two workers' gradients on two
     * halves of each batch moves exactly as one process stepping on the whole batch (Adam, three
     * steps, double precision; shards padded to their own lengths), also with tied embeddings,
     * whose two copies' gradients the driver merges in the workers' sum.
     */
    @ParameterizedTest(name = "tied embeddings {0}")
    @ValueSource(booleans = {false, true})
    void theSumOfShardGradientsAppliedIsTheWholeBatchsStep(boolean tied) {
        ModelConfig config = tied ? ModelConfig.builder(9, 8).embeddingSize(7).hiddenSize(7).feedContext(true)
                .build() : ModelConfig.builder(9, 8).embeddingSize(5).hiddenSize(7).feedContext(true).build();
        ComputationGraph single = Seq2SeqGraph.create(config, new org.nd4j.linalg.learning.config.Adam(0.05), 3,
                DataType.DOUBLE);
        ComputationGraph driver = Seq2SeqGraph.create(config, new org.nd4j.linalg.learning.config.Adam(0.05), 3,
                DataType.DOUBLE);
        ComputationGraph worker = Seq2SeqGraph.create(config, new org.nd4j.linalg.learning.config.Adam(0.05), 3,
                DataType.DOUBLE);
        if (tied) {
            org.seq2seq.core.model.TiedEmbeddings.of(single).tie();
            org.seq2seq.core.model.TiedEmbeddings.of(driver).tie();
        }
        TrainingConfig run = TrainingConfig.builder().clipNorm(0.5).tieEmbeddings(tied).build();
        List<EncodedPair> first = List.of(new EncodedPair(new int[] {4, 5, 6, 7}, new int[] {4, 5}),
                new EncodedPair(new int[] {8, 4}, new int[] {6, 7, 4, 5}));
        List<EncodedPair> second = List.of(new EncodedPair(new int[] {5}, new int[] {5, 5, 4, 6, 7, 5}),
                new EncodedPair(new int[] {6, 6, 7}, new int[] {7}));
        List<EncodedPair> all = new java.util.ArrayList<>(first);
        all.addAll(second);
        TrainingStep whole = TrainingStep.of(single, run);
        TrainingStep applying = TrainingStep.of(driver, run);
        TrainingStep computing = new TrainingStep(worker, 0.5);
        for (int step = 0; step < 3; step++) {
            TrainingStep.Result expected = whole.run(PaddedBatch.of(all).toMultiDataSet(DataType.DOUBLE));
            worker.setParams(driver.params());
            TrainingStep.BatchGradient a = computing.gradient(PaddedBatch.of(first).toMultiDataSet(DataType.DOUBLE));
            TrainingStep.BatchGradient b = computing.gradient(PaddedBatch.of(second).toMultiDataSet(DataType.DOUBLE));
            TrainingStep.Result result = applying.apply(a.plus(b));
            assertEquals(expected.tokens(), result.tokens());
            assertEquals(expected.loss(), result.loss(), 1e-12);
            assertEquals(expected.gradientNorm(), result.gradientNorm(), 1e-12);
        }
        assertEquals(0, single.params().sub(driver.params()).amaxNumber().doubleValue(), 1e-12);
        assertEquals(single.getIterationCount(), driver.getIterationCount());
        if (tied) {
            assertEquals(driver.getLayer(Seq2SeqGraph.TARGET_EMBEDDING).getParam("W").transpose(),
                    driver.getLayer(Seq2SeqGraph.OUTPUT).getParam("W"));
        }
    }

    /**
     * A learning rate set on a trained graph acts as if the graph had been built with it: after a
     * step at 0.05, one graph is set to 0.01 and steps twice more as a graph that was at 0.01 from
     * its second step on (Adam's moments kept), every updater included (the attention vertex's too).
     */
    @org.junit.jupiter.api.Test
    void aLearningRateSetInPlaceActsOnEveryUpdater() {
        ModelConfig config = ModelConfig.builder(9, 8).embeddingSize(5).hiddenSize(6).feedContext(true)
                .bidirectional(true).attention(org.seq2seq.decoder.attention.Attention.GENERAL).build();
        ComputationGraph changed = Seq2SeqGraph.create(config, new org.nd4j.linalg.learning.config.Adam(0.05), 3,
                DataType.DOUBLE);
        ComputationGraph reference = Seq2SeqGraph.create(config, new org.nd4j.linalg.learning.config.Adam(0.05), 3,
                DataType.DOUBLE);
        MultiDataSet batch = PaddedBatch.of(List.of(new EncodedPair(new int[] {4, 5, 6, 7}, new int[] {4, 5}),
                new EncodedPair(new int[] {8, 4}, new int[] {6, 7, 4, 5}))).toMultiDataSet(DataType.DOUBLE);
        new TrainingStep(changed, 0).run(batch);
        new TrainingStep(reference, 0).run(batch);
        Seq2SeqGraph.setLearningRate(changed, 0.01);
        // the reference, rebuilt from its own JSON with 0.01 in every updater, keeps its parameters and moments
        String json = reference.getConfiguration().toJson().replace("\"learningRate\" : 0.05", "\"learningRate\" : 0.01");
        assertTrue(json.contains("\"learningRate\" : 0.01"), "the configuration names the learning rate");
        ComputationGraph rebuilt = new ComputationGraph(
                org.deeplearning4j.nn.conf.ComputationGraphConfiguration.fromJson(json));
        rebuilt.init(reference.params().dup(), true);
        rebuilt.getUpdater().getStateViewArray().assign(reference.getUpdater().getStateViewArray());
        rebuilt.getConfiguration().setIterationCount(reference.getIterationCount());
        for (int step = 0; step < 2; step++) {
            new TrainingStep(changed, 0).run(batch);
            new TrainingStep(rebuilt, 0).run(batch);
        }
        assertEquals(rebuilt.params(), changed.params());
        assertEquals(changed.getConfiguration(), org.deeplearning4j.nn.conf.ComputationGraphConfiguration.fromJson(
                changed.getConfiguration().toJson()));
        assertTrue(changed.getConfiguration().toJson().contains("\"learningRate\" : 0.01"), "saved with the graph");
        assertFalse(changed.getConfiguration().toJson().contains("\"learningRate\" : 0.05"), "everywhere");
    }

    /**
     * Weight tying: the target embedding {@code E [V, E]} and the output weights {@code W = Eᵀ} are
     * one matrix. With plain SGD at rate 1 the matrix moves by the mean of the loss's derivative
     * with respect to it, which here is measured by central finite differences (each entry
     * changed in both places at once), the two copies stay equal to the bit, and the norm counts
     * the matrix once.
     */
    @org.junit.jupiter.api.Test
    void tiedEmbeddingsMoveAsOneMatrixByTheLossDerivativeWithRespectToIt() {
        ModelConfig config = ModelConfig.builder(9, 8).embeddingSize(6).hiddenSize(6).feedContext(true)
                .bidirectional(true).attention(org.seq2seq.decoder.attention.Attention.GENERAL).build();
        ComputationGraph graph = Seq2SeqGraph.create(config, new Sgd(1.0), 3, DataType.DOUBLE);
        org.seq2seq.core.model.TiedEmbeddings.of(graph).tie();
        MultiDataSet batch = PaddedBatch.of(List.of(
                new EncodedPair(new int[] {4, 5, 6, 7}, new int[] {4, 5}),
                new EncodedPair(new int[] {8, 4}, new int[] {6, 7, 4, 5}))).toMultiDataSet(DataType.DOUBLE);
        long tokens = 3 + 5;
        INDArray embedding = graph.getLayer(Seq2SeqGraph.TARGET_EMBEDDING).getParam("W");      // [V, E], a view
        INDArray output = graph.getLayer(Seq2SeqGraph.OUTPUT).getParam("W");                   // [E, V], a view
        assertEquals(embedding.transpose(), output, "tied from the start");

        // the derivative of the summed loss with respect to the shared matrix, by central differences
        double eps = 1e-6;
        INDArray numeric = org.nd4j.linalg.factory.Nd4j.zerosLike(embedding);
        for (int v = 0; v < embedding.rows(); v++) {
            for (int e = 0; e < embedding.columns(); e++) {
                double original = embedding.getDouble(v, e);
                double[] scores = new double[2];
                for (int side = 0; side < 2; side++) {
                    double value = original + (side == 0 ? eps : -eps);
                    embedding.putScalar(v, e, value);
                    output.putScalar(e, v, value);
                    scores[side] = summedLoss(graph, batch);
                }
                embedding.putScalar(v, e, original);
                output.putScalar(e, v, original);
                numeric.putScalar(v, e, (scores[0] - scores[1]) / (2 * eps));
            }
        }
        // the norm over every parameter once: the whole gradient, less both copies' own, plus the shared matrix's
        summedLoss(graph, batch);
        INDArray all = graph.getFlattenedGradients().dup();
        double untied = all.norm2Number().doubleValue();
        double dE = graph.getLayer(Seq2SeqGraph.TARGET_EMBEDDING).getGradientsViewArray().norm2Number().doubleValue();
        double dW = graph.getLayer(Seq2SeqGraph.OUTPUT).getGradientsViewArray().get(
                org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, embedding.length())).norm2Number().doubleValue();
        double shared = numeric.norm2Number().doubleValue();
        double expectedNorm = Math.sqrt(untied * untied - dE * dE - dW * dW + shared * shared) / tokens;
        INDArray before = embedding.dup();

        TrainingStep.Result result = TrainingStep.of(graph, TrainingConfig.builder().clipNorm(1000)
                .tieEmbeddings(true).build()).run(batch);

        INDArray moved = before.sub(embedding).muli(tokens);                                     // [V, E]
        double error = moved.sub(numeric).norm2Number().doubleValue() / numeric.norm2Number().doubleValue();
        assertTrue(error < 1e-6, "moved by the shared matrix's derivative; relative error " + error);
        assertEquals(embedding.transpose(), output, "still one matrix, to the bit");
        assertEquals(expectedNorm, result.gradientNorm(), 1e-9);
        assertTrue(untied / tokens > result.gradientNorm() * 1.001 || untied / tokens < result.gradientNorm() * 0.999,
                "differs from the norm that counts both copies");

        ComputationGraph untiedSizes = Seq2SeqGraph.create(ModelConfig.builder(9, 8).embeddingSize(5).hiddenSize(6)
                .feedContext(true).build(), new Sgd(1.0), 3,
                DataType.DOUBLE);
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> TrainingStep.of(untiedSizes, TrainingConfig.builder()
                        .tieEmbeddings(true).build()));
        assertEquals("tied embeddings need the embedding size (5) to equal the hidden size that the output layer "
                + "reads (6)", refused.getMessage());
    }

    private static double summedLoss(ComputationGraph graph, MultiDataSet batch) {
        graph.setInputs(batch.getFeatures());
        graph.setLabels(batch.getLabels());
        graph.setLayerMaskArrays(batch.getFeaturesMaskArrays(), batch.getLabelsMaskArrays());
        graph.computeGradientAndScore();
        graph.clearLayerMaskArrays();
        return graph.score();
    }
}
