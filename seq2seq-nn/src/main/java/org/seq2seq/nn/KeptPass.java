package org.seq2seq.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer's training forward pass, kept for the backward pass on the same input instead of
 * recomputed there: the {@link Arena} its trace lives in, and the pass with the input and mask it
 * was computed for. Not thread-safe: one per layer instance.
 *
 * @param <P> the layer's record of one forward pass
 */
public final class KeptPass<P> {
    private final Arena arena = new Arena();
    private P pass;
    private INDArray input;
    private INDArray mask;

    /** Starts a training forward pass: forgets the kept one and returns the emptied arena for the new trace. */
    public Arena begin() {
        forget();
        arena.reset();
        return arena;
    }

    /** Keeps {@code pass}, computed (its trace in the arena of {@link #begin()}) for this input and mask. */
    public P keep(P pass, INDArray input, INDArray mask) {
        this.pass = pass;
        this.input = input;
        this.mask = mask;
        return pass;
    }

    /**
     * The kept pass if it was computed for this very input and mask (the same arrays), or null;
     * either way nothing is kept afterwards, since a backward pass uses its forward pass once.
     */
    public P take(INDArray input, INDArray mask) {
        P taken = pass != null && this.input == input && this.mask == mask ? pass : null;
        forget();
        return taken;
    }

    /** Forgets the kept pass (a new input). */
    public void forget() {
        pass = null;
        input = null;
        mask = null;
    }
}
