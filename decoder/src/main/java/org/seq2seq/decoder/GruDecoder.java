package org.seq2seq.decoder;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.learning.config.IUpdater;
import org.seq2seq.decoder.attention.Attention;
import org.seq2seq.decoder.attention.AttentionVertex;
import org.seq2seq.decoder.gru.AppendContextVertex;
import org.seq2seq.decoder.gru.GruDecoderLayer;
import org.seq2seq.decoder.output.SoftmaxOutputLayer;
import org.seq2seq.nn.embedding.TokenEmbeddingLayer;

/**
 * Adds the decoder to a graph under construction, and reads and sets what the decoder owns in a
 * built graph. The decoder's part of the graph, trained with teacher forcing:
 *
 * <pre>
 * targetInput     [B, 1, T] ids (START y1 … yn) ─ target_embedding [B, E, T]
 * decoder_steps   target_embedding with the context appended to every step  [B, E + C, T]
 *                 ({@link AppendContextVertex}; models saved before it repeat the context in a
 *                 vertex context_steps [B, C, T] and concatenate the two in a MergeVertex)
 * decoder         GRU, h0 = tanh(Wc·context + bc)        [B, H, T]
 * decoder_2 …     (with L ≥ 2 layers) layer l reads layer l-1's output with the context
 *                 appended, [B, H + C, T], and is seeded from the context as the first; with
 *                 residual connections its output is decoder_l + its input, decoder_l_residual
 * attention       (if on) Luong attention over the encoder's per-step outputs   [B, H, T]
 * output          softmax over the target vocabulary     [B, V, T], cross-entropy against the
 *                 label ids (y1 … yn END), masked by the label mask
 * </pre>
 *
 * Inference does not run this graph: {@link DecoderStack} computes one step at a time on the
 * same parameters.
 */
public final class GruDecoder {
    /** The target embedding layer, {@code [V, E]}. */
    public static final String EMBEDDING = "target_embedding";
    /** The vertex repeating the context over the target steps, in models saved before {@link AppendContextVertex}. */
    public static final String CONTEXT_STEPS = "context_steps";
    /** The vertex appending the context to every embedded target step. */
    public static final String STEPS = "decoder_steps";
    /** The attention vertex, present when the decoder attends. */
    public static final String ATTENTION = "attention";
    /** The softmax output layer. */
    public static final String OUTPUT = "output";
    private static final String FIRST_LAYER = "decoder";
    /** The suffix of the vertex that appends the context to a stacked layer's input. */
    private static final String STEPS_SUFFIX = "_steps";
    /** The suffix of the vertex that adds a stacked layer's input to its output. */
    private static final String RESIDUAL_SUFFIX = "_residual";

    private GruDecoder() {
    }

    /**
     * The name of GRU layer {@code layer} (0-based): {@code decoder} for the first, as in models
     * saved before stacked decoders, {@code decoder_2}, {@code decoder_3} … above it.
     */
    public static String layer(int layer) {
        if (layer < 0) {
            throw new IllegalArgumentException("decoder layers count from 0, got " + layer);
        }
        return layer == 0 ? FIRST_LAYER : FIRST_LAYER + "_" + (layer + 1);
    }

    /**
     * @param graph       the graph under construction
     * @param targetInput the graph input of the target ids {@code [B, 1, T]}
     * @param sourceInput the graph input whose mask marks the real source tokens (for attention)
     * @param context     the vertex of the context vectors {@code [B, C]}
     * @param memory      the vertex of the encoder's per-step outputs {@code [B, C, S]}; read only
     *                    with attention
     * @param config      the decoder's sizes and options
     * @param updater     the optimizer of the attention vertex's parameters
     * @return the name of the output layer ({@link #OUTPUT})
     */
    public static String addTo(GraphBuilder graph, String targetInput, String sourceInput, String context,
                               String memory, DecoderConfig config, IUpdater updater) {
        int h = config.hiddenSize();
        graph.addLayer(EMBEDDING, TokenEmbeddingLayer.of(config.vocabularySize(), config.embeddingSize()), targetInput)
                .addVertex(STEPS, new AppendContextVertex(), EMBEDDING, context)
                .addLayer(layer(0), gru(config, config.embeddingSize()), STEPS);
        String below = layer(0);
        for (int l = 1; l < config.layers(); l++) {
            String name = layer(l);
            graph.addVertex(name + STEPS_SUFFIX, new AppendContextVertex(), below, context)
                    .addLayer(name, gru(config, h), name + STEPS_SUFFIX);
            if (config.residual()) {
                graph.addVertex(name + RESIDUAL_SUFFIX, new ElementWiseVertex(ElementWiseVertex.Op.Add), name, below);
                below = name + RESIDUAL_SUFFIX;
            } else {
                below = name;
            }
        }
        if (config.attention().isOn()) {
            graph.addVertex(ATTENTION, new AttentionVertex(config.attention(), h, config.contextSize(), sourceInput,
                    updater), below, memory);
            below = ATTENTION;
        }
        graph.addLayer(OUTPUT, SoftmaxOutputLayer.of(h, config.vocabularySize()), below);
        return OUTPUT;
    }

    /** A GRU layer reading {@code in} values of the step below plus the context. */
    private static GruDecoderLayer gru(DecoderConfig config, int in) {
        return GruDecoderLayer.builder().nIn((long) in + config.contextSize()).nOut(config.hiddenSize())
                .contextSize(config.contextSize()).feedContext(config.feedContext())
                .inputDropout(config.dropout()).layerNorm(config.layerNorm()).build();
    }

    /** The attention of a built graph: {@link Attention#NONE} when it has no attention vertex. */
    public static Attention attention(ComputationGraphConfiguration graph) {
        return graph.getVertices().get(ATTENTION) instanceof AttentionVertex vertex
                ? vertex.getAttention() : Attention.NONE;
    }

    /**
     * The optimizers the decoder keeps outside DL4J's layers (the attention vertex's), in the
     * configuration and in the graph's instantiated vertices: what a learning-rate change must
     * reach besides the layers' updaters.
     */
    public static List<IUpdater> vertexUpdaters(ComputationGraph graph) {
        List<IUpdater> updaters = new ArrayList<>();
        if (graph.getConfiguration().getVertices().get(ATTENTION) instanceof AttentionVertex attention) {
            updaters.add(attention.getUpdater());
        }
        for (var vertex : graph.getVertices()) {
            if (vertex.getConfig() instanceof AttentionVertex attention) {
                updaters.add(attention.getUpdater());
            }
        }
        return updaters;
    }

    /**
     * Sets label smoothing and dropout on the output layer's input; both take effect at once and
     * are saved with the graph.
     *
     * @throws IllegalArgumentException when the graph's output layer is not the decoder's
     *                                  softmax layer (a model saved before it existed)
     */
    public static void setOutputRegularization(ComputationGraph graph, double labelSmoothing, double inputDropout) {
        SoftmaxOutputLayer output = outputLayer(graph);
        output.setLabelSmoothing(labelSmoothing);
        output.setInputDropout(inputDropout);
    }

    /** The output layer's label smoothing ε. */
    public static double labelSmoothing(ComputationGraph graph) {
        return outputLayer(graph).getLabelSmoothing();
    }

    /** The dropout probability on the output layer's input. */
    public static double outputDropout(ComputationGraph graph) {
        return outputLayer(graph).getInputDropout();
    }

    private static SoftmaxOutputLayer outputLayer(ComputationGraph graph) {
        if (graph.getConfiguration().getVertices().get(OUTPUT) instanceof LayerVertex layer
                && layer.getLayerConf().getLayer() instanceof SoftmaxOutputLayer output) {
            return output;
        }
        throw new IllegalArgumentException("the graph has no " + SoftmaxOutputLayer.class.getSimpleName() + " named '"
                + OUTPUT + "' (a model saved before it existed?)");
    }
}
