package org.seq2seq.spark.replica;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.seq2seq.core.model.ModelConfig;
import org.seq2seq.core.model.Seq2SeqGraph;
import org.seq2seq.core.train.TrainingConfig;
import org.seq2seq.core.train.TrainingStep;
import org.seq2seq.corpora.batch.EncodedPair;
import org.seq2seq.corpora.batch.PaddedBatch;
import org.seq2seq.decoder.attention.Attention;

/**
 * Replicas in a real barrier stage of Spark in-process ({@code local[2]}: two executor threads,
 * the real scheduler, sockets between the replicas and to the driver).
 */
class ReplicaRunnerTest {
    private static final ModelConfig CONFIG = ModelConfig.builder(12, 11).embeddingSize(6).hiddenSize(8)
            .feedContext(true).bidirectional(true).attention(Attention.GENERAL).build();
    private static final int PAIRS = 64;
    private static final int BATCH = 32;
    private static final int STEPS = 3;
    private static final TrainingConfig TRAINING = TrainingConfig.builder().clipNorm(1.0).build();
    /** Counted on the executors: local mode runs them in this JVM (hooks are serialized, these fields are not). */
    private static final AtomicInteger STEPS_STARTED = new AtomicInteger();
    private static final AtomicInteger FAILURES = new AtomicInteger();

    private static JavaSparkContext spark;

    @BeforeAll
    static void startSpark() {
        spark = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("seq2seq-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }

    @AfterAll
    static void stopSpark() {
        spark.close();
    }

    /** Random pairs of 1 to 6 tokens (ids 4 and up: no special token). */
    private static List<EncodedPair> corpus() {
        Random random = new Random(7);
        List<EncodedPair> pairs = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            pairs.add(new EncodedPair(random.ints(1 + random.nextInt(6), 4, 12).toArray(),
                    random.ints(1 + random.nextInt(6), 4, 11).toArray()));
        }
        return pairs;
    }

    /** Step s's global batch: 32 of the 64 pairs, drawn with a seed. */
    private static List<EncodedPair> batchOf(int s) {
        List<EncodedPair> corpus = corpus();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(100 + s));
        return order.subList(0, BATCH).stream().map(corpus::get).toList();
    }

    private static ComputationGraph graph() {
        return Seq2SeqGraph.create(CONFIG, new Adam(0.01), 5, DataType.FLOAT);
    }

    private static double largestDifference(float[] a, float[] b) {
        double largest = 0;
        for (int i = 0; i < a.length; i++) {
            largest = Math.max(largest, Math.abs(a[i] - b[i]));
        }
        return largest;
    }

    /**
     * Two replicas of 16 pairs a step against one process stepping on the same 32: the same
     * parameters after three Adam steps, to 1e-4 (measured here: about 1e-6). Not to the bit: each
     * replica pads its pairs to its own longest sentence and the ring adds in another order than
     * one process; the loss is a sum over tokens, so only rounding differs. The bound is a
     * hundredth of one Adam step (learning rate 0.01): Adam can turn a rounding difference in a
     * gradient element near zero into a visible fraction of a step, while a real fault (a shard
     * left out, a wrong scale) moves parameters by whole steps. The two replicas hold the same bits.
     */
    @Test
    void twoReplicasOfSixteenStepAsOneProcessOnThirtyTwo() {
        ComputationGraph single = graph();
        TrainingStep step = TrainingStep.of(single, TRAINING);
        List<TrainingStep.Result> expected = new ArrayList<>();
        for (int s = 0; s < STEPS; s++) {
            expected.add(step.run(PaddedBatch.of(batchOf(s)).toMultiDataSet(DataType.FLOAT)));
        }
        ComputationGraph driver = graph();
        STEPS_STARTED.set(0);
        try (ReplicaRunner runner = (ReplicaRunner) ReplicaRunner.on(spark, ReplicaOptions.of(2)
                .withHook((s, rank, launch) -> STEPS_STARTED.incrementAndGet())).create(driver, TRAINING)) {
            for (int s = 0; s < STEPS; s++) {
                TrainingStep.Result result = runner.run(PaddedBatch.of(batchOf(s)), s);
                assertEquals(expected.get(s).tokens(), result.tokens(), "step " + s);
                assertEquals(expected.get(s).loss(), result.loss(), 1e-5, "step " + s);
                assertEquals(expected.get(s).gradientNorm(), result.gradientNorm(), 1e-4, "step " + s);
            }
            float[] before = driver.params().toFloatVector();
            runner.synchronize();
            float[] distributed = driver.params().toFloatVector();
            assertTrue(largestDifference(before, distributed) > 0, "the driver's network moves only when fetched");
            double largest = largestDifference(single.params().toFloatVector(), distributed);
            System.out.printf("two replicas of 16 against one process of 32, %d steps: largest parameter "
                    + "difference %.3g%n", STEPS, largest);
            assertTrue(largest < 1e-4, "largest parameter difference " + largest);
            assertEquals(STEPS, driver.getIterationCount(), "Adam's iteration count comes with the state");

            List<ReplicaState> states = runner.replicaStates();
            assertArrayEquals(states.get(0).parameters(), states.get(1).parameters(), 0f, "the same bits");
            assertArrayEquals(states.get(0).updater(), states.get(1).updater(), 0f, "the same bits");
            assertArrayEquals(distributed, states.get(0).parameters(), 0f);
        }
        assertEquals(2 * STEPS, STEPS_STARTED.get(), "one replica task per replica, living for all the steps");
    }

    /**
     * With averaging after every step, one step of two replicas is the mean of two processes,
     * each stepping on its half of the batch from the same start (parameters and Adam's moments).
     */
    @Test
    void averagingReplicasHoldTheMeanOfTheirSeparateSteps() {
        List<EncodedPair> batch = batchOf(0);
        List<List<EncodedPair>> halves = ReplicaRunner.shards(batch, 2);
        float[] mean = null;
        for (List<EncodedPair> half : halves) {
            ComputationGraph alone = graph();
            TrainingStep.of(alone, TRAINING).run(PaddedBatch.of(half).toMultiDataSet(DataType.FLOAT));
            float[] p = alone.params().toFloatVector();
            if (mean == null) {
                mean = p;
            } else {
                for (int i = 0; i < p.length; i++) {
                    mean[i] = (mean[i] + p[i]) * 0.5f;
                }
            }
        }
        ComputationGraph driver = graph();
        try (ReplicaRunner runner = (ReplicaRunner) ReplicaRunner.on(spark, ReplicaOptions.of(2).withAverageEvery(1))
                .create(driver, TRAINING)) {
            runner.run(PaddedBatch.of(batch), 0);
            runner.synchronize();
        }
        double largest = largestDifference(mean, driver.params().toFloatVector());
        assertTrue(largest < 1e-6, "largest difference from the mean of the two steps " + largest);
    }

    /**
     * A replica that fails in step 1 of the first launch fails the barrier stage; the runner
     * starts the replicas again from the last fetched state, takes step 0 again and goes on, and
     * the run ends with the bits of a run without the failure.
     */
    @Test
    void afterAFailedReplicaTheRunGoesOnAsIfNothingHappened() {
        float[] clean = trainThreeSteps(ReplicaOptions.of(2));
        FAILURES.set(0);
        float[] recovered = trainThreeSteps(ReplicaOptions.of(2).withHook((step, rank, launch) -> {
            if (step == 1 && rank == 1 && launch == 1) {
                FAILURES.incrementAndGet();
                throw new IllegalStateException("injected failure of replica 1 in step 1");
            }
        }));
        assertEquals(1, FAILURES.get());
        assertArrayEquals(clean, recovered);
    }

    private static float[] trainThreeSteps(ReplicaOptions options) {
        ComputationGraph driver = graph();
        try (ReplicaRunner runner = (ReplicaRunner) ReplicaRunner.on(spark, options).create(driver, TRAINING)) {
            for (int s = 0; s < STEPS; s++) {
                runner.run(PaddedBatch.of(batchOf(s)), s);
            }
            runner.synchronize();
        }
        return driver.params().toFloatVector();
    }
}
