package org.seq2seq.spark.replica;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.seq2seq.core.model.Seq2SeqGraph;
import org.seq2seq.core.train.BatchRunner;
import org.seq2seq.core.train.TrainingConfig;
import org.seq2seq.core.train.TrainingStep;
import org.seq2seq.corpora.batch.EncodedPair;
import org.seq2seq.corpora.batch.PaddedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.reflect.ClassTag$;

/**
 * The driver's side of training with the parameters on the executors ({@link Replica}): the
 * steps of a {@link org.seq2seq.core.train.Trainer} go to replicas running in one Spark barrier
 * stage, which live from the first step to the end of the run. Each step the driver splits the
 * batch's pairs among the replicas (a few kilobytes) and reads back the loss; the parameters
 * never pass through it except when it {@linkplain #synchronize fetches} them, every
 * {@link ReplicaOptions#syncEvery} steps and before every checkpoint and validation, from
 * replica 0 (after checking that the others hold the same bits).
 *
 * <p>When the replicas fail (a task, an executor, a machine), Spark fails their barrier stage and
 * its job; the runner starts a new launch from the state it fetched last and takes the steps since
 * then again, on the same pairs with the same random numbers, so the run goes on as if nothing
 * had happened: what is lost is the time of at most {@code syncEvery} steps and of the restart.
 * After {@link ReplicaOptions#relaunches} failures in a row without a fetch in between it gives up.
 */
public final class ReplicaRunner implements BatchRunner {
    /** Where the driver listens for its replicas; 0 (the default) for any free port. */
    public static final String PORT = "spark.seq2seq.replicas.port";

    private static final Logger log = LoggerFactory.getLogger(ReplicaRunner.class);
    /** Steps between two timing lines. */
    static final int TIMING_EVERY = 100;

    private final JavaSparkContext spark;
    private final ReplicaOptions options;
    private final ComputationGraph graph;
    private final TrainingConfig config;
    private final String json;
    private final ServerSocket server;
    private final String host;
    /** The state the replicas start from: the driver's at the first step, then the last one fetched. */
    private ReplicaState fetched;
    /** Steps taken since {@link #fetched}, to be taken again after a failure. */
    private final List<Launch.Step> since = new ArrayList<>();
    private Launch launch;
    private int launches;
    private int failuresInARow;
    private long fetchBytes;
    private long fetchNanos;
    /** For the timing line: steps, nanoseconds in them (handing out, waiting) and between them (the trainer's). */
    private int timedSteps;
    private long inSteps;
    private long betweenSteps;
    private long lastReturn;

    private ReplicaRunner(JavaSparkContext spark, ReplicaOptions options, ComputationGraph graph,
                          TrainingConfig config) {
        ExecutorMemory.check(spark.getConf(), graph.params().length());
        this.spark = spark;
        this.options = options;
        this.graph = graph;
        this.config = config;
        this.json = graph.getConfiguration().toJson();
        this.host = spark.getConf().get("spark.driver.host");
        try {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(spark.getConf().getInt(PORT, 0)), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("the driver cannot listen for its replicas (" + PORT + "): "
                    + e.getMessage(), e);
        }
    }

    /** Runners whose replicas run on {@code spark}'s executors. */
    public static Factory on(JavaSparkContext spark, ReplicaOptions options) {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(options, "options");
        return (graph, config) -> new ReplicaRunner(spark, options, graph, config);
    }

    @Override
    public TrainingStep.Result run(PaddedBatch batch, long stepNumber) {
        long start = System.nanoTime();
        Launch.Step step = new Launch.Step(stepNumber, graph.getEpochCount(), Seq2SeqGraph.learningRate(graph),
                config.seed() * 1_000_003L + stepNumber, shards(batch.pairs(), options.replicas()));
        TrainingStep.Result result = withReplicas(l -> l.step(step));
        since.add(step);
        if (since.size() >= options.syncEvery()) {
            synchronize();
        }
        time(start);
        return result;
    }

    /** Adds a step's times; every {@value #TIMING_EVERY} steps logs their means. */
    private void time(long start) {
        long now = System.nanoTime();
        if (lastReturn > 0) {
            betweenSteps += start - lastReturn;
            inSteps += now - start;
            if (++timedSteps == TIMING_EVERY) {
                log.info(String.format(Locale.ROOT, "steps on %d replicas, mean of the last %d: %.1f ms from handing "
                                + "out the pairs to the replicas' answers, %.1f ms on the driver between steps",
                        options.replicas(), timedSteps, inSteps / 1e6 / timedSteps, betweenSteps / 1e6 / timedSteps));
                timedSteps = 0;
                inSteps = betweenSteps = 0;
            }
        }
        lastReturn = now;
    }

    /** Step {@code s}'s pairs split among the replicas in order, in shares that differ by at most one pair. */
    static List<List<EncodedPair>> shards(List<EncodedPair> pairs, int replicas) {
        int n = pairs.size();
        return IntStream.range(0, replicas)
                .mapToObj(r -> List.copyOf(pairs.subList((int) ((long) n * r / replicas),
                        (int) ((long) n * (r + 1) / replicas))))
                .toList();
    }

    /** Fetches the replicas' state into the driver's network, unless nothing moved since the last fetch. */
    @Override
    public void synchronize() {
        lastReturn = 0;                                  // the time until the next step is not a step's
        if (since.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        ReplicaState state = withReplicas(Launch::fetch);
        state.into(graph);
        fetched = state;
        since.clear();
        failuresInARow = 0;
        fetchNanos += System.nanoTime() - start;
        fetchBytes += 4L * (state.parameters().length + state.updater().length);
    }

    /** Every replica's state, after a synchronize (tests: they must hold the same bits). */
    List<ReplicaState> replicaStates() {
        return withReplicas(Launch::fetchAll);
    }

    private <T> T withReplicas(Function<Launch, T> action) {
        while (true) {
            try {
                if (launch == null) {
                    launch = start();
                }
                return action.apply(launch);
            } catch (Launch.Lost e) {
                if (launch != null) {
                    launch.close();
                    launch = null;
                }
                failuresInARow++;
                if (failuresInARow > options.relaunches()) {
                    throw new IllegalStateException(String.format(Locale.ROOT, "the replicas failed %d times in a "
                            + "row; the last time: %s", failuresInARow, e.getMessage()), e);
                }
                log.warn("{}; starting them again from step {} (the state fetched last), {} steps to take again",
                        e.getMessage(), fetched == null ? 0 : firstStepOfReplay(), since.size());
            }
        }
    }

    private long firstStepOfReplay() {
        return since.isEmpty() ? -1 : since.get(0).number();
    }

    /** Launches the replicas, sends them the state to start from and takes the steps since it again. */
    private Launch start() {
        if (fetched == null) {
            fetched = ReplicaState.of(graph);
        }
        int number = ++launches;
        Replica.Settings settings = new Replica.Settings(host, server.getLocalPort(), number, json, config.clipNorm(),
                config.tieEmbeddings(), options.averageEvery(), Duration.ofSeconds(60), options.hook());
        long began = System.nanoTime();
        CompletableFuture<Void> job = CompletableFuture.runAsync(() -> {
            spark.setJobGroup("seq2seq-replicas-" + number, "seq2seq: " + options.replicas() + " model replicas "
                    + "(launch " + number + ")", true);
            spark.parallelize(IntStream.range(0, options.replicas()).boxed().toList(), options.replicas()).rdd()
                    .barrier().mapPartitions(new ReplicaTask(settings), false, ClassTag$.MODULE$.apply(Integer.class))
                    .count();
        }, runnable -> {
            Thread t = new Thread(runnable, "seq2seq-replicas-" + number);
            t.setDaemon(true);
            t.start();
        });
        Launch l;
        try {
            l = Launch.accept(server, number, options.replicas(), job,
                    began + options.startTimeout().toNanos());
        } catch (Launch.Lost e) {
            spark.cancelJobGroup("seq2seq-replicas-" + number);
            throw e;
        }
        l.start(fetched);
        for (Launch.Step step : since) {
            l.step(step);
        }
        log.info("{} replicas started (launch {}) in {} ms{}", options.replicas(), number,
                (System.nanoTime() - began) / 1_000_000,
                since.isEmpty() ? "" : ", " + since.size() + " steps taken again from step " + firstStepOfReplay());
        return l;
    }

    @Override
    public void close() {
        if (launch != null) {
            launch.end(30_000);
            spark.cancelJobGroup("seq2seq-replicas-" + launch.number());
            launch = null;
        }
        if (fetchNanos > 0) {
            log.info(String.format(Locale.ROOT, "state fetched from the replicas: %.0f MB in %.1f s", fetchBytes / 1e6,
                    fetchNanos / 1e9));
        }
        try {
            server.close();
        } catch (IOException e) {
            // closing
        }
    }
}
