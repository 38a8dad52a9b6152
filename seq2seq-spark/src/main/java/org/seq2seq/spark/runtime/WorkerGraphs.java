package org.seq2seq.spark.runtime;

import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.seq2seq.core.runtime.NativeRuntime;

/**
 * Each executor thread's copy of the network, built once from its configuration and given new
 * parameters every step (building one costs far more than setting its parameters). The first
 * network of an executor JVM sets up its native runtime as the driver's ({@link NativeRuntime}):
 * without it each executor ran ND4J's ops on every processor of the machine, competing with the
 * other executors there. Process-wide on purpose: Spark runs a job's tasks on the threads of long-lived
 * executor JVMs, and only a static cache outlives a task. A step's work runs on the task's thread
 * alone (no executor of the library's is bound there): Spark's own parallelism is one task per
 * core.
 */
public final class WorkerGraphs {
    private static final ThreadLocal<Map<String, ComputationGraph>> GRAPHS = ThreadLocal.withInitial(HashMap::new);

    private WorkerGraphs() {
    }

    /** This thread's network of configuration {@code json}. */
    public static ComputationGraph of(String json) {
        NativeRuntime.configure();                              // once per JVM; later calls return at once
        return GRAPHS.get().computeIfAbsent(json, j -> {
            ComputationGraph graph = new ComputationGraph(ComputationGraphConfiguration.fromJson(j));
            graph.init();
            return graph;
        });
    }
}
