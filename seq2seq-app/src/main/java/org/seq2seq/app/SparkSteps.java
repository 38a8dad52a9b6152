package org.seq2seq.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.seq2seq.core.train.BatchRunner;
import org.seq2seq.spark.HadoopCorpora;
import org.seq2seq.spark.HadoopLocation;
import org.seq2seq.spark.replica.ReplicaOptions;
import org.seq2seq.spark.replica.ReplicaRunner;

/**
 * A Spark context for one training run and the runners that take its steps there. Only loaded
 * when {@code --spark-master} is given, so that the jar runs without Spark otherwise.
 */
final class SparkSteps implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SparkSteps.class);

    private final JavaSparkContext spark;
    private final ReplicaOptions replicas;

    SparkSteps(SparkOptions options) {
        SparkConf conf = new SparkConf().setAppName("seq2seq train");    // and what spark-submit set
        if (!options.master.equals("submit")) {
            conf.setMaster(options.master);
        }
        // a barrier stage waits for free slots, checking every 15 s by default: after a lost executor the new one
        // is there within seconds, so check more often (as many times, the same 10 minutes in all)
        conf.setIfMissing("spark.scheduler.barrier.maxConcurrentTasksCheck.interval", "2s");
        conf.setIfMissing("spark.scheduler.barrier.maxConcurrentTasksCheck.maxFailures", "300");
        String jar = SparkSteps.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        if (!conf.contains("spark.jars") && jar.endsWith(".jar")) {
            conf.setJars(new String[] {jar});               // a cluster's executors need this jar's classes
        }
        spark = new JavaSparkContext(conf);
        int n = options.partitions != null ? options.partitions : spark.defaultParallelism();
        log.info("{} model replicas{}", n, options.partitions != null ? "" : " (the local master's threads; "
                + "--spark-replicas sets it)");
        replicas = ReplicaOptions.of(n).withAverageEvery(options.averageEvery).withSyncEvery(options.syncEvery);
    }

    /**
     * A corpus as a local file: a Hadoop location ({@code hdfs://…}) copied into {@code directory}
     * with this context's Hadoop configuration, anything else as the local path it is.
     */
    Path localCopy(String location, Path directory) throws IOException {
        if (!HadoopLocation.is(location)) {
            return Path.of(location);
        }
        Path local = HadoopCorpora.copyToLocal(location, spark.hadoopConfiguration(), directory);
        log.info("copied {} to {} ({} bytes)", location, local, Files.size(local));
        return local;
    }

    BatchRunner.Factory runners() {
        return ReplicaRunner.on(spark, replicas);
    }

    @Override
    public void close() {
        spark.close();
    }
}
