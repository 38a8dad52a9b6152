package org.seq2seq.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.seq2seq.core.model.ModelConfig;
import org.seq2seq.core.model.Seq2SeqGraph;
import org.seq2seq.core.model.TiedEmbeddings;
import org.seq2seq.corpora.batch.EncodedPair;
import org.seq2seq.corpora.batch.PaddedBatch;

/**
 * Two replicas on two threads, each with its half of every batch, sharing the update: the same
 * steps as one process on the whole batch (up to float rounding), the same bits on both
 * replicas, and after {@link ShardedUpdate#gatherMoments} the same Adam state as well.
 */
class ShardedUpdateTest {
    /** Three of each parameter's bits at most: the sums run in another order than one process's. */
    private static final double TOLERANCE = 1e-5;

    /** Replicas that meet in memory: each part summed by its owner, as a ring would. */
    private static final class InMemory implements Collective {
        private final int rank;
        private final float[][] arrays;
        private final CyclicBarrier barrier;

        InMemory(int rank, float[][] arrays, CyclicBarrier barrier) {
            this.rank = rank;
            this.arrays = arrays;
            this.barrier = barrier;
        }

        @Override
        public int rank() {
            return rank;
        }

        @Override
        public int size() {
            return arrays.length;
        }

        @Override
        public void reduceScatter(float[] values) {
            arrays[rank] = values;
            await();
            float[] own = new float[ownedTo(values.length) - ownedFrom(values.length)];
            for (float[] a : arrays) {
                for (int i = 0; i < own.length; i++) {
                    own[i] += a[ownedFrom(values.length) + i];
                }
            }
            await();
            System.arraycopy(own, 0, values, ownedFrom(values.length), own.length);
            await();
        }

        @Override
        public void allGather(float[] values) {
            arrays[rank] = values;
            await();
            for (int r = 0; r < arrays.length; r++) {
                if (r != rank) {
                    int from = (int) ((long) values.length * r / arrays.length);
                    int to = (int) ((long) values.length * (r + 1) / arrays.length);
                    System.arraycopy(arrays[r], from, values, from, to - from);
                }
            }
            await();
        }

        @Override
        public int ownedFrom(int n) {
            return (int) ((long) n * rank / arrays.length);
        }

        @Override
        public int ownedTo(int n) {
            return (int) ((long) n * (rank + 1) / arrays.length);
        }

        private void await() {
            try {
                barrier.await();
            } catch (InterruptedException | BrokenBarrierException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final List<List<EncodedPair>> BATCHES = List.of(
            List.of(new EncodedPair(new int[] {4, 5, 6, 7}, new int[] {4, 5}),
                    new EncodedPair(new int[] {8, 4}, new int[] {6, 7, 4, 5}),
                    new EncodedPair(new int[] {5}, new int[] {5, 5, 4, 6, 7, 5}),
                    new EncodedPair(new int[] {6, 6, 7}, new int[] {7})),
            List.of(new EncodedPair(new int[] {7, 7}, new int[] {4, 4, 6}),
                    new EncodedPair(new int[] {4, 8, 5, 6}, new int[] {5}),
                    new EncodedPair(new int[] {6}, new int[] {7, 6}),
                    new EncodedPair(new int[] {5, 4, 8}, new int[] {4, 6, 6, 5})));

    private static ComputationGraph graph(ModelConfig config, boolean tied) {
        ComputationGraph graph = Seq2SeqGraph.create(config, new Adam(0.05), 3, DataType.FLOAT);
        if (tied) {
            TiedEmbeddings.of(graph).tie();
        }
        return graph;
    }

    @ParameterizedTest(name = "tied embeddings {0}")
    @ValueSource(booleans = {false, true})
    void twoReplicasSharingTheUpdateStepAsOneProcess(boolean tied) throws Exception {
        ModelConfig config = ModelConfig.builder(9, 8).embeddingSize(7).hiddenSize(7).feedContext(true).build();
        TrainingConfig run = TrainingConfig.builder().clipNorm(0.5).tieEmbeddings(tied).build();
        ComputationGraph single = graph(config, tied);
        TrainingStep alone = TrainingStep.of(single, run);
        List<TrainingStep.Result> expected = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            expected.add(alone.run(PaddedBatch.of(BATCHES.get(s % 2)).toMultiDataSet(DataType.FLOAT)));
        }

        float[][] shared = new float[2][];
        CyclicBarrier barrier = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<Future<ComputationGraph>> replicas = new ArrayList<>();
        List<List<TrainingStep.Result>> results = List.of(new ArrayList<>(), new ArrayList<>());
        for (int r = 0; r < 2; r++) {
            int rank = r;
            replicas.add(threads.submit(() -> {
                ComputationGraph graph = graph(config, tied);
                TrainingStep step = TrainingStep.of(graph, run);
                ShardedUpdate update = ShardedUpdate.of(step).orElseThrow();
                Collective ring = new InMemory(rank, shared, barrier);
                for (int s = 0; s < 3; s++) {
                    List<EncodedPair> batch = BATCHES.get(s % 2);
                    List<EncodedPair> half = rank == 0 ? batch.subList(0, 1) : batch.subList(1, batch.size());
                    results.get(rank).add(update.apply(step.gradientInPlace(PaddedBatch.of(half)
                            .toMultiDataSet(DataType.FLOAT)), ring));
                }
                update.gatherMoments(ring);
                return graph;
            }));
        }
        ComputationGraph first = replicas.get(0).get();
        ComputationGraph second = replicas.get(1).get();
        threads.shutdown();

        assertArrayEquals(first.params().toFloatVector(), second.params().toFloatVector(), 0f, "the same bits");
        assertArrayEquals(first.getUpdater().getStateViewArray().toFloatVector(),
                second.getUpdater().getStateViewArray().toFloatVector(), 0f, "the same Adam state, gathered");
        float[] expectedParams = single.params().toFloatVector();
        float[] actual = first.params().toFloatVector();
        double largest = 0;
        for (int i = 0; i < actual.length; i++) {
            largest = Math.max(largest, Math.abs(expectedParams[i] - actual[i]));
        }
        assertTrue(largest < TOLERANCE, "largest parameter difference from one process " + largest);
        float[] expectedState = single.getUpdater().getStateViewArray().toFloatVector();
        float[] state = first.getUpdater().getStateViewArray().toFloatVector();
        double largestMoment = 0;
        for (int i = 0; i < state.length; i++) {
            largestMoment = Math.max(largestMoment, Math.abs(expectedState[i] - state[i]));
        }
        if (!tied) {
            assertTrue(largestMoment < TOLERANCE, "largest moment difference " + largestMoment);
        }
        for (int s = 0; s < 3; s++) {
            assertEquals(expected.get(s).tokens(), results.get(0).get(s).tokens());
            assertEquals(expected.get(s).loss(), results.get(0).get(s).loss(), 1e-5);
            assertEquals(expected.get(s).gradientNorm(), results.get(1).get(s).gradientNorm(), 1e-5);
        }
        assertEquals(3, first.getIterationCount());
        if (tied) {
            TiedEmbeddings.Layout layout = TiedEmbeddings.of(first).layout();
            float[] p = first.params().toFloatVector();
            for (int r = 0; r < layout.rows(); r++) {
                for (int c = 0; c < layout.columns(); c++) {
                    assertEquals(p[(int) (layout.embedding() + r * layout.embeddingRow() + c * layout.embeddingCol())],
                            p[(int) (layout.output() + c * layout.outputRow() + r * layout.outputCol())], 0f,
                            "W = Eᵀ to the bit at " + r + ", " + c);
                }
            }
        }
    }
}
