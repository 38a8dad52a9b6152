package org.seq2seq.core.train;

/** The loss or the gradient became NaN or infinite: training cannot go on from here. */
public final class NonFiniteLossException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final double loss;
    private final double gradientNorm;

    public NonFiniteLossException(double loss, double gradientNorm) {
        super("the loss became " + describe(loss) + " (gradient norm " + describe(gradientNorm) + ")");
        this.loss = loss;
        this.gradientNorm = gradientNorm;
    }

    public double loss() {
        return loss;
    }

    public double gradientNorm() {
        return gradientNorm;
    }

    private static String describe(double v) {
        return Double.isNaN(v) ? "NaN" : Double.isInfinite(v) ? "infinite" : Double.toString(v);
    }
}
