package org.seq2seq.nn.runtime;

/**
 * The exponential, the logistic sigmoid and tanh over float arrays in plain Java, in loops that
 * HotSpot's C2 compiler turns into SIMD instructions, several times faster than ND4J's ops, whose
 * {@code linux-x86_64} build calls the C library's scalar {@code expf} (docs/performance.md,
 * "VectorMath").
 *
 * <p>The exponential is Cephes' {@code expf} polynomial after rounding {@code -x / ln 2} to an
 * integer j, times {@code 2^-j} built from its exponent bits. Each loop does one thing, because
 * C2 gives up vectorizing a loop body that is too large, and building {@code 2^-j} from powers
 * of two chosen by j's bits lost its vectorization when C2 recompiled it (docs/performance.md,
 * "VectorMath (one thing per loop)"). Arguments are clamped to
 * {@code [-FLOOR, 0]}: {@code exp(-43)} is 2e-19, below what any use here can tell from 0.
 *
 * <p>Not thread-safe: an instance holds scratch arrays. Make one per thread or per call.
 */
public final class VectorMath {
    /** Exponentials of arguments below {@code -FLOOR} are {@code exp(-FLOOR)}. */
    public static final float FLOOR = 43f;
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HIGH = 0.693359375f;
    private static final float LN2_LOW = -2.12194440e-4f;
    /** Adding and subtracting 1.5 · 2^23 rounds a float of magnitude below 2^22 to an integer. */
    private static final float ROUND = 12582912f;
    /** Any float of magnitude at least 2^-100 times this has magnitude at least 1. */
    private static final float STEEP = 0x1p100f;

    private float[] exponents = new float[0];
    private float[] negatives = new float[0];
    private float[] atStartCopy = new float[0];

    /**
     * {@code out[i] = exp(max(x[i] - shift, -FLOOR))} for {@code i < length}; relative error below
     * 1.2e-7.
     *
     * @param x     arguments, each at most {@code shift}; not changed (it may be {@code out})
     * @param shift subtracted from every argument first
     */
    public void exp(float[] x, float shift, float[] out, int length) {
        // exp(x) = 2^-j · p(r): j = round(-x / ln 2) in [0, 62], r = x + j ln 2 in [-ln 2 / 2, ln 2 / 2];
        // 2^-j, a normal float, is built from its exponent bits, and the product is exact. Two loops:
        // C2 vectorizes each of them, but not the two in one body
        float[] k = exponents = atLeast(exponents, length);
        reduce(x, shift, out, k, length);
        scale(out, k, length);
    }

    /** {@code out = p(r)}, {@code k = j}: the polynomial of the reduced argument, and j. */
    private static void reduce(float[] x, float shift, float[] out, float[] k, int length) {
        for (int i = 0; i < length; i++) {
            float v = Math.max(x[i] - shift, -FLOOR);
            float j = (-v * LOG2E + ROUND) - ROUND;
            float r = v + j * LN2_HIGH + j * LN2_LOW;
            float z = r * r;
            out[i] = (((((1.9875691500E-4f * r + 1.3981999507E-3f) * r + 8.3334519073E-3f) * r + 4.1665795894E-2f) * r
                    + 1.6666665459E-1f) * r + 5.0000001201E-1f) * z + r + 1f;
            k[i] = j;
        }
    }

    /** {@code out ·= 2^-k}, for whole k in [0, 126]: the float whose exponent field is 127 − k. */
    private static void scale(float[] out, float[] k, int length) {
        for (int i = 0; i < length; i++) {
            out[i] *= Float.intBitsToFloat((127 - (int) k[i]) << 23);
        }
    }

    /** {@link #sigmoid(float[], int, int)} of the first {@code length} values. */
    public void sigmoid(float[] a, int length) {
        sigmoid(a, 0, length);
    }

    /**
     * {@code a[i] = 1 / (1 + exp(-a[i]))} for {@code from ≤ i < from + length}: with
     * {@code e = exp(-|a|)}, the sigmoid is {@code 1 / (1 + e)} for {@code a ≥ 0} and
     * {@code e / (1 + e)} below, chosen by a weight that is 0 or 1 except within 2^-100 of 0, where
     * both agree. Absolute error below 1e-7.
     */
    public void sigmoid(float[] a, int from, int length) {
        float[] t = from == 0 ? a : atStart(a, from, length);
        sigmoidFromStart(t, length);
        if (t != a) {
            System.arraycopy(t, 0, a, from, length);
        }
    }

    /** {@link #tanh(float[], int, int)} of the first {@code length} values. */
    public void tanh(float[] a, int length) {
        tanh(a, 0, length);
    }

    /**
     * {@code a[i] = tanh(a[i]) = 2 sigmoid(2 a[i]) - 1} for {@code from ≤ i < from + length};
     * absolute error below 2.5e-7.
     */
    public void tanh(float[] a, int from, int length) {
        float[] t = from == 0 ? a : atStart(a, from, length);
        doubled(t, length);
        sigmoidFromStart(t, length);
        stretched(t, length);
        if (t != a) {
            System.arraycopy(t, 0, a, from, length);
        }
    }

    // The loops below index their arrays from 0: C2 vectorized a loop over a[from + i] and e[i]
    // poorly, so values at an offset are copied to the start of a scratch array first

    /** A scratch array whose first {@code length} values are {@code a[from …]}. */
    private float[] atStart(float[] a, int from, int length) {
        float[] t = atStartCopy = atLeast(atStartCopy, length);
        System.arraycopy(a, from, t, 0, length);
        return t;
    }

    private void sigmoidFromStart(float[] a, int length) {
        float[] e = negatives = atLeast(negatives, length);
        negativeMagnitudes(a, e, length);
        exp(e, 0f, e, length);
        blend(a, e, length);
    }

    /** {@code e = -|a|}. */
    private static void negativeMagnitudes(float[] a, float[] e, int length) {
        for (int i = 0; i < length; i++) {
            e[i] = -Math.abs(a[i]);
        }
    }

    /** {@code a = 1 / (1 + e)} where a ≥ 0, {@code e / (1 + e)} where a < 0. */
    private static void blend(float[] a, float[] e, int length) {
        for (int i = 0; i < length; i++) {
            float s = 1f / (1f + e[i]);
            float w = Math.min(Math.max(a[i] * STEEP, 0f), 1f);
            a[i] = s * (w + (1f - w) * e[i]);
        }
    }

    private static void doubled(float[] a, int length) {
        for (int i = 0; i < length; i++) {
            a[i] *= 2f;
        }
    }

    /** {@code a = 2a − 1}. */
    private static void stretched(float[] a, int length) {
        for (int i = 0; i < length; i++) {
            a[i] = 2f * a[i] - 1f;
        }
    }

    /** {@code a} when it holds {@code length} values, else a new array that does (old values are not kept). */
    private static float[] atLeast(float[] a, int length) {
        return a.length >= length ? a : new float[length];
    }
}
