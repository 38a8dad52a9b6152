package org.seq2seq.decoder.gru;

import org.seq2seq.nn.VectorMath;

/**
 * The gate arithmetic of GRU steps on float arrays in Java, after the matrix products: what
 * {@link GruCell#forward} computes, in the same order of operations, with {@link VectorMath}'s
 * sigmoid and tanh, in loops that the JIT vectorizes. ND4J's element-wise ops took longer than
 * the products here (7–14 ns per sigmoid or tanh value, plus 9–20 µs per op): 12 ms for a beam-5
 * step of 50 sentences, of which the products were about 4.
 *
 * <p>All arrays are row-major: row i of a {@code [N, 3H]} array holds its r, z and n blocks at
 * {@code i·3H}, {@code i·3H + H} and {@code i·3H + 2H}. Offsets say where a step's rows start.
 */
final class GruStepKernel {
    private GruStepKernel() {
    }

    /**
     * One decoding step.
     *
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
        float[] inputBias = bx.clone();                  // bx + (bh_r, bh_z, 0), as GruCell folds them
        for (int j = 0; j < 2 * h; j++) {
            inputBias[j] += bh[j];
        }
        float[] biased = new float[n * g];
        for (int i = 0; i < n; i++) {
            int o = i * g;
            if (extra == null) {
                for (int j = 0; j < g; j++) {
                    biased[o + j] = gx[o + j] + inputBias[j];
                }
            } else {
                for (int j = 0; j < g; j++) {
                    biased[o + j] = (gx[o + j] + inputBias[j]) + extra[o + j];
                }
            }
        }
        float[] bhn = new float[h];
        System.arraycopy(bh, 2 * h, bhn, 0, h);
        float[] next = new float[n * h];
        gates(biased, 0, gh, bhn, state, 0, n, h, new float[n * 2 * h], 0, new float[n * h], new float[n * h], 0,
                next, 0, math);
        return next;
    }

    /**
     * The gates of one step for N rows, written at the given offsets:
     * {@code r|z = σ(gx_rz + gh_rz)}, {@code hn = gh_n + bh_n}, {@code n = tanh(r ∘ hn + gx_n)},
     * {@code h' = (h − n) ∘ z + n}.
     *
     * @param gx    the input projections with all their biases {@code [N, 3H]} from {@code gxAt}
     * @param gh    {@code h·Wh} without bias {@code [N, 3H]} from 0
     * @param bhn   the recurrent bias of the n block {@code [H]}
     * @param state h {@code [N, H]} from {@code stateAt}
     * @param rz    receives r | z {@code [N, 2H]} from {@code rzAt}
     * @param hn    receives {@code gh_n + bh_n} {@code [N, H]} from {@code at}
     * @param cand  receives n {@code [N, H]} from {@code at}
     * @param next  receives h' {@code [N, H]} from {@code nextAt}
     */
    static void gates(float[] gx, int gxAt, float[] gh, float[] bhn, float[] state, int stateAt, int n, int h,
                      float[] rz, int rzAt, float[] hn, float[] cand, int at, float[] next, int nextAt,
                      VectorMath math) {
        int g = 3 * h;
        int h2 = 2 * h;
        for (int i = 0; i < n; i++) {
            int x = gxAt + i * g;
            int o = i * g;
            int q = rzAt + i * h2;
            for (int j = 0; j < h2; j++) {
                rz[q + j] = gx[x + j] + gh[o + j];
            }
        }
        math.sigmoid(rz, rzAt, n * h2);
        for (int i = 0; i < n; i++) {
            int o = i * g + h2;
            int c = at + i * h;
            for (int j = 0; j < h; j++) {
                hn[c + j] = gh[o + j] + bhn[j];
            }
        }
        for (int i = 0; i < n; i++) {
            int x = gxAt + i * g + h2;
            int q = rzAt + i * h2;
            int c = at + i * h;
            for (int j = 0; j < h; j++) {
                cand[c + j] = rz[q + j] * hn[c + j] + gx[x + j];
            }
        }
        math.tanh(cand, at, n * h);
        for (int i = 0; i < n; i++) {
            int q = rzAt + i * h2 + h;
            int c = at + i * h;
            int s = stateAt + i * h;
            int d = nextAt + i * h;
            for (int j = 0; j < h; j++) {
                next[d + j] = (state[s + j] - cand[c + j]) * rz[q + j] + cand[c + j];
            }
        }
    }
}
