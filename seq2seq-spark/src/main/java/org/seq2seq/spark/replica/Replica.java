package org.seq2seq.spark.replica;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seq2seq.core.model.Seq2SeqGraph;
import org.seq2seq.core.train.NonFiniteLossException;
import org.seq2seq.core.train.ShardedUpdate;
import org.seq2seq.core.train.TrainingConfig;
import org.seq2seq.core.train.TrainingStep;
import org.seq2seq.corpora.batch.EncodedPair;
import org.seq2seq.corpora.batch.PaddedBatch;
import org.seq2seq.nn.NativeFloats;
import org.seq2seq.nn.runtime.RangeExecutor;
import org.seq2seq.spark.TaskHook;
import org.seq2seq.spark.allreduce.BarrierRing;
import org.seq2seq.spark.allreduce.RingAllReduce;
import org.seq2seq.spark.runtime.WorkerGraphs;

/**
 * One model replica, the long-lived task of a barrier stage on an executor: it joins the ring of
 * the stage's tasks, calls the driver, takes the state the driver sends, and then steps on the
 * pairs the driver hands it until told to end.
 *
 * <p>Synchronously ({@code averageEvery == 0}) each step's gradient of the summed token loss is
 * summed over the replicas and the clipped Adam step applied to the sum, the replicas sharing
 * the update ({@link ShardedUpdate}: each moves its part of the parameters, then the parts are
 * gathered) or, for graphs it does not apply to, each applying it to the whole sum: either way
 * the replicas stay bit-identical. With
 * periodic averaging ({@code averageEvery = K}) each replica steps on its own share alone, its
 * own mean and clipping, and every K steps (and before the driver fetches the state) the
 * parameters and Adam's moments are averaged over the replicas.
 */
public final class Replica {
    /** Steps between two log lines of where a replica's steps went. */
    static final int TIMING_EVERY = 100;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Replica.class);

    /**
     * What every replica of a run is told.
     *
     * @param driverHost   where the driver listens for its replicas
     * @param driverPort   its port
     * @param launch       the driver's count of the stages it started, from 1 (a retry is a new launch)
     * @param graph        the network's configuration, JSON
     * @param clipNorm     the clipping norm of the global gradient, 0 for none
     * @param tied         whether the target embedding and the output projection are one matrix
     * @param averageEvery 0 for synchronous steps, K for averaging every K steps
     * @param ringTimeout  how long a replica waits for its ring neighbours to connect
     * @param hook         told as each step starts (tests make a replica fail with it)
     */
    public record Settings(String driverHost, int driverPort, int launch, String graph, double clipNorm,
                           boolean tied, int averageEvery, Duration ringTimeout, TaskHook hook)
            implements Serializable {
    }

    private final Settings settings;
    private final RingAllReduce ring;
    private final int rank;
    private ComputationGraph graph;
    private TrainingStep step;
    /** The update shared among the replicas, or null (then each applies the whole summed gradient). */
    private ShardedUpdate sharded;
    /** Whether the moments of other replicas' parts are stale here (since a sharded step). */
    private boolean momentsStale;
    /** The gradient, then the sum of the replicas', with the loss, tokens and sentences after it. */
    private float[] gradient = new float[0];
    /** The parameters and the updater's state, for averaging. */
    private float[] parameters = new float[0];
    private float[] moments = new float[0];
    private double learningRate = Double.NaN;
    private boolean averaged = true;
    /** Nanoseconds of the steps since the last timing line: gradient, sum among the replicas, update. */
    private final long[] times = new long[3];
    private int timed;

    private Replica(Settings settings, RingAllReduce ring) {
        this.settings = settings;
        this.ring = ring;
        this.rank = ring.rank();
    }

    /** Runs this task's replica until the driver says the training is over. */
    static void run(Settings settings) {
        BarrierTaskContext task = BarrierTaskContext.get();
        if (task == null) {
            throw new IllegalStateException("a replica runs as a task of a Spark barrier stage");
        }
        int cpus = Math.max(1, task.cpus());
        try (RingAllReduce ring = BarrierRing.join(settings.ringTimeout());
             Socket driver = new Socket();
             RangeExecutor executor = RangeExecutor.create(cpus, "seq2seq-replica");
             RangeExecutor.Binding bound = executor.bind()) {
            driver.setTcpNoDelay(true);
            driver.connect(new InetSocketAddress(settings.driverHost(), settings.driverPort()),
                    (int) settings.ringTimeout().toMillis());
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(driver.getOutputStream(), 1 << 16));
            DataInputStream in = new DataInputStream(new BufferedInputStream(driver.getInputStream(), 1 << 16));
            out.writeInt(settings.launch());
            out.writeInt(ring.rank());
            out.flush();
            new Replica(settings, ring).serve(in, out);
        } catch (IOException e) {
            throw new UncheckedIOException("replica " + task.partitionId() + ": the driver at "
                    + settings.driverHost() + ":" + settings.driverPort() + " went away", e);
        }
    }

    private void serve(DataInputStream in, DataOutputStream out) throws IOException {
        while (true) {
            int message = in.readInt();
            switch (message) {
                case Wire.STATE -> start(ReplicaState.read(in));
                case Wire.STEP -> {
                    long number = in.readLong();
                    int epoch = in.readInt();
                    double rate = in.readDouble();
                    long seed = in.readLong();
                    List<EncodedPair> pairs = Wire.readPairs(in);
                    settings.hook().started(number, rank, settings.launch());
                    step(number, epoch, rate, seed, pairs, out);
                }
                case Wire.SYNC, Wire.SYNC_ALL -> {
                    average();
                    if (momentsStale) {
                        sharded.gatherMoments(ring);
                        momentsStale = false;
                    }
                    ReplicaState state = ReplicaState.of(graph);
                    if (rank == 0 || message == Wire.SYNC_ALL) {
                        state.write(out);
                    } else {
                        out.writeLong(state.checksum());
                    }
                }
                case Wire.END -> {
                    return;
                }
                default -> throw new IOException("unknown message " + message + " from the driver");
            }
            out.flush();
        }
    }

    private void start(ReplicaState state) {
        graph = WorkerGraphs.of(settings.graph());
        state.into(graph);
        step = TrainingStep.of(graph, TrainingConfig.builder().clipNorm(settings.clipNorm())
                .tieEmbeddings(settings.tied()).build());
        sharded = ShardedUpdate.of(step).orElse(null);
        averaged = true;
        momentsStale = false;
    }

    private void step(long number, int epoch, double rate, long seed, List<EncodedPair> pairs,
                      DataOutputStream out) throws IOException {
        if (graph == null) {
            throw new IOException("a step before the state");
        }
        if (rate != learningRate) {
            Seq2SeqGraph.setLearningRate(graph, rate);
            learningRate = rate;
        }
        graph.getConfiguration().setEpochCount(epoch);
        Nd4j.getRandom().setSeed(seed * 31 + rank);                      // dropout masks: the step's and this rank's
        try {
            TrainingStep.Result result = settings.averageEvery() == 0 ? synchronous(pairs) : local(number, pairs);
            out.writeInt(Wire.DONE);
            out.writeDouble(result.loss());
            out.writeLong(result.tokens());
            out.writeDouble(result.gradientNorm());
        } catch (NonFiniteLossException e) {
            out.writeInt(Wire.NOT_FINITE);
            out.writeDouble(e.loss());
            out.writeDouble(e.gradientNorm());
        }
    }

    /**
     * The step on the sum of every replica's gradient, the same on all of them: with the update
     * shared ({@link ShardedUpdate}) when the graph allows, else each applying the whole sum.
     */
    private TrainingStep.Result synchronous(List<EncodedPair> pairs) {
        long start = System.nanoTime();
        TrainingStep.BatchGradient mine = pairs.isEmpty() ? null       // a last batch smaller than the replicas
                : step.gradientInPlace(PaddedBatch.of(pairs).toMultiDataSet(DataType.FLOAT));
        long computed = System.nanoTime();
        if (sharded != null) {
            momentsStale = ring.size() > 1;
            long before = sharded.communicatingNanos();
            TrainingStep.Result result = sharded.apply(mine, ring);
            long ringNanos = sharded.communicatingNanos() - before;
            time(computed - start, ringNanos, System.nanoTime() - computed - ringNanos);
            return result;
        }
        INDArray view = mine == null ? flattenedGradients() : mine.sum();  // [1, parameters]
        int n = Math.toIntExact(view.length());
        if (gradient.length != n + 3) {
            gradient = new float[n + 3];
        }
        if (mine == null) {
            java.util.Arrays.fill(gradient, 0f);
        } else {
            NativeFloats.read(view, gradient);
            gradient[n] = (float) mine.lossSum();
            gradient[n + 1] = mine.tokens();
            gradient[n + 2] = mine.sentences();
        }
        ring.sum(gradient);
        NativeFloats.write(gradient, 0, view, 0, n);
        long summed = System.nanoTime();
        TrainingStep.Result result = step.apply(new TrainingStep.BatchGradient(view, gradient[n],
                Math.round(gradient[n + 1]), Math.round(gradient[n + 2])));
        time(computed - start, summed - computed, System.nanoTime() - summed);
        return result;
    }

    /** Adds a step's times; every {@value #TIMING_EVERY} steps logs their means (on the executor). */
    private void time(long gradientNanos, long sumNanos, long updateNanos) {
        times[0] += gradientNanos;
        times[1] += sumNanos;
        times[2] += updateNanos;
        if (++timed == TIMING_EVERY) {
            log.info(String.format(java.util.Locale.ROOT, "replica %d of %d, mean of the last %d steps: gradient "
                            + "%.1f ms, in the allreduce %.1f ms, update %.1f ms%s", rank, ring.size(), timed,
                    times[0] / 1e6 / timed, times[1] / 1e6 / timed, times[2] / 1e6 / timed,
                    sharded != null ? " (this replica's part of it, with the copies around the allreduce)" : ""));
            java.util.Arrays.fill(times, 0);
            timed = 0;
        }
    }

    private INDArray flattenedGradients() {
        if (graph.getFlattenedGradients() == null) {
            graph.initGradientsView();
        }
        return graph.getFlattenedGradients();
    }

    /** A step on this replica's share alone; every K steps, the replicas' average. */
    private TrainingStep.Result local(long number, List<EncodedPair> pairs) {
        float[] figures = new float[3];                                  // loss sum, tokens, steps that failed
        double norm = 0;
        if (pairs.isEmpty()) {
            graph.getConfiguration().setIterationCount(graph.getIterationCount() + 1);   // in step with the others
        } else {
            try {
                TrainingStep.Result mine = step.run(PaddedBatch.of(pairs).toMultiDataSet(DataType.FLOAT));
                figures[0] = (float) (mine.loss() * mine.tokens());
                figures[1] = mine.tokens();
                norm = mine.gradientNorm();
            } catch (NonFiniteLossException e) {
                figures[2] = 1;
            }
        }
        ring.sum(figures);
        if (figures[2] > 0) {
            throw new NonFiniteLossException(Double.NaN, Double.NaN);
        }
        averaged = false;
        if ((number + 1) % settings.averageEvery() == 0) {
            average();
        }
        return new TrainingStep.Result(figures[0] / figures[1], Math.round(figures[1]), norm);
    }

    /** Averages the parameters and Adam's moments over the replicas (with averaging, if they moved since). */
    private void average() {
        if (settings.averageEvery() == 0 || averaged) {
            return;
        }
        parameters = averageOf(graph.params(), parameters);
        INDArray state = graph.getUpdater(true).getStateViewArray();
        if (state != null) {
            moments = averageOf(state, moments);
        }
        averaged = true;
    }

    /** Replaces an array by its mean over the replicas, through {@code buffer} (returned, grown if need be). */
    private float[] averageOf(INDArray array, float[] buffer) {
        int n = Math.toIntExact(array.length());
        float[] values = buffer.length == n ? buffer : new float[n];
        NativeFloats.read(array, values);
        ring.sum(values);
        float share = 1f / ring.size();
        for (int i = 0; i < n; i++) {
            values[i] *= share;
        }
        NativeFloats.write(values, 0, array, 0, n);
        return values;
    }
}
