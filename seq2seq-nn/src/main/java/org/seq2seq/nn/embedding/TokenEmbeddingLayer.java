package org.seq2seq.nn.embedding;

import java.util.ArrayList;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seq2seq.nn.LayerWiring;

/**
 * Configuration of a token embedding layer: ids {@code [B, T]} in, their rows of {@code W [V, E]}
 * out as {@code [B, E, T]} (NCW), zero at masked steps, no bias. It is DL4J's
 * {@code EmbeddingSequenceLayer} configured as its builder does by default, with the same
 * parameters, initialisation and forward pass; only the implementation differs
 * ({@link TokenEmbeddingLayerImpl}, whose backward pass is faster). Models saved before it keep
 * DL4J's class; their parameters have the same layout, so either layer can take the other's.
 */
public class TokenEmbeddingLayer extends EmbeddingSequenceLayer {
    private static final long serialVersionUID = 1L;

    /** For JSON deserialization; {@link #of} for a new layer. */
    public TokenEmbeddingLayer() {
    }

    /**
     * @param vocabulary V, the number of ids
     * @param size       E, the embedding size
     */
    public static TokenEmbeddingLayer of(long vocabulary, long size) {
        if (vocabulary < 1 || size < 1) {
            throw new IllegalArgumentException("an embedding needs a vocabulary and a size of at least 1, got "
                    + vocabulary + " and " + size);
        }
        TokenEmbeddingLayer layer = new TokenEmbeddingLayer();
        // what EmbeddingSequenceLayer.Builder and the builders above it set by default
        layer.setNIn(vocabulary);
        layer.setNOut(size);
        layer.setHasBias(false);
        layer.setInputLength(1);
        layer.setInferInputLength(true);
        layer.setOutputFormat(RNNFormat.NCW);
        layer.setActivationFn(new ActivationIdentity());
        layer.setBiasInit(Double.NaN);
        layer.setGainInit(Double.NaN);
        layer.setGradientNormalizationThreshold(Double.NaN);
        layer.setRegularization(new ArrayList<>());
        layer.setRegularizationBias(new ArrayList<>());
        return layer;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new TokenEmbeddingLayerImpl(conf, networkDataType), conf, listeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }

    @Override
    public TokenEmbeddingLayer clone() {
        return (TokenEmbeddingLayer) super.clone();
    }
}
