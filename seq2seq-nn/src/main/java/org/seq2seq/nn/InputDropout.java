package org.seq2seq.nn;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout on a layer's inputs while training: each input feature is kept with
 * probability {@code 1 - p} and scaled by {@code 1 / (1 - p)}, or set to 0. One mask per input,
 * kept until {@link #reset()} (a new input), so that a recomputed forward pass and the backward
 * pass see the mask the forward pass drew. Not thread-safe: one per layer instance.
 *
 * <p>The mask is drawn in Java from a seed made of ND4J's seed ({@code Nd4j.getRandom().getSeed()},
 * which the trainer sets before every step), the layer's salt (its index in the graph, so layers
 * draw different masks) and the iteration: the same step draws the same masks in any process. ND4J's
 * own dropout op did not: the first training run in a JVM drew other masks than later runs with
 * the same seed, so a run resumed in a new process could not repeat an uninterrupted one.
 */
public final class InputDropout {
    private final double probability;
    private final long salt;
    private INDArray mask;
    private INDArray dropped;

    /**
     * @param probability of dropping each input feature, in [0, 1)
     * @param salt        what tells this layer's masks from other layers' in the same step (the
     *                    layer's index)
     */
    public InputDropout(double probability, long salt) {
        if (!(probability >= 0 && probability < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + probability);
        }
        this.probability = probability;
        this.salt = salt;
    }

    /** Forgets the mask: the layer has a new input. */
    public void reset() {
        dropped = null;
        mask = null;
    }

    /**
     * @param inputs    the layer's inputs, any shape
     * @param training  whether dropout applies
     * @param iteration the layer's iteration count
     * @param type      the workspace array type the dropped inputs are made in
     * @return {@code inputs} when not training (or no dropout), else the inputs after dropout
     *         (same shape, 'c' order), the same array for every call until {@link #reset()}
     */
    public INDArray apply(INDArray inputs, boolean training, int iteration, LayerWorkspaceMgr workspaceMgr,
                          ArrayType type) {
        if (!training || probability == 0) {
            return inputs;
        }
        if (dropped == null) {
            mask = mask(inputs.shape(), inputs.dataType(), seed(Nd4j.getRandom().getSeed(), iteration));
            dropped = workspaceMgr.createUninitialized(type, inputs.dataType(), inputs.shape(), 'c');
            Nd4j.exec(new MulOp(inputs, mask, dropped));                      // one pass: inputs · mask
        }
        return dropped;
    }

    /**
     * @param gradient dL/d(inputs after dropout), any shape; replaced in place
     * @return dL/d(inputs): {@code gradient} through the mask, when dropout was applied
     */
    public INDArray backprop(INDArray gradient) {
        return mask == null ? gradient : gradient.muli(mask);
    }

    private long seed(long ndSeed, int iteration) {
        return ndSeed * 0x9E3779B97F4A7C15L + salt * 0xBF58476D1CE4E5B9L + iteration * 0x94D049BB133111EBL;
    }

    /** 0 with the probability, else {@code 1 / (1 - p)}; outside every workspace, as it must outlive the pass. */
    private INDArray mask(long[] shape, DataType type, long seed) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("dropout on more than 2^31 inputs at once: " + n);
        }
        float keep = (float) (1 / (1 - probability));
        float[] values = new float[(int) n];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble() < probability ? 0 : keep;
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray m = Nd4j.create(values, shape, 'c');
            return type == DataType.FLOAT ? m : m.castTo(type);
        }
    }
}
