package org.seq2seq.spark.replica;

import java.time.Duration;
import java.util.Objects;
import org.seq2seq.spark.TaskHook;

/**
 * How a run's replicas are kept.
 *
 * @param replicas     model replicas, one task each in the barrier stage (best one per executor,
 *                     with {@code spark.task.cpus} its cores)
 * @param averageEvery 0: synchronous steps, the replicas sum their gradients every step and stay
 *                     bit-identical; K ≥ 1: each replica steps on its share of the batch alone
 *                     and the replicas average their parameters and Adam's moments every K steps
 * @param syncEvery    steps between two fetches of the state to the driver (and before every
 *                     checkpoint and validation): if the replicas fail, at most these steps are
 *                     taken again, from the state fetched last
 * @param relaunches   times in a row the replicas are started again after a failure before the
 *                     run gives up
 * @param startTimeout how long the replicas of a launch may take to call the driver (executors
 *                     starting, the barrier stage waiting for free slots)
 * @param hook         told on the executor as each replica starts a step (monitoring, tests)
 */
public record ReplicaOptions(int replicas, int averageEvery, int syncEvery, int relaunches, Duration startTimeout,
                             TaskHook hook) {
    /** The defaults: fetch every {@value #SYNC_EVERY} steps, {@value #RELAUNCHES} relaunches. */
    public static final int SYNC_EVERY = 200;
    public static final int RELAUNCHES = 3;

    public ReplicaOptions {
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas: at least 1, got " + replicas);
        }
        if (averageEvery < 0) {
            throw new IllegalArgumentException("averageEvery: 0 (synchronous) or more, got " + averageEvery);
        }
        if (syncEvery < 1) {
            throw new IllegalArgumentException("syncEvery: at least 1, got " + syncEvery);
        }
        if (relaunches < 0) {
            throw new IllegalArgumentException("relaunches: 0 or more, got " + relaunches);
        }
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(hook, "hook");
    }

    /** Synchronous replicas with the defaults. */
    public static ReplicaOptions of(int replicas) {
        return new ReplicaOptions(replicas, 0, SYNC_EVERY, RELAUNCHES, Duration.ofMinutes(10), TaskHook.none());
    }

    public ReplicaOptions withAverageEvery(int k) {
        return new ReplicaOptions(replicas, k, syncEvery, relaunches, startTimeout, hook);
    }

    public ReplicaOptions withSyncEvery(int steps) {
        return new ReplicaOptions(replicas, averageEvery, steps, relaunches, startTimeout, hook);
    }

    public ReplicaOptions withHook(TaskHook h) {
        return new ReplicaOptions(replicas, averageEvery, syncEvery, relaunches, startTimeout, h);
    }
}
