package org.seq2seq.nn;

import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Dropout on a recurrent layer's inputs while training, DL4J's {@link Dropout} underneath: one
 * mask per input, kept until {@link #reset()} (a new input), so that a recomputed forward pass
 * and the backward pass see the mask the forward pass drew. Not thread-safe: one per layer
 * instance.
 */
public final class InputDropout {
    private final double probability;
    private Dropout dropout;
    private INDArray dropped;

    /** @param probability of dropping each input feature, in [0, 1) */
    public InputDropout(double probability) {
        if (!(probability >= 0 && probability < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + probability);
        }
        this.probability = probability;
    }

    /** Forgets the mask: the layer has a new input. */
    public void reset() {
        dropped = null;
    }

    /**
     * @param inputs   the layer's inputs, any shape
     * @param training whether dropout applies
     * @return {@code inputs} when not training (or no dropout), else the inputs after dropout,
     *         the same array for every call until {@link #reset()}
     */
    public INDArray apply(INDArray inputs, boolean training, int iteration, int epoch, LayerWorkspaceMgr workspaceMgr) {
        if (!training || probability == 0) {
            return inputs;
        }
        if (dropped == null) {
            if (dropout == null) {
                dropout = new Dropout(1.0 - probability);   // DL4J's Dropout takes the probability of keeping
            }
            INDArray out = workspaceMgr.createUninitialized(ArrayType.INPUT, inputs.dataType(), inputs.shape(), 'c');
            dropped = dropout.applyDropout(inputs, out, iteration, epoch, workspaceMgr);
        }
        return dropped;
    }

    /**
     * @param gradient dL/d(inputs after dropout), any shape; replaced in place
     * @return dL/d(inputs): {@code gradient} through the mask, when dropout was applied
     */
    public INDArray backprop(INDArray gradient, int iteration, int epoch) {
        return dropped == null ? gradient : dropout.backprop(gradient, gradient, iteration, epoch);
    }
}
