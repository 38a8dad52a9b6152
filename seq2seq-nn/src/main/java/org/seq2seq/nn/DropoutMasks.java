package org.seq2seq.nn;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted-dropout masks drawn in Java, the same in every process for the same step: the seed is
 * made of ND4J's seed ({@code Nd4j.getRandom().getSeed()}, which the trainer sets before every
 * step), a salt that tells one mask from another in the same step (a layer's index, and which of
 * its masks) and the iteration. ND4J's own dropout op did not repeat itself: the first training
 * run in a JVM drew other masks than later runs with the same seed, so a run resumed in a new
 * process could not repeat an uninterrupted one.
 */
final class DropoutMasks {
    private DropoutMasks() {
    }

    /** The seed of one mask: ND4J's current seed, the salt and the iteration mixed. */
    static long seed(long salt, int iteration) {
        return Nd4j.getRandom().getSeed() * 0x9E3779B97F4A7C15L + salt * 0xBF58476D1CE4E5B9L
                + iteration * 0x94D049BB133111EBL;
    }

    /**
     * A mask of 0 with the probability, else {@code 1 / (1 - p)}; outside every workspace, as it
     * must outlive the pass.
     *
     * @param shape       the mask's shape, at most 2^31 − 1 values
     * @param probability of a 0, in [0, 1)
     * @return the mask, 'c' order, of the given type
     */
    static INDArray draw(long[] shape, DataType type, double probability, long seed) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("dropout on more than 2^31 values at once: " + n);
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

    /** Throws unless the probability is in [0, 1). */
    static double checked(double probability, String what) {
        if (!(probability >= 0 && probability < 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1), got " + probability);
        }
        return probability;
    }
}
