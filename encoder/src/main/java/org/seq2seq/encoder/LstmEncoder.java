package org.seq2seq.encoder;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.graph.rnn.LastTimeStepVertex;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.nd4j.linalg.activations.Activation;

/**
 * Adds the encoder to a graph under construction:
 *
 * <pre>
 * source ids [B, 1, S] ─ source_embedding [B, E, S] ─ encoder_0 … encoder_{L−1} (LSTM) [B, H, S]
 *                       ─ context (LastTimeStepVertex: the state at each sentence's true length,
 *                                  found from the source mask) [B, H]
 * </pre>
 *
 * The source input's mask array marks the real tokens; without it every sentence is taken to
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

    /** Name of LSTM layer {@code i}, from 0. */
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
        graph.addLayer(EMBEDDING, new EmbeddingSequenceLayer.Builder()
                .nIn(config.vocabularySize()).nOut(config.embeddingSize())
                .outputDataFormat(RNNFormat.NCW).build(), sourceInput);
        String previous = EMBEDDING;
        int in = config.embeddingSize();
        for (int i = 0; i < config.layers(); i++) {
            LSTM.Builder lstm = new LSTM.Builder().nIn(in).nOut(config.hiddenSize())
                    .activation(Activation.TANH).gateActivationFunction(Activation.SIGMOID)
                    .dataFormat(RNNFormat.NCW);
            if (config.dropout() > 0) {
                lstm.dropOut(new Dropout(1.0 - config.dropout()));   // DL4J takes the probability of keeping
            }
            graph.addLayer(lstm(i), lstm.build(), previous);
            previous = lstm(i);
            in = config.hiddenSize();
        }
        graph.addVertex(CONTEXT, new LastTimeStepVertex(sourceInput), previous);
        return CONTEXT;
    }
}
