package org.seq2seq.encoder;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.LastTimeStepVertex;
import org.deeplearning4j.nn.conf.graph.rnn.ReverseTimeSeriesVertex;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.nd4j.linalg.activations.Activation;
import org.seq2seq.encoder.lstm.EncoderContextVertex;
import org.seq2seq.nn.embedding.TokenEmbeddingLayer;
import org.seq2seq.encoder.lstm.LstmEncoderLayer;

/**
 * Adds the encoder to a graph under construction. Of the {@linkplain LstmImplementation#FUSED
 * fused} layers (every new model):
 *
 * <pre>
 * source ids [B, 1, S] ─ source_embedding [B, E, S] ─ encoder_0 … encoder_{L−1} [B, H, S]
 *                       ─ context [B, H]
 * </pre>
 *
 * where each {@code encoder_i} is an {@link LstmEncoderLayer}, bidirectional or not, and the
 * context an {@link EncoderContextVertex}: the forward state at each sentence's last real token,
 * and for a bidirectional encoder the backward state at the first (found from the source mask).
 *
 * <p>Of {@linkplain LstmImplementation#DL4J DL4J's} layers (models saved before the fused ones):
 *
 * <pre>
 * source ids [B, 1, S] ─ source_embedding [B, E, S] ─ encoder_0 … encoder_{L−1} (LSTM) [B, H, S]
 *                       ─ context (LastTimeStepVertex: the state at each sentence's true length,
 *                                  found from the source mask) [B, H]
 * </pre>
 *
 * Bidirectional ({@link EncoderConfig#bidirectional()}), each layer {@code i} is
 *
 * <pre>
 * encoder_fwd_i      LSTM of H/2 units over the layer's input                 [B, H/2, S]
 * encoder_rev_in_i   the input with each sentence's real tokens reversed      [B, in, S]
 * encoder_bwd_i      LSTM of H/2 units over that, i.e. right to left          [B, H/2, S]
 * encoder_bwd_out_i  its outputs put back in reading order                    [B, H/2, S]
 * encoder_i          merge(encoder_fwd_i, encoder_bwd_out_i)                  [B, H, S]
 * </pre>
 *
 * and the context is {@code merge(last state of the forward LSTM, last state of the backward
 * LSTM)} {@code [B, H]}: the forward state after the last real token and the backward state after
 * the first. DL4J's {@code ReverseTimeSeriesVertex} reverses only the real tokens, so padding
 * stays at the end in both directions and the source mask holds for both.
 *
 * <p>The source input's mask array marks the real tokens; without it every sentence is taken to
 * fill the whole batch length. Every layer's {@code nIn} is set here: do not give the graph input
 * types, for DL4J would then override them (the embedding's {@code nIn} is the vocabulary size,
 * which no input type carries).
 */
public final class LstmEncoder {
    /** Name of the source embedding layer. */
    public static final String EMBEDDING = "source_embedding";
    /** Name of the context vertex, {@code [B, H]}. */
    public static final String CONTEXT = "context";

    private LstmEncoder() {
    }

    /** Name of LSTM layer {@code i}, from 0; of a bidirectional encoder, the merge of layer i's two directions. */
    public static String lstm(int i) {
        return "encoder_" + i;
    }

    /**
     * @param graph       the graph under construction
     * @param sourceInput the name of the graph input holding source ids {@code [B, 1, S]}
     * @param config      the encoder's sizes
     * @return the name of the context vertex ({@link #CONTEXT})
     */
    public static String addTo(GraphBuilder graph, String sourceInput, EncoderConfig config) {
        return add(graph, sourceInput, config, false).context();
    }

    /**
     * @param graph       the graph under construction
     * @param sourceInput the name of the graph input holding source ids {@code [B, 1, S]}
     * @param config      the encoder's sizes
     * @param withMemory   whether the per-step outputs of the last layer are used (a graph must not
     *                    hold vertices nobody reads: without it a bidirectional encoder's last
     *                    merge is left out)
     * @return the names of the context vertex and of the per-step outputs (null when not
     *         {@code withMemory} and bidirectional of DL4J's layers)
     */
    public static EncoderOutputs add(GraphBuilder graph, String sourceInput, EncoderConfig config,
                                     boolean withMemory) {
        graph.addLayer(EMBEDDING, TokenEmbeddingLayer.of(config.vocabularySize(), config.embeddingSize()), sourceInput);
        if (config.lstm() == LstmImplementation.FUSED) {
            return addFused(graph, sourceInput, config);
        }
        String previous = EMBEDDING;
        int in = config.embeddingSize();
        if (!config.bidirectional()) {
            for (int i = 0; i < config.layers(); i++) {
                graph.addLayer(lstm(i), lstm(config, in), previous);
                previous = lstm(i);
                in = config.hiddenSize();
            }
            graph.addVertex(CONTEXT, new LastTimeStepVertex(sourceInput), previous);
            return new EncoderOutputs(CONTEXT, previous);
        }
        String forward = null;
        String backward = null;
        for (int i = 0; i < config.layers(); i++) {
            forward = "encoder_fwd_" + i;
            backward = "encoder_bwd_" + i;
            graph.addLayer(forward, lstm(config, in), previous)
                    .addVertex("encoder_rev_in_" + i, new ReverseTimeSeriesVertex(sourceInput), previous)
                    .addLayer(backward, lstm(config, in), "encoder_rev_in_" + i);
            if (i == config.layers() - 1 && !withMemory) {
                previous = null;
                break;
            }
            graph.addVertex("encoder_bwd_out_" + i, new ReverseTimeSeriesVertex(sourceInput), backward)
                    .addVertex(lstm(i), new MergeVertex(), forward, "encoder_bwd_out_" + i);
            previous = lstm(i);
            in = config.hiddenSize();
        }
        graph.addVertex("context_fwd", new LastTimeStepVertex(sourceInput), forward)
                .addVertex("context_bwd", new LastTimeStepVertex(sourceInput), backward)
                .addVertex(CONTEXT, new MergeVertex(), "context_fwd", "context_bwd");
        return new EncoderOutputs(CONTEXT, previous);
    }

    private static EncoderOutputs addFused(GraphBuilder graph, String sourceInput, EncoderConfig config) {
        String previous = EMBEDDING;
        int in = config.embeddingSize();
        for (int i = 0; i < config.layers(); i++) {
            graph.addLayer(lstm(i), LstmEncoderLayer.builder().nIn(in).nOut(config.hiddenSize())
                    .bidirectional(config.bidirectional()).inputDropout(config.dropout())
                    .layerNorm(config.layerNorm()).build(), previous);
            previous = lstm(i);
            in = config.hiddenSize();
        }
        graph.addVertex(CONTEXT, new EncoderContextVertex(sourceInput, config.unitsPerDirection()), previous);
        return new EncoderOutputs(CONTEXT, previous);
    }

    private static LSTM lstm(EncoderConfig config, int in) {
        LSTM.Builder lstm = new LSTM.Builder().nIn(in).nOut(config.unitsPerDirection())
                .activation(Activation.TANH).gateActivationFunction(Activation.SIGMOID)
                .dataFormat(RNNFormat.NCW);
        if (config.dropout() > 0) {
            lstm.dropOut(new Dropout(1.0 - config.dropout()));   // DL4J takes the probability of keeping
        }
        return lstm.build();
    }
}
