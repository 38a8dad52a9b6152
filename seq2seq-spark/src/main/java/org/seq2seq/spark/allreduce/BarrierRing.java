package org.seq2seq.spark.allreduce;

import java.time.Duration;
import java.util.List;
import org.apache.spark.BarrierTaskContext;

/**
 * The ring of the tasks of one Spark barrier stage: each task listens on its executor's host,
 * the tasks exchange their addresses with {@code BarrierTaskContext.allGather} (which also waits
 * until all of them have started), and task i joins as rank i. If a task fails, Spark fails and
 * retries the whole stage, so a ring never runs with a rank missing.
 */
public final class BarrierRing {
    private BarrierRing() {
    }

    /**
     * Joins the ring of the barrier stage this task runs in.
     *
     * @param timeout how long to wait for a neighbour once the addresses are known
     * @throws IllegalStateException outside a barrier stage
     */
    public static RingAllReduce join(Duration timeout) {
        BarrierTaskContext context = BarrierTaskContext.get();
        if (context == null) {
            throw new IllegalStateException("not in a task of a Spark barrier stage");
        }
        int rank = context.partitionId();
        String executor = context.getTaskInfos()[rank].address();         // HOST:PORT of this task's executor
        String host = executor.substring(0, executor.lastIndexOf(':'));
        RingAllReduce.Endpoint endpoint = RingAllReduce.listen(host);
        List<String> addresses = List.of(context.allGather(endpoint.address()));
        return RingAllReduce.join(endpoint, rank, addresses, timeout);
    }
}
