package org.seq2seq.core.translate;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.concurrent.ConcurrentLinkedDeque;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seq2seq.core.model.Seq2SeqGraph;
import org.seq2seq.core.model.Seq2SeqModel;
import org.seq2seq.encoder.EncoderOutputs;
import org.seq2seq.encoder.LstmEncoder;

/**
 * The encoder part of a trained model as a graph of its own: source ids in, context vectors (and,
 * for a model with attention, the per-step encoder outputs) out, without running the decoder. Its
 * layers are the encoder's own layer classes, so encoding runs the kernels training runs, and they
 * read the model's parameter arrays themselves: the encoder's weights are held once. DL4J graphs
 * are not thread-safe, so each caller encodes on a graph of its own, taken from those idle (one
 * per caller that ever encoded at the same time as others, each only views of the weights and its
 * own workspaces): encoding runs on as many workers as translate.
 */
final class ContextEncoder {
    private final ComputationGraph trained;
    private final ComputationGraphConfiguration configuration;
    private final long parameterCount;
    private final boolean withMemory;
    /** The graphs no caller encodes on now. */
    private final ConcurrentLinkedDeque<ComputationGraph> idle = new ConcurrentLinkedDeque<>();

    /**
     * What the encoder gives the decoder.
     *
     * @param context the context vectors {@code [B, H]}
     * @param memory  the per-step encoder outputs {@code [B, S, H]} ('c' ordered, batch first), or
     *                null when the model does not attend
     */
    record Encoded(INDArray context, INDArray memory) {
    }

    ContextEncoder(Seq2SeqModel model) {
        trained = model.graph();
        DataType type = trained.params().dataType();
        GraphBuilder builder = new NeuralNetConfiguration.Builder().dataType(type).graphBuilder()
                .addInputs(Seq2SeqGraph.SOURCE);
        withMemory = model.config().attention().isOn();
        EncoderOutputs outputs = LstmEncoder.add(builder, Seq2SeqGraph.SOURCE, model.config().encoder(), withMemory);
        builder = withMemory ? builder.setOutputs(outputs.context(), outputs.memory()) : builder.setOutputs(outputs.context());
        configuration = builder.build();
        parameterCount = configuration.getVertices().values().stream().mapToLong(v -> v.numParams(true)).sum();
        idle.add(newGraph());                                // the first now: a model that cannot encode fails here
    }

    /** A graph of the encoder's layers over the trained graph's parameter arrays. */
    private ComputationGraph newGraph() {
        ComputationGraph graph = new ComputationGraph(configuration.clone());
        // DL4J makes a graph over one flat parameter array. Given one (not cloned), it neither
        // allocates nor initialises its own; the span of the trained graph's array stands in for
        // it, and each layer is then pointed at its namesake's parameter table in the trained
        // graph: the arrays computed with are the trained ones, not copies.
        graph.init(trained.params().get(all(), interval(0, parameterCount)), false);
        for (Layer layer : graph.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            layer.setParamTable(trained.getLayer(name).paramTable());
        }
        return graph;
    }

    /**
     * @param source ids {@code [B, 1, S]}
     * @param mask   1 at real tokens, 0 at padding {@code [B, S]}
     */
    Encoded encode(INDArray source, INDArray mask) {
        ComputationGraph graph = idle.pollFirst();
        if (graph == null) {
            graph = newGraph();
        }
        try {
            INDArray[] out = graph.output(false, new INDArray[] {source}, new INDArray[] {mask}, null);
            return new Encoded(out[0].detach(), withMemory ? out[1].permute(0, 2, 1).dup('c').detach() : null);
        } finally {
            idle.addFirst(graph);
        }
    }

    /** The parameter arrays each layer computes with, by layer name and key: for tests. */
    java.util.Map<String, java.util.Map<String, INDArray>> parameterTables() {
        java.util.Map<String, java.util.Map<String, INDArray>> tables = new java.util.LinkedHashMap<>();
        for (Layer layer : idle.getFirst().getLayers()) {
            tables.put(layer.conf().getLayer().getLayerName(), layer.paramTable());
        }
        return tables;
    }
}
