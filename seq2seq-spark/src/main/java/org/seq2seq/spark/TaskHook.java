package org.seq2seq.spark;

import java.io.Serializable;

/**
 * Told when a partition starts its share of a step, on the executor (for monitoring, and for
 * tests that make a task fail to see Spark run it again).
 */
@FunctionalInterface
public interface TaskHook extends Serializable {
    /**
     * @param step      the step, from 0
     * @param partition the partition
     * @param attempt   Spark's attempt number of this task, from 0
     */
    void started(long step, int partition, int attempt);

    /** Does nothing. */
    static TaskHook none() {
        return (step, partition, attempt) -> { };
    }
}
