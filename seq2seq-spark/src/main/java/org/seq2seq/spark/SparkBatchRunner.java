package org.seq2seq.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.seq2seq.core.train.BatchRunner;
import org.seq2seq.core.train.TrainingConfig;
import org.seq2seq.core.train.TrainingStep;
import org.seq2seq.corpora.batch.EncodedPair;
import org.seq2seq.corpora.batch.PaddedBatch;
import org.seq2seq.spark.runtime.WorkerGraphs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Synchronous data-parallel steps on a Spark cluster, mathematically the single-machine
 * {@link TrainingStep} on the same batch: the driver's network holds the parameters and Adam's
 * state; each step broadcasts the parameters, splits the batch's pairs into partitions, each task
 * computes the summed-loss gradient of its pairs on its executor thread's copy of the network,
 * {@code treeAggregate} sums them, and the driver applies the sum (mean over tokens, clipping,
 * Adam). A task that fails is run again by Spark on the same parameters and pairs, so a retry
 * changes nothing. With dropout each task draws its masks from the run's seed, the step and its
 * partition, so runs repeat exactly, but not as a single machine would draw them.
 */
public final class SparkBatchRunner implements BatchRunner {
    /** Steps between two log lines of where a step's time went. */
    static final int TIMING_EVERY = 100;

    private static final Logger log = LoggerFactory.getLogger(SparkBatchRunner.class);

    private final JavaSparkContext spark;
    private final int partitions;
    private final TaskHook hook;
    private final long seed;
    private final TrainingStep step;
    private final Broadcast<String> configuration;
    private final ComputationGraph graph;
    private final StepTimes times = new StepTimes();

    private SparkBatchRunner(JavaSparkContext spark, int partitions, TaskHook hook, ComputationGraph graph,
                             TrainingConfig config) {
        this.spark = spark;
        this.partitions = partitions;
        this.hook = hook;
        this.seed = config.seed();
        this.graph = graph;
        this.step = TrainingStep.of(graph, config);
        this.configuration = spark.broadcast(graph.getConfiguration().toJson());
    }

    /** Runners that split every batch into the cluster's default parallelism. */
    public static Factory on(JavaSparkContext spark) {
        return on(spark, spark.defaultParallelism(), TaskHook.none());
    }

    /**
     * Runners that split every batch into {@code partitions} tasks.
     *
     * @param hook told as each task starts (monitoring, tests)
     */
    public static Factory on(JavaSparkContext spark, int partitions, TaskHook hook) {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(hook, "hook");
        if (partitions < 1) {
            throw new IllegalArgumentException("a batch needs at least 1 partition, got " + partitions);
        }
        return (graph, config) -> new SparkBatchRunner(spark, partitions, hook, graph, config);
    }

    @Override
    public TrainingStep.Result run(PaddedBatch batch, long stepNumber) {
        List<int[][]> pairs = new ArrayList<>(batch.size());
        for (EncodedPair p : batch.pairs()) {
            pairs.add(new int[][] {p.source(), p.target()});
        }
        long start = System.nanoTime();
        Broadcast<float[]> parameters = spark.broadcast(graph.params().toFloatVector());
        long sent = System.nanoTime();
        Broadcast<String> conf = configuration;
        TaskHook taskHook = hook;
        long stepSeed = seed * 1_000_003L + stepNumber;
        try {
            ShardGradient total = spark.parallelize(pairs, Math.min(partitions, pairs.size()))
                    .mapPartitions((Iterator<int[][]> it) -> {
                        TaskContext task = TaskContext.get();
                        taskHook.started(stepNumber, task.partitionId(), task.attemptNumber());
                        List<EncodedPair> mine = new ArrayList<>();
                        it.forEachRemaining(p -> mine.add(new EncodedPair(p[0], p[1])));
                        if (mine.isEmpty()) {
                            return Collections.emptyIterator();
                        }
                        ComputationGraph worker = WorkerGraphs.of(conf.value());
                        float[] p = parameters.value();
                        worker.setParams(Nd4j.create(p, new long[] {1, p.length}, DataType.FLOAT));
                        Nd4j.getRandom().setSeed(stepSeed * 31 + task.partitionId());     // dropout masks
                        TrainingStep.BatchGradient g = new TrainingStep(worker, 0).gradient(
                                PaddedBatch.of(mine).toMultiDataSet(DataType.FLOAT));
                        return List.of(new ShardGradient(g.sum().toFloatVector(), g.lossSum(), g.tokens(),
                                g.sentences())).iterator();
                    }).treeAggregate(ShardGradient.NONE, ShardGradient::plus, ShardGradient::plus);
            long summed = System.nanoTime();
            TrainingStep.Result result = step.apply(new TrainingStep.BatchGradient(Nd4j.create(total.sum(),
                    new long[] {1, total.sum().length}, DataType.FLOAT), total.lossSum(), total.tokens(),
                    total.sentences()));
            if (times.add(sent - start, summed - sent, System.nanoTime() - summed) == TIMING_EVERY) {
                log.info("Spark steps, mean of the last {}: {}", TIMING_EVERY, times.summaryAndReset());
            }
            return result;
        } finally {
            parameters.destroy();
        }
    }

    /** Where the time of the steps since the last summary went, in nanoseconds. */
    private static final class StepTimes {
        private long steps;
        private long send;
        private long job;
        private long apply;

        /** Adds one step; returns the steps counted so far. */
        long add(long sendNanos, long jobNanos, long applyNanos) {
            send += sendNanos;
            job += jobNanos;
            apply += applyNanos;
            return ++steps;
        }

        String summaryAndReset() {
            String s = String.format(java.util.Locale.ROOT,
                    "parameters to a broadcast %.0f ms, tasks and sum of their gradients %.0f ms, update %.0f ms",
                    send / 1e6 / steps, job / 1e6 / steps, apply / 1e6 / steps);
            steps = send = job = apply = 0;
            return s;
        }
    }
}
