package org.seq2seq.decoder.gru;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.DuplicateToTimeSeriesVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A small graph around one GRU decoder layer, as the model wires it: step inputs "x"
 * {@code [B, E, T]} and a context "c" {@code [B, C]}, the context repeated over time and merged
 * behind the step inputs, the GRU, and a linear output with squared error.
 */
final class GruGraphs {
    static final int E = 3;
    static final int C = 2;
    static final int H = 4;
    static final int OUT = 3;

    private GruGraphs() {
    }

    static ComputationGraph graph(boolean feedContext, double inputDropout, IUpdater updater, long seed) {
        return graph(feedContext, inputDropout, 0, updater, seed);
    }

    static ComputationGraph graph(boolean feedContext, double inputDropout, double recurrentDropout, IUpdater updater,
                                  long seed) {
        return graph(feedContext, inputDropout, recurrentDropout, false, updater, seed);
    }

    static ComputationGraph graph(boolean feedContext, double inputDropout, double recurrentDropout, boolean layerNorm,
                                  IUpdater updater, long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .seed(seed)
                .updater(updater)
                .weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("x", "c")
                .setInputTypes(InputType.recurrent(E), InputType.feedForward(C))
                .addVertex("c_seq", new DuplicateToTimeSeriesVertex("x"), "c")
                .addVertex("merged", new MergeVertex(), "x", "c_seq")
                .addLayer("gru", GruDecoderLayer.builder().nOut(H).contextSize(C).feedContext(feedContext)
                        .inputDropout(inputDropout).recurrentDropout(recurrentDropout).layerNorm(layerNorm).build(), "merged")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).nOut(OUT).dataFormat(RNNFormat.NCW).build(), "gru")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /** {@code [B, T]} with 1 for the first lengths[b] steps of row b. */
    static INDArray mask(int steps, int... lengths) {
        INDArray mask = Nd4j.create(DataType.DOUBLE, lengths.length, steps);
        for (int b = 0; b < lengths.length; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                mask.putScalar(b, t, 1.0);
            }
        }
        return mask;
    }
}
