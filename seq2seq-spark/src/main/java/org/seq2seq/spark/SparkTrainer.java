package org.seq2seq.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.seq2seq.core.train.TrainingStep;
import org.seq2seq.corpora.batch.EncodedPair;
import org.seq2seq.corpora.batch.PaddedBatch;

/**
 * Synchronous data-parallel steps on a Spark cluster: mathematically the single-machine
 * {@link TrainingStep} on the same global batch. The driver's network holds the parameters and
 * Adam's state; each step broadcasts the parameters, each partition computes the gradient of
 * the batch's pairs it holds, {@code treeAggregate} sums them, and the driver applies the sum.
 * A task that fails is run again by Spark on the same parameters, so a retry changes nothing.
 */
public final class SparkTrainer {
    private final JavaSparkContext spark;
    private final ComputationGraph graph;
    private final TrainingStep step;
    private final Broadcast<String> configuration;
    private TaskHook hook = TaskHook.none();
    private long steps;

    /**
     * @param spark    the cluster
     * @param graph    the driver's network: its parameters and updater state move
     * @param clipNorm largest global gradient norm (0: no clipping), as in single-machine training
     */
    public SparkTrainer(JavaSparkContext spark, ComputationGraph graph, double clipNorm) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.graph = Objects.requireNonNull(graph, "graph");
        this.step = new TrainingStep(graph, clipNorm);
        this.configuration = spark.broadcast(graph.getConfiguration().toJson());
    }

    /** Told as each partition starts its share of a step. */
    public SparkTrainer hook(TaskHook v) {
        hook = Objects.requireNonNull(v, "hook");
        return this;
    }

    /** Steps taken. */
    public long steps() {
        return steps;
    }

    /**
     * One step on the pairs whose indices are in {@code batch}, wherever they are.
     *
     * @param pairs the corpus, partitioned (best cached)
     * @param batch the global batch: indices of pairs in {@code pairs}
     * @return the step's loss, tokens and gradient norm, as single-machine training reports them
     */
    public TrainingStep.Result step(JavaRDD<IndexedPair> pairs, long[] batch) {
        long[] sorted = batch.clone();
        Arrays.sort(sorted);
        Broadcast<long[]> members = spark.broadcast(sorted);
        Broadcast<float[]> parameters = spark.broadcast(graph.params().toFloatVector());
        Broadcast<String> conf = configuration;
        TaskHook taskHook = hook;
        long stepNumber = steps;
        try {
            ShardGradient total = pairs.mapPartitions((Iterator<IndexedPair> it) -> {
                TaskContext task = TaskContext.get();
                taskHook.started(stepNumber, task.partitionId(), task.attemptNumber());
                List<EncodedPair> mine = new ArrayList<>();
                long[] wanted = members.value();
                while (it.hasNext()) {
                    IndexedPair p = it.next();
                    if (Arrays.binarySearch(wanted, p.index()) >= 0) {
                        mine.add(p.encoded());
                    }
                }
                if (mine.isEmpty()) {
                    return Collections.emptyIterator();
                }
                ComputationGraph worker = WorkerGraphs.of(conf.value());
                float[] p = parameters.value();
                worker.setParams(Nd4j.create(p, new long[] {1, p.length}, DataType.FLOAT));
                TrainingStep.BatchGradient g = new TrainingStep(worker, 0).gradient(
                        PaddedBatch.of(mine).toMultiDataSet(DataType.FLOAT));
                return List.of(new ShardGradient(g.sum().toFloatVector(), g.lossSum(), g.tokens(), g.sentences()))
                        .iterator();
            }).treeAggregate(ShardGradient.NONE, ShardGradient::plus, ShardGradient::plus);
            if (total.tokens() == 0) {
                throw new IllegalArgumentException("none of the batch's " + batch.length + " pairs is in the corpus");
            }
            TrainingStep.Result result = step.apply(new TrainingStep.BatchGradient(
                    Nd4j.create(total.sum(), new long[] {1, total.sum().length}, DataType.FLOAT), total.lossSum(),
                    total.tokens(), total.sentences()));
            steps++;
            return result;
        } finally {
            members.destroy();
            parameters.destroy();
        }
    }
}
