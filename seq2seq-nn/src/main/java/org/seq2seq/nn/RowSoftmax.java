package org.seq2seq.nn;

import java.util.Arrays;

/**
 * Log-softmax of float rows in plain Java, in loops that HotSpot's C2 compiler turns into SIMD
 * instructions: about 1.5 ns per value on one core, where ND4J's {@code log_softmax} op took about
 * 14 ns (its {@code linux-x86_64} build calls the C library's scalar {@code expf}), which made the
 * log-softmax of a decoding step ({@code [50, 8000]}) cost 5.5 ms next to the output projection's
 * 9 ms.
 *
 * <p>The exponential is Cephes' {@code expf} polynomial after rounding {@code x / ln 2} to an
 * integer k; {@code 2^k} is built as a product of exact powers of two chosen by k's bits, with
 * float additions only, since the JIT of Java 17 does not vectorize the bit moves that usually
 * build it. Relative error of each exponential: below 1e-7. Each loop does one thing, because
 * C2 gives up vectorizing a loop body that is too large.
 *
 * <p>Values more than {@value #FLOOR} below a row's maximum count as {@code exp(-FLOOR)}
 * (1.6e-19) in the row's sum: at most 1.6e-19 times the row's length more than the exact sum,
 * whose largest term is 1. Their log-probabilities are exact.
 *
 * <p>Not thread-safe: an instance holds scratch arrays. Make one per thread.
 */
public final class RowSoftmax {
    /** Values below the maximum by more than this count as exactly this far below it. */
    static final float FLOOR = 43f;
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HIGH = 0.693359375f;
    private static final float LN2_LOW = -2.12194440e-4f;
    /** Adding and subtracting 1.5 · 2^23 rounds a float of magnitude below 2^22 to an integer. */
    private static final float ROUND = 12582912f;

    private float[] exps = new float[0];
    private float[] powers = new float[0];

    /**
     * Replaces each value of the row by its natural-log softmax {@code x - log Σ exp(x)}.
     *
     * @param row  {@code [V]} logits, overwritten with log-probabilities
     * @param bias {@code [V]} added to the logits first, or null
     * @return {@code log Σ exp(x + bias)}, the row's log normalizer
     */
    public double logSoftmaxInPlace(float[] row, float[] bias) {
        int n = row.length;
        if (bias != null) {
            if (bias.length != n) {
                throw new IllegalArgumentException("bias has " + bias.length + " values, the row " + n);
            }
            for (int i = 0; i < n; i++) {
                row[i] += bias[i];
            }
        }
        float max = max(row);
        if (!Float.isFinite(max)) {
            Arrays.fill(row, Float.NaN);
            return max;
        }
        // x - max is exact or nearly (the two are close or x is far below), and log Σ exp(x - max)
        // is small, so each log-probability keeps float precision; subtracting the whole
        // normalizer at once would round it to a float of the logits' magnitude
        float logSum = (float) Math.log(sumOfExponentials(row, max));
        for (int i = 0; i < n; i++) {
            row[i] = (row[i] - max) - logSum;
        }
        return max + (double) logSum;
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
            max = Math.max(max, row[i]);
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
        float[] e = exps;
        for (int length = row.length; length > 1; ) {
            int half = length >>> 1;
            int offset = length - half;
            for (int i = 0; i < half; i++) {
                e[i] += e[i + offset];
            }
            length = offset;
        }
        return e[0];
    }

    /** {@code exps[i] = exp(max(row[i] - max, -FLOOR))} for the row's length. */
    private void exponentials(float[] row, float max) {
        int n = row.length;
        if (exps.length < n) {
            exps = new float[n];
            powers = new float[n];
        }
        float[] e = exps;
        float[] k = powers;
        // exp(x) = 2^-j · p(r): j = round(-x / ln 2) in [0, 62], r = x + j ln 2 in [-ln 2 / 2, ln 2 / 2]
        for (int i = 0; i < n; i++) {
            float x = Math.max(row[i] - max, -FLOOR);
            float j = (-x * LOG2E + ROUND) - ROUND;
            float r = x + j * LN2_HIGH + j * LN2_LOW;
            float z = r * r;
            e[i] = (((((1.9875691500E-4f * r + 1.3981999507E-3f) * r + 8.3334519073E-3f) * r + 4.1665795894E-2f) * r
                    + 1.6666665459E-1f) * r + 5.0000001201E-1f) * z + r + 1f;
            k[i] = j;
        }
        // 2^-j as the product over j's six bits b of (b ? 2^-(2^bit) : 1), lowest bits first;
        // floor(j / 2) of an integer j is round(j / 2 - 1/4), which never ties
        for (int i = 0; i < n; i++) {
            float j = k[i];
            float p = e[i];
            float h = (j * 0.5f - 0.25f + ROUND) - ROUND;
            float b = j - 2 * h;
            p *= b * 0x1p-1f + (1 - b);
            j = h;
            h = (j * 0.5f - 0.25f + ROUND) - ROUND;
            b = j - 2 * h;
            p *= b * 0x1p-2f + (1 - b);
            j = h;
            h = (j * 0.5f - 0.25f + ROUND) - ROUND;
            b = j - 2 * h;
            e[i] = p * (b * 0x1p-4f + (1 - b));
            k[i] = h;
        }
        for (int i = 0; i < n; i++) {
            float j = k[i];
            float p = e[i];
            float h = (j * 0.5f - 0.25f + ROUND) - ROUND;
            float b = j - 2 * h;
            p *= b * 0x1p-8f + (1 - b);
            j = h;
            h = (j * 0.5f - 0.25f + ROUND) - ROUND;
            b = j - 2 * h;
            p *= b * 0x1p-16f + (1 - b);
            e[i] = p * (h * 0x1p-32f + (1 - h));
        }
    }

    /**
     * {@code exp(x)} for {@code -FLOOR ≤ x ≤ 0} as this class computes it, for tests.
     */
    static float exp(float x) {
        RowSoftmax s = new RowSoftmax();
        s.exponentials(new float[] {x}, 0f);
        return s.exps[0];
    }
}
