package org.seq2seq.spark;

import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Each executor thread's copy of the network, built once from its configuration and given new
 * parameters every step (building one costs far more than setting its parameters).
 */
final class WorkerGraphs {
    private static final ThreadLocal<Map<String, ComputationGraph>> GRAPHS = ThreadLocal.withInitial(HashMap::new);

    private WorkerGraphs() {
    }

    /** This thread's network of configuration {@code json}. */
    static ComputationGraph of(String json) {
        return GRAPHS.get().computeIfAbsent(json, j -> {
            ComputationGraph graph = new ComputationGraph(ComputationGraphConfiguration.fromJson(j));
            graph.init();
            return graph;
        });
    }
}
