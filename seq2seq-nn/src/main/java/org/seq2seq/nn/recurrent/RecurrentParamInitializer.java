package org.seq2seq.nn.recurrent;

import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What both recurrent layers' parameter initializers do alike: the parameters are consecutive
 * views of the layer's slice of the network's flat parameter (and gradient) vector, laid out by
 * {@link #views}; a new layer's are then filled by {@link #initialize}; every key is registered
 * as a variable of the layer; weights and biases are the keys {@link #weightKeys} and
 * {@link #biasKeys} name (layer normalization's gains are neither, so they get no weight decay and
 * no bias init).
 *
 * @param <C> the layer's configuration
 */
public abstract class RecurrentParamInitializer<C extends RecurrentLayerConfig> implements ParamInitializer {
    private final Class<C> layerType;

    protected RecurrentParamInitializer(Class<C> layerType) {
        this.layerType = layerType;
    }

    /** The parameter views of a flat array, in {@link #paramKeys} order. */
    protected abstract Map<String, INDArray> views(C layer, ParamViews flat);

    /**
     * Fills a new layer's parameters.
     *
     * @param weights   the layer's weight initialization
     * @param recurrent its recurrent weight initialization (the weight one when not set)
     */
    protected abstract void initialize(C layer, Map<String, INDArray> params, IWeightInit weights,
                                       IWeightInit recurrent);

    /** The layer's configuration, of this initializer's type. */
    protected final C layer(Layer layer) {
        return layerType.cast(layer);
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return weightKeys(layer).contains(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return biasKeys(layer).contains(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        C c = layer(conf.getLayer());
        Map<String, INDArray> params = views(c, new ParamViews(paramsView));
        if (initializeParams) {
            IWeightInit weights = c.getWeightInitFn();
            initialize(c, params, weights, c.getWeightInitFnRecurrent() != null ? c.getWeightInitFnRecurrent() : weights);
        }
        for (String key : paramKeys(c)) {
            conf.addVariable(key);
        }
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views(layer(conf.getLayer()), new ParamViews(gradientView));
    }
}
