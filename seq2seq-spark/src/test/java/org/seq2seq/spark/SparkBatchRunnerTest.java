package org.seq2seq.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.seq2seq.core.model.ModelConfig;
import org.seq2seq.core.model.Seq2SeqGraph;
import org.seq2seq.core.train.BatchRunner;
import org.seq2seq.core.train.TrainingConfig;
import org.seq2seq.core.train.TrainingStep;
import org.seq2seq.corpora.batch.EncodedPair;
import org.seq2seq.corpora.batch.PaddedBatch;
import org.seq2seq.decoder.attention.Attention;

/** Spark in-process ({@code local[2]}): two partitions, two threads, the real scheduler. */
class SparkBatchRunnerTest {
    private static final ModelConfig CONFIG = ModelConfig.builder(12, 11).embeddingSize(6).hiddenSize(8)
            .feedContext(true).bidirectional(true).attention(Attention.GENERAL).build();
    private static final int PAIRS = 64;
    private static final int BATCH = 32;
    private static final int STEPS = 3;
    /** Counted on the executors: local mode runs them in this JVM (hooks are serialized, these fields are not). */
    private static final AtomicInteger TASKS = new AtomicInteger();
    private static final AtomicInteger FAILURES = new AtomicInteger();

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

    /** Step s's batch: 32 of the 64 pairs, drawn with a seed. */
    private static PaddedBatch batchOf(int s) {
        List<EncodedPair> corpus = corpus();
        List<EncodedPair> pairs = new ArrayList<>();
        for (long i : batch(s)) {
            pairs.add(corpus.get((int) i));
        }
        return PaddedBatch.of(pairs);
    }

    /** Step s's global batch: 32 of the 64 pairs, drawn with a seed. */
    private static long[] batch(int s) {
        List<Long> all = new ArrayList<>();
        for (long i = 0; i < PAIRS; i++) {
            all.add(i);
        }
        java.util.Collections.shuffle(all, new Random(100 + s));
        return all.subList(0, BATCH).stream().mapToLong(Long::longValue).toArray();
    }

    private static ComputationGraph graph() {
        return Seq2SeqGraph.create(CONFIG, new Adam(0.01), 5, DataType.FLOAT);
    }

    private static JavaSparkContext spark(String master) {
        return new JavaSparkContext(new SparkConf().setMaster(master).setAppName("seq2seq-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }

    /** Parameters after {@link #STEPS} steps on Spark in two partitions, with {@code hook} told of every task. */
    private static float[] trainOnSpark(String master, TaskHook hook, List<TrainingStep.Result> results) {
        try (JavaSparkContext spark = spark(master)) {
            ComputationGraph driver = graph();
            BatchRunner runner = SparkBatchRunner.on(spark, 2, hook).create(driver,
                    TrainingConfig.builder().clipNorm(1.0).build());
            for (int s = 0; s < STEPS; s++) {
                results.add(runner.run(batchOf(s), s));
            }
            return driver.params().toFloatVector();
        }
    }

    /**
     * Two partitions, each with its share of every batch of 32, against one process stepping on
     * the same 32 pairs: the same parameters after three Adam steps, to 1e-4 (measured here:
     * 6.5e-7). Not to the bit: each partition pads its pairs to its own longest sentence and
     * its float sums run in another order than the whole batch's; the loss is a sum over tokens,
     * so nothing but rounding differs (in double precision the same comparison holds to 1e-12,
     * TrainingStepTest). The bound is a hundredth of one Adam step (learning rate 0.01), as Adam
     * can turn a rounding difference in a gradient element near zero into a visible fraction of a
     * step; a real fault (a shard left out, a wrong scale) moves parameters by whole steps.
     */
    @Test
    void twoPartitionsStepAsOneProcessOnTheWholeBatch() {
        ComputationGraph single = graph();
        TrainingStep step = new TrainingStep(single, 1.0);
        List<TrainingStep.Result> expected = new ArrayList<>();
        for (int s = 0; s < STEPS; s++) {
            expected.add(step.run(batchOf(s).toMultiDataSet(DataType.FLOAT)));
        }
        List<TrainingStep.Result> results = new ArrayList<>();
        TASKS.set(0);
        float[] onSpark = trainOnSpark("local[2]", (st, partition, attempt) -> TASKS.incrementAndGet(), results);
        float[] alone = single.params().toFloatVector();
        double largest = 0;
        for (int i = 0; i < alone.length; i++) {
            largest = Math.max(largest, Math.abs(alone[i] - onSpark[i]));
        }
        System.out.printf("two partitions against one process, %d steps: largest parameter difference %.3g%n", STEPS,
                largest);
        assertTrue(largest < 1e-4, "largest parameter difference " + largest);
        for (int s = 0; s < STEPS; s++) {
            assertEquals(expected.get(s).tokens(), results.get(s).tokens());
            assertEquals(expected.get(s).loss(), results.get(s).loss(), 1e-5);
        }
        assertEquals(2 * STEPS, TASKS.get(), "one task per partition and step");
    }

    /** A task that fails on its first attempt is run again by Spark, and the run ends as one without the failure. */
    @Test
    void aFailedTaskIsRetriedAndChangesNothing() {
        float[] clean = trainOnSpark("local[2]", TaskHook.none(), new ArrayList<>());
        FAILURES.set(0);
        float[] retried = trainOnSpark("local[2,3]", (step, partition, attempt) -> {
            if (step == 1 && partition == 1 && attempt == 0) {
                FAILURES.incrementAndGet();
                throw new IllegalStateException("injected failure of partition 1 in step 1");
            }
        }, new ArrayList<>());
        assertEquals(1, FAILURES.get());
        assertArrayEquals(clean, retried);
    }
}
