package org.seq2seq.core.train;

/**
 * Stochastic gradient descent with warm restarts (Loshchilov and Hutter 2017), as a learning-rate
 * schedule: within each cycle of {@code cycleSteps} steps the rate falls from the configured rate
 * to 0 along half a cosine, {@code rate · (1 + cos(π · k / cycleSteps)) / 2} at step k of the
 * cycle, then starts again. A function of the step alone, so a resumed run follows it exactly;
 * the checkpoint at the end of a cycle is a model at a low rate, the kind checkpoint averaging
 * and ensembles combine (snapshot ensembles, Huang et al. 2017).
 *
 * @param learningRate the rate at the start of every cycle
 * @param cycleSteps   steps per cycle, at least 1
 */
public record CosineRestarts(double learningRate, long cycleSteps) {
    public CosineRestarts {
        if (!(learningRate > 0) || cycleSteps < 1) {
            throw new IllegalArgumentException("warm restarts need a rate above 0 and cycles of at least 1 step, got "
                    + learningRate + " and " + cycleSteps);
        }
    }

    /** The rate of the step numbered {@code step} (0 for the run's first). */
    public double rate(long step) {
        long k = step % cycleSteps;
        return learningRate * (1 + Math.cos(Math.PI * k / cycleSteps)) / 2;
    }

    /** Whether {@code step} starts a cycle after the first. */
    public boolean restartsAt(long step) {
        return step > 0 && step % cycleSteps == 0;
    }
}
