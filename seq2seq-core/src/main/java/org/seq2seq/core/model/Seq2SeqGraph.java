package org.seq2seq.core.model;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.seq2seq.decoder.attention.AttentionVertex;
import org.seq2seq.decoder.gru.AppendContextVertex;
import org.seq2seq.decoder.gru.GruDecoderLayer;
import org.seq2seq.decoder.output.SoftmaxOutputLayer;
import org.seq2seq.encoder.EncoderOutputs;
import org.seq2seq.encoder.LstmEncoder;
import org.seq2seq.encoder.lstm.LstmEncoderLayer;
import org.seq2seq.nn.embedding.TokenEmbeddingLayer;

/**
 * The whole translation model as one {@link ComputationGraph}, trained with teacher forcing:
 *
 * <pre>
 * source          [B, 1, S] ids ─ LSTM encoder ─ context [B, H]
 * decoder_input   [B, 1, T] ids (START y1 … yn) ─ target_embedding [B, E, T] ({@link TokenEmbeddingLayer})
 * decoder_steps   target_embedding with the context appended to every step  [B, E + H, T]
 *                 ({@link AppendContextVertex}; models saved before it repeat the context in a
 *                 vertex context_steps [B, H, T] and concatenate the two in a MergeVertex)
 * decoder         GRU, h0 = tanh(Wc·context + bc)        [B, H, T]
 * decoder_2 …     (with decoder layers L ≥ 2) layer l reads layer l-1's output with the context
 *                 appended, [B, 2H, T], and is seeded from the context as the first; with residual
 *                 connections its output is decoder_l + its input, decoder_l_residual [B, H, T]
 * attention       (if on) Luong attention over the encoder's per-step outputs   [B, H, T]
 * output          softmax over the target vocabulary     [B, V, T], cross-entropy against the label
 *                 ids (y1 … yn END), masked by the label mask ({@link SoftmaxOutputLayer})
 * </pre>
 *
 * The inputs' masks (source, target) come with each batch. Every {@code nIn} is explicit and no
 * input types are given (DL4J would override the embeddings' {@code nIn} from them).
 * {@code miniBatch(false)}: the training step divides the gradient by the number of real target
 * tokens itself, as the reference implementation does.
 */
public final class Seq2SeqGraph {
    public static final String SOURCE = "source";
    public static final String DECODER_INPUT = "decoder_input";
    public static final String TARGET_EMBEDDING = "target_embedding";
    /** The vertex repeating the context over the target steps, in models saved before {@link AppendContextVertex}. */
    public static final String CONTEXT_STEPS = "context_steps";
    public static final String DECODER_STEPS = "decoder_steps";
    public static final String DECODER = "decoder";
    /** The suffix of the vertex that appends the context to a stacked decoder layer's input. */
    private static final String STEPS_SUFFIX = "_steps";
    /** The suffix of the vertex that adds a stacked decoder layer's input to its output. */
    private static final String RESIDUAL_SUFFIX = "_residual";
    public static final String ATTENTION = "attention";
    public static final String OUTPUT = "output";

    private Seq2SeqGraph() {
    }

    /**
     * The name of decoder layer {@code layer} (0-based): {@value #DECODER} for the first, as in
     * models saved before stacked decoders, {@code decoder_2}, {@code decoder_3} … above it.
     */
    public static String decoderLayer(int layer) {
        return layer == 0 ? DECODER : DECODER + "_" + (layer + 1);
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
            } else if (vertex instanceof AttentionVertex attention) {
                updaters.add(attention.getUpdater());
            }
        }
        for (org.deeplearning4j.nn.api.Layer layer : graph.getLayers()) {
            addUpdaters(layer.conf().getLayer(), updaters);
        }
        for (var vertex : graph.getVertices()) {
            if (vertex.getConfig() instanceof AttentionVertex attention) {
                updaters.add(attention.getUpdater());
            }
        }
        for (IUpdater updater : updaters) {
            if (updater.hasLearningRate()) {
                updater.setLrAndSchedule(rate, null);
            }
        }
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
     * The configuration of a graph's output layer, as built by this class: settings made on it
     * (label smoothing) take effect at once and are saved with the graph.
     */
    public static SoftmaxOutputLayer outputLayer(ComputationGraph graph) {
        var vertex = graph.getConfiguration().getVertices().get(OUTPUT);
        if (vertex instanceof LayerVertex layer
                && layer.getLayerConf().getLayer() instanceof SoftmaxOutputLayer output) {
            return output;
        }
        throw new IllegalArgumentException("the graph has no " + SoftmaxOutputLayer.class.getSimpleName() + " named '"
                + OUTPUT + "' (a model saved before it existed?)");
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
            if (layer instanceof GruDecoderLayer gru) {
                gru.setRecurrentDropout(probability);
            } else if (layer instanceof LstmEncoderLayer lstm) {
                lstm.setRecurrentDropout(probability);
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
        String context = encoder.context();
        g.addLayer(TARGET_EMBEDDING, TokenEmbeddingLayer.of(model.targetVocabularySize(), model.embeddingSize()),
                        DECODER_INPUT)
                .addVertex(DECODER_STEPS, new AppendContextVertex(), TARGET_EMBEDDING, context)
                .addLayer(DECODER, GruDecoderLayer.builder()
                        .nIn(model.embeddingSize() + model.hiddenSize()).nOut(model.hiddenSize())
                        .contextSize(model.hiddenSize()).feedContext(model.feedContext())
                        .inputDropout(model.dropout()).layerNorm(model.decoderLayerNorm()).build(), DECODER_STEPS);
        String below = DECODER;
        for (int layer = 1; layer < model.decoderLayers(); layer++) {
            String name = decoderLayer(layer);
            g.addVertex(name + STEPS_SUFFIX, new AppendContextVertex(), below, context)
                    .addLayer(name, GruDecoderLayer.builder()
                            .nIn(2L * model.hiddenSize()).nOut(model.hiddenSize())
                            .contextSize(model.hiddenSize()).feedContext(model.feedContext())
                            .inputDropout(model.dropout()).layerNorm(model.decoderLayerNorm()).build(),
                            name + STEPS_SUFFIX);
            if (model.decoderResidual()) {
                g.addVertex(name + RESIDUAL_SUFFIX, new ElementWiseVertex(ElementWiseVertex.Op.Add), name, below);
                below = name + RESIDUAL_SUFFIX;
            } else {
                below = name;
            }
        }
        String beforeOutput = below;
        if (model.attention().isOn()) {
            g.addVertex(ATTENTION, new AttentionVertex(model.attention(), model.hiddenSize(), model.hiddenSize(),
                    SOURCE, updater), below, encoder.memory());
            beforeOutput = ATTENTION;
        }
        g.addLayer(OUTPUT, SoftmaxOutputLayer.of(model.hiddenSize(), model.targetVocabularySize()), beforeOutput)
                .setOutputs(OUTPUT);
        return g.build();
    }

    /** A new, initialised graph. */
    public static ComputationGraph create(ModelConfig model, IUpdater updater, long seed, DataType dataType) {
        ComputationGraph graph = new ComputationGraph(configuration(model, updater, seed, dataType));
        graph.init();
        return graph;
    }
}
