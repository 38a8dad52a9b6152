package org.seq2seq.corpora;

import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Central finite differences of a scalar loss, entry by entry, against an analytic gradient: the
 * check {@code GradientCheckUtil} makes for whole networks, for a function of plain arrays (a
 * recurrent cell's forward pass). Use double precision.
 */
public final class FiniteDifferences {
    private FiniteDifferences() {
    }

    /**
     * The largest relative error {@code |a − n| / (|a| + |n|)} over the entries of {@code param},
     * leaving out entries whose absolute error is below 1e-9 (both near 0).
     *
     * @param param    an array the loss reads, any shape, 'c' ordered; each entry is moved by
     *                 ±epsilon and put back
     * @param analytic dL/d(param), the same shape
     * @param loss     the loss at the current values of every array it reads
     */
    public static double worstRelativeError(INDArray param, INDArray analytic, DoubleSupplier loss, double epsilon) {
        INDArray flat = param.reshape(1, param.length());                       // a view: [1, n]
        INDArray expected = analytic.dup('c').reshape(1, analytic.length());
        double worst = 0;
        for (long i = 0; i < flat.length(); i++) {
            double original = flat.getDouble(0, i);
            flat.putScalar(0, i, original + epsilon);
            double plus = loss.getAsDouble();
            flat.putScalar(0, i, original - epsilon);
            double minus = loss.getAsDouble();
            flat.putScalar(0, i, original);
            double numeric = (plus - minus) / (2 * epsilon);
            double a = expected.getDouble(0, i);
            double error = Math.abs(a - numeric);
            if (error >= 1e-9) {
                worst = Math.max(worst, error / (Math.abs(a) + Math.abs(numeric)));
            }
        }
        return worst;
    }
}
