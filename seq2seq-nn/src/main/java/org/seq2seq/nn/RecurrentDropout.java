package org.seq2seq.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Variational dropout on a recurrent layer's state (Gal and Ghahramani 2016) while training: one
 * mask per sequence, the same at every step, on the state where it enters the recurrent matrix
 * product ({@code (h ∘ m)·Wh}); the state itself, which the update gate or the cell carries over,
 * is not dropped. Each value of the mask is 0 with the probability, else {@code 1 / (1 - p)}.
 * One mask per input, kept until {@link #reset()}, so that a recomputed forward pass and the
 * backward pass see the mask the forward pass drew; drawn by {@link DropoutMasks}, so the same
 * step draws the same mask in any process. Not thread-safe: one per layer instance.
 */
public final class RecurrentDropout {
    private final double probability;
    private final long salt;
    private INDArray mask;

    /**
     * @param probability of dropping each state value, in [0, 1)
     * @param layerIndex  the layer's index in the graph; the salt is {@code -1 - layerIndex}, so
     *                    that it differs from every layer's {@link InputDropout} salt
     */
    public RecurrentDropout(double probability, long layerIndex) {
        this.probability = DropoutMasks.checked(probability, "recurrent dropout");
        this.salt = -1 - layerIndex;
    }

    /** Forgets the mask: the layer has a new input. */
    public void reset() {
        mask = null;
    }

    /**
     * @param batch     B
     * @param width     the state's width (for a bidirectional layer, both directions side by side)
     * @param training  whether dropout applies
     * @param iteration the layer's iteration count
     * @return the mask {@code [B, width]}, the same array for every call until {@link #reset()};
     *         null when not training or without dropout
     */
    public INDArray mask(long batch, long width, DataType type, boolean training, int iteration) {
        if (!training || probability == 0) {
            return null;
        }
        if (mask == null) {
            mask = DropoutMasks.draw(new long[] {batch, width}, type, probability, DropoutMasks.seed(salt, iteration));
        }
        return mask;
    }
}
