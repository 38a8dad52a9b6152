package org.seq2seq.app;

import picocli.CommandLine.Option;

/** {@code train}'s options for taking the steps on a Spark cluster. */
final class SparkOptions {
    @Option(names = "--spark-master", paramLabel = "URL", description = "Take the training steps on Spark: "
            + "local[N], spark://HOST:PORT, yarn, k8s://…, or 'submit' for the master given to spark-submit. Each "
            + "batch is split among the cluster's tasks and their gradients summed: the single-machine step.")
    String master;

    @Option(names = "--spark-partitions", paramLabel = "N", description = "With --spark-master: tasks per batch; "
            + "without it, Spark's default parallelism.")
    Integer partitions;

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
                throw new IllegalArgumentException("--spark-partitions needs --spark-master");
            }
            return;
        }
        if (partitions != null) {
            OptionChecks.atLeast("--spark-partitions", partitions, 1);
        }
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
    }
}
