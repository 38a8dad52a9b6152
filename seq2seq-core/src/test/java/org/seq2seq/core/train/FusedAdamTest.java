package org.seq2seq.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.seq2seq.core.model.ModelConfig;
import org.seq2seq.core.model.Seq2SeqGraph;
import org.seq2seq.corpora.batch.EncodedPair;
import org.seq2seq.corpora.batch.PaddedBatch;
import org.seq2seq.decoder.attention.Attention;
import org.seq2seq.decoder.attention.AttentionVertex;
import org.seq2seq.nn.runtime.RangeExecutor;

/**
 * The fused step moves the parameters and Adam's moments as DL4J's updater and subtraction do,
 * to float precision, over several steps of a graph with several updater blocks (the attention
 * vertex has its own), through a change of learning rate.
 */
class FusedAdamTest {
    private static final ModelConfig CONFIG = ModelConfig.builder(9, 8).embeddingSize(5).hiddenSize(6).feedContext(true)
            .bidirectional(true).attention(Attention.GENERAL).build();

    /** Adam at 0.01, the attention vertex's at 0.03 (a second updater block). */
    private static ComputationGraph graph(DataType type) {
        var conf = Seq2SeqGraph.configuration(CONFIG, new Adam(0.01), 3, type);
        ((AttentionVertex) conf.getVertices().get(Seq2SeqGraph.ATTENTION)).setUpdater(new Adam(0.03));
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    private static MultiDataSet batch(int step) {
        return PaddedBatch.of(List.of(
                new EncodedPair(new int[] {4, 5, 6, 7}, new int[] {4, 5 + step % 3}),
                new EncodedPair(new int[] {8, 4}, new int[] {6, 7, 4, 5}))).toMultiDataSet(DataType.FLOAT);
    }

    private static void gradient(ComputationGraph graph, MultiDataSet batch) {
        graph.setInputs(batch.getFeatures());
        graph.setLabels(batch.getLabels());
        graph.setLayerMaskArrays(batch.getFeaturesMaskArrays(), batch.getLabelsMaskArrays());
        graph.computeGradientAndScore();
        graph.clearLayerMaskArrays();
    }

    @Test
    void movesAsDl4jsUpdaterDoes() {
        ComputationGraph dl4j = graph(DataType.FLOAT);
        ComputationGraph fused = graph(DataType.FLOAT);
        FusedAdam adam = FusedAdam.of(fused);
        assertNotNull(adam);
        assertTrue(fused.getUpdater().getUpdaterBlocks().size() > 1, "several updater blocks");
        double scale = 0.3;
        for (int step = 0; step < 6; step++) {
            if (step == 3) {
                Seq2SeqGraph.setLearningRate(dl4j, 0.002);
                Seq2SeqGraph.setLearningRate(fused, 0.002);
            }
            MultiDataSet batch = batch(step);
            gradient(dl4j, batch);
            gradient(fused, batch);
            assertEquals(dl4j.getFlattenedGradients(), fused.getFlattenedGradients());

            INDArray g = dl4j.getFlattenedGradients();
            g.muli(scale);
            dl4j.getUpdater().update(dl4j.gradient(), dl4j.getIterationCount(), dl4j.getEpochCount(), 2,
                    LayerWorkspaceMgr.noWorkspaces());
            dl4j.params().subi(g.reshape(dl4j.params().shape()));
            adam.step(fused.getFlattenedGradients(), scale);
            dl4j.getConfiguration().setIterationCount(dl4j.getIterationCount() + 1);
            fused.getConfiguration().setIterationCount(fused.getIterationCount() + 1);

            INDArray moved = dl4j.params();
            double largest = moved.sub(fused.params()).amaxNumber().doubleValue();
            assertTrue(largest < 2e-7, "step " + step + ": parameters differ by up to " + largest);
            INDArray state = dl4j.getUpdater().getStateViewArray();
            double stateDifference = state.sub(fused.getUpdater().getStateViewArray()).amaxNumber().doubleValue();
            assertTrue(stateDifference < 1e-6 * state.amaxNumber().doubleValue(),
                    "step " + step + ": Adam's moments differ by up to " + stateDifference);
        }
        INDArray start = graph(DataType.FLOAT).params();
        assertTrue(start.sub(fused.params()).amaxNumber().doubleValue() > 1e-3, "the parameters moved");
    }

    @Test
    void onMoreThreadsTheParametersMoveExactlyAsOnOne() {
        ModelConfig larger = ModelConfig.builder(300, 300).embeddingSize(32).hiddenSize(64)
                .build();   // one updater block of ~90,000
        ComputationGraph one = Seq2SeqGraph.create(larger, new Adam(0.01), 3, DataType.FLOAT);
        ComputationGraph two = Seq2SeqGraph.create(larger, new Adam(0.01), 3, DataType.FLOAT);
        assertTrue(two.getUpdater().getUpdaterBlocks().get(0).getParamOffsetEnd() > 4 * (1 << 14),
                "large enough for four parts");
        FusedAdam oneAdam = FusedAdam.of(one);
        FusedAdam twoAdam = FusedAdam.of(two);
        for (int step = 0; step < 3; step++) {
            MultiDataSet batch = batch(step);
            gradient(one, batch);
            gradient(two, batch);
            oneAdam.step(one.getFlattenedGradients(), 0.3);
            try (RangeExecutor executor = RangeExecutor.create(2 + step, "test")) {   // 2, 3, 4 threads
                executor.call(() -> {
                    twoAdam.step(two.getFlattenedGradients(), 0.3);
                    return null;
                });
            }
            one.getConfiguration().setIterationCount(step + 1);
            two.getConfiguration().setIterationCount(step + 1);
            assertEquals(one.params(), two.params(), "step " + step);
            assertEquals(one.getUpdater().getStateViewArray(), two.getUpdater().getStateViewArray(), "step " + step);
        }
    }

    @Test
    void appliesOnlyToFloatGraphsWithAdam() {
        assertNull(FusedAdam.of(graph(DataType.DOUBLE)));
        assertNull(FusedAdam.of(Seq2SeqGraph.create(CONFIG, new Sgd(0.1), 3, DataType.FLOAT)));
        assertNotNull(FusedAdam.of(graph(DataType.FLOAT)));
    }
}
