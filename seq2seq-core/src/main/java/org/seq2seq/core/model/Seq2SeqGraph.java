package org.seq2seq.core.model;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.seq2seq.decoder.GruDecoder;
import org.seq2seq.encoder.EncoderOutputs;
import org.seq2seq.encoder.LstmEncoder;
import org.seq2seq.nn.recurrent.RecurrentLayerConfig;

/**
 * The whole translation model as one {@link ComputationGraph}, trained with teacher forcing: the
 * encoder ({@link LstmEncoder}) from the source ids to the context vector {@code [B, H]} (and,
 * with attention, its per-step outputs), and the decoder ({@link GruDecoder}) from the target
 * ids {@code START y1 … yn} to the softmax over the target vocabulary at each step, scored
 * against {@code y1 … yn END}. Each module names and builds its own part; this class joins them.
 *
 * <p>The inputs' masks (source, target) come with each batch. Every {@code nIn} is explicit and no
 * input types are given (DL4J would override the embeddings' {@code nIn} from them).
 * {@code miniBatch(false)}: the training step divides the gradient by the number of real target
 * tokens itself, as the reference implementation does.
 */
public final class Seq2SeqGraph {
    public static final String SOURCE = "source";
    public static final String DECODER_INPUT = "decoder_input";
    public static final String TARGET_EMBEDDING = GruDecoder.EMBEDDING;
    /** The vertex repeating the context over the target steps, in models saved before the decoder appended it itself. */
    public static final String CONTEXT_STEPS = GruDecoder.CONTEXT_STEPS;
    public static final String DECODER_STEPS = GruDecoder.STEPS;
    public static final String DECODER = GruDecoder.layer(0);
    public static final String ATTENTION = GruDecoder.ATTENTION;
    public static final String OUTPUT = GruDecoder.OUTPUT;

    private Seq2SeqGraph() {
    }

    /**
     * The name of decoder layer {@code layer} (0-based): {@value #DECODER} for the first, as in
     * models saved before stacked decoders, {@code decoder_2}, {@code decoder_3} … above it.
     */
    public static String decoderLayer(int layer) {
        return GruDecoder.layer(layer);
    }

    /**
     * Sets the learning rate of every updater in the graph (each layer's and the attention
     * vertex's), in place: the next step uses it, Adam's moments are kept, and the graph saves it.
     */
    public static void setLearningRate(ComputationGraph graph, double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("the learning rate must be above 0, got " + rate);
        }
        Set<IUpdater> updaters =
                Collections.newSetFromMap(new IdentityHashMap<>());
        for (var vertex : graph.getConfiguration().getVertices().values()) {
            if (vertex instanceof LayerVertex layer) {
                addUpdaters(layer.getLayerConf().getLayer(), updaters);
            }
        }
        for (org.deeplearning4j.nn.api.Layer layer : graph.getLayers()) {
            addUpdaters(layer.conf().getLayer(), updaters);
        }
        updaters.addAll(GruDecoder.vertexUpdaters(graph));
        for (IUpdater updater : updaters) {
            if (updater.hasLearningRate()) {
                updater.setLrAndSchedule(rate, null);
            }
        }
    }

    /**
     * The learning rate of the graph's updaters (as {@link #setLearningRate} sets it on all of
     * them), or NaN when no updater has one.
     */
    public static double learningRate(ComputationGraph graph) {
        for (org.deeplearning4j.nn.api.Layer layer : graph.getLayers()) {
            if (layer.conf().getLayer() instanceof BaseLayer base && base.getIUpdater() != null
                    && base.getIUpdater().hasLearningRate()) {
                return base.getIUpdater().getLearningRate(graph.getIterationCount(), graph.getEpochCount());
            }
        }
        return Double.NaN;
    }

    private static void addUpdaters(org.deeplearning4j.nn.conf.layers.Layer layer,
                                    Set<IUpdater> into) {
        if (layer instanceof BaseLayer base) {
            if (base.getIUpdater() != null) {
                into.add(base.getIUpdater());
            }
            if (base.getBiasUpdater() != null) {
                into.add(base.getBiasUpdater());
            }
        }
    }

    /**
     * Sets variational dropout on the recurrent state of every encoder LSTM layer and every
     * decoder GRU layer of a graph built by this class; it takes effect at once and is saved with
     * the graph.
     *
     * @param probability in [0, 1)
     * @throws IllegalArgumentException for a graph whose encoder is made of DL4J's {@code LSTM}
     *         layers (a model saved before the encoder had its own layer), which have no such dropout
     */
    public static void setRecurrentDropout(ComputationGraph graph, double probability) {
        if (!(probability >= 0 && probability < 1)) {
            throw new IllegalArgumentException("the recurrent dropout must be in [0, 1), got " + probability);
        }
        for (var vertex : graph.getConfiguration().getVertices().values()) {
            if (!(vertex instanceof LayerVertex layerVertex)) {
                continue;
            }
            var layer = layerVertex.getLayerConf().getLayer();
            if (layer instanceof RecurrentLayerConfig recurrent) {         // the encoder's and the decoder's
                recurrent.setRecurrentDropout(probability);
            } else if (probability > 0 && layer instanceof org.deeplearning4j.nn.conf.layers.LSTM) {
                throw new IllegalArgumentException("recurrent dropout needs the encoder's own LSTM layers; this "
                        + "model's encoder is made of DL4J's (it was saved before they existed)");
            }
        }
    }

    /**
     * @param model    sizes and options
     * @param updater  the optimizer (Adam for training, NoOp for gradient checks)
     * @param seed     seed of the parameter initialisation
     * @param dataType FLOAT for training, DOUBLE for gradient checks
     */
    public static ComputationGraphConfiguration configuration(ModelConfig model, IUpdater updater, long seed,
                                                              DataType dataType) {
        GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dataType)
                .updater(updater)
                .weightInit(WeightInit.XAVIER)
                .miniBatch(false)
                .graphBuilder()
                .addInputs(SOURCE, DECODER_INPUT);
        EncoderOutputs encoder = LstmEncoder.add(g, SOURCE, model.encoder(), model.attention().isOn());
        g.setOutputs(GruDecoder.addTo(g, DECODER_INPUT, SOURCE, encoder.context(), encoder.memory(), model.decoder(),
                updater));
        return g.build();
    }

    /** A new, initialised graph. */
    public static ComputationGraph create(ModelConfig model, IUpdater updater, long seed, DataType dataType) {
        ComputationGraph graph = new ComputationGraph(configuration(model, updater, seed, dataType));
        graph.init();
        return graph;
    }
}
