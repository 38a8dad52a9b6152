package org.seq2seq.decoder.gru;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seq2seq.nn.recurrent.ParamViews;
import org.seq2seq.nn.recurrent.RecurrentParamInitializer;

/**
 * The parameters of a {@link GruDecoderLayer}, as views of the layer's slice of the network's
 * flat parameter vector, in this order:
 *
 * <pre>
 * Wx [E (+C if feedContext), 3H]   input weights, gate blocks r z n      weight init of the layer
 * Wh [H, 3H]                       recurrent weights                     recurrent weight init
 * bx [1, 3H], bh [1, 3H]           the two biases of PyTorch's GRU       bias init
 * Wc [C, H],  bc [1, H]            h0 = tanh(c·Wc + bc)                  weight init / bias init
 * gx [1, 3H], gh [1, 3H]           layer normalization's gains, if any   1
 * </pre>
 */
public final class GruDecoderParamInitializer extends RecurrentParamInitializer<GruDecoderLayer> {
    public static final String INPUT_WEIGHTS = "Wx";
    public static final String RECURRENT_WEIGHTS = "Wh";
    public static final String INPUT_BIAS = "bx";
    public static final String RECURRENT_BIAS = "bh";
    public static final String CONTEXT_WEIGHTS = "Wc";
    public static final String CONTEXT_BIAS = "bc";
    public static final String INPUT_GAIN = "gx";
    public static final String RECURRENT_GAIN = "gh";

    private static final List<String> KEYS = List.of(INPUT_WEIGHTS, RECURRENT_WEIGHTS, INPUT_BIAS, RECURRENT_BIAS,
            CONTEXT_WEIGHTS, CONTEXT_BIAS);
    private static final List<String> WEIGHT_KEYS = List.of(INPUT_WEIGHTS, RECURRENT_WEIGHTS, CONTEXT_WEIGHTS);
    private static final List<String> BIAS_KEYS = List.of(INPUT_BIAS, RECURRENT_BIAS, CONTEXT_BIAS);
    /** With layer normalization; the gains are neither weights nor biases to DL4J (no weight decay, no bias init). */
    private static final List<String> NORMALIZED_KEYS = List.of(INPUT_WEIGHTS, RECURRENT_WEIGHTS, INPUT_BIAS,
            RECURRENT_BIAS, CONTEXT_WEIGHTS, CONTEXT_BIAS, INPUT_GAIN, RECURRENT_GAIN);
    private static final GruDecoderParamInitializer INSTANCE = new GruDecoderParamInitializer();

    private GruDecoderParamInitializer() {
        super(GruDecoderLayer.class);
    }

    public static GruDecoderParamInitializer getInstance() {
        return INSTANCE;
    }

    /** Rows of Wx: E, plus C when the context is fed to every step. */
    static long inputRows(GruDecoderLayer c) {
        return c.stepInputSize() + (c.isFeedContext() ? c.getContextSize() : 0);
    }

    @Override
    public long numParams(Layer layer) {
        GruDecoderLayer c = layer(layer);
        long h = c.getNOut();
        return inputRows(c) * 3 * h + h * 3 * h + 3 * h + 3 * h + c.getContextSize() * h + h
                + (c.isLayerNorm() ? 6 * h : 0);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return layer(layer).isLayerNorm() ? NORMALIZED_KEYS : KEYS;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return WEIGHT_KEYS;
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return BIAS_KEYS;
    }

    @Override
    protected void initialize(GruDecoderLayer c, Map<String, INDArray> params, IWeightInit weights,
                              IWeightInit recurrent) {
        long h = c.getNOut();
        long rows = inputRows(c);
        weights.init(rows, 3 * h, new long[] {rows, 3 * h}, 'f', params.get(INPUT_WEIGHTS));
        recurrent.init(h, 3 * h, new long[] {h, 3 * h}, 'f', params.get(RECURRENT_WEIGHTS));
        weights.init(c.getContextSize(), h, new long[] {c.getContextSize(), h}, 'f', params.get(CONTEXT_WEIGHTS));
        for (String bias : BIAS_KEYS) {
            params.get(bias).assign(c.getBiasInit());
        }
        if (c.isLayerNorm()) {
            params.get(INPUT_GAIN).assign(1);
            params.get(RECURRENT_GAIN).assign(1);
        }
    }

    @Override
    protected Map<String, INDArray> views(GruDecoderLayer c, ParamViews next) {
        long h = c.getNOut();
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put(INPUT_WEIGHTS, next.matrix(inputRows(c), 3 * h));
        m.put(RECURRENT_WEIGHTS, next.matrix(h, 3 * h));
        m.put(INPUT_BIAS, next.row(3 * h));
        m.put(RECURRENT_BIAS, next.row(3 * h));
        m.put(CONTEXT_WEIGHTS, next.matrix(c.getContextSize(), h));
        m.put(CONTEXT_BIAS, next.row(h));
        if (c.isLayerNorm()) {
            m.put(INPUT_GAIN, next.row(3 * h));
            m.put(RECURRENT_GAIN, next.row(3 * h));
        }
        return m;
    }
}
