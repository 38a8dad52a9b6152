package org.seq2seq.nn;

import java.util.Arrays;
import org.seq2seq.nn.runtime.VectorMath;

/**
 * Log-softmax of float rows in plain Java, in loops that HotSpot's C2 compiler turns into SIMD
 * instructions, several times faster than ND4J's {@code log_softmax} op, whose {@code linux-x86_64}
 * build calls the C library's scalar {@code expf} (docs/performance.md, "RowSoftmax").
 *
 * <p>The exponentials are {@link VectorMath#exp}'s (relative error below 1.2e-7).
 *
 * <p>Values more than {@value #FLOOR} below a row's maximum count as {@code exp(-FLOOR)}
 * (1.6e-19) in the row's sum: at most 1.6e-19 times the row's length more than the exact sum,
 * whose largest term is 1. Their log-probabilities are exact.
 *
 * <p>Not thread-safe: an instance holds scratch arrays. Make one per thread.
 */
public final class RowSoftmax {
    /** Values below the maximum by more than this count as exactly this far below it. */
    static final float FLOOR = VectorMath.FLOOR;

    private final VectorMath math = new VectorMath();
    private float[] exps = new float[0];
    private float[] sums = new float[0];

    /**
     * Replaces each value of the row by its natural-log softmax {@code x - log Σ exp(x)}.
     *
     * @param row  {@code [V]} logits, overwritten with log-probabilities
     * @param bias {@code [V]} added to the logits first, or null
     * @return {@code log Σ exp(x + bias)}, the row's log normalizer
     */
    public double logSoftmaxInPlace(float[] row, float[] bias) {
        float max = addAndMax(row, bias);
        if (!Float.isFinite(max)) {
            Arrays.fill(row, Float.NaN);
            return max;
        }
        return max + (double) logSoftmax(row, max);
    }

    /**
     * {@link #logSoftmaxInPlace}, returning the index of the row's largest log-probability
     * instead of its normalizer: what greedy search picks, found while the row is in cache. The
     * largest log-probability is {@code (max - max) - log Σ}, exactly {@code -log Σ}, and no value
     * exceeds it, so the index is the first holding that value; the same index a search over the
     * log-probabilities would find.
     *
     * @param row  {@code [V]} logits, overwritten with log-probabilities
     * @param bias {@code [V]} added to the logits first, or null
     * @return the first index of the largest log-probability (NaN values are passed over, unless
     *         the first value is NaN); 0 when the row has no finite maximum (every value is then NaN)
     */
    public int logSoftmaxInPlaceArgmax(float[] row, float[] bias) {
        float max = addAndMax(row, bias);
        if (!Float.isFinite(max)) {
            Arrays.fill(row, Float.NaN);
            return 0;
        }
        float largest = -logSoftmax(row, max);
        for (int i = 0; i < row.length; i++) {
            if (row[i] == largest) {
                return i;
            }
        }
        return indexOfLargest(row);      // a NaN among the logits made the normalizer NaN: search as a search would
    }

    /**
     * The first index of the largest value, in one tight loop: NaN values are passed over, unless
     * the first value is NaN (then 0).
     *
     * @param values {@code [V]}, V ≥ 1
     */
    public static int indexOfLargest(float[] values) {
        int first = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[first]) {
                first = i;
            }
        }
        return first;
    }

    /** Adds the bias (when not null) to the row and returns the row's maximum. */
    private static float addAndMax(float[] row, float[] bias) {
        if (bias != null) {
            if (bias.length != row.length) {
                throw new IllegalArgumentException("bias has " + bias.length + " values, the row " + row.length);
            }
            for (int i = 0; i < row.length; i++) {
                row[i] += bias[i];
            }
        }
        return max(row);
    }

    /** Overwrites the row, whose finite maximum is {@code max}, with its log-softmax; returns {@code log Σ exp(x - max)}. */
    private float logSoftmax(float[] row, float max) {
        // x - max is exact or nearly (the two are close or x is far below), and log Σ exp(x - max)
        // is small, so each log-probability keeps float precision; subtracting the whole
        // normalizer at once would round it to a float of the logits' magnitude
        float logSum = (float) Math.log(sumOfExponentials(row, max));
        for (int i = 0; i < row.length; i++) {
            row[i] = (row[i] - max) - logSum;
        }
        return logSum;
    }

    /**
     * Replaces each value of the row by its softmax probability {@code exp(x - max) / Σ exp(x - max)}.
     *
     * @param row {@code [V]} logits, overwritten with probabilities (those of values more than
     *            {@value #FLOOR} below the maximum are at most {@code exp(-FLOOR)} instead of smaller)
     * @return {@code log Σ exp(x)}, the row's log normalizer
     */
    public double softmaxInPlace(float[] row) {
        int n = row.length;
        float max = max(row);
        if (!Float.isFinite(max)) {
            Arrays.fill(row, Float.NaN);
            return max;
        }
        exponentials(row, max);
        if (sums.length < n) {
            sums = new float[n];
        }
        System.arraycopy(exps, 0, sums, 0, n);
        float sum = pairwiseSum(sums, n);
        float inverse = 1f / sum;
        float[] e = exps;
        for (int i = 0; i < n; i++) {
            row[i] = e[i] * inverse;
        }
        return max + Math.log(sum);
    }

    /**
     * {@code log Σ_i exp(x_i)}.
     *
     * @param row {@code [V]}, not changed; V ≥ 1
     */
    public double logSumExp(float[] row) {
        float max = max(row);
        return Float.isFinite(max) ? max + Math.log(sumOfExponentials(row, max)) : max;
    }

    private static float max(float[] row) {
        if (row.length == 0) {
            throw new IllegalArgumentException("empty row");
        }
        float max = row[0];
        for (int i = 1; i < row.length; i++) {
            max = row[i] > max ? row[i] : max;     // half the time of Math.max, whose NaN test the sum repeats
        }
        return max;
    }

    /**
     * {@code Σ_i exp(x_i - max)}, at least 1: summed pairwise in place (the second half of the
     * values onto the first, until one is left), which C2 vectorizes and which rounds less than
     * a running sum.
     */
    private double sumOfExponentials(float[] row, float max) {
        exponentials(row, max);
        return pairwiseSum(exps, row.length);
    }

    /** The sum of {@code values[0 … length)}, which it overwrites. */
    private static float pairwiseSum(float[] values, int length) {
        for (int n = length; n > 1; ) {
            int half = n >>> 1;
            int offset = n - half;
            for (int i = 0; i < half; i++) {
                values[i] += values[i + offset];
            }
            n = offset;
        }
        return values[0];
    }

    /** {@code exps[i] = exp(max(row[i] - max, -FLOOR))} for the row's length. */
    private void exponentials(float[] row, float max) {
        if (exps.length < row.length) {
            exps = new float[row.length];
        }
        math.exp(row, max, exps, row.length);
    }
}
