package org.seq2seq.nn;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seq2seq.nn.runtime.SafeExecution;

/**
 * What every layer configuration's {@code instantiate} does with the new layer, in DL4J's order,
 * after making sure ND4J keeps its ops' arrays alive while they run ({@link SafeExecution}).
 */
public final class LayerWiring {
    private LayerWiring() {
    }

    /**
     * Gives a new layer its listeners, index, parameter view (initialised or kept) and configuration.
     *
     * @return {@code layer}
     */
    public static <L extends Layer> L wire(L layer, NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                           int layerIndex, INDArray layerParamsView, boolean initializeParams,
                                           ParamInitializer initializer) {
        SafeExecution.install();                       // before the network runs any op
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        layer.setParamTable(initializer.init(conf, layerParamsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }
}
