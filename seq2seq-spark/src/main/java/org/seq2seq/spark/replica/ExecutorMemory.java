package org.seq2seq.spark.replica;

import java.util.Locale;
import org.apache.spark.SparkConf;

/**
 * Whether an executor's memory holds a replica, checked on the driver before the replicas start:
 * a replica that runs out of memory fails its barrier stage over and over with an error deep in a
 * Spark log, where this says how much to ask for.
 *
 * <p>An executor's {@code spark.executor.memory} is its JVM heap. Spark keeps 300 MiB of it for
 * itself. A replica holds its parameters, their gradient and Adam's two moments in native memory
 * (4 floats a parameter; ND4J may take as much native memory as the heap is large), and on the
 * heap the array its gradient is summed in and, while its state travels to or from the driver, a
 * copy of that state (4 floats a parameter at most). Twice that leaves room for the activations
 * of a batch and the copies in flight.
 */
final class ExecutorMemory {
    /** What Spark keeps of an executor's heap ({@code RESERVED_SYSTEM_MEMORY_BYTES}). */
    static final long SPARK_RESERVED = 300L << 20;

    private ExecutorMemory() {
    }

    /** The memory an executor needs for one replica of a model of {@code parameters} parameters, in bytes. */
    static long needed(long parameters) {
        return SPARK_RESERVED + 2 * 4 * Float.BYTES * parameters;
    }

    /**
     * Fails unless the executors of {@code conf} are given enough memory (on a cluster; in
     * {@code local} mode the executors are the driver's JVM, checked when the run starts).
     *
     * @throws IllegalArgumentException saying how much is needed and how to ask for it
     */
    static void check(SparkConf conf, long parameters) {
        if (conf.get("spark.master", "").startsWith("local")) {
            return;
        }
        long executor = conf.getSizeAsBytes("spark.executor.memory", "1g");
        long needed = needed(parameters);
        if (executor < needed) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "spark.executor.memory is %d MiB, but a "
                            + "replica of this model (%.3g parameters) needs about %d MiB on its executor: start "
                            + "the run with --conf spark.executor.memory=%dm (or more), or choose a smaller model",
                    executor >> 20, (double) parameters, needed >> 20, (needed >> 20) + 1));
        }
    }
}
