package org.seq2seq.decoder.gru;

import org.seq2seq.nn.VectorMath;

/**
 * One GRU step for N rows on float arrays in Java, after the two matrix products: the gate
 * arithmetic of {@link GruCell#forward} in the same order of operations, with
 * {@link VectorMath}'s sigmoid and tanh, in loops that the JIT vectorizes. ND4J's element-wise
 * ops took longer than the products here (7–14 ns per sigmoid or tanh value, plus a fixed cost
 * per op): 12 ms for a beam-5 step of 50 sentences, of which the products were about 4.
 *
 * <p>All arrays are row-major: row i of a {@code [N, 3H]} array holds its r, z and n blocks at
 * {@code i·3H}, {@code i·3H + H} and {@code i·3H + 2H}.
 */
final class GruStepKernel {
    private GruStepKernel() {
    }

    /**
     * @param gx    {@code x·Wx} {@code [N, 3H]}, biases not added
     * @param extra added to {@code gx} after its bias (a context's share) {@code [N, 3H]}, or null
     * @param gh    {@code h·Wh} {@code [N, 3H]}, biases not added
     * @param state h {@code [N, H]}
     * @param bx    input bias {@code [3H]}
     * @param bh    recurrent bias {@code [3H]}
     * @return h' {@code [N, H]}
     */
    static float[] step(float[] gx, float[] extra, float[] gh, float[] state, float[] bx, float[] bh, int n, int h,
                        VectorMath math) {
        int g = 3 * h;
        int h2 = 2 * h;
        float[] inputBias = bx.clone();                  // bx + (bh_r, bh_z, 0), as GruCell folds them
        for (int j = 0; j < h2; j++) {
            inputBias[j] += bh[j];
        }
        float[] rz = new float[n * h2];                  // [N, 2H]: r | z
        for (int i = 0; i < n; i++) {
            int o = i * g;
            int q = i * h2;
            if (extra == null) {
                for (int j = 0; j < h2; j++) {
                    rz[q + j] = (gx[o + j] + inputBias[j]) + gh[o + j];
                }
            } else {
                for (int j = 0; j < h2; j++) {
                    rz[q + j] = ((gx[o + j] + inputBias[j]) + extra[o + j]) + gh[o + j];
                }
            }
        }
        math.sigmoid(rz, n * h2);
        float[] candidate = new float[n * h];           // [N, H]: n = tanh(gx_n + r ∘ (gh_n + bh_n))
        for (int i = 0; i < n; i++) {
            int o = i * g + h2;
            int q = i * h2;
            int c = i * h;
            if (extra == null) {
                for (int j = 0; j < h; j++) {
                    candidate[c + j] = rz[q + j] * (gh[o + j] + bh[h2 + j]) + (gx[o + j] + inputBias[h2 + j]);
                }
            } else {
                for (int j = 0; j < h; j++) {
                    candidate[c + j] = rz[q + j] * (gh[o + j] + bh[h2 + j])
                            + ((gx[o + j] + inputBias[h2 + j]) + extra[o + j]);
                }
            }
        }
        math.tanh(candidate, n * h);
        float[] next = new float[n * h];                // h' = (h − n) ∘ z + n
        for (int i = 0; i < n; i++) {
            int q = i * h2 + h;
            int c = i * h;
            for (int j = 0; j < h; j++) {
                next[c + j] = (state[c + j] - candidate[c + j]) * rz[q + j] + candidate[c + j];
            }
        }
        return next;
    }
}
