package org.seq2seq.nn;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout on a layer's inputs while training: each input feature is kept with
 * probability {@code 1 - p} and scaled by {@code 1 / (1 - p)}, or set to 0. One mask per input,
 * kept until {@link #reset()} (a new input), so that a recomputed forward pass and the backward
 * pass see the mask the forward pass drew. Not thread-safe: one per layer instance.
 *
 * <p>The mask is drawn by {@link DropoutMasks} with the layer's salt (its index in the graph, so
 * layers draw different masks): the same step draws the same masks in any process.
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
        this.probability = DropoutMasks.checked(probability, "dropout");
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
            mask = DropoutMasks.draw(inputs.shape(), inputs.dataType(), probability,
                    DropoutMasks.seed(salt, iteration));
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
}
