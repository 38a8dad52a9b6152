package org.seq2seq.spark;

import java.io.Serializable;

/**
 * Told on the executor when a replica starts a step (for monitoring, and for tests that make a
 * replica fail to see the run start the replicas again).
 */
@FunctionalInterface
public interface TaskHook extends Serializable {
    /**
     * @param step    the step, from 0
     * @param replica the replica's rank
     * @param launch  the driver's count of the times it started the replicas, from 1
     */
    void started(long step, int replica, int launch);

    /** Does nothing. */
    static TaskHook none() {
        return (step, replica, launch) -> { };
    }
}
