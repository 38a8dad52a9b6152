package org.seq2seq.nn.runtime;

/**
 * Float arrays a thread reuses from call to call, for the layers' Java loops: a training step
 * copies a few megabytes of gates and states out of native memory, and fresh arrays each step
 * made the heap, and the process, grow (peak resident memory of bench setting (a) 573 → 718–840
 * MB). An array is handed out by slot; it may be longer than asked and holds old values, so a
 * caller writes what it reads and passes lengths explicitly. A caller must not hold a slot across
 * a call to code that may use the same slot.
 */
public final class Scratch {
    /** Slots: the input projections or gates of all steps. */
    public static final int GATES = 0;
    /** Slots: the states of all steps. */
    public static final int STATES = 1;
    /** Slots: the cells (LSTM) or r|z (GRU) of all steps. */
    public static final int CELLS = 2;
    /** Slots: tanh of the cells (LSTM) or the candidates (GRU) of all steps. */
    public static final int SECOND = 3;
    /** Slots: h·Wh of one step, or a backward pass's gradient of one step (GRU: hn of all steps in {@link #THIRD}). */
    public static final int PRODUCT = 4;
    /** Slots: a third array of all steps. */
    public static final int THIRD = 5;
    /** Slots: the gradients arriving at the outputs of all steps (backward passes). */
    public static final int INCOMING = 6;
    /** Slots: the gradients of the gates' pre-activations of all steps (backward passes). */
    public static final int GRADIENTS = 7;
    private static final ThreadLocal<Scratch> THREAD = ThreadLocal.withInitial(Scratch::new);

    private final float[][] slots = new float[8][0];
    private final VectorMath math = new VectorMath();

    private Scratch() {
    }

    /** This thread's scratch. */
    public static Scratch forThisThread() {
        return THREAD.get();
    }

    /** Slot {@code slot}'s array, at least {@code length} long; its values are left over. */
    public float[] floats(int slot, int length) {
        if (slots[slot].length < length) {
            slots[slot] = new float[length];
        }
        return slots[slot];
    }

    /** This thread's {@link VectorMath}, whose own scratch it reuses too. */
    public VectorMath math() {
        return math;
    }
}
