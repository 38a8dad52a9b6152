package org.seq2seq.encoder.lstm;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seq2seq.nn.recurrent.ParamViews;
import org.seq2seq.nn.recurrent.RecurrentParamInitializer;

/**
 * The parameters of an {@link LstmEncoderLayer}, as views of the layer's slice of the network's
 * flat parameter vector, per direction (the backward one's keys start with {@code bwd}; DL4J's
 * updater splits gradient names at the last underscore, so keys have none), with U units per
 * direction:
 *
 * <pre>
 * Wx [nIn, 4U]   input weights, gate blocks i f o g     weight init of the layer
 * Wh [U, 4U]     recurrent weights                      recurrent weight init
 * b  [1, 4U]     bias                                   0, the forget gate's block 1
 * gx [1, 4U], gh [1, 4U]   layer normalization's gains, if any      1
 * </pre>
 */
public final class LstmEncoderParamInitializer extends RecurrentParamInitializer<LstmEncoderLayer> {
    public static final String INPUT_WEIGHTS = "Wx";
    public static final String RECURRENT_WEIGHTS = "Wh";
    public static final String BIAS = "b";
    public static final String INPUT_GAIN = "gx";
    public static final String RECURRENT_GAIN = "gh";
    /** Prefix of the backward direction's keys. */
    public static final String BACKWARD = "bwd";
    /** Initial bias of the forget gate, as DL4J's {@code LSTM} has it by default. */
    public static final double FORGET_GATE_BIAS = 1.0;

    private static final LstmEncoderParamInitializer INSTANCE = new LstmEncoderParamInitializer();

    private LstmEncoderParamInitializer() {
        super(LstmEncoderLayer.class);
    }

    public static LstmEncoderParamInitializer getInstance() {
        return INSTANCE;
    }

    /** The keys of direction d (0 forward, 1 backward): Wx, Wh, b. */
    public static List<String> keys(int direction) {
        String prefix = direction == 0 ? "" : BACKWARD;
        return List.of(prefix + INPUT_WEIGHTS, prefix + RECURRENT_WEIGHTS, prefix + BIAS);
    }

    /** The layer-normalization gains of direction d: gx, gh. */
    public static List<String> gainKeys(int direction) {
        String prefix = direction == 0 ? "" : BACKWARD;
        return List.of(prefix + INPUT_GAIN, prefix + RECURRENT_GAIN);
    }

    @Override
    public long numParams(Layer layer) {
        LstmEncoderLayer c = layer(layer);
        long u = c.unitsPerDirection();
        return c.directions() * (c.getNIn() * 4 * u + u * 4 * u + 4 * u + (c.isLayerNorm() ? 8 * u : 0));
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        LstmEncoderLayer c = layer(layer);
        List<String> keys = new ArrayList<>();
        for (int d = 0; d < c.directions(); d++) {
            keys.addAll(keys(d));
            if (c.isLayerNorm()) {
                keys.addAll(gainKeys(d));
            }
        }
        return keys;
    }

    /** Wx and Wh; the gains are neither weights nor biases to DL4J (no weight decay, no bias init). */
    @Override
    public List<String> weightKeys(Layer layer) {
        return paramKeys(layer).stream().filter(k -> k.endsWith(INPUT_WEIGHTS) || k.endsWith(RECURRENT_WEIGHTS))
                .toList();
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return paramKeys(layer).stream().filter(k -> k.endsWith(BIAS)).toList();
    }

    @Override
    protected void initialize(LstmEncoderLayer c, Map<String, INDArray> params, IWeightInit weights,
                              IWeightInit recurrent) {
        long u = c.unitsPerDirection();
        long in = c.getNIn();
        for (int d = 0; d < c.directions(); d++) {
            List<String> k = keys(d);
            weights.init(in, 4 * u, new long[] {in, 4 * u}, 'f', params.get(k.get(0)));
            recurrent.init(u, 4 * u, new long[] {u, 4 * u}, 'f', params.get(k.get(1)));
            INDArray bias = params.get(k.get(2));
            bias.assign(0);
            bias.get(all(), interval(u, 2 * u)).assign(FORGET_GATE_BIAS);
            if (c.isLayerNorm()) {
                gainKeys(d).forEach(g -> params.get(g).assign(1));
            }
        }
    }

    @Override
    protected Map<String, INDArray> views(LstmEncoderLayer c, ParamViews next) {
        long u = c.unitsPerDirection();
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (int d = 0; d < c.directions(); d++) {
            List<String> k = keys(d);
            m.put(k.get(0), next.matrix(c.getNIn(), 4 * u));
            m.put(k.get(1), next.matrix(u, 4 * u));
            m.put(k.get(2), next.row(4 * u));
            if (c.isLayerNorm()) {
                for (String g : gainKeys(d)) {
                    m.put(g, next.row(4 * u));
                }
            }
        }
        return m;
    }
}
