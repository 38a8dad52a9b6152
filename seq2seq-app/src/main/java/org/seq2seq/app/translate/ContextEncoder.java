package org.seq2seq.app.translate;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seq2seq.app.model.Seq2SeqGraph;
import org.seq2seq.app.model.Seq2SeqModel;
import org.seq2seq.encoder.LstmEncoder;

/**
 * The encoder part of a trained model as a graph of its own, holding a copy of the encoder's
 * parameters: source ids in, context vectors out, without running the decoder. DL4J graphs are
 * not thread-safe, so calls are serialized; encoding is a small part of translating.
 */
final class ContextEncoder {
    private final ComputationGraph graph;

    ContextEncoder(Seq2SeqModel model) {
        DataType type = model.graph().params().dataType();
        GraphBuilder builder = new NeuralNetConfiguration.Builder().dataType(type).graphBuilder()
                .addInputs(Seq2SeqGraph.SOURCE);
        String context = LstmEncoder.addTo(builder, Seq2SeqGraph.SOURCE, model.config().encoder());
        graph = new ComputationGraph(builder.setOutputs(context).build());
        graph.init();
        for (Layer layer : graph.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            layer.setParams(model.graph().getLayer(name).params().dup());
        }
    }

    /**
     * @param source ids {@code [B, 1, S]}
     * @param mask   1 at real tokens, 0 at padding {@code [B, S]}
     * @return the context vectors {@code [B, H]}
     */
    synchronized INDArray encode(INDArray source, INDArray mask) {
        return graph.output(false, new INDArray[] {source}, new INDArray[] {mask}, null)[0].detach();
    }
}
