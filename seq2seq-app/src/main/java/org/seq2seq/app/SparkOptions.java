package org.seq2seq.app;

import org.seq2seq.spark.replica.ReplicaOptions;
import picocli.CommandLine.Option;

/** {@code train}'s options for taking the steps on a Spark cluster. */
final class SparkOptions {
    @Option(names = "--spark-master", paramLabel = "URL", description = "Train on Spark: local[N], "
            + "spark://HOST:PORT, yarn, k8s://…, or 'submit' for the master given to spark-submit. Model replicas "
            + "live on the executors for the whole run and sum their gradients among themselves every step: the "
            + "single-machine step on the whole batch.")
    String master;

    @Option(names = {"--spark-replicas", "--spark-partitions"}, paramLabel = "N", description = "With --spark-master: "
            + "model replicas, each taking 1/N of every batch; best one per executor, with spark.task.cpus set to "
            + "the executor's cores. Needed on a cluster; with local[N], N by default.")
    Integer partitions;

    @Option(names = "--spark-average-every", paramLabel = "K", description = "With --spark-master: instead of "
            + "summing gradients every step, let each replica step on its share alone and average the replicas' "
            + "parameters every K steps (local SGD); 0 (the default) for synchronous steps.")
    int averageEvery = 0;

    @Option(names = "--spark-sync-every", paramLabel = "STEPS", description = "With --spark-master: steps between "
            + "two copies of the replicas' state to the driver (also at every checkpoint); after a failure at most "
            + "these steps are taken again.")
    int syncEvery = ReplicaOptions.SYNC_EVERY;

    /** Whether the steps go to Spark. */
    boolean used() {
        return master != null;
    }

    /**
     * Checks what can be checked before anything is read or written: the options, that Spark is
     * there, and that a standalone master accepts connections.
     */
    void check() {
        if (master == null) {
            if (partitions != null) {
                throw new IllegalArgumentException("--spark-replicas needs --spark-master");
            }
            return;
        }
        if (partitions != null) {
            OptionChecks.atLeast("--spark-replicas", partitions, 1);
        }
        OptionChecks.atLeast("--spark-average-every", averageEvery, 0);
        OptionChecks.atLeast("--spark-sync-every", syncEvery, 1);
        try {
            Class.forName("org.apache.spark.SparkConf", false, SparkOptions.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("--spark-master " + master + ": Spark is not on the class path; start "
                    + "the jar with spark-submit (see README, Training on Spark)");
        }
        String url = master.equals("submit") ? System.getProperty("spark.master", "") : master;
        if (url.startsWith("spark://")) {                   // a standalone master: is it there?
            StandaloneMasters.requireOneAnswers(master.equals("submit") ? "spark.master" : "--spark-master", url);
        }
        if (partitions == null && !url.isEmpty() && !url.startsWith("local")) {
            // Spark's default parallelism counts the cores of the executors registered so far: on a cluster that has
            // just started, often none (then 2), whatever the cluster's size
            throw new IllegalArgumentException("--spark-master " + master + (master.equals("submit") ? " (" + url + ")"
                    : "") + ": give --spark-replicas N on a cluster, one replica per executor (with spark.task.cpus "
                    + "set to its cores); Spark's default parallelism counts only the executors registered so far");
        }
    }
}
